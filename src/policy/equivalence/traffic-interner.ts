/**
 * Interns TrafficSets so equal sets share one small integer id: comparing two results becomes comparing
 * two numbers, and intersections are computed once per pair of distinct sets, however many endpoint
 * pairs produce them.
 */
import { TrafficSet } from "../sets/traffic-set.ts";

/** Ids stay below 2^26 so two of them pack into one exact double key. */
const PAIR_SHIFT = 2 ** 26;

export class TrafficInterner {
  private readonly idByKey = new Map<string, number>();
  private readonly sets: TrafficSet[] = [];
  private readonly intersections = new Map<number, number>();
  private readonly restrictions = new Map<number, number>();
  private readonly unions = new Map<number, number>();
  private readonly differences = new Map<number, number>();
  readonly emptyId: number;

  constructor() {
    this.emptyId = this.intern(TrafficSet.empty());
  }

  intern(set: TrafficSet): number {
    const key = JSON.stringify(set.toJSON());
    const known = this.idByKey.get(key);
    if (known !== undefined) return known;
    const id = this.sets.length;
    if (id >= PAIR_SHIFT) throw new RangeError("more distinct traffic sets than the interner can pack");
    this.sets.push(set);
    this.idByKey.set(key, id);
    return id;
  }

  get(id: number): TrafficSet {
    return this.sets[id];
  }

  get size(): number {
    return this.sets.length;
  }

  intersect(a: number, b: number): number {
    if (a === b) return a;
    if (a === this.emptyId || b === this.emptyId) return this.emptyId;
    const key = a < b ? a * PAIR_SHIFT + b : b * PAIR_SHIFT + a;
    let id = this.intersections.get(key);
    if (id === undefined) {
      id = this.intern(this.sets[a].intersect(this.sets[b]));
      this.intersections.set(key, id);
    }
    return id;
  }

  union(a: number, b: number): number {
    if (a === b || b === this.emptyId) return a;
    if (a === this.emptyId) return b;
    const key = a < b ? a * PAIR_SHIFT + b : b * PAIR_SHIFT + a;
    let id = this.unions.get(key);
    if (id === undefined) {
      id = this.intern(this.sets[a].union(this.sets[b]));
      this.unions.set(key, id);
    }
    return id;
  }

  /** `a − b`. */
  subtract(a: number, b: number): number {
    if (a === this.emptyId || b === this.emptyId) return a;
    if (a === b) return this.emptyId;
    const key = a * PAIR_SHIFT + b;
    let id = this.differences.get(key);
    if (id === undefined) {
      id = this.intern(this.sets[a].subtract(this.sets[b]));
      this.differences.set(key, id);
    }
    return id;
  }

  /** `a ∩ limit` where `limitId` names a fixed restriction (e.g. what a family can carry). */
  restrict(a: number, limitId: number): number {
    const key = a * PAIR_SHIFT + limitId;
    let id = this.restrictions.get(key);
    if (id === undefined) {
      id = this.intern(this.sets[a].intersect(this.sets[limitId]));
      this.restrictions.set(key, id);
    }
    return id;
  }
}
