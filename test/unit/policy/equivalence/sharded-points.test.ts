/**
 * Pass 1 of the equivalence check split into shards (as `npm run bench --workers` does) and merged gives
 * exactly the result of the single-threaded check, on equivalent and on mutated (differing) estates.
 */
import { describe, expect, it } from "vitest";
import { clusterModelOf } from "../../../../src/policy/bench/cluster-model-of.ts";
import { syntheticEstate, type K8sObject } from "../../../../src/policy/bench/synthetic-estate.ts";
import { checkEquivalence, compareEnforcementPoints, mergePointDifferences } from "../../../../src/policy/equivalence/check-equivalence.ts";
import { compileNsx } from "../../../../src/policy/nsx/compile.ts";

function mutated(objects: K8sObject[], every: number): K8sObject[] {
  let n = 0;
  return objects.filter((o) => !(o.kind === "AdminNetworkPolicy" || o.kind === "NetworkPolicy") || n++ % every !== 0);
}

describe("sharded pass 1", () => {
  for (const [seed, every] of [
    [3, 0],
    [5, 7],
    [8, 3],
  ] as const) {
    it(`seed ${seed}, dropping every ${every || "no"} policy`, () => {
      const { estate, manifests } = syntheticEstate({ seed, rules: 120, vms: 90 });
      const model = clusterModelOf(every ? mutated(manifests, every) : manifests);
      const compiled = compileNsx(estate);
      const whole = checkEquivalence(compiled, model, { maxDifferences: 50 });
      for (const count of [2, 3]) {
        const parts = Array.from({ length: count }, (_, index) => compareEnforcementPoints(compiled, model, {}, { index, count }));
        const sharded = checkEquivalence(compiled, model, { maxDifferences: 50, pointDifferences: mergePointDifferences(parts) });
        expect(sharded.equivalent).toBe(whole.equivalent);
        expect(sharded.stats.classPairs).toBe(whole.stats.classPairs);
        expect(sharded.stats.differenceCount).toBe(whole.stats.differenceCount);
        expect(sharded.differences.map((d) => [d.family, d.example.src, d.example.dst, d.nsx.verdict, d.k8s.verdict])).toEqual(
          whole.differences.map((d) => [d.family, d.example.src, d.example.dst, d.nsx.verdict, d.k8s.verdict]),
        );
      }
      if (every) expect(whole.stats.differenceCount).toBeGreaterThan(0);
    });
  }
});
