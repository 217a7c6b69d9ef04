/**
 * The one verdict vocabulary of Parity (issue 13). Every surface that states whether the Kubernetes policies
 * allow what NSX allows — the web pages, the CLI's text and JSON, the evidence bundle and the PDF — takes its
 * words from here, so one verification result reads the same everywhere:
 *
 *   equivalent
 *   equivalent except N accounted differences (M findings)
 *   not equivalent (K unexplained differences)
 *   not verified
 *
 * Lives in src/audit because the verdict is what the evidence states; it is pure and imports nothing, so the
 * engine's callers (translate, CLI, server, UI) can use it without pulling in the rest of the library. The
 * engine produces results in three shapes (the exact check of src/policy/equivalence, the stored verification
 * of the verify job, the translate round trip); each has an adapter below that reduces it to `TVerdictCounts`.
 */

export type TVerdictKind = "equivalent" | "equivalent-except" | "not-equivalent" | "not-verified";

/** What a verdict is computed from: counts only, so every shape of result reduces to it. */
export type TVerdictCounts =
  | {
      verified: true;
      /** Differing flow classes no finding accounts for, plus those that could not be classified. */
      unexplained: number;
      /** Differing flow classes a finding's excluded flows account for. */
      accounted: number;
      /** Distinct findings that account for them. */
      findings: number;
      /** NSX VMs with no Kubernetes counterpart: each one is an unexplained difference. */
      unmatchedVms?: number;
      /** Differences found but not classified (the engine stopped detailing); counted as unexplained. */
      unclassified?: number;
    }
  | { verified: false; reason: string };

export interface TVerdict {
  kind: TVerdictKind;
  /** The words of the vocabulary, lower case: "equivalent except 4 accounted differences (2 findings)". */
  sentence: string;
  /** The same with a capital first letter, for headings. */
  title: string;
  /** K: unexplained differences (flow classes, VMs without counterpart, unclassified differences). */
  unexplained: number;
  /** N: accounted differences. */
  accounted: number;
  /** M: findings accounting for them. */
  findings: number;
  /** One sentence on what the words mean for this result (what was compared, what K consists of). */
  explanation: string;
  /** Why there is no verdict (only for `not-verified`). */
  reason?: string;
}

/** "1 accounted difference", "4 accounted differences"; thousands separated like the rest of the app. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function verdictOf(counts: TVerdictCounts): TVerdict {
  if (!counts.verified) {
    const sentence = "not verified";
    return {
      kind: "not-verified",
      sentence,
      title: capitalise(sentence),
      unexplained: 0,
      accounted: 0,
      findings: 0,
      explanation: `No equivalence proof: ${counts.reason}`,
      reason: counts.reason,
    };
  }
  const unmatched = counts.unmatchedVms ?? 0;
  const unclassified = counts.unclassified ?? 0;
  const k = counts.unexplained + unmatched + unclassified;
  const n = counts.accounted;
  const m = counts.findings;
  if (k > 0) {
    const sentence = `not equivalent (${plural(k, "unexplained difference")})`;
    const parts = [
      counts.unexplained > 0
        ? plural(counts.unexplained, "differing flow class", "differing flow classes") + " no finding accounts for"
        : "",
      unmatched > 0 ? plural(unmatched, "NSX VM") + " without a Kubernetes counterpart" : "",
      unclassified > 0 ? plural(unclassified, "difference") + " the engine found but did not classify" : "",
    ].filter(Boolean);
    return {
      kind: "not-equivalent",
      sentence,
      title: capitalise(sentence),
      unexplained: k,
      accounted: n,
      findings: m,
      explanation: `The Kubernetes policies and the NSX policy differ: ${parts.join("; ")}${
        n > 0 ? `; besides, ${plural(n, "difference")} accounted for by ${plural(m, "finding")}` : ""
      }.`,
    };
  }
  if (n > 0) {
    const sentence = `equivalent except ${plural(n, "accounted difference")} (${plural(m, "finding")})`;
    return {
      kind: "equivalent-except",
      sentence,
      title: capitalise(sentence),
      unexplained: 0,
      accounted: n,
      findings: m,
      explanation: `The Kubernetes policies allow exactly what the NSX policy allows, except ${plural(n, "differing flow class", "differing flow classes")} that ${plural(m, "finding")} declare${m === 1 ? "s" : ""} and account for; no other difference exists.`,
    };
  }
  return {
    kind: "equivalent",
    sentence: "equivalent",
    title: "Equivalent",
    unexplained: 0,
    accounted: 0,
    findings: 0,
    explanation: "The Kubernetes policies allow exactly the traffic the NSX policy allows (exact engine, every flow class, no sampling).",
  };
}

/** The verdict's machine form for JSON outputs (CLI `--json`, bundle): the same words, plus the counts. */
export function verdictJson(v: TVerdict): {
  kind: TVerdictKind;
  sentence: string;
  unexplained: number;
  accounted: number;
  findings: number;
  reason?: string;
} {
  return {
    kind: v.kind,
    sentence: v.sentence,
    unexplained: v.unexplained,
    accounted: v.accounted,
    findings: v.findings,
    ...(v.reason ? { reason: v.reason } : {}),
  };
}

/** Older rows did not store the finding count: the stored differences (unexplained first, then explained) name them. */
export function accountingFindingsOf(differences: NonNullable<TStoredVerificationLike["differences"]>): number {
  return distinct(differences.filter((d) => d.status === "explained-by-finding").map((d) => d.findingIds));
}

function distinct(lists: readonly (readonly string[] | undefined)[]): number {
  const set = new Set<string>();
  for (const l of lists) for (const x of l ?? []) set.add(x);
  return set.size;
}

// ---------------------------------------------------------------------------------------------------------
// Adapters, one per result shape. Structural types: this module imports nothing.

/** The exact check (src/policy/equivalence `checkEquivalence`). */
export interface TCheckResultLike {
  differences: readonly { status: "unexplained" | "explained-by-finding"; findingIds: readonly string[] }[];
  truncated: boolean;
  unmatchedVms: readonly unknown[];
  stats: { differenceCount: number };
}

export function countsOfCheck(r: TCheckResultLike): TVerdictCounts {
  const explained = r.differences.filter((d) => d.status === "explained-by-finding");
  return {
    verified: true,
    unexplained: r.differences.length - explained.length,
    accounted: explained.length,
    findings: distinct(explained.map((d) => d.findingIds)),
    unmatchedVms: r.unmatchedVms.length,
    unclassified: r.truncated ? Math.max(0, r.stats.differenceCount - r.differences.length) : 0,
  };
}

/** The verify job's stored result (src/server/services/verification.ts `TVerificationResult`), also the snapshot part. */
export interface TStoredVerificationLike {
  differenceCount: number;
  detailedCount?: number;
  unexplained: number;
  truncated?: boolean;
  /** Distinct findings accounting for the detailed differences (stored since issue 13). */
  accountingFindings?: number;
  /** The stored differences; an overview without them (`listedDifferences`) must carry `accountingFindings`. */
  differences?: readonly { status?: string; findingIds?: readonly string[] }[];
  listedDifferences?: number;
  unmatchedVms?: readonly unknown[];
}

export function countsOfStoredVerification(r: TStoredVerificationLike): TVerdictCounts {
  const detailed = r.detailedCount ?? r.differences?.length ?? r.listedDifferences ?? 0;
  const accounted = detailed - r.unexplained;
  const findings = r.accountingFindings ?? accountingFindingsOf(r.differences ?? []);
  return {
    verified: true,
    unexplained: r.unexplained,
    accounted: Math.max(0, accounted),
    findings,
    unmatchedVms: r.unmatchedVms?.length ?? 0,
    unclassified: r.truncated ? Math.max(0, r.differenceCount - detailed) : 0,
  };
}

/** The translate round trip (src/translate/round-trip.ts `VerificationResult`), as `parity verify/translate` print it. */
export interface TRoundTripLike {
  differences: readonly unknown[];
  explainedDifferences: readonly { explainedBy?: readonly string[] }[];
  unmappedVms: readonly unknown[];
}

export function countsOfRoundTrip(r: TRoundTripLike): TVerdictCounts {
  return {
    verified: true,
    unexplained: r.differences.length,
    accounted: r.explainedDifferences.length,
    findings: distinct(r.explainedDifferences.map((d) => d.explainedBy)),
    unmatchedVms: r.unmappedVms.length,
  };
}

/** The round trip as the translate job stores it in the translation summary (counts only). */
export interface TRoundTripSummaryLike {
  unexplained: number;
  explained: number;
  unmappedVms: number;
  /** Distinct findings accounting for the explained differences (stored since issue 13). */
  accountingFindings?: number;
}

export function countsOfRoundTripSummary(r: TRoundTripSummaryLike, findingsInTranslation: number): TVerdictCounts {
  return {
    verified: true,
    unexplained: r.unexplained,
    accounted: r.explained,
    // Older summaries: the translation's findings are the ones that can account for differences (an upper bound).
    findings: r.accountingFindings ?? (r.explained > 0 ? findingsInTranslation : 0),
    unmatchedVms: r.unmappedVms,
  };
}

/**
 * Any equivalence result as frozen in a snapshot's `equivalence` part (the stored verification, or a round
 * trip sealed by the CLI), or the part's `not-provided` reason. Unknown shapes are `not verified`, never a guess.
 */
export function countsOfEquivalencePart(
  part: { status: "provided"; value: unknown } | { status: "not-provided"; reason: string },
): TVerdictCounts {
  if (part.status !== "provided") return { verified: false, reason: part.reason };
  const v = part.value as Record<string, unknown> | null;
  if (!v || typeof v !== "object") return { verified: false, reason: "the equivalence result is not an object" };
  if (Array.isArray(v.differences) && (typeof v.unexplained === "number" || typeof v.differenceCount === "number")) {
    // The verify job's stored shape; rows older than its `unexplained` count fall back to the differences' status.
    const differences = v.differences as NonNullable<TStoredVerificationLike["differences"]>;
    const unexplained =
      typeof v.unexplained === "number"
        ? v.unexplained
        : v.equivalentExceptFindings === true
          ? 0
          : differences.filter((d) => d.status !== "explained-by-finding").length;
    const differenceCount = typeof v.differenceCount === "number" ? v.differenceCount : differences.length;
    return countsOfStoredVerification({ ...(v as unknown as TStoredVerificationLike), unexplained, differenceCount });
  }
  if (Array.isArray(v.explainedDifferences) && Array.isArray(v.differences) && Array.isArray(v.unmappedVms))
    return countsOfRoundTrip(v as unknown as TRoundTripLike);
  if (Array.isArray(v.differences) && typeof v.truncated === "boolean" && Array.isArray(v.unmatchedVms) && v.stats)
    return countsOfCheck(v as unknown as TCheckResultLike);
  if (typeof v.equivalent === "boolean" && Array.isArray(v.differences)) {
    // A bare result (verdict + differences, no classification): every listed difference is unexplained.
    const n = v.differences.length;
    return { verified: true, unexplained: v.equivalent ? 0 : Math.max(1, n), accounted: 0, findings: 0 };
  }
  return { verified: false, reason: "the equivalence result has no shape this version can read" };
}

/** Badge tone per kind, shared by the web pages (ok / info / bad / neutral). */
export const VERDICT_TONE: Record<TVerdictKind, "ok" | "info" | "bad" | "neutral"> = {
  equivalent: "ok",
  "equivalent-except": "info",
  "not-equivalent": "bad",
  "not-verified": "neutral",
};
