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
 *   ruleRecords     each rule's owner and business justification (export notes/tag, or the latest edit)
 *   governance      added by createSnapshot: the estate's approval policy, the creator's role, retention
 *
 * The shaping is shared with `parity snapshot create` (src/audit/pipeline-parts.ts), so both seal the same parts.
 *
 * Whatever does not exist, or does not have the shape the audit model needs, is sealed as
 * `notProvided(reason)` with the exact reason: never an empty or invented result.
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { NsxEstate } from "../../policy/index.ts";
import { notProvided, provided, ZNsxEstate, type TSnapshotParts } from "../../audit/snapshot-model.ts";
import { manifestsPart, mappingProfilePart, verificationParts } from "../../audit/pipeline-parts.ts";
import { ruleRecordsOf } from "../../audit/rule-records.ts";
import { latestRuleEdits } from "./rule-records.ts";
import { defaultMappingProfile } from "../../translate/profile/mapping-profile.ts";
import { AppError } from "../errors.ts";
import { engineIdentity } from "./engine-version.ts";

export { resolveRuleMembership } from "../../audit/rule-membership.ts";
import { resolveRuleMembership } from "../../audit/rule-membership.ts";

/** Translation.manifests as the translate job stores it: `{files: {path → text}, objects}`. */
const ZStoredManifests = z.object({ files: z.record(z.string(), z.string()) });

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
    const stored = ZStoredManifests.safeParse(current.manifests);
    manifests = stored.success
      ? manifestsPart(stored.data.files, `translation ${current.id}`)
      : notProvided(`translation ${current.id}: manifests are not stored as {files: {path → YAML}}`);
  }

  let mappingProfile: TSnapshotParts["mappingProfile"];
  if (current && current.profileVersion === 0) {
    // Version 0 is the built-in default the translate job used (no saved profile).
    mappingProfile = mappingProfilePart(0, defaultMappingProfile());
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
      ({ equivalence, lint } = verificationParts({
        result: verification.result,
        storedVerdict: verification.equivalent,
        findings: current.findings,
        verificationId: verification.id,
        translationId: current.id,
      }));
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
      ruleRecords: estate.success
        ? provided(ruleRecordsOf(latest.estate as unknown as NsxEstate, await latestRuleEdits(prisma, estateId)))
        : notProvided("no normalised policy to take rule owners and justifications from"),
    },
    importId: latest.id,
    importVersion: latest.version,
    translationId: current?.id ?? null,
    verificationId,
  };
}
