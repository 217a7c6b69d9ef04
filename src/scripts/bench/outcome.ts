/** A bench measurement's outcome: its figures, or why there are none (timed out, failed, skipped). */
export type Outcome<T> =
  | { status: "ok"; figures: T }
  | { status: "timed-out"; afterS: number }
  | { status: "failed"; error: string; afterS: number }
  | { status: "skipped"; reason: string };

/** How cost grows with size: log(t₂/t₁) / log(n₂/n₁) (1 = linear, 2 = quadratic); undefined without both times. */
export function growthExponent(t1: number | undefined, t2: number | undefined, n1: number, n2: number): number | undefined {
  if (t1 === undefined || t2 === undefined || t1 <= 0 || t2 <= 0 || n1 === n2) return undefined;
  return Math.round((Math.log(t2 / t1) / Math.log(n2 / n1)) * 100) / 100;
}
