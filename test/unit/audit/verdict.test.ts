import { describe, expect, it } from "vitest";
import {
  countsOfCheck,
  countsOfEquivalencePart,
  countsOfRoundTrip,
  countsOfRoundTripSummary,
  countsOfStoredVerification,
  verdictJson,
  verdictOf,
} from "../../../src/audit/verdict.ts";

const explained = (ids: string[]) => ({ status: "explained-by-finding" as const, findingIds: ids });
const unexplained = { status: "unexplained" as const, findingIds: [] as string[] };

describe("verdict vocabulary", () => {
  it("has exactly the four sentences of issue 13", () => {
    expect(verdictOf({ verified: true, unexplained: 0, accounted: 0, findings: 0 }).sentence).toBe("equivalent");
    expect(verdictOf({ verified: true, unexplained: 0, accounted: 4, findings: 2 }).sentence).toBe(
      "equivalent except 4 accounted differences (2 findings)",
    );
    expect(verdictOf({ verified: true, unexplained: 0, accounted: 1, findings: 1 }).sentence).toBe(
      "equivalent except 1 accounted difference (1 finding)",
    );
    expect(verdictOf({ verified: true, unexplained: 3, accounted: 4, findings: 2 }).sentence).toBe(
      "not equivalent (3 unexplained differences)",
    );
    expect(verdictOf({ verified: true, unexplained: 1200, accounted: 0, findings: 0 }).sentence).toBe(
      "not equivalent (1,200 unexplained differences)",
    );
    const nv = verdictOf({ verified: false, reason: "the current translation has not been verified yet" });
    expect(nv.sentence).toBe("not verified");
    expect(nv.kind).toBe("not-verified");
    expect(nv.explanation).toContain("has not been verified yet");
  });

  it("counts VMs without a counterpart and unclassified differences as unexplained", () => {
    const v = verdictOf({ verified: true, unexplained: 0, accounted: 5, findings: 1, unmatchedVms: 2, unclassified: 1 });
    expect(v.kind).toBe("not-equivalent");
    expect(v.sentence).toBe("not equivalent (3 unexplained differences)");
    expect(v.explanation).toContain("2 NSX VMs without a Kubernetes counterpart");
    expect(v.explanation).toContain("1 difference the engine found but did not classify");
  });

  it("title capitalises, JSON keeps the same words", () => {
    const v = verdictOf({ verified: true, unexplained: 0, accounted: 4, findings: 2 });
    expect(v.title).toBe("Equivalent except 4 accounted differences (2 findings)");
    expect(verdictJson(v)).toEqual({ kind: "equivalent-except", sentence: v.sentence, unexplained: 0, accounted: 4, findings: 2 });
  });
});

describe("verdict adapters: one result, one sentence in every shape", () => {
  // The same proof in the three shapes the engine produces it: 4 accounted differences by 2 findings, none unexplained.
  const check = {
    differences: [explained(["f-icmp"]), explained(["f-icmp"]), explained(["f-l7"]), explained(["f-icmp", "f-l7"])],
    truncated: false,
    unmatchedVms: [],
    stats: { differenceCount: 4 },
  };
  const stored = {
    differenceCount: 4,
    detailedCount: 4,
    unexplained: 0,
    truncated: false,
    differences: check.differences,
    unmatchedVms: [],
  };
  const roundTrip = {
    differences: [],
    explainedDifferences: [{ explainedBy: ["f-icmp"] }, { explainedBy: ["f-icmp"] }, { explainedBy: ["f-l7"] }, { explainedBy: ["f-l7"] }],
    unmappedVms: [],
  };
  const expected = "equivalent except 4 accounted differences (2 findings)";

  it("exact check, stored verification, round trip, round-trip summary and snapshot part agree", () => {
    expect(verdictOf(countsOfCheck(check)).sentence).toBe(expected);
    expect(verdictOf(countsOfStoredVerification(stored)).sentence).toBe(expected);
    expect(verdictOf(countsOfRoundTrip(roundTrip)).sentence).toBe(expected);
    expect(verdictOf(countsOfRoundTripSummary({ unexplained: 0, explained: 4, unmappedVms: 0, accountingFindings: 2 }, 9)).sentence).toBe(
      expected,
    );
    expect(verdictOf(countsOfEquivalencePart({ status: "provided", value: { ...stored, findings: [] } })).sentence).toBe(expected);
    expect(verdictOf(countsOfEquivalencePart({ status: "provided", value: { ...roundTrip, findings: [] } })).sentence).toBe(expected);
  });

  it("a stored result whose differences were truncated counts the unclassified ones as unexplained", () => {
    const v = verdictOf(
      countsOfStoredVerification({ differenceCount: 60_000, detailedCount: 50_000, unexplained: 0, truncated: true, differences: [] }),
    );
    expect(v.sentence).toBe("not equivalent (10,000 unexplained differences)");
  });

  it("stored accountingFindings wins over the (capped) stored differences", () => {
    const v = verdictOf(
      countsOfStoredVerification({
        differenceCount: 900,
        detailedCount: 900,
        unexplained: 0,
        accountingFindings: 7,
        differences: [explained(["a"])],
      }),
    );
    expect(v.sentence).toBe("equivalent except 900 accounted differences (7 findings)");
  });

  it("unexplained differences make it not equivalent in every shape", () => {
    expect(verdictOf(countsOfCheck({ ...check, differences: [...check.differences, unexplained] })).sentence).toBe(
      "not equivalent (1 unexplained difference)",
    );
    expect(verdictOf(countsOfRoundTrip({ ...roundTrip, differences: [{}] })).sentence).toBe("not equivalent (1 unexplained difference)");
  });

  it("a missing or unreadable part is not verified, never guessed", () => {
    expect(verdictOf(countsOfEquivalencePart({ status: "not-provided", reason: "not translated" })).sentence).toBe("not verified");
    expect(verdictOf(countsOfEquivalencePart({ status: "provided", value: { verdict: "yes" } })).kind).toBe("not-verified");
    expect(verdictOf(countsOfEquivalencePart({ status: "provided", value: { equivalent: false, differences: [{}, {}] } })).sentence).toBe(
      "not equivalent (2 unexplained differences)",
    );
  });
});
