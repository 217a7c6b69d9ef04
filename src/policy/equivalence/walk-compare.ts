/**
 * Whether two walks (`WalkGroups`) give some peer of a universe different values, without a row per walk:
 * the cost is the peers the walks list, plus at most four comparisons for the peers neither lists. Pass 1 of `checkEquivalence` compares an NSX walk with a Kubernetes walk this way at every
 * enforcement point, so the work follows the rules' peer lists instead of classes².
 */
import { marksOf, type WalkGroups } from "./walk-groups.ts";

/** One side: a walk, the value of a group by its node, and the value of peers in no group. */
export interface WalkSide {
  walk: WalkGroups;
  valueOf: (node: number) => number;
  outside: number;
}

export class WalkComparer {
  private stamp = 0;
  private readonly stampA: Int32Array;
  private readonly stampB: Int32Array;
  private readonly valueA: Int32Array;
  private readonly valueB: Int32Array;
  private readonly listed: number[] = [];
  private readonly regionCounts = new WeakMap<Uint8Array, WeakMap<Uint8Array, WeakMap<Int32Array, Int32Array>>>();
  private readonly noBase: Uint8Array;
  private readonly scratch = new Int32Array(4);

  constructor(private readonly peerCount: number) {
    this.noBase = new Uint8Array(peerCount);
    this.stampA = new Int32Array(peerCount);
    this.stampB = new Int32Array(peerCount);
    this.valueA = new Int32Array(peerCount);
    this.valueB = new Int32Array(peerCount);
  }

  /**
   * True when some peer of `universe` other than `skip` (-1: none) has different values on the two sides —
   * exactly what filling both rows (`fillGroups`) and comparing them over `universe` would say.
   */
  differs(a: WalkSide, b: WalkSide, universe: Int32Array, skip: number): boolean {
    if (++this.stamp === 0x7fffffff) {
      this.stampA.fill(0);
      this.stampB.fill(0);
      this.stamp = 1;
    }
    const inUniverse = marksOf(universe, this.peerCount);
    const listed = this.listed;
    listed.length = 0;
    this.mark(a, inUniverse.marks, this.stampA, this.valueA, this.stampB);
    this.mark(b, inUniverse.marks, this.stampB, this.valueB, this.stampA);
    const { stamp, stampA, stampB, valueA, valueB } = this;
    // Peers either walk lists: each compared with the other side's value there.
    let skipListed = false;
    for (let i = 0; i < listed.length; i++) {
      const p = listed[i];
      if (p === skip) {
        skipListed = true;
        continue;
      }
      const x = stampA[p] === stamp ? valueA[p] : this.unlisted(a, p);
      const y = stampB[p] === stamp ? valueB[p] : this.unlisted(b, p);
      if (x !== y) return true;
    }
    // Peers neither lists take each side's rest value where its rest's base holds them, else its outside
    // value: four regions by (in A's base, in B's base), counted once per pair of bases, less the listed peers.
    const inA = this.baseMarks(a);
    const inB = this.baseMarks(b);
    const regions = this.scratch;
    regions.set(this.regions(inA, inB, universe));
    for (let i = 0; i < listed.length; i++) regions[inA[listed[i]] * 2 + inB[listed[i]]]--;
    if (skip >= 0 && skip < this.peerCount && inUniverse.marks[skip] === 1 && !skipListed) regions[inA[skip] * 2 + inB[skip]]--;
    for (let k = 0; k < 4; k++) {
      if (regions[k] === 0) continue;
      const x = k & 2 ? a.valueOf(a.walk.rest!.node) : a.outside;
      const y = k & 1 ? b.valueOf(b.walk.rest!.node) : b.outside;
      if (x !== y) return true;
    }
    return false;
  }

  /** Records a side's listed peers in the universe (groups and rest extras) and adds new ones to `listed`. */
  private mark(side: WalkSide, inUniverse: Uint8Array, stamps: Int32Array, values: Int32Array, otherStamps: Int32Array): void {
    const { stamp, listed } = this;
    const take = (members: Int32Array, value: number) => {
      for (let i = 0; i < members.length; i++) {
        const p = members[i];
        if (inUniverse[p] !== 1) continue;
        stamps[p] = stamp;
        values[p] = value;
        // A peer the other side listed first is already in `listed`.
        if (otherStamps[p] !== stamp) listed.push(p);
      }
    };
    const { walk, valueOf } = side;
    for (let g = 0; g < walk.groups.length; g++) take(walk.groups[g].peers, valueOf(walk.groups[g].node));
    if (walk.rest && walk.rest.extras.length > 0) take(walk.rest.extras, valueOf(walk.rest.node));
  }

  /** A side's value at a peer it does not list: its rest's where the rest's base holds the peer. */
  private unlisted(side: WalkSide, p: number): number {
    return this.baseMarks(side)[p] === 1 ? side.valueOf(side.walk.rest!.node) : side.outside;
  }

  /** Marks of the side's rest base (all 0 without a rest). */
  private baseMarks(side: WalkSide): Uint8Array {
    const rest = side.walk.rest;
    return rest ? marksOf(rest.base, this.peerCount).marks : this.noBase;
  }

  /** Universe peers per region (in base A) * 2 + (in base B), by the three lists (long-lived arrays). */
  private regions(inA: Uint8Array, inB: Uint8Array, universe: Int32Array): Int32Array {
    let byB = this.regionCounts.get(inA);
    if (!byB) this.regionCounts.set(inA, (byB = new WeakMap()));
    let byUniverse = byB.get(inB);
    if (!byUniverse) byB.set(inB, (byUniverse = new WeakMap()));
    let counts = byUniverse.get(universe);
    if (!counts) {
      counts = new Int32Array(4);
      const seen = new Uint8Array(this.peerCount);
      for (let i = 0; i < universe.length; i++) {
        const p = universe[i];
        if (p >= this.peerCount || seen[p]) continue;
        seen[p] = 1;
        counts[inA[p] * 2 + inB[p]]++;
      }
      byUniverse.set(universe, counts);
    }
    return counts;
  }
}
