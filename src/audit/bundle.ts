/**
 * The evidence bundle an auditor downloads: the snapshot's parts and envelope, the manifests as YAML files,
 * the public key, the approvals, the PDF report and a README, plus `bundle.dsse.json`, a signed in-toto
 * Statement over every other file, so the unsigned extras (README, PDF, approvals list) are covered too.
 */
import { utf8 } from "./bytes.ts";
import { canonicalBytes, canonicalJson } from "./canonical-json.ts";
import { signEnvelope } from "./dsse.ts";
import { sha256Hex } from "./hash.ts";
import { buildStatement, IN_TOTO_PAYLOAD_TYPE } from "./in-toto-statement.ts";
import { bundleReadme } from "./readme.ts";
import { reportFiles } from "./report/report-files.ts";
import type { TSignedApproval } from "./approval.ts";
import type { TSigner } from "./signer.ts";
import { partFiles, SNAPSHOT_PREDICATE_TYPE, type TSealedSnapshot } from "./snapshot.ts";
import { writeCanonicalZip } from "./zip.ts";

export const BUNDLE_PREDICATE_TYPE = "https://parity.dev/audit-bundle/v1";

export const BUNDLE_FILES = {
  snapshot: "snapshot.json",
  envelope: "envelope.dsse.json",
  bundleEnvelope: "bundle.dsse.json",
  publicKey: "public-key.pem",
  approvals: "approvals.json",
  readme: "README.md",
  report: "report.pdf",
} as const;
export const MANIFEST_DIR = "manifests/";

/** snapshot.json: the at-a-glance summary (not trusted on its own; the verifier checks it against the parts). */
export function snapshotSummary(sealed: TSealedSnapshot) {
  return {
    formatVersion: sealed.formatVersion,
    predicateType: SNAPSHOT_PREDICATE_TYPE,
    meta: sealed.meta,
    merkleRoot: sealed.merkleRoot,
    keyId: sealed.keyId,
    parts: Object.entries(sealed.digests)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, sha256]) => ({ name, sha256 })),
  };
}

export interface TBundleOptions {
  approvals?: TSignedApproval[];
  reportPdf?: Uint8Array;
  /** Must be the key that sealed the snapshot: one bundle, one key. */
  signer: TSigner;
  /** When the bundle was assembled (ISO 8601); defaults to the snapshot's createdAt. */
  bundledAt?: string;
}

export function createBundle(sealed: TSealedSnapshot, options: TBundleOptions): Uint8Array {
  if (options.signer.keyId !== sealed.keyId) {
    throw new Error(`bundle signer ${options.signer.keyId} is not the snapshot's key ${sealed.keyId}`);
  }
  const files: Record<string, Uint8Array> = {
    ...partFiles(sealed.meta, sealed.parts),
    [BUNDLE_FILES.snapshot]: canonicalBytes(snapshotSummary(sealed)),
    [BUNDLE_FILES.envelope]: canonicalBytes(sealed.envelope),
    [BUNDLE_FILES.publicKey]: utf8(sealed.publicKeyPem),
    [BUNDLE_FILES.approvals]: canonicalBytes((options.approvals ?? []).map((a) => a.envelope)),
    [BUNDLE_FILES.readme]: utf8(bundleReadme(sealed)),
  };
  if (sealed.parts.manifests.status === "provided") {
    for (const [name, text] of Object.entries(sealed.parts.manifests.value)) files[MANIFEST_DIR + name] = utf8(text);
  }
  if (options.reportPdf) files[BUNDLE_FILES.report] = options.reportPdf;
  // The report's full lists (findings, differences, traceability, verdict) as CSV/JSON, derived from the parts.
  Object.assign(files, reportFiles(sealed));

  const subjects = Object.keys(files)
    .sort()
    .map((name) => ({ name, digest: { sha256: sha256Hex(files[name]) } }));
  const statement = buildStatement(subjects, BUNDLE_PREDICATE_TYPE, {
    snapshotRoot: sealed.merkleRoot,
    estateId: sealed.meta.estateId,
    sequence: sealed.meta.sequence,
    bundledAt: options.bundledAt ?? sealed.meta.createdAt,
  });
  files[BUNDLE_FILES.bundleEnvelope] = canonicalBytes(signEnvelope(IN_TOTO_PAYLOAD_TYPE, utf8(canonicalJson(statement)), options.signer));
  return writeCanonicalZip(files);
}
