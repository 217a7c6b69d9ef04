/**
 * Offline verification of an evidence bundle (what `parity snapshot verify` and the UI run). Every check is
 * reported by name, so the auditor sees exactly what fails. Order: container → bundle signature and file
 * digests → snapshot signature, parts, Merkle root, chain → summary, manifests and approvals.
 */
import { z } from "zod";
import { equalBytes, fromUtf8 } from "./bytes.ts";
import { canonicalJson, parseCanonical } from "./canonical-json.ts";
import { describeApproval, verifyApproval, type TApproval } from "./approval.ts";
import { coverPartsOf, evaluateApprovals, type TApprovalStatus } from "./approval-policy.ts";
import { trustedKeysFrom } from "./key-rotation.ts";
import { BUNDLE_FILES, BUNDLE_PREDICATE_TYPE, MANIFEST_DIR } from "./bundle.ts";
import { REPORT_FILES, reportFiles } from "./report/report-files.ts";
import { countsOfEquivalencePart, verdictJson, verdictOf } from "./verdict.ts";
import { type TCheck, result, type TVerifyResult } from "./check.ts";
import { verifyEnvelope } from "./dsse.ts";
import { HEX64, sha256Hex } from "./hash.ts";
import { IN_TOTO_PAYLOAD_TYPE, ZStatement } from "./in-toto-statement.ts";
import { keyIdOf } from "./keys.ts";
import { PART_FILES, REQUIRED_PART_KEYS, type TGovernance, type TSnapshotParts } from "./snapshot-model.ts";
import { verifySnapshotFiles, type TVerifyOptions } from "./verify-snapshot.ts";
import { readZip, writeCanonicalZip } from "./zip.ts";

const ZBundleStatement = ZStatement(
  BUNDLE_PREDICATE_TYPE,
  z.strictObject({
    snapshotRoot: z.string().regex(HEX64),
    estateId: z.string(),
    sequence: z.int(),
    bundledAt: z.string(),
  }),
);

export interface TBundleVerification extends TVerifyResult {
  merkleRoot?: string;
  /** From the sealed approval policy and the valid approvals (absent for snapshots sealed before issue 13). */
  approvalStatus?: TApprovalStatus;
  estateName?: string;
  sequence?: number;
  /** The verdict the signed equivalence part states, in the one vocabulary (src/audit/verdict.ts). */
  verdict?: ReturnType<typeof verdictJson>;
}

export function verifyBundle(zipBytes: Uint8Array, options: TVerifyOptions = {}): TBundleVerification {
  const checks: TCheck[] = [];
  const done = (extra: Partial<TBundleVerification> = {}): TBundleVerification => ({ ...result(checks), ...extra });

  let files: Record<string, Uint8Array>;
  try {
    files = readZip(zipBytes);
    checks.push({ name: "zip archive", ok: true, detail: `${Object.keys(files).length} entries` });
  } catch (error) {
    checks.push({ name: "zip archive", ok: false, detail: `unreadable: ${(error as Error).message}` });
    return done();
  }
  const canonicalZip = equalBytes(writeCanonicalZip(files), zipBytes);
  checks.push({
    name: "zip container",
    ok: canonicalZip,
    detail: canonicalZip
      ? "byte-identical to Parity's canonical layout"
      : "the archive bytes differ from the canonical layout of its own entries (container edited or re-packed)",
  });

  const partNames = Object.values(PART_FILES) as string[];
  const known = new Set<string>([...partNames, ...Object.values(BUNDLE_FILES), ...Object.values(REPORT_FILES)]);
  const unexpected = Object.keys(files).filter((n) => !known.has(n) && !n.startsWith(MANIFEST_DIR));
  const required = [
    ...REQUIRED_PART_KEYS.map((k) => PART_FILES[k]),
    BUNDLE_FILES.snapshot,
    BUNDLE_FILES.envelope,
    BUNDLE_FILES.bundleEnvelope,
    BUNDLE_FILES.publicKey,
    BUNDLE_FILES.approvals,
    BUNDLE_FILES.readme,
  ];
  const missing = required.filter((n) => !files[n]);
  checks.push({
    name: "bundle files",
    ok: unexpected.length === 0 && missing.length === 0,
    detail:
      [missing.length ? `missing: ${missing.join(", ")}` : "", unexpected.length ? `unexpected: ${unexpected.join(", ")}` : ""]
        .filter(Boolean)
        .join("; ") || "all required files present, nothing unexpected",
  });

  let publicKeyPem: string;
  try {
    publicKeyPem = fromUtf8(files[BUNDLE_FILES.publicKey] ?? new Uint8Array());
  } catch {
    publicKeyPem = "";
  }

  // The snapshot itself: key, signature, statement, parts, Merkle root, chain link.
  const envelopeJson = files[BUNDLE_FILES.envelope] ? parseCanonical(files[BUNDLE_FILES.envelope]) : undefined;
  checks.push({
    name: "envelope.dsse.json",
    ok: envelopeJson?.ok === true,
    detail: envelopeJson === undefined ? "missing" : envelopeJson.ok ? "canonical JSON" : envelopeJson.reason,
  });
  const snap = verifySnapshotFiles({ parts: files, envelope: envelopeJson?.ok ? envelopeJson.value : undefined, publicKeyPem }, options);
  checks.push(...snap.checks);
  if (!snap.publicKey) return done();

  // The bundle statement covers every other file (README, report, approvals, summary, manifests…).
  const bundleEnv = files[BUNDLE_FILES.bundleEnvelope] ? parseCanonical(files[BUNDLE_FILES.bundleEnvelope]) : undefined;
  const bsig = bundleEnv?.ok ? verifyEnvelope(bundleEnv.value, snap.publicKey, IN_TOTO_PAYLOAD_TYPE) : undefined;
  checks.push({
    name: "bundle signature (DSSE, Ed25519)",
    ok: bsig?.ok === true,
    detail:
      bundleEnv === undefined
        ? "bundle.dsse.json missing"
        : !bundleEnv.ok
          ? bundleEnv.reason
          : bsig!.ok
            ? `valid, keyid ${bsig!.keyId}`
            : bsig!.reason,
  });
  if (bsig?.ok) {
    const stJson = parseCanonical(bsig.payload);
    const st = stJson.ok ? ZBundleStatement.safeParse(stJson.value) : undefined;
    if (!st?.success) {
      checks.push({ name: "bundle statement", ok: false, detail: stJson.ok ? `schema: ${st?.error?.issues[0]?.message}` : stJson.reason });
    } else {
      const listed = new Map(st.data.subject.map((s) => [s.name, s.digest.sha256]));
      const problems: string[] = [];
      for (const name of Object.keys(files)) {
        if (name === BUNDLE_FILES.bundleEnvelope) continue;
        const want = listed.get(name);
        if (!want) problems.push(`${name} not listed`);
        else if (want !== sha256Hex(files[name])) problems.push(`${name} sha256 ${sha256Hex(files[name])} ≠ listed ${want}`);
      }
      for (const name of listed.keys()) if (!files[name]) problems.push(`${name} listed but missing`);
      if (st.data.predicate.snapshotRoot !== snap.merkleRoot) problems.push(`bundle is for root ${st.data.predicate.snapshotRoot}`);
      checks.push({
        name: "bundle file digests",
        ok: problems.length === 0,
        detail: problems.length ? problems.join("; ") : `${listed.size} files match the signed list`,
      });
    }
  }

  // snapshot.json must agree with what was verified above.
  const summary = files[BUNDLE_FILES.snapshot] ? parseCanonical(files[BUNDLE_FILES.snapshot]) : undefined;
  const s = summary?.ok ? (summary.value as Record<string, unknown>) : undefined;
  const summaryOk =
    !!s &&
    s.merkleRoot === snap.merkleRoot &&
    s.keyId === keyIdOf(snap.publicKey) &&
    snap.meta !== undefined &&
    canonicalJson(s.meta ?? null) === canonicalJson(snap.meta);
  checks.push({
    name: "snapshot.json",
    ok: summaryOk,
    detail: summaryOk
      ? "agrees with the signed statement"
      : summary && !summary.ok
        ? summary.reason
        : "root, key id or meta differ from the signed statement",
  });

  // The report's CSV/JSON lists, when present, must be exactly what the signed parts produce.
  const reportNames = Object.values(REPORT_FILES).filter((n) => files[n]);
  if (reportNames.length > 0) {
    const parts = Object.fromEntries(
      (Object.entries(PART_FILES) as [string, string][])
        .filter(([key]) => key !== "meta")
        .map(([key, file]) => [key, snap.partValues[file]]),
    ) as unknown as TSnapshotParts;
    let problems: string[];
    try {
      const want = reportFiles({ parts });
      problems = reportNames
        .filter((n) => !want[n] || !equalBytes(want[n], files[n]))
        .map((n) => `${n} differs from what the parts produce`);
    } catch (error) {
      problems = [`the parts could not be read: ${(error as Error).message}`];
    }
    checks.push({
      name: "report lists",
      ok: problems.length === 0,
      detail: problems.length ? problems.join("; ") : `${reportNames.length} files regenerate from the signed parts`,
    });
  }

  // Manifests as YAML files must be exactly the manifests part.
  const manifestsPart = snap.partValues[PART_FILES.manifests] as TSnapshotParts["manifests"] | undefined;
  if (manifestsPart) {
    const want = manifestsPart.status === "provided" ? manifestsPart.value : {};
    const have = Object.keys(files).filter((n) => n.startsWith(MANIFEST_DIR));
    const problems: string[] = [];
    for (const name of have) {
      const text = want[name.slice(MANIFEST_DIR.length)];
      if (text === undefined) problems.push(`${name} is not in the manifests part`);
      else if (!equalBytes(new TextEncoder().encode(text), files[name])) problems.push(`${name} differs from the manifests part`);
    }
    for (const name of Object.keys(want)) if (!files[MANIFEST_DIR + name]) problems.push(`${MANIFEST_DIR + name} missing`);
    checks.push({
      name: "manifests",
      ok: problems.length === 0,
      detail: problems.length
        ? problems.join("; ")
        : manifestsPart.status === "provided"
          ? `${have.length} YAML files match the signed part`
          : "not provided",
    });
  }

  // Approvals: each is its own signed record bound to this root, never by the creator; then the sealed
  // approval policy (governance part) says whether the snapshot counts as approved.
  const approvalsJson = files[BUNDLE_FILES.approvals] ? parseCanonical(files[BUNDLE_FILES.approvals]) : undefined;
  let approvalStatus: TApprovalStatus | undefined;
  if (!approvalsJson?.ok || !Array.isArray(approvalsJson.value)) {
    checks.push({
      name: "approvals",
      ok: false,
      detail: approvalsJson && !approvalsJson.ok ? approvalsJson.reason : "approvals.json is not a JSON array",
    });
  } else if (snap.meta && snap.merkleRoot) {
    if (approvalsJson.value.length === 0) checks.push({ name: "approvals", ok: true, detail: "none (no second-person sign-off yet)" });
    // Approvals signed after a key rotation carry the successor's signature.
    const rotations = [
      ...(Array.isArray(snap.partValues[PART_FILES.keyRotations]) ? (snap.partValues[PART_FILES.keyRotations] as unknown[]) : []),
      ...(options.rotations ?? []),
    ];
    const keys = [...trustedKeysFrom(snap.publicKey, rotations).keys.values()];
    const valid: TApproval[] = [];
    approvalsJson.value.forEach((env, i) => {
      const a = verifyApproval(env, { meta: snap.meta!, merkleRoot: snap.merkleRoot! }, keys);
      if (a.ok) valid.push(a.approval);
      checks.push({ name: `approval ${i + 1}`, ok: a.ok, detail: a.ok ? describeApproval(a.approval) : a.reason });
    });
    const governance = snap.partValues[PART_FILES.governance] as TGovernance | undefined;
    if (governance) {
      approvalStatus = evaluateApprovals(
        governance.approvalPolicy,
        { createdBy: snap.meta.createdBy, creatorRole: governance.creatorRole, coverParts: coverPartsOf(snap.partValues) },
        valid,
      );
      checks.push({
        name: "approval policy",
        ok: true,
        detail: `${approvalStatus.summary} (policy: ${governance.approvalPolicy.requiredApprovals} approval(s) from ${governance.approvalPolicy.approverRoles.join(", ")}${governance.approvalPolicy.allowCreatorRole ? "" : ", not the creator's role"}); retained until ${governance.retention.retainUntil} (${governance.retention.years} years)`,
      });
    }
  }

  const equivalencePart = snap.partValues[PART_FILES.equivalence] as TSnapshotParts["equivalence"] | undefined;
  return done({
    merkleRoot: snap.merkleRoot,
    estateName: snap.meta?.estateName,
    sequence: snap.meta?.sequence,
    approvalStatus,
    ...(equivalencePart ? { verdict: verdictJson(verdictOf(countsOfEquivalencePart(equivalencePart))) } : {}),
  });
}
