/**
 * User-supplied patterns (NSX `MATCHES` conditions) on a linear-time engine: RE2 semantics via re2js, so
 * `^(a+)+$` against a long name costs linear time instead of exponential backtracking (ReDoS). Patterns RE2
 * cannot run in linear time (backreferences, look-around) are refused with a message the caller turns into a
 * finding. Each pattern is compiled once per process.
 */
import { RE2JS } from "re2js";

/** Longest pattern accepted: NSX itself caps condition values far below this. */
export const MAX_PATTERN_LENGTH = 1024;

export class UnsafePatternError extends Error {
  constructor(pattern: string, reason: string) {
    super(`pattern ${JSON.stringify(pattern.slice(0, 80))} refused: ${reason}`);
    this.name = "UnsafePatternError";
  }
}

const compiled = new Map<string, RE2JS | UnsafePatternError>();
const MAX_CACHED = 10_000;

function compile(pattern: string): RE2JS | UnsafePatternError {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return new UnsafePatternError(pattern, `longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  try {
    // Anchored like NSX: the whole value must match.
    return RE2JS.compile(`^(?:${pattern})$`);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return new UnsafePatternError(
      pattern,
      `not a linear-time (RE2) regular expression (${detail}); backreferences and look-around are not supported`,
    );
  }
}

/** The compiled pattern, or throws UnsafePatternError (cached either way). */
export function safePattern(pattern: string): RE2JS {
  let entry = compiled.get(pattern);
  if (!entry) {
    entry = compile(pattern);
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(pattern, entry);
  }
  if (entry instanceof UnsafePatternError) throw entry;
  return entry;
}

/** Whether the whole of `value` matches `pattern` (linear time in both). */
export function matchesWhole(pattern: string, value: string): boolean {
  return safePattern(pattern).matches(value);
}
