/**
 * `parity snapshot create FILES... --out BUNDLE.zip --key KEY.pem [--k8s DIR] [--profile FILE] [--api …]`
 * Seals the same parts the web seals: inputs, the normalised policy with resolved membership, the mapping
 * profile, the manifests, the verification (the web verify job's computation, src/translate/
 * verification-result.ts) with the translation's findings, its lint, the engine digest, the rule records
 * (owner/justification from the export) and the governance part (approval policy, creator role, retention).
 * Without --k8s it translates the exports itself (as the translate job does); with --k8s DIR it takes a
 * translation output (manifests + findings.json) and verifies that.
 */
import { snapshotVerdict } from "../../audit/report/summary.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { createBundle } from "../../audit/bundle.ts";
import { sha256Hex } from "../../audit/hash.ts";
import { APPROVER_ROLES, defaultApprovalPolicy, ZApprovalPolicy, type TApprovalPolicy } from "../../audit/approval-policy.ts";
import { trustedKeysFrom } from "../../audit/key-rotation.ts";
import { importPublicKeyPem } from "../../audit/keys.ts";
import { governancePart, manifestsPart, mappingProfilePart, verificationParts } from "../../audit/pipeline-parts.ts";
import { renderReportPdf } from "../../audit/report/pdf.ts";
import { resolveRuleMembership } from "../../audit/rule-membership.ts";
import { ruleRecordsOf } from "../../audit/rule-records.ts";
import { signerFromPrivateKeyPem, type TSigner } from "../../audit/signer.ts";
import { buildSnapshot, type TSealedSnapshot } from "../../audit/snapshot.ts";
import { notProvided, provided, type TSnapshotParts } from "../../audit/snapshot-model.ts";
import { verifyBundle } from "../../audit/verify.ts";
import { readZip } from "../../audit/zip.ts";
import { importEstate } from "../../ingest/import-estate.ts";
import { readManifestObjects, type NsxEstate } from "../../policy/index.ts";
import { translateEstate, type ApiVersion } from "../../translate/index.ts";
import { verifyForStorage, type TCorrespondenceEntry } from "../../translate/verification-result.ts";
import type { TFinding } from "../../translate/findings/finding.ts";
import { engineIdentity } from "../../runtime/engine-identity.ts";
import { printChecks, readManifestDir } from "./snapshot-io.ts";

export interface CreateOptions {
  out: string;
  key: string;
  k8s?: string;
  profile?: string;
  api: string;
  previous?: string;
  rotation?: string[];
  estateId?: string;
  estateName?: string;
  createdBy?: string;
  creatorRole: string;
  requiredApprovals?: string;
  approverRoles?: string;
  allowCreatorRole?: boolean;
  retentionYears: string;
  report: boolean;
}

/** What the correspondence needs of the emitted VirtualMachine label patches (annotations name the NSX VM). */
function correspondenceEntries(
  objects: readonly { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> } }[],
) {
  return objects.map((o): TCorrespondenceEntry => {
    const annotations = o.metadata.annotations ?? {};
    const find = (suffix: string) => annotations[Object.keys(annotations).find((k) => k.endsWith(suffix)) ?? ""];
    const vmId = o.kind === "VirtualMachine" ? find("nsx-vm-id") : undefined;
    const vmName = o.kind === "VirtualMachine" ? find("nsx-vm-name") : undefined;
    return {
      kind: o.kind,
      name: o.metadata.name,
      ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
      ...(vmId ? { vmId } : {}),
      ...(vmName ? { vmName } : {}),
    };
  });
}

/** Content-derived ids where the web has database ids (same role: which translation/verification this is). */
const contentId = (kind: string, text: string) => `cli-${kind}-${sha256Hex(new TextEncoder().encode(text)).slice(0, 16)}`;

function pipeline(estate: NsxEstate, o: CreateOptions): Pick<TSnapshotParts, "mappingProfile" | "manifests" | "equivalence" | "lint"> {
  let files: Record<string, string>;
  let objects: TCorrespondenceEntry[];
  let findings: TFinding[];
  let mappingProfile: TSnapshotParts["mappingProfile"];
  if (o.k8s) {
    files = readManifestDir(o.k8s, true);
    objects = correspondenceEntries(
      readManifestObjects(
        Object.entries(files)
          .filter(([n]) => /\.ya?ml$/i.test(n))
          .map(([file, text]) => ({ file, text })),
      ).map((m) => m.object as never),
    );
    const findingsFile = path.join(o.k8s, "findings.json");
    findings = fs.existsSync(findingsFile) ? (JSON.parse(fs.readFileSync(findingsFile, "utf8")) as TFinding[]) : [];
    mappingProfile = o.profile
      ? mappingProfilePart(0, parseYaml(fs.readFileSync(o.profile, "utf8")))
      : notProvided("the manifests were taken from --k8s; pass --profile with the mapping profile that produced them");
  } else {
    const profileInput = o.profile ? (parseYaml(fs.readFileSync(o.profile, "utf8")) as unknown) : undefined;
    const result = translateEstate(estate, profileInput, { api: o.api as ApiVersion });
    files = result.files;
    objects = correspondenceEntries(result.objects);
    findings = result.findings;
    mappingProfile = mappingProfilePart(0, result.profile);
  }
  const translationId = contentId("translation", JSON.stringify(files));
  const result = verifyForStorage(estate, files, objects, findings);
  const verificationId = contentId("verification", `${translationId}:${result.equivalent}:${result.differenceCount}`);
  const { equivalence, lint } = verificationParts({
    result: { ...result, elapsedMs: 0 },
    storedVerdict: result.equivalent,
    findings,
    verificationId,
    translationId,
  });
  return { mappingProfile, manifests: manifestsPart(files, o.k8s ?? "translation"), equivalence, lint };
}

function approvalPolicyOf(o: CreateOptions): TApprovalPolicy {
  const base = defaultApprovalPolicy();
  return ZApprovalPolicy.parse({
    requiredApprovals: o.requiredApprovals ? Number(o.requiredApprovals) : base.requiredApprovals,
    approverRoles: o.approverRoles ? o.approverRoles.split(",").map((r) => r.trim()) : base.approverRoles,
    allowCreatorRole: o.allowCreatorRole ?? base.allowCreatorRole,
  });
}

/**
 * The chain position and key history from the previous bundle. A signer other than the previous bundle's key
 * must be announced by a rotation record (--rotation) signed by that key.
 */
function chainFrom(o: CreateOptions, signer: TSigner, extraRotations: unknown[]) {
  if (!o.previous) return { previousRoot: null, sequence: 1, rotations: extraRotations };
  const zip = new Uint8Array(fs.readFileSync(o.previous));
  const files = readZip(zip);
  const prevKeyPem = new TextDecoder().decode(files["public-key.pem"] ?? new Uint8Array());
  const prevRotations = files["parts/key-rotations.json"]
    ? (JSON.parse(new TextDecoder().decode(files["parts/key-rotations.json"])) as unknown[])
    : [];
  const rotations = [...prevRotations, ...extraRotations];
  const prev = verifyBundle(zip, { trustedPublicKeyPem: signer.publicKeyPem, rotations });
  if (!prev.ok || !prev.merkleRoot || prev.sequence === undefined) {
    console.error(`previous bundle ${o.previous} does not verify with this key (a new key needs --rotation from the previous one):`);
    printChecks(prev.checks.filter((c) => !c.ok));
    return undefined;
  }
  if (prevKeyPem && !trustedKeysFrom(importPublicKeyPem(prevKeyPem), rotations).keys.has(signer.keyId)) {
    console.error(`the previous bundle's key does not announce ${signer.keyId}: pass --rotation with the rotation record`);
    return undefined;
  }
  return { previousRoot: prev.merkleRoot, sequence: prev.sequence + 1, rotations };
}

/** Seals parts with this CLI's chain and governance options; writes the bundle. Shared by create and check-deployed. */
export async function sealToBundle(
  parts: TSnapshotParts,
  o: CreateOptions,
  signer: TSigner,
  estateName: string,
): Promise<TSealedSnapshot | undefined> {
  const extra = (o.rotation ?? []).map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as unknown);
  const chain = chainFrom(o, signer, extra);
  if (!chain) return undefined;
  const createdAt = new Date().toISOString();
  const creatorRole = o.creatorRole;
  if (!(APPROVER_ROLES as readonly string[]).includes(creatorRole))
    throw new Error(`--creator-role must be one of ${APPROVER_ROLES.join(", ")}`);
  const sealedParts: TSnapshotParts = {
    ...parts,
    governance: governancePart({ approvalPolicy: approvalPolicyOf(o), creatorRole, createdAt, retentionYears: Number(o.retentionYears) }),
    ...(chain.rotations.length > 0 ? { keyRotations: chain.rotations as TSnapshotParts["keyRotations"] } : {}),
  };
  const sealed = buildSnapshot(
    sealedParts,
    {
      estateId:
        o.estateId ??
        (estateName
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "") ||
          "estate"),
      estateName,
      createdBy: o.createdBy ?? process.env.PARITY_USER ?? os.userInfo().username,
      createdAt,
      previousRoot: chain.previousRoot,
      sequence: chain.sequence,
    },
    signer,
  );
  const reportPdf = o.report ? await renderReportPdf({ sealed, approvals: [] }) : undefined;
  fs.writeFileSync(o.out, createBundle(sealed, { signer, reportPdf }));
  return sealed;
}

export async function createSnapshotBundle(files: string[], o: CreateOptions): Promise<number> {
  const signer = signerFromPrivateKeyPem(fs.readFileSync(o.key, "utf8"));
  const raw = files.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) }));
  const imported = importEstate(raw, { name: o.estateName });
  const byName = new Map(imported.provenance.map((p) => [p.name, p]));
  const inputs: TSnapshotParts["inputs"] = {
    files: raw.map((f) => {
      const p = byName.get(f.name);
      return {
        name: f.name,
        sha256: sha256Hex(f.bytes),
        size: f.bytes.length,
        format: p?.format ?? "unknown",
        // The importer is all-or-nothing: on success everything it counted was imported.
        counts: imported.ok && p ? Object.entries(p.counts).map(([kind, n]) => ({ kind, imported: n ?? 0, total: n ?? 0 })) : [],
      };
    }),
  };
  if (!imported.ok) {
    // A snapshot of an estate that does not import proves nothing: refuse, as the web does (no import, no snapshot).
    console.error(
      `import failed:\n${imported.errors
        .slice(0, 10)
        .map((e) => `  ${e.file} ${e.where}: ${e.message}`)
        .join("\n")}`,
    );
    return 2;
  }
  const estate = imported.estate;
  const engine = engineIdentity();
  const parts: TSnapshotParts = {
    inputs,
    policy: provided({ estate, ruleMembership: resolveRuleMembership(estate) }),
    ...pipeline(estate, o),
    engine: engine.ok ? provided({ version: engine.version, semanticsDigest: engine.semanticsDigest }) : notProvided(engine.reason),
    ruleRecords: provided(ruleRecordsOf(estate)),
  };
  const sealed = await sealToBundle(parts, o, signer, o.estateName ?? estate.name);
  if (!sealed) return 1;
  console.log(
    `wrote ${o.out}: ${sealed.meta.estateName} #${sealed.meta.sequence}, merkle root ${sealed.merkleRoot}, key id ${sealed.keyId}\n` +
      `  parts: ${Object.keys(sealed.digests).sort().join(", ")}\n` +
      `  verdict: ${snapshotVerdict(sealed.parts).sentence}`,
  );
  return 0;
}
