/** Acceptance: every np-guard vmware-analyzer example translates (both API versions) and verifies with zero unexplained counterexamples. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCollectorExport } from "../../../src/ingest/collector/parse-collector-export.ts";
import { translateEstate, verifyTranslation } from "../../../src/translate/index.ts";
import { VMWARE_EXAMPLES_DIR } from "../../support/oracles.ts";

const dir = VMWARE_EXAMPLES_DIR;
const examples = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

describe("vmware-analyzer examples round trip", () => {
  it("has the 44 examples", () => expect(examples.length).toBe(44));
  it.each(
    examples.flatMap(
      (f) =>
        [
          [f, "v1alpha1"],
          [f, "v1alpha2"],
        ] as const,
    ),
  )("%s (%s) is equivalent except findings", (file, api) => {
    const { estate, errors } = parseCollectorExport(readFileSync(`${dir}/${file}`, "utf8"), file);
    expect(errors).toEqual([]);
    const result = translateEstate(estate, undefined, { api });
    expect(result.summary.unsound).toEqual([]);
    const verification = verifyTranslation(estate, result.files, result.findings);
    expect(verification.differences).toEqual([]);
    expect(verification.unmappedVms).toEqual([]);
    expect(verification.manifestErrors).toEqual([]);
    expect(verification.equivalent).toBe(true);
    // The translator's NSX rows, reused by the round trip, give the same verification.
    const reused = verifyTranslation(estate, { placed: result.placed }, result.findings, {
      compiled: result.shared.compiled,
      shared: result.shared,
    });
    expect({ ...reused, stats: { ...reused.stats, elapsedMs: 0 } }).toEqual({
      ...verification,
      stats: { ...verification.stats, elapsedMs: 0 },
    });
    // Same input, same bytes.
    expect(translateEstate(estate, undefined, { api }).files).toEqual(result.files);
  });
});
