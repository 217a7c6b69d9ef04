/**
 * The result of a walk over peer groups (`signatureGroups`): groups with distinct walk nodes, the largest one
 * possibly implicit (the rest), and what callers do with one — fill a row, list every member, test membership.
 */

export interface PeerGroup {
  node: number;
  peers: Int32Array;
}

/**
 * A walk's groups with its largest one possibly kept implicit: `rest` holds every peer of `base` that is in no
 * listed group, plus `extras` (peers outside `base`), `size` in all. A walk that starts from most peers in one
 * group keeps that group as the rest and never lists it, so a walk costs the peers its steps list, not every
 * peer. Groups (rest included) are disjoint and have distinct nodes.
 */
export interface WalkGroups {
  rest?: { node: number; base: Int32Array; extras: Int32Array; size: number };
  groups: PeerGroup[];
}

/** Starting groups: disjoint peer lists (the largest may become the walk's rest), or a walk's result. */
export type WalkStart = readonly PeerGroup[] | WalkGroups;

/** Every group of a walk with its members listed (the rest too): for callers that visit each member anyway. */
export function listedGroups(walk: WalkGroups, peerCount: number): PeerGroup[] {
  const { rest, groups } = walk;
  if (!rest) return groups;
  const taken = new Uint8Array(peerCount);
  for (const g of groups) for (let i = 0; i < g.peers.length; i++) taken[g.peers[i]] = 1;
  const members: number[] = [];
  for (let i = 0; i < rest.base.length; i++) if (rest.base[i] < peerCount && !taken[rest.base[i]]) members.push(rest.base[i]);
  for (let i = 0; i < rest.extras.length; i++) members.push(rest.extras[i]);
  members.sort((a, b) => a - b);
  return [...groups, { node: rest.node, peers: Int32Array.from(members) }];
}

/**
 * Writes `valueOf(node)` at every member of each group (the rest included) and `outside` at every other
 * index of `target` (index = peer): the rest costs one `fill` and the complement of its base, not a loop
 * over its members.
 */
export function fillGroups(target: Int32Array, walk: WalkGroups, valueOf: (node: number) => number, outside: number): void {
  const { rest, groups } = walk;
  if (rest) {
    const value = valueOf(rest.node);
    target.fill(value);
    const others = complementOfBase(rest.base, target.length);
    for (let i = 0; i < others.length; i++) target[others[i]] = outside;
    for (let i = 0; i < rest.extras.length; i++) if (rest.extras[i] < target.length) target[rest.extras[i]] = value;
  } else target.fill(outside);
  for (let g = 0; g < groups.length; g++) {
    const value = valueOf(groups[g].node);
    const members = groups[g].peers;
    for (let i = 0; i < members.length; i++) target[members[i]] = value;
  }
}

/** Indexes below `length` not in `base`, by base (bases are long-lived universes). */
const complements = new WeakMap<Int32Array, Map<number, Int32Array>>();

function complementOfBase(base: Int32Array, length: number): Int32Array {
  let byLength = complements.get(base);
  if (!byLength) complements.set(base, (byLength = new Map()));
  let list = byLength.get(length);
  if (!list) {
    const marks = new Uint8Array(length);
    for (let i = 0; i < base.length; i++) if (base[i] < length) marks[base[i]] = 1;
    const out: number[] = [];
    for (let p = 0; p < length; p++) if (!marks[p]) out.push(p);
    byLength.set(length, (list = Int32Array.from(out)));
  }
  return list;
}

/** A base's membership marks over `peerCount` peers and how many distinct peers below it the base has. */
const baseMarks = new WeakMap<Int32Array, { marks: Uint8Array; count: number }>();

/** Membership marks (1: in the list) of a long-lived peer list over `peerCount` peers, with its distinct count; cached. */
export function marksOf(base: Int32Array, peerCount: number): { marks: Uint8Array; count: number } {
  let known = baseMarks.get(base);
  if (!known || known.marks.length !== peerCount) {
    const marks = new Uint8Array(peerCount);
    let count = 0;
    for (let i = 0; i < base.length; i++) {
      const peer = base[i];
      if (peer < peerCount && !marks[peer]) {
        marks[peer] = 1;
        count++;
      }
    }
    baseMarks.set(base, (known = { marks, count }));
  }
  return known;
}

export function isWalkGroups(start: WalkStart): start is WalkGroups {
  return !Array.isArray(start);
}
