import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  peerSetOf,
  signatureGroups,
  signatureGroupsOfLists,
  type SignatureStep,
  type Transitions,
} from "../../../../src/policy/equivalence/peer-signatures.ts";
import { fillGroups, listedGroups, type PeerGroup } from "../../../../src/policy/equivalence/walk-groups.ts";

/** A transition table built on demand: (node, token) → a node drawn from `targets`, so walks merge and split. */
function randomTrie(targets: readonly number[]): Transitions {
  const table = new Map<string, number>();
  let next = 0;
  return {
    child(node, token) {
      const key = `${node},${token}`;
      let to = table.get(key);
      if (to === undefined) table.set(key, (to = targets[next++ % targets.length]));
      return to;
    },
  };
}

/** The definition: each peer walks its own applicable steps; peers ending on the same node form a group. */
function naiveGroups(trie: Transitions, initial: readonly PeerGroup[], steps: readonly SignatureStep[]): Map<number, number[]> {
  const end = new Map<number, number[]>();
  const seen = new Set<number>();
  for (const group of initial) {
    for (const peer of group.peers) {
      if (seen.has(peer)) continue;
      seen.add(peer);
      let node = group.node;
      for (const { token, peers } of steps) {
        const applies =
          peers.kind === "all" ||
          (peers.kind === "list" && peers.peers.includes(peer)) ||
          (peers.kind === "allBut" && !peers.peers.includes(peer));
        if (applies) node = trie.child(node, token);
      }
      end.set(
        node,
        [...(end.get(node) ?? []), peer].sort((a, b) => a - b),
      );
    }
  }
  return end;
}

const asMap = (groups: PeerGroup[]) => new Map(groups.map((g) => [g.node, [...g.peers].sort((a, b) => a - b)]));

describe("signatureGroups (partition refinement with merging)", () => {
  // Runs first in this file, on the module's fresh (small) buffers: each step halves every group, so the
  // per-group arrays grow in the middle of a step. Regression: a step kept reading (and resetting) the copy
  // from before the growth, and the next step skipped groups — found by the 32,000 × 50,000 bench.
  it("stays exact when its buffers grow in the middle of a step", () => {
    const peerCount = 3000;
    const universe = Int32Array.from({ length: peerCount }, (_, i) => i);
    const steps: SignatureStep[] = Array.from({ length: 11 }, (_, bit) => ({
      token: bit,
      peers: peerSetOf(universe, (peer) => ((peer >> bit) & 1) === 1),
    }));
    steps.push(...steps.map((step) => ({ token: step.token + 20, peers: step.peers })));
    const ids = new Map<string, number>();
    const trie: Transitions = {
      child(node, token) {
        const key = `${node},${token}`;
        let id = ids.get(key);
        if (id === undefined) ids.set(key, (id = ids.size + 1));
        return id;
      },
    };
    const initial: PeerGroup[] = [{ node: 0, peers: universe }];
    const groups = listedGroups(signatureGroups(trie, peerCount, initial, steps), peerCount);
    expect(groups.length).toBe(2048);
    expect(asMap(groups)).toEqual(naiveGroups(trie, initial, steps));
  });

  it("groups peers exactly by the node their own walk ends on, with buffers reused across walks", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer()), { maxLength: 40 }),
        fc.integer({ min: 1, max: 3 }),
        (peerCount, targets, stepSpecs, starts) => {
          const universe = Int32Array.from({ length: peerCount }, (_, i) => i);
          const steps: SignatureStep[] = stepSpecs.map(([token, density, seed]) => ({
            token,
            peers: peerSetOf(universe, (peer) => ((Math.imul(peer + 1, 2654435761) ^ seed) >>> 0) / 2 ** 32 < density),
          }));
          const initial: PeerGroup[] = Array.from({ length: starts }, (_, k) => ({
            node: 100 + k,
            peers: universe.filter((p) => p % starts === k),
          }));
          const trie = randomTrie(targets);
          // Twice: the second walk runs on the buffers the first one left.
          for (let round = 0; round < 2; round++) {
            const groups = listedGroups(signatureGroups(trie, peerCount, initial, steps), peerCount);
            expect(new Set(groups.map((g) => g.node)).size).toBe(groups.length);
            expect(asMap(groups)).toEqual(naiveGroups(trie, initial, steps));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("walks many lists sharing prefixes exactly as each list alone (signatureGroupsOfLists)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer()), { minLength: 1, maxLength: 12 }),
        fc.array(fc.array(fc.nat(), { maxLength: 10 }), { maxLength: 12 }),
        (peerCount, targets, stepSpecs, picks) => {
          const universe = Int32Array.from({ length: peerCount }, (_, i) => i);
          // One step object per token, as the callers guarantee; lists pick steps in increasing token order,
          // so they share prefixes the way rule lists in table order do.
          const steps: SignatureStep[] = stepSpecs.map(([density, seed], token) => ({
            token,
            peers: peerSetOf(universe, (peer) => ((Math.imul(peer + 1, 2654435761) ^ seed) >>> 0) / 2 ** 32 < density),
          }));
          const lists = picks.map((pick) => [...new Set(pick.map((n) => n % steps.length))].sort((a, b) => a - b).map((t) => steps[t]));
          const initial: PeerGroup[] = [{ node: 100, peers: universe }];
          const trie = randomTrie(targets);
          const seen: number[] = [];
          signatureGroupsOfLists(trie, peerCount, initial, lists, (i, groups) => {
            seen.push(i);
            expect(asMap(listedGroups(groups, peerCount))).toEqual(naiveGroups(trie, initial, lists[i]));
          });
          expect(seen.sort((a, b) => a - b)).toEqual(lists.map((_, i) => i));
        },
      ),
      { numRuns: 300 },
    );
  });

  // The largest starting group (half the peers or more) is kept implicit as the walk's "rest": its members
  // are never listed, so a step reaches it through the step's own list. Starts here leave peers outside
  // every group, use several groups, and walks go on from a previous walk's result (rest and all).
  it("keeps the largest group implicit and stays exact, also when a walk goes on from another's result", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 64, max: 300 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer()), { maxLength: 40 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer(),
        (peerCount, targets, stepSpecs, others, cut, seed) => {
          const hash = (peer: number, salt: number) => ((Math.imul(peer + 1, 2654435761) ^ salt) >>> 0) / 2 ** 32;
          const all = Int32Array.from({ length: peerCount }, (_, i) => i);
          // Steps list peers of the whole index space, including peers in no starting group.
          const steps: SignatureStep[] = stepSpecs.map(([token, density, salt]) => ({
            token,
            peers: peerSetOf(all, (peer) => hash(peer, salt) < density),
          }));
          // A big group (≥ half the peers), up to three small ones, and a few peers in none.
          const bucket = (peer: number) => {
            const x = hash(peer, seed);
            return x < 0.62 ? 0 : x < 0.95 ? 1 + (peer % Math.max(1, others)) : -1;
          };
          const initial: PeerGroup[] = [];
          for (let k = 0; k <= Math.max(1, others); k++) {
            const peers = all.filter((p) => bucket(p) === k);
            if (peers.length > 0) initial.push({ node: 100 + k, peers });
          }
          const trie = randomTrie(targets);
          const expected = naiveGroups(trie, initial, steps);
          const walked = signatureGroups(trie, peerCount, initial, steps);
          const listed = listedGroups(walked, peerCount);
          expect(asMap(listed)).toEqual(expected);
          if (walked.rest) expect(walked.rest.size).toBe(listed[listed.length - 1].peers.length);
          const at = Math.min(cut, steps.length);
          const first = signatureGroups(trie, peerCount, initial, steps.slice(0, at));
          const chained = signatureGroups(trie, peerCount, first, steps.slice(at));
          expect(asMap(listedGroups(chained, peerCount))).toEqual(expected);
          // fillGroups writes each group's value at its members and `outside` elsewhere.
          const filled = new Int32Array(peerCount);
          fillGroups(filled, chained, (node) => node, -1);
          const want = new Int32Array(peerCount).fill(-1);
          for (const [node, peers] of expected) for (const p of peers) want[p] = node;
          expect([...filled]).toEqual([...want]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("moves the rest whole when a step lists every member it has left", () => {
    const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);
    const ids = new Map<string, number>();
    const trie: Transitions = {
      child(node, token) {
        const key = `${node},${token}`;
        let id = ids.get(key);
        if (id === undefined) ids.set(key, (id = ids.size + 10));
        return id;
      },
    };
    const initial: PeerGroup[] = [
      { node: 1, peers: range(0, 70) },
      { node: 2, peers: range(70, 100) },
    ];
    const steps: SignatureStep[] = [
      { token: 1, peers: { kind: "list", peers: range(0, 10) } },
      { token: 2, peers: { kind: "list", peers: range(10, 70) } },
      { token: 3, peers: { kind: "allBut", peers: range(0, 70) } },
    ];
    const walked = signatureGroups(trie, 100, initial, steps);
    expect(walked.rest?.size).toBe(60);
    expect(asMap(listedGroups(walked, 100))).toEqual(naiveGroups(trie, initial, steps));
  });
});
