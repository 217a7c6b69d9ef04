/** Binary searches over ascending bigint arrays (interval boundaries). */

/** The first position whose value is at least `value`. */
export function lowerBound(values: readonly bigint[], value: bigint): number {
  return firstWhere(values, (v) => v >= value);
}

/** The first position whose value is greater than `value`. */
export function upperBound(values: readonly bigint[], value: bigint): number {
  return firstWhere(values, (v) => v > value);
}

/** The first position where `holds` is true, for a predicate false then true along the array. */
function firstWhere(values: readonly bigint[], holds: (value: bigint) => boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(values[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
