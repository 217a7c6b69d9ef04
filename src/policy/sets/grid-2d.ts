/**
 * Exact set of integer pairs (a, b) as rows over the first dimension, each carrying an IntervalSet over
 * the second: e.g. destination port × source port, or ICMP type × code. Canonical: rows sorted and
 * disjoint, no empty row, and adjacent rows with equal inner sets merged — so `equals` is structural.
 */
import { IntervalSet } from "./interval-set.ts";

export interface GridRow {
  readonly lo: number;
  readonly hi: number;
  readonly inner: IntervalSet<number>;
}

type InnerOp = (a: IntervalSet<number>, b: IntervalSet<number>) => IntervalSet<number>;

const EMPTY = IntervalSet.ofNumbers();

export class Grid2D {
  private constructor(readonly rows: readonly GridRow[]) {}

  static empty(): Grid2D {
    return new Grid2D([]);
  }

  /** The product of two sets: every a in `outer` paired with every b in `inner`. */
  static product(outer: IntervalSet<number>, inner: IntervalSet<number>): Grid2D {
    if (inner.isEmpty()) return Grid2D.empty();
    return Grid2D.canonical(outer.intervals().map(([lo, hi]) => ({ lo, hi, inner })));
  }

  /** Input rows must be sorted and disjoint; drops empty rows and merges equal neighbours. */
  private static canonical(rows: GridRow[]): Grid2D {
    const result: GridRow[] = [];
    for (const row of rows) {
      if (row.inner.isEmpty()) continue;
      const last = result[result.length - 1];
      if (last && last.hi + 1 === row.lo && last.inner.equals(row.inner)) {
        result[result.length - 1] = { lo: last.lo, hi: row.hi, inner: last.inner };
      } else {
        result.push(row);
      }
    }
    return new Grid2D(result);
  }

  /** Applies `op` on the inner sets over every elementary segment of the first dimension. */
  private combine(other: Grid2D, op: InnerOp): Grid2D {
    const points = mergedCuts(this.rows, other.rows);
    const rows: GridRow[] = [];
    let i = 0;
    let j = 0;
    for (let k = 0; k + 1 < points.length; k++) {
      const lo = points[k];
      const hi = points[k + 1] - 1;
      while (i < this.rows.length && this.rows[i].hi < lo) i++;
      while (j < other.rows.length && other.rows[j].hi < lo) j++;
      const a = i < this.rows.length && this.rows[i].lo <= lo ? this.rows[i].inner : EMPTY;
      const b = j < other.rows.length && other.rows[j].lo <= lo ? other.rows[j].inner : EMPTY;
      if (a.isEmpty() && b.isEmpty()) continue;
      rows.push({ lo, hi, inner: op(a, b) });
    }
    return Grid2D.canonical(rows);
  }

  union(other: Grid2D): Grid2D {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    return this.combine(other, (a, b) => a.union(b));
  }

  intersect(other: Grid2D): Grid2D {
    if (this.isEmpty()) return this;
    if (other.isEmpty()) return other;
    return this.combine(other, (a, b) => a.intersect(b));
  }

  subtract(other: Grid2D): Grid2D {
    if (this.isEmpty() || other.isEmpty()) return this;
    return this.combine(other, (a, b) => a.subtract(b));
  }

  isEmpty(): boolean {
    return this.rows.length === 0;
  }

  equals(other: Grid2D): boolean {
    return (
      this.rows.length === other.rows.length &&
      this.rows.every((row, i) => row.lo === other.rows[i].lo && row.hi === other.rows[i].hi && row.inner.equals(other.rows[i].inner))
    );
  }

  /** The first-dimension values whose inner set includes all of `inner` (e.g. dst ports open to every src port). */
  outerWhereInnerCovers(inner: IntervalSet<number>): IntervalSet<number> {
    return IntervalSet.ofNumbers(this.rows.filter((row) => inner.isSubsetOf(row.inner)).map((row) => [row.lo, row.hi] as const));
  }
}

/**
 * Every row boundary (lo and hi + 1) of two canonical row lists, ascending and distinct: each list's
 * boundaries are already ascending (rows sorted and disjoint), so a merge replaces a set and a sort.
 */
function mergedCuts(a: readonly GridRow[], b: readonly GridRow[]): number[] {
  const out: number[] = [];
  const na = a.length * 2;
  const nb = b.length * 2;
  const at = (rows: readonly GridRow[], k: number) => ((k & 1) === 0 ? rows[k >> 1].lo : rows[k >> 1].hi + 1);
  let i = 0;
  let j = 0;
  while (i < na || j < nb) {
    const x = i < na ? at(a, i) : Infinity;
    const y = j < nb ? at(b, j) : Infinity;
    const v = x <= y ? x : y;
    if (x === v) i++;
    if (y === v) j++;
    if (out.length === 0 || out[out.length - 1] !== v) out.push(v);
  }
  return out;
}
