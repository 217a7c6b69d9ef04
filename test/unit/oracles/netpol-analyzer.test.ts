/**
 * Every netpol-analyzer oracle case is its own test: in-scope cases must PASS (semantic equality with the
 * expected connlist); out-of-scope cases must carry a reason derived from their input.
 */
import { describe, expect, it } from "vitest";
import { listNetpolCases, resolveNetpolCasesDir, runNetpolCase } from "../../../src/cli/commands/oracle-netpol.ts";
import { ORACLES_DIR } from "../../support/oracles.ts";

describe("netpol-analyzer oracle", () => {
  const casesDir = resolveNetpolCasesDir(ORACLES_DIR);
  const cases = listNetpolCases(casesDir);

  it("finds the cases", () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases)(
    "%s",
    (name) => {
      const verdict = runNetpolCase(casesDir, name);
      if (verdict.status === "OUT-OF-SCOPE") {
        expect(verdict.reason).toMatch(/outside the model/);
        return;
      }
      expect(verdict.status === "FAIL" ? verdict.detail : "PASS").toBe("PASS");
      // ipblockstest_4 (many ipBlock boundaries) takes ~25 s on a loaded 2-core machine; a correctness check, not a timing test.
    },
    300_000,
  );
});
