import { describe, expect, it } from "vitest";
import { ruleIdList } from "../../../src/translate/emit/object-names.ts";

/** The reference ordering: numeric where both ids are all digits, else by string. */
function reference(ids: string[]): string {
  const digits = (id: string) => /^\d+$/.test(id);
  return [...new Set(ids)].sort((x, y) => (digits(x) && digits(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0)).join(",");
}

describe("ruleIdList", () => {
  it("sorts numeric ids numerically and deduplicates", () => {
    expect(ruleIdList(["10", "9", "100", "9"])).toBe("9,10,100");
  });
  it("sorts non-numeric ids by string (fast path), same as the reference", () => {
    const ids = ["rule-10", "rule-9", "rule-100", "Rule-1", "rule-9", "räle", "a,b"];
    expect(ruleIdList(ids)).toBe(reference(ids));
  });
  it("mixed ids follow the reference comparator", () => {
    const ids = ["rule-2", "10", "9", "default", "1a", "2"];
    expect(ruleIdList(ids)).toBe(reference(ids));
  });
});
