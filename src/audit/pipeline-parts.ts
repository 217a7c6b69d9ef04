/**
 * The pipeline results a snapshot freezes, shaped the same way whoever seals it — the web (from the rows the
 * translate and verify jobs stored) or `parity snapshot create` (computed on the spot): so a CLI bundle and
 * a web bundle of the same inputs hold the same parts. Whatever lacks the shape the audit model needs is
 * `notProvided(reason)` with the exact reason, never an empty or invented result.
 */
import { z } from "zod";
import { type LintItem } from "../policy/index.ts";
import { DEFAULT_RETENTION_YEARS, retainUntil, type TApprovalPolicy } from "./approval-policy.ts";
import {
  notProvided,
  provided,
  SEVERITIES,
  ZEquivalenceResult,
  ZManifests,
  type TGovernance,
  type TSnapshotParts,
} from "./snapshot-model.ts";

const LINT_SEVERITY = { error: "high", warning: "medium", info: "info" } as const;
const LINT_TITLE: Record<LintItem["kind"], string> = {
  shadowed: "Shadowed rule: never decides any flow",
  redundant: "Redundant rule: removing it changes no decision",
  "empty-group": "Rule names a group with no members",
  disabled: "Disabled rule",
  "unknown-reference": "Rule names an unknown group or service",
};

/** The verification's lint items as audit findings (severity mapped, rule and explanation kept). */
export function lintFindings(items: readonly LintItem[]) {
  return items.map((item) => ({
    severity: LINT_SEVERITY[item.severity],
    ruleId: item.ruleId,
    title: LINT_TITLE[item.kind] ?? item.kind,
    kind: `lint-${item.kind}`,
    policy: item.policy,
    message: item.message,
    ...(item.coveredBy ? { coveredBy: item.coveredBy } : {}),
  }));
}

/**
 * The translation's emitted files → the manifests part: the Kubernetes objects (YAML) only; its README.md
 * and findings.json are not manifests (the findings are frozen in the equivalence part).
 */
export function manifestsPart(files: Record<string, string>, what: string): TSnapshotParts["manifests"] {
  const yamlOnly = Object.fromEntries(Object.entries(files).filter(([name]) => /\.ya?ml$/i.test(name)));
  const parsed = ZManifests.safeParse(yamlOnly);
  if (!parsed.success)
    return notProvided(
      `${what}: manifest file names not accepted in a bundle: ${parsed.error.issues
        .map((i) => i.path.join("/"))
        .slice(0, 3)
        .join(", ")}`,
    );
  if (Object.keys(parsed.data).length === 0) return notProvided(`${what}: the translation emitted no manifest files`);
  return provided(parsed.data);
}

export function mappingProfilePart(version: number, profile: unknown): TSnapshotParts["mappingProfile"] {
  return provided({ version, profile: JSON.parse(JSON.stringify(profile)) as unknown });
}

/** The translation's findings in the audit model's terms (kept verbatim; `ruleId` added from `ruleIds`). */
const ZTranslationFinding = z.looseObject({
  severity: z.enum(SEVERITIES),
  title: z.string().min(1),
  ruleIds: z.array(z.string()).optional(),
});

/**
 * The verification result with the translation's findings it accounts for → equivalence and lint parts.
 * `storedVerdict` is the verdict column beside the stored result (the web); the CLI passes the result's own.
 */
export function verificationParts(input: {
  result: unknown;
  storedVerdict: boolean;
  findings: unknown;
  verificationId: string;
  translationId: string;
}): { equivalence: TSnapshotParts["equivalence"]; lint: TSnapshotParts["lint"] } {
  const { verificationId, translationId } = input;
  const findings = z.array(ZTranslationFinding).safeParse(input.findings);
  const result = input.result as Record<string, unknown> | null;
  let equivalence: TSnapshotParts["equivalence"];
  let lint: TSnapshotParts["lint"] = notProvided(`lint runs with verification: verification ${verificationId} has no usable result`);
  if (!findings.success) equivalence = notProvided(`translation ${translationId}: findings lack severity or title`);
  else if (!result || typeof result !== "object" || Array.isArray(result))
    equivalence = notProvided(`verification ${verificationId}: result is not an object`);
  else {
    // The verdict and every difference come from the verification; the findings it accounts for from the translation.
    const value = {
      ...result,
      verificationId,
      translationId,
      findings: findings.data.map((f) => (f.ruleIds && f.ruleIds.length > 0 ? { ...f, ruleId: f.ruleIds.join(", ") } : f)),
    };
    const parsed = ZEquivalenceResult.safeParse(value);
    if (!parsed.success) equivalence = notProvided(`verification ${verificationId}: result lacks verdict or differences`);
    else if (parsed.data.equivalent !== input.storedVerdict)
      equivalence = notProvided(`verification ${verificationId}: stored verdict and result disagree`);
    else equivalence = provided(value as unknown as z.infer<typeof ZEquivalenceResult>);
    const items = (result as { lint?: unknown }).lint;
    lint = Array.isArray(items)
      ? provided({ verificationId, findings: lintFindings(items as LintItem[]) })
      : notProvided(`verification ${verificationId} predates the lint pipeline`);
  }
  return { equivalence, lint };
}

export function governancePart(input: {
  approvalPolicy: TApprovalPolicy;
  creatorRole: string;
  createdAt: string;
  retentionYears?: number;
}): TGovernance {
  const years = input.retentionYears ?? DEFAULT_RETENTION_YEARS;
  return {
    approvalPolicy: input.approvalPolicy,
    creatorRole: input.creatorRole,
    retention: { years, retainUntil: retainUntil(input.createdAt, years) },
  };
}
