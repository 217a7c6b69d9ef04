import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { demoFiles } from "../../../src/scripts/lib/seed-database.ts";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import { compileNsx } from "../../../src/policy/nsx/compile.ts";
import { explainNsxFlow } from "../../../src/policy/nsx/explain-flow.ts";
import { compileForFlowQueries } from "../../../src/server/services/flow-engine.ts";

describe("the flow query's compile", () => {
  it("explains every flow exactly like the full compile (demo estate, VM pairs, external addresses, several protocols)", () => {
    const result = importEstate(demoFiles(), { sha256: (b) => createHash("sha256").update(b).digest("hex") });
    if (!result.ok) throw new Error("demo import failed");
    const full = compileNsx(result.estate);
    const light = compileForFlowQueries(result.estate, { light: true });
    expect(light.rules.length).toBe(full.rules.length);
    const names = full.vms.map((v) => v.vm.name);
    const endpoints = [...names.filter((_, i) => i % 7 === 0), "8.8.8.8", "192.0.2.10", "2001:db8::1"];
    const flows = [
      { protocol: 6, dstPort: 443 },
      { protocol: 6, dstPort: 22 },
      { protocol: 17, dstPort: 53 },
      { protocol: 1, icmpType: 8, icmpCode: 0 },
    ];
    let compared = 0;
    for (const src of endpoints) {
      for (const dst of endpoints) {
        if (src === dst) continue;
        for (const flow of flows) {
          let expected: unknown;
          try {
            expected = explainNsxFlow(full, src, dst, flow);
          } catch (error) {
            expect(() => explainNsxFlow(light, src, dst, flow)).toThrow((error as Error).message);
            continue;
          }
          expect(explainNsxFlow(light, src, dst, flow)).toEqual(expected);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
