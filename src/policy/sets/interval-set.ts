/**
 * Exact set of integers as sorted, disjoint, non-adjacent closed intervals. Canonical by construction
 * (every operation re-normalises), so two sets are equal exactly when their interval lists are equal.
 * Generic over `number` (ports, protocol numbers, ICMP type/code) and `bigint` (IPv4/IPv6 addresses).
 */

export type Interval<T> = readonly [lo: T, hi: T];

/** Arithmetic the set needs, so one implementation serves both number and bigint. */
interface Step<T> {
  next(value: T): T;
  previous(value: T): T;
}

const numberStep: Step<number> = { next: (v) => v + 1, previous: (v) => v - 1 };
const bigintStep: Step<bigint> = { next: (v) => v + 1n, previous: (v) => v - 1n };

export class IntervalSet<T extends number | bigint> {
  private constructor(
    private readonly ranges: readonly Interval<T>[],
    private readonly step: Step<T>,
  ) {}

  static ofNumbers(ranges: Iterable<Interval<number>> = []): IntervalSet<number> {
    return IntervalSet.normalised(ranges, numberStep);
  }

  static ofBigints(ranges: Iterable<Interval<bigint>> = []): IntervalSet<bigint> {
    return IntervalSet.normalised(ranges, bigintStep);
  }

  /** Sorts, drops empty intervals (lo > hi) and merges overlapping or adjacent ones. */
  private static normalised<U extends number | bigint>(input: Iterable<Interval<U>>, step: Step<U>): IntervalSet<U> {
    const sorted = [...input].filter(([lo, hi]) => lo <= hi).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const merged: [U, U][] = [];
    for (const [lo, hi] of sorted) {
      const last = merged[merged.length - 1];
      if (last && lo <= step.next(last[1])) {
        if (hi > last[1]) last[1] = hi;
      } else {
        merged.push([lo, hi]);
      }
    }
    return new IntervalSet<U>(merged, step);
  }

  private make(ranges: Iterable<Interval<T>>): IntervalSet<T> {
    return IntervalSet.normalised(ranges, this.step);
  }

  intervals(): readonly Interval<T>[] {
    return this.ranges;
  }

  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  min(): T | undefined {
    return this.ranges[0]?.[0];
  }

  union(other: IntervalSet<T>): IntervalSet<T> {
    if (other.ranges.length === 0 || other === this) return this;
    if (this.ranges.length === 0) return other;
    // Both lists are sorted: merge them by their starts, joining overlapping or adjacent intervals.
    const a = this.ranges;
    const b = other.ranges;
    const merged: [T, T][] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const [lo, hi] = j >= b.length || (i < a.length && a[i][0] <= b[j][0]) ? a[i++] : b[j++];
      const last = merged[merged.length - 1];
      if (last && lo <= this.step.next(last[1])) {
        if (hi > last[1]) last[1] = hi;
      } else merged.push([lo, hi]);
    }
    return new IntervalSet<T>(merged, this.step);
  }

  intersect(other: IntervalSet<T>): IntervalSet<T> {
    if (other === this || this.ranges.length === 0) return this;
    if (other.ranges.length === 0) return other;
    const result: Interval<T>[] = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const [aLo, aHi] = this.ranges[i];
      const [bLo, bHi] = other.ranges[j];
      const lo = aLo > bLo ? aLo : bLo;
      const hi = aHi < bHi ? aHi : bHi;
      if (lo <= hi) result.push([lo, hi]);
      if (aHi < bHi) i++;
      else j++;
    }
    // Already canonical: pieces are ascending and separated by gaps of one input or the other.
    return new IntervalSet<T>(result, this.step);
  }

  subtract(other: IntervalSet<T>): IntervalSet<T> {
    if (this.ranges.length === 0 || other.ranges.length === 0) return this;
    const result: Interval<T>[] = [];
    let j = 0;
    for (const [lo, hi] of this.ranges) {
      let cursor: T = lo;
      let exhausted = false;
      while (j < other.ranges.length && other.ranges[j][1] < cursor) j++;
      let k = j;
      while (k < other.ranges.length && other.ranges[k][0] <= hi) {
        const [bLo, bHi] = other.ranges[k];
        if (bLo > cursor) result.push([cursor, this.step.previous(bLo)]);
        if (bHi >= hi) {
          exhausted = true;
          break;
        }
        cursor = this.step.next(bHi);
        k++;
      }
      if (!exhausted) result.push([cursor, hi]);
    }
    // Already canonical: non-empty pieces, ascending, separated by this set's gaps or the other's intervals.
    return new IntervalSet<T>(result, this.step);
  }

  /** Complement within the closed universe [min, max]. */
  complement(min: T, max: T): IntervalSet<T> {
    return this.make([[min, max]]).subtract(this);
  }

  contains(value: T): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [a, b] = this.ranges[mid];
      if (value < a) hi = mid - 1;
      else if (value > b) lo = mid + 1;
      else return true;
    }
    return false;
  }

  isSubsetOf(other: IntervalSet<T>): boolean {
    // Both lists are sorted and merged (adjacent intervals joined), so each interval of this set must lie
    // inside a single interval of the other: one pass, nothing allocated.
    const theirs = other.ranges;
    let j = 0;
    for (const [lo, hi] of this.ranges) {
      while (j < theirs.length && theirs[j][1] < lo) j++;
      if (j === theirs.length || theirs[j][0] > lo || theirs[j][1] < hi) return false;
    }
    return true;
  }

  equals(other: IntervalSet<T>): boolean {
    if (this.ranges.length !== other.ranges.length) return false;
    return this.ranges.every(([lo, hi], i) => lo === other.ranges[i][0] && hi === other.ranges[i][1]);
  }

  /** Compact text, e.g. `1-79,81-65535`; single values print alone. */
  toString(): string {
    return this.ranges.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(",");
  }
}
