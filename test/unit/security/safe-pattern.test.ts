import { describe, expect, it } from "vitest";
import { matchesWhole, safePattern, UnsafePatternError } from "../../../src/policy/nsx/safe-pattern.ts";
import { stringMatches } from "../../../src/policy/nsx/condition.ts";

describe("NSX MATCHES on a linear-time engine", () => {
  it("evaluates catastrophic-backtracking patterns in linear time", () => {
    const started = performance.now();
    for (const pattern of ["^(a+)+$", "(a|aa)+$", "(a*)*b", "^(([a-z])+.)+[A-Z]([a-z])+$"]) {
      expect(matchesWhole(pattern, `${"a".repeat(5_000)}!`)).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(stringMatches("MATCHES", "a".repeat(33), "^(a+)+$")).toBe(true);
  });

  it("anchors the whole value and compiles each pattern once", () => {
    expect(matchesWhole("web-\\d+", "web-01")).toBe(true);
    expect(matchesWhole("web-\\d+", "xweb-01")).toBe(false);
    expect(safePattern("db-.*")).toBe(safePattern("db-.*"));
  });

  it("refuses patterns RE2 cannot run in linear time, with a clear reason", () => {
    expect(() => matchesWhole("(a)\\1", "aa")).toThrow(UnsafePatternError);
    expect(() => matchesWhole("(?=a)a", "a")).toThrow(/not a linear-time \(RE2\) regular expression/);
    expect(() => matchesWhole("a".repeat(2_000), "a")).toThrow(/longer than/);
  });
});
