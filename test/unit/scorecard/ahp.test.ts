import { describe, expect, it } from "vitest";
import {
  AhpInconsistentError,
  AhpInputError,
  ahpPriorities,
  ahpWeights,
  matrixFromJudgements,
  SAATY_RANDOM_INDEX,
} from "../../../src/scorecard/ahp.ts";
import { resolveWeights } from "../../../src/scorecard/weights.ts";

const r = (x: number) => 1 / x;

/**
 * T. L. Saaty, "Decision making with the analytic hierarchy process", Int. J. Services Sciences 1(1), 2008,
 * Table 2 "Which drink is consumed more in the U.S.?": published derived priorities
 * Coffee .177, Wine .019, Tea .042, Beer .116, Sodas .190, Milk .129, Water .327; C.R. = .022.
 */
const DRINKS = [
  [1, 9, 5, 2, 1, 1, r(2)],
  [r(9), 1, r(3), r(9), r(9), r(9), r(9)],
  [r(5), 3, 1, r(3), r(4), r(3), r(9)],
  [r(2), 9, 3, 1, r(2), 1, r(3)],
  [1, 9, 4, 2, 1, 2, r(2)],
  [1, 9, 3, 1, r(2), 1, r(3)],
  [2, 9, 9, 3, 2, 3, 1],
];
const DRINKS_PUBLISHED = [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327];

/**
 * T. L. Saaty, "A scaling method for priorities in hierarchical structures", J. Math. Psychology 15(3),
 * 1977, relative wealth of nations (US, USSR, China, France, UK, Japan, W. Germany): published eigenvector
 * .427 .230 .021 .052 .052 .123 .094, λmax = 7.61, C.I. = 0.10, C.R. = 0.08.
 */
const WEALTH = [
  [1, 4, 9, 6, 6, 5, 5],
  [r(4), 1, 7, 5, 5, 3, 4],
  [r(9), r(7), 1, r(5), r(5), r(7), r(5)],
  [r(6), r(5), 5, 1, 1, r(3), r(3)],
  [r(6), r(5), 5, 1, 1, r(3), r(3)],
  [r(5), r(3), 7, 3, 3, 1, 2],
  [r(5), r(4), 5, 3, 3, r(2), 1],
];
const WEALTH_PUBLISHED = [0.427, 0.23, 0.021, 0.052, 0.052, 0.123, 0.094];

describe("AHP on published examples", () => {
  it("reproduces Saaty's drink-consumption priorities and CR", () => {
    const a = ahpWeights(DRINKS, "drinks");
    a.weights.forEach((w, i) => expect(w).toBeCloseTo(DRINKS_PUBLISHED[i], 3));
    expect(a.cr).toBeCloseTo(0.022, 3);
    expect(a.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it("reproduces Saaty's wealth-of-nations eigenvector, λmax, CI and CR", () => {
    const a = ahpWeights(WEALTH, "wealth");
    a.weights.forEach((w, i) => expect(w).toBeCloseTo(WEALTH_PUBLISHED[i], 3));
    expect(a.lambdaMax).toBeCloseTo(7.61, 2);
    expect(a.ci).toBeCloseTo(0.1, 2);
    expect(a.cr).toBeCloseTo(0.08, 2);
  });

  it("converged eigenvector satisfies A·w = λmax·w", () => {
    const a = ahpPriorities(WEALTH);
    WEALTH.forEach((row, i) => expect(row.reduce((s, x, j) => s + x * a.weights[j], 0)).toBeCloseTo(a.lambdaMax * a.weights[i], 10));
  });

  it("a perfectly consistent matrix has λmax = n and CR = 0", () => {
    const w = [0.5, 0.3, 0.2];
    const m = w.map((a) => w.map((b) => a / b));
    const res = ahpPriorities(m, { strictScale: false });
    res.weights.forEach((x, i) => expect(x).toBeCloseTo(w[i], 12));
    expect(res.lambdaMax).toBeCloseTo(3, 12);
    expect(res.cr).toBeCloseTo(0, 12);
  });

  it("uses Saaty's random index table for n = 1..15", () => {
    expect(SAATY_RANDOM_INDEX.slice(1)).toEqual([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]);
  });
});

describe("AHP rejection", () => {
  it("rejects CR ≥ 0.10 with a clear error", () => {
    // Circular: A > B (9), B > C (9), C > A (9).
    const m = [
      [1, 9, r(9)],
      [r(9), 1, 9],
      [9, r(9), 1],
    ];
    expect(() => ahpWeights(m, "cyclic")).toThrow(AhpInconsistentError);
    expect(() => ahpWeights(m, "cyclic")).toThrow(/consistency ratio CR = .* ≥ 0.1/);
  });

  it("rejects non-reciprocal, off-scale and oversized matrices", () => {
    expect(() =>
      ahpPriorities([
        [1, 3],
        [3, 1],
      ]),
    ).toThrow(AhpInputError);
    expect(() =>
      ahpPriorities([
        [1, 10],
        [0.1, 1],
      ]),
    ).toThrow(/Saaty's 1–9 scale/);
    const big = Array.from({ length: 16 }, () => Array.from({ length: 16 }, () => 1));
    expect(() => ahpPriorities(big)).toThrow(/n ≤ 15/);
  });

  it("builds the matrix from judgements and demands every pair", () => {
    const m = matrixFromJudgements(
      ["a", "b", "c"],
      [
        { a: "a", b: "b", value: 3 },
        { a: "a", b: "c", value: 5 },
        { a: "b", b: "c", value: 2 },
      ],
    );
    expect(m[1][0]).toBeCloseTo(1 / 3, 12);
    expect(() => matrixFromJudgements(["a", "b", "c"], [{ a: "a", b: "b", value: 3 }])).toThrow(/not judged/);
  });

  it("hierarchical AHP multiplies group and local weights", () => {
    const res = resolveWeights(
      {
        kind: "ahp-hierarchical",
        groups: { items: ["g1", "g2"], judgements: [{ a: "g1", b: "g2", value: 3 }] },
        within: { g1: { items: ["x", "y"], judgements: [{ a: "x", b: "y", value: 1 }] }, g2: { items: ["z"], matrix: [[1]] } },
      },
      ["x", "y", "z", "unused"],
    );
    expect(res.weights.x).toBeCloseTo(0.375, 12);
    expect(res.weights.y).toBeCloseTo(0.375, 12);
    expect(res.weights.z).toBeCloseTo(0.25, 12);
    expect(res.unweighted).toEqual(["unused"]);
  });
});
