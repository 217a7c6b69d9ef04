/**
 * The content-level verification shared by the bundle verifier, the server (check on read) and the chain
 * check: given the part files' bytes, the DSSE envelope and the public key, recompute everything and compare.
 */
import { z } from "zod";
import { canonicalJson, parseCanonical } from "./canonical-json.ts";
import { type TCheck, result, type TVerifyResult } from "./check.ts";
import { verifyEnvelope } from "./dsse.ts";
import { HEX64, sha256Hex } from "./hash.ts";
import { IN_TOTO_PAYLOAD_TYPE, ZStatement } from "./in-toto-statement.ts";
import { fingerprintOf, importPublicKeyPem, keyIdOf } from "./keys.ts";
import { equalBytes } from "./bytes.ts";
import { MERKLE_SCHEME, partFiles, rootOf, SNAPSHOT_PREDICATE_TYPE, type TSealedSnapshot, type TSnapshotPredicate } from "./snapshot.ts";
import { PART_FILES, ZSnapshotMeta, ZSnapshotParts, type TSnapshotMeta } from "./snapshot-model.ts";

const ZSnapshotStatement = ZStatement(
  SNAPSHOT_PREDICATE_TYPE,
  z.strictObject({
    meta: z.unknown(),
    merkleRoot: z.string().regex(HEX64),
    previousRoot: z.string().regex(HEX64).nullable(),
    hashAlgorithm: z.literal("sha256"),
    merkleScheme: z.literal(MERKLE_SCHEME),
  }),
);

const PART_SCHEMAS: Record<string, z.ZodType> = {
  [PART_FILES.meta]: ZSnapshotMeta,
  [PART_FILES.inputs]: ZSnapshotParts.shape.inputs,
  [PART_FILES.policy]: ZSnapshotParts.shape.policy,
  [PART_FILES.mappingProfile]: ZSnapshotParts.shape.mappingProfile,
  [PART_FILES.manifests]: ZSnapshotParts.shape.manifests,
  [PART_FILES.equivalence]: ZSnapshotParts.shape.equivalence,
  [PART_FILES.lint]: ZSnapshotParts.shape.lint,
  [PART_FILES.engine]: ZSnapshotParts.shape.engine,
};

export interface TSnapshotFiles {
  parts: Record<string, Uint8Array | undefined>;
  envelope: unknown;
  publicKeyPem: string;
}

export interface TVerifyOptions {
  /** SPKI PEM the auditor trusts (from the bank's key ceremony); without it the bundle's own key is used. */
  trustedPublicKeyPem?: string;
  /** The previous snapshot's Merkle root (hex), or null to assert this is the first snapshot. */
  previousRoot?: string | null;
}

export interface TSnapshotVerification extends TVerifyResult {
  meta?: TSnapshotMeta;
  merkleRoot?: string;
  publicKey?: Uint8Array;
  partValues: Record<string, unknown>;
}

export function verifySnapshotFiles(files: TSnapshotFiles, options: TVerifyOptions = {}): TSnapshotVerification {
  const checks: TCheck[] = [];
  const partValues: Record<string, unknown> = {};
  const fail = (): TSnapshotVerification => ({ ...result(checks), ok: false, partValues });

  let publicKey: Uint8Array;
  try {
    publicKey = importPublicKeyPem(files.publicKeyPem);
    checks.push({ name: "public key", ok: true, detail: `Ed25519, key id ${keyIdOf(publicKey)} (${fingerprintOf(publicKey)})` });
  } catch (error) {
    checks.push({ name: "public key", ok: false, detail: (error as Error).message });
    return fail();
  }

  if (options.trustedPublicKeyPem === undefined) {
    checks.push({ name: "trusted key", ok: true, skipped: true, detail: "not pinned (pass the bank's public key to pin it)" });
  } else {
    let trusted: Uint8Array | undefined;
    try {
      trusted = importPublicKeyPem(options.trustedPublicKeyPem);
    } catch (error) {
      checks.push({ name: "trusted key", ok: false, detail: `trusted key unreadable: ${(error as Error).message}` });
    }
    if (trusted) {
      const same = equalBytes(trusted, publicKey);
      checks.push({
        name: "trusted key",
        ok: same,
        detail: same ? "bundle key equals the trusted key" : `bundle key ${keyIdOf(publicKey)} is not the trusted key ${keyIdOf(trusted)}`,
      });
    }
  }

  const sig = verifyEnvelope(files.envelope, publicKey, IN_TOTO_PAYLOAD_TYPE);
  checks.push({ name: "snapshot signature (DSSE, Ed25519)", ok: sig.ok, detail: sig.ok ? `valid, keyid ${sig.keyId}` : sig.reason });
  if (!sig.ok) return fail();

  const json = parseCanonical(sig.payload);
  const st = json.ok ? ZSnapshotStatement.safeParse(json.value) : undefined;
  if (!json.ok || !st?.success) {
    checks.push({ name: "in-toto statement", ok: false, detail: json.ok ? `schema: ${st?.error?.issues[0]?.message}` : json.reason });
    return fail();
  }
  const statement = st.data;
  const predicate = statement.predicate as TSnapshotPredicate;
  checks.push({ name: "in-toto statement", ok: true, detail: `${statement.subject.length} subjects, ${SNAPSHOT_PREDICATE_TYPE}` });

  const expected = Object.values(PART_FILES) as string[];
  const subjectNames = statement.subject.map((s) => s.name);
  const sameSet = subjectNames.length === expected.length && expected.every((n) => subjectNames.includes(n));
  checks.push({
    name: "statement subjects",
    ok: sameSet,
    detail: sameSet ? "exactly the expected parts" : `subjects ${subjectNames.join(", ")} ≠ expected ${expected.join(", ")}`,
  });

  const digests: Record<string, string> = {};
  for (const name of expected) {
    const bytes = files.parts[name];
    const signed = statement.subject.find((s) => s.name === name)?.digest.sha256;
    if (!bytes) {
      checks.push({ name: `part ${name}`, ok: false, detail: "missing" });
      continue;
    }
    const actual = sha256Hex(bytes);
    digests[name] = actual;
    const canonical = parseCanonical(bytes);
    const problems: string[] = [];
    if (actual !== signed) problems.push(`sha256 ${actual} ≠ signed ${signed ?? "(none)"}`);
    if (!canonical.ok) problems.push(canonical.reason);
    else {
      const schema = PART_SCHEMAS[name].safeParse(canonical.value);
      if (!schema.success) problems.push(`schema: ${schema.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      else partValues[name] = canonical.value;
    }
    checks.push({ name: `part ${name}`, ok: problems.length === 0, detail: problems.length ? problems.join("; ") : `sha256 ${actual}` });
  }

  const root = rootOf(digests);
  const rootOk = Object.keys(digests).length === expected.length && root === predicate.merkleRoot;
  checks.push({
    name: "merkle root",
    ok: rootOk,
    detail: rootOk ? root : `recomputed ${root} ≠ signed ${predicate.merkleRoot}`,
  });

  const meta = partValues[PART_FILES.meta] as TSnapshotMeta | undefined;
  const metaOk =
    meta !== undefined && canonicalJson(meta) === canonicalJson(predicate.meta) && meta.previousRoot === predicate.previousRoot;
  checks.push({
    name: "meta matches statement",
    ok: metaOk,
    detail: metaOk
      ? `${meta.estateName} #${meta.sequence} by ${meta.createdBy} at ${meta.createdAt}`
      : "parts/meta.json differs from the signed predicate",
  });

  if (options.previousRoot === undefined) {
    checks.push({
      name: "chain link",
      ok: true,
      skipped: true,
      detail: `previous root ${predicate.previousRoot ?? "none (first snapshot)"}; not compared (no previous root given)`,
    });
  } else {
    const ok = predicate.previousRoot === options.previousRoot;
    checks.push({
      name: "chain link",
      ok,
      detail: ok
        ? `previous root ${options.previousRoot ?? "none (first snapshot)"} matches`
        : `snapshot links to ${predicate.previousRoot ?? "nothing (first snapshot)"}, expected ${options.previousRoot ?? "none"}`,
    });
  }

  return { ...result(checks), meta, merkleRoot: predicate.merkleRoot, publicKey, partValues };
}

/** Verifies a sealed snapshot object (e.g. a database row) by recomputing its canonical part files. */
export function verifySealedSnapshot(sealed: TSealedSnapshot, options: TVerifyOptions = {}): TSnapshotVerification {
  let parts: Record<string, Uint8Array>;
  try {
    parts = partFiles(sealed.meta, sealed.parts);
  } catch (error) {
    return { ok: false, checks: [{ name: "parts", ok: false, detail: (error as Error).message }], partValues: {} };
  }
  const v = verifySnapshotFiles({ parts, envelope: sealed.envelope, publicKeyPem: sealed.publicKeyPem }, options);
  const stored = sealed.merkleRoot === v.merkleRoot;
  const checks = [
    ...v.checks,
    {
      name: "stored root",
      ok: stored,
      detail: stored ? "row's merkleRoot equals the signed root" : `row says ${sealed.merkleRoot}, signed ${v.merkleRoot}`,
    },
  ];
  return { ...v, ...result(checks), ok: v.ok && stored, checks };
}
