/**
 * Sealing a snapshot: canonical JSON per part → SHA-256 per part → Merkle root → in-toto Statement → DSSE
 * envelope signed with the installation key. The sealed object is what the server stores (one immutable row)
 * and what the bundle writer serialises; everything in it can be recomputed from `meta` and `parts`.
 */
import { canonicalBytes } from "./canonical-json.ts";
import { signEnvelope, type TDsseEnvelope } from "./dsse.ts";
import { SnapshotValidationError } from "./errors.ts";
import { sha256Hex } from "./hash.ts";
import { buildStatement, IN_TOTO_PAYLOAD_TYPE, type TStatement } from "./in-toto-statement.ts";
import { merkleRoot } from "./merkle.ts";
import { canonicalJson } from "./canonical-json.ts";
import { utf8 } from "./bytes.ts";
import type { TSigner } from "./signer.ts";
import {
  OPTIONAL_PART_KEYS,
  PART_FILES,
  PART_KEYS,
  ZSnapshotMeta,
  ZSnapshotParts,
  type TPartKey,
  type TSnapshotMeta,
  type TSnapshotParts,
} from "./snapshot-model.ts";

export const SNAPSHOT_PREDICATE_TYPE = "https://parity.dev/audit-snapshot/v1";
export const MERKLE_SCHEME = "rfc6962-sha256; leaf = JCS {name, sha256}; leaves sorted by name";

export interface TSnapshotPredicate {
  meta: TSnapshotMeta;
  merkleRoot: string;
  previousRoot: string | null;
  hashAlgorithm: "sha256";
  merkleScheme: string;
}

export interface TSealedSnapshot {
  formatVersion: 1;
  meta: TSnapshotMeta;
  parts: TSnapshotParts;
  /** Part file name (parts/….json) → hex SHA-256 of its canonical JSON. */
  digests: Record<string, string>;
  merkleRoot: string;
  envelope: TDsseEnvelope;
  keyId: string;
  publicKeyPem: string;
}

/** The canonical bytes of every part, keyed by its file name (meta included: it carries the chain link). */
export function partFiles(meta: TSnapshotMeta, parts: TSnapshotParts): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const key of PART_KEYS) {
    const value = key === "meta" ? meta : parts[key as Exclude<TPartKey, "meta">];
    if (value === undefined && OPTIONAL_PART_KEYS.includes(key)) continue; // absent optional part: no file, no leaf
    out[PART_FILES[key]] = canonicalBytes(value);
  }
  return out;
}

export function digestsOf(files: Record<string, Uint8Array>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, sha256Hex(bytes)]));
}

export function rootOf(digests: Record<string, string>): string {
  return merkleRoot(Object.entries(digests).map(([name, sha256]) => ({ name, sha256 })));
}

export function snapshotStatement(meta: TSnapshotMeta, digests: Record<string, string>, root: string): TStatement<TSnapshotPredicate> {
  const subjects = Object.entries(digests)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, sha256]) => ({ name, digest: { sha256 } }));
  return buildStatement(subjects, SNAPSHOT_PREDICATE_TYPE, {
    meta,
    merkleRoot: root,
    previousRoot: meta.previousRoot,
    hashAlgorithm: "sha256",
    merkleScheme: MERKLE_SCHEME,
  });
}

/**
 * Validates, hashes, roots and signs. Pure: the signer holds the key, the caller supplies time and identity
 * in `meta`. Throws SnapshotValidationError naming every invalid field.
 */
export function buildSnapshot(parts: TSnapshotParts, meta: TSnapshotMeta, signer: TSigner): TSealedSnapshot {
  const m = ZSnapshotMeta.safeParse(meta);
  if (!m.success) throw SnapshotValidationError.from("snapshot meta", m.error);
  const p = ZSnapshotParts.safeParse(parts);
  if (!p.success) throw SnapshotValidationError.from("snapshot parts", p.error);
  // Hash the caller's values, not zod's parsed copies: loose schemas must never drop or reorder data.
  const digests = digestsOf(partFiles(meta, parts));
  const root = rootOf(digests);
  const statement = snapshotStatement(meta, digests, root);
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, utf8(canonicalJson(statement)), signer);
  return {
    formatVersion: 1,
    meta,
    parts,
    digests,
    merkleRoot: root,
    envelope,
    keyId: signer.keyId,
    publicKeyPem: signer.publicKeyPem,
  };
}
