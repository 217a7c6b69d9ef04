/**
 * What an audit snapshot freezes, gathered from the database at one moment (issue 7):
 *
 *   inputs          the raw files of the estate's current version (EstateImport + UploadFile: name, SHA-256,
 *                   size, detected format, per-file counts; the importer is all-or-nothing, so imported = total)
 *   policy          that version's normalised estate plus each rule's resolved membership (engine GroupResolver)
 *   mappingProfile  the profile the translation used (Translation.profileVersion; 0 = the built-in default),
 *                   else the latest saved profile
 *   manifests       the YAML files of the latest translation of this estate version (Translation.manifests.files)
 *   equivalence     the latest verification of that translation (Verification.result: verdict, differences,
 *                   heatmap, problems) with the translation's findings (Translation.findings)
 *   lint            the lint the verification ran (src/policy/lint: shadowed, redundant, disabled, empty groups,
 *                   unknown references), as audit findings
 *   engine          package version + semantics digest of src/policy (engine-version.ts)
 *
 * Whatever does not exist, or does not have the shape the audit model needs, is sealed as
 * `notProvided(reason)` with the exact reason: never an empty or invented result.
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { IpSet } from "../../policy/sets/ip-set.ts";
import { vmEndpoint } from "../../policy/nsx/endpoint.ts";
import { GroupResolver } from "../../policy/nsx/group-membership.ts";
import type { NsxEstate } from "../../policy/nsx/model.ts";
import { ProblemLog } from "../../policy/nsx/problems.ts";
import { buildPeerSelector, buildScopeSelector, isAny, type Selector } from "../../policy/nsx/selector.ts";
import type { VmEndpoint } from "../../policy/nsx/endpoint.ts";
import {
  notProvided,
  provided,
  ZEquivalenceResult,
  ZManifests,
  ZNsxEstate,
  SEVERITIES,
  type TNormalisedPolicy,
  type TSnapshotParts,
} from "../../audit/snapshot-model.ts";
import { defaultMappingProfile } from "../../translate/profile/mapping-profile.ts";
import { AppError } from "../errors.ts";
import { engineIdentity } from "./engine-version.ts";
import type { LintItem } from "../../policy/lint/lint-item.ts";

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

/** A rule's resolved members as strings: "ANY", VM ids as `vm:<id>`, addresses as CIDRs. Sorted, stable. */
function members(selector: Selector): string[] {
  if (selector.any) return ["ANY"];
  return [...[...selector.vmIds].sort().map((id) => `vm:${id}`), ...selector.ips.toCidrs()];
}

/**
 * Each rule's sources, destinations and Applied-To as the engine resolves them (groups → VM ids and
 * addresses, a policy's Applied-To replacing its rules' own), for every rule including disabled ones.
 * Negation (sources/destinations excluded) stays on the rule itself; these are the members named.
 */
export function resolveRuleMembership(estate: NsxEstate): TNormalisedPolicy["ruleMembership"] {
  const log = new ProblemLog();
  const resolver = new GroupResolver(estate, log);
  const segments = new Map(estate.segments.map((s) => [s.path, s]));
  const vms: VmEndpoint[] = [];
  for (const vm of estate.vms) {
    try {
      vms.push(vmEndpoint(vm, segments));
    } catch {
      vms.push({ kind: "vm", vm, addresses: IpSet.empty() }); // bad address: the import report names it
    }
  }
  const out: TNormalisedPolicy["ruleMembership"] = {};
  for (const policy of estate.policies) {
    const policyScope = isAny(policy.scope) ? undefined : policy.scope;
    for (const rule of policy.rules) {
      const subject = `${policy.name}/${rule.name} (${rule.id})`;
      out[rule.id] = {
        sources: members(buildPeerSelector(rule.sources, false, resolver, log, subject)),
        destinations: members(buildPeerSelector(rule.destinations, false, resolver, log, subject)),
        appliedTo: members(buildScopeSelector(policyScope ?? rule.scope, resolver, segments, vms, log, subject)),
      };
    }
  }
  return out;
}

/**
 * Translation.manifests as the translate job stores it: `{files: {path → text}, objects}`. The emitted YAML
 * files are frozen verbatim; any other file (none today) or an unsafe path makes the part not provided.
 */
const ZStoredManifests = z.object({ files: z.record(z.string(), z.string()) });

function manifestsOf(value: unknown): { ok: true; value: z.infer<typeof ZManifests> } | { ok: false; reason: string } {
  const stored = ZStoredManifests.safeParse(value);
  if (!stored.success) return { ok: false, reason: "manifests are not stored as {files: {path → YAML}}" };
  // The translation's output also carries its README.md and findings.json: the manifests part freezes the
  // Kubernetes objects (YAML); the findings are frozen in the equivalence part.
  const yamlOnly = Object.fromEntries(Object.entries(stored.data.files).filter(([name]) => /\.ya?ml$/i.test(name)));
  const parsed = ZManifests.safeParse(yamlOnly);
  if (!parsed.success)
    return {
      ok: false,
      reason: `manifest file names not accepted in a bundle: ${parsed.error.issues
        .map((i) => i.path.join("/"))
        .slice(0, 3)
        .join(", ")}`,
    };
  if (Object.keys(parsed.data).length === 0) return { ok: false, reason: "the translation emitted no manifest files" };
  return { ok: true, value: parsed.data };
}

/** The translation's findings in the audit model's terms (kept verbatim; `ruleId` added from `ruleIds`). */
const ZTranslationFinding = z.looseObject({
  severity: z.enum(SEVERITIES),
  title: z.string().min(1),
  ruleIds: z.array(z.string()).optional(),
});

export interface TGatheredParts {
  parts: TSnapshotParts;
  importId: string;
  importVersion: number;
  translationId: string | null;
  verificationId: string | null;
}

export async function gatherSnapshotParts(prisma: PrismaClient, estateId: string): Promise<TGatheredParts> {
  const latest = await prisma.estateImport.findFirst({
    where: { estateId },
    orderBy: { version: "desc" },
    include: { files: { orderBy: { name: "asc" }, select: { name: true, sha256: true, size: true, format: true } } },
  });
  if (!latest)
    throw new AppError("BAD_REQUEST", "This estate has no imported version yet: upload the NSX export first, then create a snapshot");
  if (latest.files.length === 0) throw new AppError("BAD_REQUEST", `Estate version ${latest.version} has no stored raw files to freeze`);

  const report = latest.report as { files?: { name: string; format?: string; counts?: Record<string, number | undefined> }[] };
  const perFile = new Map((report.files ?? []).map((f) => [f.name, f]));
  const inputs: TSnapshotParts["inputs"] = {
    files: latest.files.map((file) => {
      const counted = perFile.get(file.name)?.counts ?? {};
      return {
        name: file.name,
        sha256: file.sha256,
        size: file.size,
        format: file.format || "unknown",
        counts: Object.entries(counted)
          .filter((entry): entry is [string, number] => typeof entry[1] === "number")
          .map(([kind, n]) => ({ kind, imported: n, total: n })),
      };
    }),
  };

  const estate = ZNsxEstate.safeParse(latest.estate);
  const policy: TSnapshotParts["policy"] = estate.success
    ? provided({
        estate: latest.estate as unknown as NsxEstate,
        ruleMembership: resolveRuleMembership(latest.estate as unknown as NsxEstate),
      })
    : notProvided(`estate version ${latest.version} does not have the normalised shape: ${estate.error.issues[0]?.message ?? "invalid"}`);

  const translation = await prisma.translation.findFirst({ where: { estateId }, orderBy: { createdAt: "desc" } });
  const current = translation && translation.importId === latest.id ? translation : null;
  const staleReason = translation
    ? `the latest translation is of another estate version than the current version ${latest.version}; translate again`
    : "this estate has not been translated yet";

  let manifests: TSnapshotParts["manifests"] = notProvided(staleReason);
  if (current) {
    const m = manifestsOf(current.manifests);
    manifests = m.ok ? provided(m.value) : notProvided(`translation ${current.id}: ${m.reason}`);
  }

  let mappingProfile: TSnapshotParts["mappingProfile"];
  if (current && current.profileVersion === 0) {
    // Version 0 is the built-in default the translate job used (no saved profile).
    mappingProfile = provided({ version: 0, profile: JSON.parse(JSON.stringify(defaultMappingProfile())) as unknown });
  } else {
    const profileRow = current
      ? await prisma.mappingProfile.findUnique({ where: { estateId_version: { estateId, version: current.profileVersion } } })
      : await prisma.mappingProfile.findFirst({ where: { estateId }, orderBy: { version: "desc" } });
    mappingProfile = profileRow
      ? provided({ version: profileRow.version, profile: profileRow.profile })
      : notProvided(
          current
            ? `mapping profile version ${current.profileVersion} used by the translation is not stored`
            : "no mapping profile has been saved for this estate and nothing was translated",
        );
  }

  let equivalence: TSnapshotParts["equivalence"] = notProvided(current ? "the current translation has not been verified yet" : staleReason);
  let verificationId: string | null = null;
  let lint: TSnapshotParts["lint"] = notProvided(
    `lint runs with verification: ${current ? "the current translation has not been verified yet" : staleReason}`,
  );
  if (current) {
    const verification = await prisma.verification.findFirst({ where: { translationId: current.id }, orderBy: { createdAt: "desc" } });
    if (verification) {
      verificationId = verification.id;
      const findings = z.array(ZTranslationFinding).safeParse(current.findings);
      const result = verification.result as Record<string, unknown> | null;
      if (!findings.success) equivalence = notProvided(`translation ${current.id}: findings lack severity or title`);
      else if (!result || typeof result !== "object" || Array.isArray(result))
        equivalence = notProvided(`verification ${verification.id}: result is not an object`);
      else {
        // The verdict and every difference come from the verification; the findings it accounts for from the translation.
        const value = {
          ...result,
          verificationId: verification.id,
          translationId: current.id,
          findings: findings.data.map((f) => (f.ruleIds && f.ruleIds.length > 0 ? { ...f, ruleId: f.ruleIds.join(", ") } : f)),
        };
        const parsed = ZEquivalenceResult.safeParse(value);
        if (!parsed.success) equivalence = notProvided(`verification ${verification.id}: result lacks verdict or differences`);
        else if (parsed.data.equivalent !== verification.equivalent)
          equivalence = notProvided(`verification ${verification.id}: stored verdict and result disagree`);
        else equivalence = provided(value as unknown as z.infer<typeof ZEquivalenceResult>);
        const items = (result as { lint?: unknown }).lint;
        lint = Array.isArray(items)
          ? provided({ verificationId: verification.id, findings: lintFindings(items as LintItem[]) })
          : notProvided(`verification ${verification.id} predates the lint pipeline`);
      }
    }
  }

  const engine = engineIdentity();
  return {
    parts: {
      inputs,
      policy,
      mappingProfile,
      manifests,
      equivalence,
      lint,
      engine: engine.ok ? provided({ version: engine.version, semanticsDigest: engine.semanticsDigest }) : notProvided(engine.reason),
    },
    importId: latest.id,
    importVersion: latest.version,
    translationId: current?.id ?? null,
    verificationId,
  };
}
