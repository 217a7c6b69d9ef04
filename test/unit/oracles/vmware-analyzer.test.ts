import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listVmwareAnalyzerExamples, runVmwareAnalyzerCase } from "../../../src/cli/commands/oracle-vmware.ts";
import { VMWARE_ANALYZER_DIR } from "../../support/oracles.ts";

const oracleDir = VMWARE_ANALYZER_DIR;

describe("vmware-analyzer oracle", () => {
  const names = listVmwareAnalyzerExamples(oracleDir);

  it("has examples and expected tables", () => {
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => existsSync(path.join(oracleDir, "expected", `${n}.txt`))).length).toBeGreaterThan(0);
  });

  it.each(names)("%s imports with zero errors and matches its expected table if any", (name) => {
    const result = runVmwareAnalyzerCase(oracleDir, name);
    expect(result.status === "FAIL" ? result.detail : "ok").toBe("ok");
    expect(["PASS", "IMPORTED"]).toContain(result.status);
  });
});
