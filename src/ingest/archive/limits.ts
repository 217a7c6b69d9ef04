import type { ImportLimits } from "../types.ts";

/**
 * Defaults sized for real exports (a 100 MB hierarchical export compresses about 15×) while refusing
 * ZIP bombs, whose ratios run to thousands.
 */
export const DEFAULT_LIMITS: ImportLimits = {
  maxUploadBytes: 512 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxZipTotalBytes: 1024 * 1024 * 1024,
  maxExpansionRatio: 250,
};

export function resolveLimits(overrides?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
