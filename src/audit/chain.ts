/**
 * Hash chain per estate: snapshot n carries snapshot n-1's Merkle root inside its signed meta (and so inside
 * its own root). Editing, removing, inserting or reordering any snapshot breaks the link after it.
 * Each snapshot's content and signature are re-verified, so a recomputed-but-unsigned edit is caught too.
 */
import type { TSealedSnapshot } from "./snapshot.ts";
import { verifySealedSnapshot } from "./verify-snapshot.ts";
import { trustedKeysFrom } from "./key-rotation.ts";
import { importPublicKeyPem } from "./keys.ts";

export interface TChainBreak {
  /** Position in the list given to verifyChain. */
  index: number;
  sequence: number;
  reason: string;
}

export interface TChainResult {
  ok: boolean;
  /** Number of snapshots verified before the first break (all of them when ok). */
  verified: number;
  firstBroken?: TChainBreak;
}

export interface TChainOptions {
  trustedPublicKeyPem?: string;
  /** Root of the snapshot just before the first one given, when verifying a tail of the chain. */
  anchorRoot?: string;
  /** Rotation records known besides each snapshot's own keyRotations part (the installation's history). */
  rotations?: readonly unknown[];
}

/** Verifies snapshots of one estate in sequence order and reports the first broken link. */
export function verifyChain(snapshots: TSealedSnapshot[], options: TChainOptions = {}): TChainResult {
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i];
    const broken = (reason: string): TChainResult => ({
      ok: false,
      verified: i,
      firstBroken: { index: i, sequence: s.meta?.sequence, reason },
    });
    const v = verifySealedSnapshot(s, { trustedPublicKeyPem: options.trustedPublicKeyPem, rotations: options.rotations });
    if (!v.ok) {
      const failed = v.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
      return broken(`snapshot does not verify: ${failed.join("; ")}`);
    }
    const prev = i > 0 ? snapshots[i - 1] : undefined;
    if (prev) {
      if (s.meta.estateId !== prev.meta.estateId) return broken(`estate ${s.meta.estateId} ≠ ${prev.meta.estateId}`);
      if (s.meta.sequence !== prev.meta.sequence + 1) return broken(`sequence ${s.meta.sequence} follows ${prev.meta.sequence}`);
      if (s.meta.previousRoot !== prev.merkleRoot) {
        return broken(`previousRoot ${s.meta.previousRoot} ≠ root of #${prev.meta.sequence} ${prev.merkleRoot}`);
      }
      // A new signing key must be announced, under the previous key's signature, inside the snapshot itself.
      if (s.keyId !== prev.keyId) {
        const announced = trustedKeysFrom(importPublicKeyPem(prev.publicKeyPem), s.parts.keyRotations ?? []).keys.has(s.keyId);
        if (!announced)
          return broken(`signed by key ${s.keyId}, but no rotation record from #${prev.meta.sequence}'s key ${prev.keyId} announces it`);
      }
    } else if (options.anchorRoot !== undefined) {
      if (s.meta.previousRoot !== options.anchorRoot) return broken(`previousRoot ${s.meta.previousRoot} ≠ anchor ${options.anchorRoot}`);
    } else if (s.meta.sequence !== 1 || s.meta.previousRoot !== null) {
      return broken(`chain starts at #${s.meta.sequence} without an anchor root (snapshots before it are missing)`);
    }
  }
  return { ok: true, verified: snapshots.length };
}
