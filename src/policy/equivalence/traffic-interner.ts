/**
 * Interns TrafficSets so equal sets share one small integer id: comparing two results becomes comparing
 * two numbers, and intersections are computed once per pair of distinct sets, however many endpoint
 * pairs produce them.
 */
import { TrafficSet } from "../sets/traffic-set.ts";
import { PairTable } from "./pair-table.ts";

export class TrafficInterner {
  private readonly idByKey = new Map<string, number>();
  private readonly sets: TrafficSet[] = [];
  private readonly intersections = new PairTable();
  private readonly restrictions = new PairTable();
  private readonly unions = new PairTable();
  private readonly differences = new PairTable();
  readonly emptyId: number;

  constructor() {
    this.emptyId = this.intern(TrafficSet.empty());
  }

  intern(set: TrafficSet): number {
    const key = set.key();
    const known = this.idByKey.get(key);
    if (known !== undefined) return known;
    const id = this.sets.length;
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
    // Ordered pair without allocating: x = min, y = max.
    const x = a < b ? a : b;
    const y = a < b ? b : a;
    let id = this.intersections.get(x, y);
    if (id < 0) {
      id = this.intern(this.sets[x].intersect(this.sets[y]));
      this.intersections.set(x, y, id);
    }
    return id;
  }

  union(a: number, b: number): number {
    if (a === b || b === this.emptyId) return a;
    if (a === this.emptyId) return b;
    // Ordered pair without allocating: x = min, y = max.
    const x = a < b ? a : b;
    const y = a < b ? b : a;
    let id = this.unions.get(x, y);
    if (id < 0) {
      id = this.intern(this.sets[x].union(this.sets[y]));
      this.unions.set(x, y, id);
    }
    return id;
  }

  /** `a − b`. */
  subtract(a: number, b: number): number {
    if (a === this.emptyId || b === this.emptyId) return a;
    if (a === b) return this.emptyId;
    let id = this.differences.get(a, b);
    if (id < 0) {
      id = this.intern(this.sets[a].subtract(this.sets[b]));
      this.differences.set(a, b, id);
    }
    return id;
  }

  /** `a ∩ limit` where `limitId` names a fixed restriction (e.g. what a family can carry). */
  restrict(a: number, limitId: number): number {
    let id = this.restrictions.get(a, limitId);
    if (id < 0) {
      id = this.intern(this.sets[a].intersect(this.sets[limitId]));
      this.restrictions.set(a, limitId, id);
    }
    return id;
  }
}
