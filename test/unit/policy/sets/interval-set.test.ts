/** IntervalSet operations against membership over a small universe, and their results already canonical. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../../src/policy/sets/interval-set.ts";

const UNIVERSE = 24;
const intervalsArb = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: UNIVERSE - 1 }), fc.integer({ min: 0, max: 5 }))
    .map(([lo, len]) => [lo, Math.min(UNIVERSE - 1, lo + len)] as const),
  { maxLength: 6 },
);
const setArb = intervalsArb.map((ranges) => IntervalSet.ofNumbers(ranges));
const members = (s: IntervalSet<number>) => Array.from({ length: UNIVERSE }, (_, v) => s.contains(v));

describe("IntervalSet", () => {
  it("union, intersect and subtract agree with membership and are canonical (re-normalising changes nothing)", () =>
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        const cases: [IntervalSet<number>, (x: boolean, y: boolean) => boolean][] = [
          [a.union(b), (x, y) => x || y],
          [a.intersect(b), (x, y) => x && y],
          [a.subtract(b), (x, y) => x && !y],
          [a.union(a), (x) => x],
          [a.intersect(a), (x) => x],
          [a.subtract(a), () => false],
        ];
        const [ma, mb] = [members(a), members(b)];
        for (const [result, rule] of cases) {
          expect(members(result)).toEqual(ma.map((x, v) => rule(x, mb[v])));
          expect(result.intervals()).toEqual(IntervalSet.ofNumbers(result.intervals()).intervals());
        }
      }),
      { numRuns: 500 },
    ));
});
