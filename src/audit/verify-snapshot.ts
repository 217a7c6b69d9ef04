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
import {
  OPTIONAL_PART_KEYS,
  PART_FILES,
  PART_KEYS,
  REQUIRED_PART_KEYS,
  ZSnapshotMeta,
  ZSnapshotParts,
  type TSnapshotMeta,
} from "./snapshot-model.ts";
import { trustedKeysFrom } from "./key-rotation.ts";

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

const unwrapOptional = (schema: z.ZodType): z.ZodType => (schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema);

const PART_SCHEMAS: Record<string, z.ZodType> = Object.fromEntries(
  PART_KEYS.map((key) => [PART_FILES[key], key === "meta" ? ZSnapshotMeta : unwrapOptional(ZSnapshotParts.shape[key])]),
);
const REQUIRED_FILES = REQUIRED_PART_KEYS.map((k) => PART_FILES[k]) as string[];
const OPTIONAL_FILES = OPTIONAL_PART_KEYS.map((k) => PART_FILES[k]) as string[];

export interface TSnapshotFiles {
  parts: Record<string, Uint8Array | undefined>;
  envelope: unknown;
  publicKeyPem: string;
}

export interface TVerifyOptions {
  /** SPKI PEM the auditor trusts (from the bank's key ceremony); without it the bundle's own key is used. */
  trustedPublicKeyPem?: string;
  /** Rotation records known besides the snapshot's own keyRotations part (e.g. the installation's history). */
  rotations?: readonly unknown[];
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

  // Every required part, plus the optional parts this snapshot has (each then checked like the others).
  const subjectNames = statement.subject.map((s) => s.name);
  const expected = [...REQUIRED_FILES, ...OPTIONAL_FILES.filter((n) => subjectNames.includes(n))];
  const sameSet = subjectNames.length === expected.length && expected.every((n) => subjectNames.includes(n));
  checks.push({
    name: "statement subjects",
    ok: sameSet,
    detail: sameSet
      ? `exactly the expected parts (${expected.length})`
      : `subjects ${subjectNames.join(", ")} ≠ expected ${REQUIRED_FILES.join(", ")} (+ optional ${OPTIONAL_FILES.join(", ")})`,
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

  checks.push(trustedKeyCheck(publicKey, options, partValues[PART_FILES.keyRotations]));

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

/**
 * The bundle key is trusted when it is the pinned key, or reachable from it through rotation records (the
 * snapshot's keyRotations part plus any the caller knows), each signed by both the old and the new key.
 */
function trustedKeyCheck(publicKey: Uint8Array, options: TVerifyOptions, rotationsPart: unknown): TCheck {
  if (options.trustedPublicKeyPem === undefined)
    return { name: "trusted key", ok: true, skipped: true, detail: "not pinned (pass the bank's public key to pin it)" };
  let trusted: Uint8Array;
  try {
    trusted = importPublicKeyPem(options.trustedPublicKeyPem);
  } catch (error) {
    return { name: "trusted key", ok: false, detail: `trusted key unreadable: ${(error as Error).message}` };
  }
  if (equalBytes(trusted, publicKey)) return { name: "trusted key", ok: true, detail: "bundle key equals the trusted key" };
  const records = [...(Array.isArray(rotationsPart) ? rotationsPart : []), ...(options.rotations ?? [])];
  const reach = trustedKeysFrom(trusted, records);
  const id = keyIdOf(publicKey);
  const how = reach.how.get(id);
  if (how) return { name: "trusted key", ok: true, detail: `bundle key ${id} trusted through key rotation: ${how}` };
  return {
    name: "trusted key",
    ok: false,
    detail:
      `bundle key ${id} is not the trusted key ${keyIdOf(trusted)}` +
      (records.length ? ` and no valid rotation record links them${reach.invalid.length ? ` (${reach.invalid.join("; ")})` : ""}` : ""),
  };
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
