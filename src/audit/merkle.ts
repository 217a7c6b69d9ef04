/**
 * Merkle tree over the snapshot's parts, RFC 6962 (Certificate Transparency) style:
 *
 *   leaf hash  = SHA-256(0x00 || leaf data)
 *   node hash  = SHA-256(0x01 || left || right)
 *   MTH([])    = SHA-256("")
 *   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n]))  with k the largest power of two < n
 *
 * The 0x00/0x01 prefixes separate the leaf and node domains, so no inner node can be passed off as a leaf
 * (second-preimage attack on naive trees); the split rule means an odd node is never duplicated (the
 * CVE-2012-2459 ambiguity). A leaf's data is the canonical JSON `{"name":…,"sha256":…}` of one part, so the
 * root binds every part's name to its digest; leaves are ordered by part name (UTF-16 code units, as JCS does).
 * Inclusion proofs let an auditor check one part against the signed root without the others.
 */
import { bytesToHex, concatBytes, equalBytes, hexToBytes } from "./bytes.ts";
import { canonicalBytes } from "./canonical-json.ts";
import { sha256Bytes } from "./hash.ts";

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

export interface TMerkleLeaf {
  name: string;
  sha256: string;
}

export function leafHash(data: Uint8Array): Uint8Array {
  return sha256Bytes(concatBytes(LEAF, data));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256Bytes(concatBytes(NODE, left, right));
}

export function leafData(leaf: TMerkleLeaf): Uint8Array {
  return canonicalBytes({ name: leaf.name, sha256: leaf.sha256 });
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function treeHash(hashes: Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return sha256Bytes(new Uint8Array());
  if (hashes.length === 1) return hashes[0];
  const k = largestPowerOfTwoBelow(hashes.length);
  return nodeHash(treeHash(hashes.slice(0, k)), treeHash(hashes.slice(k)));
}

export function sortLeaves(leaves: TMerkleLeaf[]): TMerkleLeaf[] {
  const names = new Set<string>();
  for (const l of leaves) {
    if (names.has(l.name)) throw new Error(`duplicate Merkle leaf name: ${l.name}`);
    names.add(l.name);
  }
  return [...leaves].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The hex Merkle root of the given parts (order-independent: leaves are sorted by name first). */
export function merkleRoot(leaves: TMerkleLeaf[]): string {
  return bytesToHex(treeHash(sortLeaves(leaves).map((l) => leafHash(leafData(l)))));
}

export interface TInclusionProof {
  leafIndex: number;
  treeSize: number;
  /** Sibling hashes from the leaf up to the root, hex. */
  path: string[];
}

/** RFC 6962 §2.1.1 audit path for the leaf named `name`. */
export function inclusionProof(leaves: TMerkleLeaf[], name: string): TInclusionProof {
  const sorted = sortLeaves(leaves);
  const index = sorted.findIndex((l) => l.name === name);
  if (index < 0) throw new Error(`no Merkle leaf named ${name}`);
  const hashes = sorted.map((l) => leafHash(leafData(l)));
  const path: Uint8Array[] = [];
  const walk = (m: number, d: Uint8Array[]): void => {
    if (d.length <= 1) return;
    const k = largestPowerOfTwoBelow(d.length);
    if (m < k) {
      walk(m, d.slice(0, k));
      path.push(treeHash(d.slice(k)));
    } else {
      walk(m - k, d.slice(k));
      path.push(treeHash(d.slice(0, k)));
    }
  };
  walk(index, hashes);
  return { leafIndex: index, treeSize: sorted.length, path: path.map(bytesToHex) };
}

/** Verifies an inclusion proof (RFC 9162 §2.1.3.2 algorithm). */
export function verifyInclusion(leaf: TMerkleLeaf, proof: TInclusionProof, rootHex: string): boolean {
  if (proof.leafIndex < 0 || proof.leafIndex >= proof.treeSize) return false;
  let fn = proof.leafIndex;
  let sn = proof.treeSize - 1;
  let r = leafHash(leafData(leaf));
  for (const p of proof.path) {
    if (sn === 0) return false;
    const sibling = hexToBytes(p);
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(sibling, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = nodeHash(r, sibling);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && equalBytes(r, hexToBytes(rootHex));
}
