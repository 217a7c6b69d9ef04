import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { peerSetOf, signatureGroups, type SignatureStep, type Transitions } from "../../../../src/policy/equivalence/peer-signatures.ts";
import { fillGroups, type PeerGroup } from "../../../../src/policy/equivalence/walk-groups.ts";
import { WalkComparer, type WalkSide } from "../../../../src/policy/equivalence/walk-compare.ts";

const hash = (peer: number, salt: number) => ((Math.imul(peer + 1, 2654435761) ^ salt) >>> 0) / 2 ** 32;

/** A walk over random steps from starts that cover `share` of the peers (the rest of them in no group). */
function randomWalk(peerCount: number, seed: number, share: number, starts: number, stepCount: number, extra: readonly number[] = []) {
  const all = Int32Array.from({ length: peerCount }, (_, i) => i);
  const initial: PeerGroup[] = [];
  for (let k = 0; k < starts; k++) {
    const peers = all.filter((p) => hash(p, seed) < share && p % starts === k);
    if (peers.length > 0) initial.push({ node: 1000 + k, peers });
  }
  const steps: SignatureStep[] = Array.from({ length: stepCount }, (_, t) => ({
    token: t,
    peers: peerSetOf(all, (p) => hash(p, seed + 17 * t + 1) < hash(t, seed)),
  }));
  // An extra step over a few listed peers: a walk that differs from the one without it at most there.
  if (extra.length > 0) steps.push({ token: stepCount + 1, peers: { kind: "list", peers: Int32Array.from(new Set(extra)).sort() } });
  // Few distinct nodes, so values repeat across peers and walks.
  const trie: Transitions = { child: (node, token) => (Math.imul(node + 7, 31) + token * (seed | 1)) % 5 };
  return signatureGroups(trie, peerCount, initial, steps);
}

/** A walk's seed, share of peers in its starts, number of starting groups and of steps. */
const walkParameters = fc.tuple(
  fc.integer(),
  fc.double({ min: 0.3, max: 1, noNaN: true }),
  fc.integer({ min: 1, max: 3 }),
  fc.integer({ min: 0, max: 6 }),
);

/** The definition: fill both rows (`fillGroups`) and compare them on the universe, the skipped peer left out. */
function filledRowsDiffer(a: WalkSide, b: WalkSide, universe: Int32Array, skip: number, peerCount: number): boolean {
  const rowA = new Int32Array(peerCount);
  const rowB = new Int32Array(peerCount);
  fillGroups(rowA, a.walk, a.valueOf, a.outside);
  fillGroups(rowB, b.walk, b.valueOf, b.outside);
  return [...universe].some((p) => p !== skip && rowA[p] !== rowB[p]);
}

describe("WalkComparer", () => {
  it("finds the few peers where two nearly equal walks differ, and ignores the skipped peer", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 64, max: 260 }),
        walkParameters,
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        (peerCount, [seed, share, starts, stepCount], extraAt, skipExtra, valueMap) => {
          const extra = extraAt.map((n) => n % peerCount);
          const a = randomWalk(peerCount, seed, share, starts, stepCount);
          const b = randomWalk(peerCount, seed, share, starts, stepCount, extra);
          const universe = Int32Array.from({ length: peerCount }, (_, i) => i);
          const valueOf = (node: number) => (valueMap === 0 ? node : node % (valueMap + 1));
          const skip = skipExtra && extra.length > 0 ? extra[0] : -1;
          const comparer = new WalkComparer(peerCount);
          const sideA = { walk: a, valueOf, outside: -1 };
          const sideB = { walk: b, valueOf, outside: -1 };
          const expected = filledRowsDiffer(sideA, sideB, universe, skip, peerCount);
          expect(comparer.differs(sideA, sideB, universe, skip)).toBe(expected);
          expect(comparer.differs(sideB, sideA, universe, skip)).toBe(expected);
        },
      ),
      { numRuns: 800 },
    );
  });

  it("says rows differ exactly when their filled rows differ on the universe (skip left out)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 64, max: 260 }),
        walkParameters,
        walkParameters,
        fc.double({ min: 0.2, max: 1, noNaN: true }),
        fc.integer({ min: -1, max: 300 }),
        fc.integer({ min: 0, max: 3 }),
        (peerCount, [seedA, shareA, startsA, stepsA], [seedB, shareB, startsB, stepsB], universeShare, skipAt, valueMap) => {
          const a = randomWalk(peerCount, seedA, shareA, startsA, stepsA);
          const b = randomWalk(peerCount, seedB, shareB, startsB, stepsB);
          const universe = Int32Array.from({ length: peerCount }, (_, i) => i).filter((p) => hash(p, 99) < universeShare);
          // Values: the node, or collapsed so that different nodes often give equal values.
          const valueOf = (node: number) => (valueMap === 0 ? node : node % (valueMap + 1));
          const skip = skipAt >= peerCount ? -1 : skipAt;
          const comparer = new WalkComparer(peerCount);
          const sideA = { walk: a, valueOf, outside: -1 };
          const sideB = { walk: b, valueOf, outside: valueMap === 3 ? -1 : -2 };
          const expected = filledRowsDiffer(sideA, sideB, universe, skip, peerCount);
          // Twice: the second call runs on the stamps and caches the first one left.
          expect(comparer.differs(sideA, sideB, universe, skip)).toBe(expected);
          expect(comparer.differs(sideB, sideA, universe, skip)).toBe(expected);
          expect(comparer.differs(sideA, sideA, universe, skip)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("sees a single peer that one side leaves in its rest and the other in no group", () => {
    const trie: Transitions = { child: (node) => node };
    const all = Int32Array.from({ length: 100 }, (_, i) => i);
    const a = signatureGroups(trie, 100, [{ node: 1, peers: all }], []);
    const b = signatureGroups(trie, 100, [{ node: 1, peers: all.filter((p) => p !== 5) }], []);
    expect(a.rest && b.rest && a.groups.length + b.groups.length).toBe(0);
    const comparer = new WalkComparer(100);
    const side = (walk: typeof a) => ({ walk, valueOf: () => 7, outside: 0 });
    expect(comparer.differs(side(a), side(b), all, -1)).toBe(true);
    expect(comparer.differs(side(a), side(b), all, 5)).toBe(false);
    expect(
      comparer.differs(
        side(a),
        side(b),
        all.filter((p) => p !== 5),
        -1,
      ),
    ).toBe(false);
  });
});
