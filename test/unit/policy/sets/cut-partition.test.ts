import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { partitionByCuts, partitionEachByCuts } from "../../../../src/policy/sets/cut-partition.ts";
import { IpSet } from "../../../../src/policy/sets/ip-set.ts";
import { ipSetArb } from "./arbitraries.ts";

/** The definition: fold the cuts one by one, each piece split into its part inside, then outside. */
function fold(base: IpSet, cuts: readonly IpSet[]): IpSet[] {
  let pieces = [base].filter((p) => !p.isEmpty());
  for (const cut of cuts) pieces = pieces.flatMap((p) => [p.intersect(cut), p.subtract(cut)]).filter((p) => !p.isEmpty());
  return pieces;
}

const texts = (sets: readonly IpSet[]) => sets.map((s) => s.toString());

describe("partitionByCuts", () => {
  it("gives the fold's pieces in the fold's order (property)", () => {
    fc.assert(
      fc.property(ipSetArb, fc.array(ipSetArb, { maxLength: 8 }), (base, cuts) => {
        expect(texts(partitionByCuts(base, cuts))).toEqual(texts(fold(base, cuts)));
      }),
      { numRuns: 500 },
    );
  });

  it("partitions disjoint bases in one sweep, and overlapping ones one by one (property)", () => {
    fc.assert(
      fc.property(fc.array(ipSetArb, { maxLength: 5 }), fc.array(ipSetArb, { maxLength: 6 }), fc.boolean(), (raw, cuts, disjoint) => {
        let taken = IpSet.empty();
        const bases = disjoint
          ? raw.map((b) => {
              const own = b.subtract(taken);
              taken = taken.union(own);
              return own;
            })
          : raw;
        const expected = bases.flatMap((b, base) => fold(b, cuts).map((p) => ({ base, addresses: p.toString() })));
        const actual = partitionEachByCuts(bases, cuts).map((p) => ({ base: p.base, addresses: p.addresses.toString() }));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
