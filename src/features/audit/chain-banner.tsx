"use client";
/** The hash chain's state over all snapshots; a broken chain is shown loudly. */
import type { TSnapshotList } from "./snapshot-format.ts";

export function ChainBanner({ chain, count }: { chain: TSnapshotList["chain"]; count: number }) {
  if (count === 0) return null;
  if (chain.ok) {
    return (
      <div className="alert ok" role="status" data-testid="chain-status">
        <strong>Chain intact.</strong> {chain.summary} (checked just now, on this read).
      </div>
    );
  }
  return (
    <div className="alert error" role="alert" data-testid="chain-status" style={{ borderWidth: 2 }}>
      <strong>TAMPERING DETECTED — the hash chain is broken.</strong>
      <div>{chain.summary}</div>
      <div>
        Do not rely on snapshots from #{chain.firstBrokenSequence} on. Report this to your security officer; the database rows cannot be
        edited through Parity, so the change was made beneath it.
      </div>
    </div>
  );
}
