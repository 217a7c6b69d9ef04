/**
 * A set of addresses cut at every boundary of a list of cuts: the pieces on which every cut is wholly in or
 * wholly out. Same pieces, in the same order, as folding the cuts one by one (each piece split into its part
 * inside the cut, then its part outside, empty parts dropped) — but by one sweep over the boundaries, so many
 * cuts cost their intervals, not pieces × cuts.
 */
import { IpSet } from "./ip-set.ts";
import type { Interval } from "./interval-set.ts";
import { lowerBound } from "./sorted-search.ts";

interface Segment {
  family: 4 | 6;
  lo: bigint;
  hi: bigint;
  /** Indexes of the cuts containing the segment, ascending. */
  inside: number[];
}

export function partitionByCuts(base: IpSet, cuts: readonly IpSet[]): IpSet[] {
  if (base.isEmpty()) return [];
  return partitionSegments([...familySegments(base, cuts, 4), ...familySegments(base, cuts, 6)]).map((p) => p.addresses);
}

/** Segments grouped by the cuts they lie in (a group is one piece), in the fold's order. */
function partitionSegments(segments: readonly Segment[]): { inside: number[]; addresses: IpSet }[] {
  const pieces = new Map<string, { inside: number[]; v4: Interval<bigint>[]; v6: Interval<bigint>[] }>();
  for (const s of segments) {
    const key = s.inside.join(",");
    let piece = pieces.get(key);
    if (!piece) pieces.set(key, (piece = { inside: s.inside, v4: [], v6: [] }));
    (s.family === 4 ? piece.v4 : piece.v6).push([s.lo, s.hi]);
  }
  // The fold's order: at the first cut where two pieces differ, the piece inside it comes first.
  return [...pieces.values()]
    .sort((a, b) => insideFirst(a.inside, b.inside))
    .map((p) => ({ inside: p.inside, addresses: IpSet.fromIntervals(p.v4, p.v6) }));
}

function insideFirst(a: readonly number[], b: readonly number[]): number {
  for (let i = 0, j = 0; ; i++, j++) {
    if (i >= a.length || j >= b.length) return i < a.length ? -1 : j < b.length ? 1 : 0;
    if (a[i] !== b[j]) return a[i] < b[j] ? -1 : 1;
  }
}

/** The base's addresses of one family split at every cut boundary, each segment with the cuts containing it. */
function familySegments(base: IpSet, cuts: readonly IpSet[], family: 4 | 6): Segment[] {
  const of = (set: IpSet) => (family === 4 ? set.intervals().v4 : set.intervals().v6);
  const baseIntervals = of(base);
  if (baseIntervals.length === 0) return [];
  const points = new Set<bigint>();
  for (const [lo, hi] of baseIntervals) points.add(lo).add(hi + 1n);
  for (const cut of cuts) for (const [lo, hi] of of(cut)) points.add(lo).add(hi + 1n);
  const starts = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Elementary segment k is [starts[k], starts[k + 1] − 1]; only those inside the base are kept.
  const inBase = new Uint8Array(starts.length);
  const inside: number[][] = starts.map(() => []);
  const cover = (lo: bigint, hi: bigint, visit: (k: number) => void) => {
    for (let k = lowerBound(starts, lo); k < starts.length - 1 && starts[k] <= hi; k++) visit(k);
  };
  for (const [lo, hi] of baseIntervals) cover(lo, hi, (k) => (inBase[k] = 1));
  cuts.forEach((cut, c) => {
    for (const [lo, hi] of of(cut))
      cover(lo, hi, (k) => {
        if (inBase[k]) inside[k].push(c);
      });
  });
  const segments: Segment[] = [];
  for (let k = 0; k < starts.length - 1; k++)
    if (inBase[k]) segments.push({ family, lo: starts[k], hi: starts[k + 1] - 1n, inside: inside[k] });
  return segments;
}

/**
 * `partitionByCuts` of each base in turn, as one sweep: the pieces of base 0 first, then of base 1, …, each
 * with its base's index. The bases must be disjoint (the engine's external classes are); if they are not,
 * each is partitioned on its own.
 */
export function partitionEachByCuts(bases: readonly IpSet[], cuts: readonly IpSet[]): { base: number; addresses: IpSet }[] {
  const all = bases.reduce((union, b) => union.union(b), IpSet.empty());
  const segments = [...familySegments(all, [...bases, ...cuts], 4), ...familySegments(all, [...bases, ...cuts], 6)];
  if (segments.some((s) => s.inside.length > 1 && s.inside[1] < bases.length))
    return bases.flatMap((b, base) => partitionByCuts(b, cuts).map((addresses) => ({ base, addresses })));
  return partitionSegments(segments).map((p) => ({ base: p.inside[0], addresses: p.addresses }));
}
