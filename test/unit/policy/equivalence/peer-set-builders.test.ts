import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  intersectOver,
  peerSetOf,
  peerSetOfHits,
  peerSetOfMisses,
  type PeerSet,
} from "../../../../src/policy/equivalence/peer-signatures.ts";

/** The definition: membership by scanning the set's representation. */
function member(set: PeerSet, peer: number): boolean {
  if (set.kind === "all" || set.kind === "none") return set.kind === "all";
  return set.peers.includes(peer) === (set.kind === "list");
}

// A universe: an ascending subset of 0..n-1 (peers outside the family are missing), plus a predicate's bits.
const universeAnd = (extra: number) =>
  fc
    .array(fc.boolean(), { minLength: 1, maxLength: 80 })
    .chain((inU) =>
      fc.tuple(
        fc.constant(Int32Array.from(inU.flatMap((v, i) => (v ? [i] : [])))),
        ...Array.from({ length: extra }, () => fc.array(fc.boolean(), { minLength: inU.length, maxLength: inU.length })),
      ),
    );

describe("peer sets built from lists equal the scan's (peerSetOf)", () => {
  it("peerSetOfHits / peerSetOfMisses", () => {
    fc.assert(
      fc.property(universeAnd(1), ([universe, bits]) => {
        const hits = [...universe].filter((p) => bits[p]);
        expect(peerSetOfHits(universe, hits)).toEqual(peerSetOf(universe, (p) => bits[p]));
        expect(peerSetOfMisses(universe, hits)).toEqual(peerSetOf(universe, (p) => !bits[p]));
      }),
      { numRuns: 300 },
    );
  });

  it("intersectOver: the subjects (peers below c) in both sets", () => {
    fc.assert(
      fc.property(universeAnd(2), fc.nat(), ([universe, bitsA, bitsB], cut) => {
        const n = bitsA.length;
        const c = n === 0 ? 0 : cut % (n + 1);
        const a = peerSetOf(universe, (p) => bitsA[p]);
        const b = peerSetOf(universe, (p) => bitsB[p]);
        const subjects = universe.filter((p) => p < c);
        const expected = peerSetOf(subjects, (v) => member(a, v) && member(b, v));
        expect(intersectOver(subjects, c, a, b)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
