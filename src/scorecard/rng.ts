/**
 * Seeded randomness for the Monte Carlo: mulberry32 (Tommy Ettinger's 32-bit PRNG, public domain) for
 * uniforms, Box–Muller for normals, Marsaglia–Tsang (2000) for Gamma, and Dirichlet as normalised Gammas.
 * Deterministic for a seed, so the same scorecard always reports the same probabilities.
 */

export type Rng = () => number;

/** Uniform in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal via Box–Muller (one value per call; the pair's second value is discarded for simplicity). */
export function normal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng(); // log(0) guard
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) by Marsaglia & Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000. */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new Error(`Gamma shape must be > 0, got ${shape}`);
  // For shape < 1 use Gamma(shape + 1) · U^(1/shape) (the paper's boosting step).
  if (shape < 1) {
    let u = 0;
    while (u === 0) u = rng();
    return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One draw from Dirichlet(alpha); every alpha must be > 0. */
export function dirichlet(rng: Rng, alpha: readonly number[]): number[] {
  const g = alpha.map((a) => gamma(rng, a));
  const sum = g.reduce((s, x) => s + x, 0);
  return g.map((x) => x / sum);
}
