/**
 * Analytic Hierarchy Process (Saaty): priority weights from a reciprocal pairwise comparison matrix as its
 * principal right eigenvector (power iteration), with λmax, the consistency index CI = (λmax − n)/(n − 1)
 * and the consistency ratio CR = CI / RI. Judgements with CR ≥ 0.10 are rejected, as Saaty prescribes.
 */

/**
 * Saaty's random consistency index RI for n = 1..15 (index 0 unused), from T. L. Saaty, "The Analytic
 * Hierarchy Process", McGraw-Hill 1980 (as tabulated in Saaty & Vargas, "Models, Methods, Concepts &
 * Applications of the AHP", 2nd ed., Springer 2012, ch. 2).
 */
export const SAATY_RANDOM_INDEX: readonly number[] = [
  NaN,
  0,
  0,
  0.58,
  0.9,
  1.12,
  1.24,
  1.32,
  1.41,
  1.45,
  1.49,
  1.51,
  1.48,
  1.56,
  1.57,
  1.59,
];
export const AHP_MAX_ITEMS = 15;
export const AHP_CR_THRESHOLD = 0.1;

/** Saaty's fundamental scale 1..9 and its reciprocals. */
const SAATY_SCALE: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((v) => (v === 1 ? [1] : [v, 1 / v]));

export class AhpInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AhpInputError";
  }
}

export class AhpInconsistentError extends Error {
  constructor(
    readonly label: string,
    readonly cr: number,
    readonly threshold: number,
  ) {
    super(
      `AHP judgements "${label}" are inconsistent: consistency ratio CR = ${cr.toFixed(4)} ≥ ${threshold}. ` +
        `Revise the pairwise comparisons (look for circular preferences such as A > B, B > C, C > A).`,
    );
    this.name = "AhpInconsistentError";
  }
}

export interface AhpResult {
  weights: number[];
  lambdaMax: number;
  /** (λmax − n)/(n − 1); 0 for n ≤ 2. */
  ci: number;
  ri: number;
  /** CI / RI; 0 when RI is 0 (n ≤ 2 is always consistent). */
  cr: number;
  iterations: number;
}

const isOnSaatyScale = (v: number): boolean => SAATY_SCALE.some((s) => Math.abs(s - v) <= 1e-6 * Math.max(1, s));

/** Checks shape, positivity, unit diagonal, reciprocity and (by default) Saaty's 1–9 scale. */
export function validatePairwiseMatrix(matrix: number[][], options: { strictScale?: boolean } = {}): void {
  const n = matrix.length;
  if (n < 1) throw new AhpInputError("AHP matrix is empty.");
  if (n > AHP_MAX_ITEMS)
    throw new AhpInputError(
      `AHP matrix has ${n} items; Saaty's random index is tabulated for n ≤ ${AHP_MAX_ITEMS}: group the criteria (hierarchical AHP).`,
    );
  for (let i = 0; i < n; i++) {
    const row = matrix[i];
    if (!Array.isArray(row) || row.length !== n)
      throw new AhpInputError(`AHP matrix row ${i + 1} has ${row?.length ?? 0} entries, expected ${n}.`);
    for (let j = 0; j < n; j++) {
      const v = row[j];
      if (!Number.isFinite(v) || v <= 0) throw new AhpInputError(`AHP matrix entry (${i + 1},${j + 1}) = ${v} is not a positive number.`);
      if (i === j && Math.abs(v - 1) > 1e-9) throw new AhpInputError(`AHP matrix diagonal entry (${i + 1},${i + 1}) must be 1, got ${v}.`);
      if (Math.abs(v * matrix[j][i] - 1) > 1e-3)
        throw new AhpInputError(`AHP matrix is not reciprocal at (${i + 1},${j + 1}): ${v} × ${matrix[j][i]} ≠ 1.`);
      if (options.strictScale !== false && !isOnSaatyScale(v))
        throw new AhpInputError(`AHP matrix entry (${i + 1},${j + 1}) = ${v} is not on Saaty's 1–9 scale (or a reciprocal).`);
    }
  }
}

/** Principal eigenvector by power iteration, normalised to sum 1, plus λmax, CI and CR. Does not reject. */
export function ahpPriorities(
  matrix: number[][],
  options: { strictScale?: boolean; tolerance?: number; maxIterations?: number } = {},
): AhpResult {
  validatePairwiseMatrix(matrix, options);
  const n = matrix.length;
  const tolerance = options.tolerance ?? 1e-13;
  const maxIterations = options.maxIterations ?? 10_000;
  let w = new Array<number>(n).fill(1 / n);
  let iterations = 0;
  // A positive matrix has a simple dominant eigenvalue (Perron), so power iteration converges.
  for (; iterations < maxIterations; iterations++) {
    const next = multiply(matrix, w);
    const sum = next.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) next[i] /= sum;
    const delta = Math.max(...next.map((v, i) => Math.abs(v - w[i])));
    w = next;
    if (delta < tolerance) {
      iterations++;
      break;
    }
  }
  // With Σw = 1, A·w = λ·w gives λ = Σ(A·w).
  const lambdaMax = multiply(matrix, w).reduce((a, b) => a + b, 0);
  const ci = n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  const ri = SAATY_RANDOM_INDEX[n];
  const cr = ri > 0 ? ci / ri : 0;
  return { weights: w, lambdaMax, ci, ri, cr, iterations };
}

/** As ahpPriorities, but throws AhpInconsistentError when CR ≥ threshold (default 0.10). */
export function ahpWeights(
  matrix: number[][],
  label = "criteria",
  options: { strictScale?: boolean; crThreshold?: number } = {},
): AhpResult {
  const result = ahpPriorities(matrix, options);
  const threshold = options.crThreshold ?? AHP_CR_THRESHOLD;
  if (result.cr >= threshold) throw new AhpInconsistentError(label, result.cr, threshold);
  return result;
}

/**
 * Builds the full reciprocal matrix from judgements "a is `value` times as important as b" over `items`.
 * Every unordered pair must be judged exactly once (AHP needs the complete matrix for CR).
 */
export function matrixFromJudgements(items: string[], judgements: { a: string; b: string; value: number }[]): number[][] {
  const index = new Map(items.map((id, i) => [id, i]));
  if (index.size !== items.length) throw new AhpInputError("AHP items contain duplicates.");
  const m = items.map((_, i) => items.map((__, j) => (i === j ? 1 : NaN)));
  for (const { a, b, value } of judgements) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) throw new AhpInputError(`AHP judgement names unknown item "${i === undefined ? a : b}".`);
    if (i === j) throw new AhpInputError(`AHP judgement compares "${a}" with itself.`);
    if (!Number.isNaN(m[i][j])) throw new AhpInputError(`AHP pair "${a}"/"${b}" is judged twice.`);
    if (!(value > 0)) throw new AhpInputError(`AHP judgement ${a}/${b} must be positive, got ${value}.`);
    m[i][j] = value;
    m[j][i] = 1 / value;
  }
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++)
      if (Number.isNaN(m[i][j])) throw new AhpInputError(`AHP pair "${items[i]}"/"${items[j]}" is not judged.`);
  return m;
}

function multiply(matrix: number[][], v: number[]): number[] {
  return matrix.map((row) => row.reduce((acc, a, j) => acc + a * v[j], 0));
}
