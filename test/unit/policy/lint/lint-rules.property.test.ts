/**
 * The answer-sized lint (distinct rule lists without visiting every enforcement point) finds exactly the
 * items — kinds, rules, `coveredBy` in the same order, messages — and statistics of the point-by-point
 * lint it replaced (fixtures/reference-lint.ts), on random small estates and on the vmware-analyzer examples.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCollectorExport } from "../../../../src/ingest/collector/parse-collector-export.ts";
import { lintNsx } from "../../../../src/policy/lint/lint-rules.ts";
import { compileNsx } from "../../../../src/policy/nsx/compile.ts";
import { VMWARE_EXAMPLES_DIR } from "../../../support/oracles.ts";
import { referenceLintNsx } from "./fixtures/reference-lint.ts";
import { buildRandomEstate, randomEstateSpec } from "./fixtures/random-estates.ts";

describe("lintNsx equals the point-by-point lint", () => {
  it("on random small estates of every bench shape, mutated", () => {
    fc.assert(
      fc.property(randomEstateSpec, (spec) => {
        const compiled = compileNsx(buildRandomEstate(spec));
        expect(lintNsx(compiled)).toEqual(referenceLintNsx(compiled));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it("on every vmware-analyzer example", () => {
    const names = readdirSync(VMWARE_EXAMPLES_DIR).filter((name) => name.endsWith(".json"));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const { estate } = parseCollectorExport(readFileSync(`${VMWARE_EXAMPLES_DIR}/${name}`, "utf8"), name);
      const compiled = compileNsx(estate);
      expect(lintNsx(compiled), name).toEqual(referenceLintNsx(compiled));
    }
  }, 120_000);
});
