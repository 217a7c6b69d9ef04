/**
 * What a snapshot freezes, as zod schemas. Every part that the pipeline could not (yet) produce is an explicit
 * `{status: "not-provided", reason}` so the report says "not provided" instead of showing an empty or invented
 * result. Objects coming from other libraries (estate, equivalence result) are validated loosely: we check the
 * fields the audit reads and keep everything else verbatim, because the hash covers the caller's exact value.
 */
import { z } from "zod";
import type { NsxEstate } from "../policy/index.ts";
import { HEX64 } from "./hash.ts";
import { ZApprovalPolicy } from "./approval-policy.ts";
import { ZDeployment } from "./deployed-state-model.ts";
import { ZKeyRotations } from "./key-rotation.ts";
import { ZRuleRecords } from "./rule-records.ts";

export const ZNotProvided = z.strictObject({ status: z.literal("not-provided"), reason: z.string().min(1) });

export function ZProvided<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion("status", [z.strictObject({ status: z.literal("provided"), value }), ZNotProvided]);
}
export type TProvided<T> = { status: "provided"; value: T } | { status: "not-provided"; reason: string };

export function notProvided(reason: string): { status: "not-provided"; reason: string } {
  return { status: "not-provided", reason };
}
export function provided<T>(value: T): { status: "provided"; value: T } {
  return { status: "provided", value };
}

const ZCount = z.strictObject({ kind: z.string().min(1), imported: z.int().nonnegative(), total: z.int().nonnegative() });
export type TCount = z.infer<typeof ZCount>;

export const ZInputFile = z.strictObject({
  name: z.string().min(1),
  sha256: z.string().regex(HEX64),
  size: z.int().nonnegative(),
  /** Detected from content by the importer; "unknown" when no importer recognised it. */
  format: z.string().min(1),
  /** e.g. {kind: "rules", imported: 3200, total: 3200} → "3,200 of 3,200 rules". */
  counts: z.array(ZCount),
});
export const ZInputs = z.strictObject({ files: z.array(ZInputFile).min(1) });
export type TInputs = z.infer<typeof ZInputs>;

const ZRuleLoose = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  sequenceNumber: z.number(),
  action: z.enum(["ALLOW", "DROP", "REJECT", "JUMP_TO_APPLICATION"]),
  sources: z.array(z.string()),
  destinations: z.array(z.string()),
  services: z.array(z.string()),
  scope: z.array(z.string()),
  disabled: z.boolean(),
  logged: z.boolean(),
});
const ZPolicyLoose = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  category: z.enum(["Ethernet", "Emergency", "Infrastructure", "Environment", "Application"]),
  sequenceNumber: z.number(),
  scope: z.array(z.string()),
  rules: z.array(ZRuleLoose),
});
/** The engine's NsxEstate (src/policy/nsx/model.ts), checked on the fields reports and diffs read. */
export const ZNsxEstate = z.looseObject({
  name: z.string(),
  vms: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  segments: z.array(z.looseObject({ path: z.string() })),
  groups: z.array(z.looseObject({ path: z.string(), name: z.string() })),
  services: z.array(z.looseObject({ path: z.string(), name: z.string() })),
  policies: z.array(ZPolicyLoose),
  defaultAction: z.enum(["ALLOW", "DROP", "REJECT"]),
}) as unknown as z.ZodType<NsxEstate>;

/** Each rule's resolved membership (VM ids / addresses) as the engine resolved it, keyed by rule id. */
export const ZRuleMembership = z.strictObject({
  sources: z.array(z.string()),
  destinations: z.array(z.string()),
  appliedTo: z.array(z.string()),
});
export const ZNormalisedPolicy = z.strictObject({
  estate: ZNsxEstate,
  ruleMembership: z.record(z.string(), ZRuleMembership),
});
export type TNormalisedPolicy = z.infer<typeof ZNormalisedPolicy>;

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export const ZFinding = z.looseObject({
  severity: z.enum(SEVERITIES),
  ruleId: z.string().optional(),
  title: z.string().min(1),
  remediation: z.string().optional(),
  /** Optional machine kind (see controls/tagging.ts); classified from the title when absent. */
  kind: z.string().optional(),
});
export type TFinding = z.infer<typeof ZFinding>;

export const ZEquivalenceResult = z.looseObject({
  equivalent: z.boolean(),
  differences: z.array(z.unknown()),
  findings: z.array(ZFinding),
});
export type TEquivalenceResult = z.infer<typeof ZEquivalenceResult>;

export const ZLintResult = z.looseObject({ findings: z.array(ZFinding) });
export type TLintResult = z.infer<typeof ZLintResult>;

/** A manifest file name inside the bundle's manifests/ folder: relative, no traversal, YAML. */
export const ZManifestName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\.ya?ml$/)
  .refine((n) => !n.split("/").some((s) => s === "." || s === ".."), "no . or .. segments");
export const ZManifests = z.record(ZManifestName, z.string());

/** Segregation of duties and retention, as they applied when the snapshot was sealed (never weakened later). */
export const ZGovernance = z.strictObject({
  approvalPolicy: ZApprovalPolicy,
  /** The creator's role at sealing time (the default policy refuses approvals from the same role). */
  creatorRole: z.string().min(1),
  retention: z.strictObject({ years: z.int().min(1).max(100), retainUntil: z.iso.datetime({ offset: true }) }),
});
export type TGovernance = z.infer<typeof ZGovernance>;

export const ZEngine = z.strictObject({ version: z.string().min(1), semanticsDigest: z.string().min(1) });

export const ZSnapshotParts = z.strictObject({
  inputs: ZInputs,
  policy: ZProvided(ZNormalisedPolicy),
  mappingProfile: ZProvided(z.unknown()),
  manifests: ZProvided(ZManifests),
  equivalence: ZProvided(ZEquivalenceResult),
  lint: ZProvided(ZLintResult),
  engine: ZProvided(ZEngine),
  // Added in issue 13. Optional so that snapshots sealed before them still verify; every new snapshot has
  // governance and ruleRecords; deployment only a deployed-state check; keyRotations only after a rotation.
  governance: ZGovernance.optional(),
  ruleRecords: ZProvided(ZRuleRecords).optional(),
  deployment: ZDeployment.optional(),
  keyRotations: ZKeyRotations.optional(),
});
export type TSnapshotParts = z.infer<typeof ZSnapshotParts>;

export const ZSnapshotMeta = z
  .strictObject({
    estateId: z.string().min(1),
    estateName: z.string().min(1),
    createdBy: z.string().min(1),
    createdAt: z.iso.datetime({ offset: true }),
    previousRoot: z.string().regex(HEX64).nullable(),
    sequence: z.int().positive(),
  })
  .refine((m) => (m.sequence === 1) === (m.previousRoot === null), {
    message: "the first snapshot of an estate (sequence 1) has previousRoot null, every later one has a root",
  });
export type TSnapshotMeta = z.infer<typeof ZSnapshotMeta>;

/** Part key → file name in the bundle and subject name in the statement. Order is irrelevant (Merkle sorts). */
export const PART_FILES = {
  meta: "parts/meta.json",
  inputs: "parts/inputs.json",
  policy: "parts/policy.json",
  mappingProfile: "parts/mapping-profile.json",
  manifests: "parts/manifests.json",
  equivalence: "parts/equivalence.json",
  lint: "parts/lint.json",
  engine: "parts/engine.json",
  governance: "parts/governance.json",
  ruleRecords: "parts/rule-records.json",
  deployment: "parts/deployment.json",
  keyRotations: "parts/key-rotations.json",
} as const;
export type TPartKey = keyof typeof PART_FILES;
export const PART_KEYS = Object.keys(PART_FILES) as TPartKey[];
/** Parts a snapshot may lack (sealed before issue 13, or not applicable): present ⇒ signed and checked. */
export const OPTIONAL_PART_KEYS: readonly TPartKey[] = ["governance", "ruleRecords", "deployment", "keyRotations"];
export type TOptionalPartKey = "governance" | "ruleRecords" | "deployment" | "keyRotations";
export const REQUIRED_PART_KEYS = PART_KEYS.filter((k) => !OPTIONAL_PART_KEYS.includes(k));
