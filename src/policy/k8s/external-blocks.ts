/**
 * The external address space cut at every boundary any address peer (ipBlock, ipBlock except, ANP
 * networks) uses, so each block is wholly inside or outside every peer. IPv4 is always modelled;
 * IPv6 only when some policy names an IPv6 address (as netpol-analyzer, which lists IPv4 externals).
 */
import { IpSet } from "../sets/ip-set.ts";
import type { Interval } from "../sets/interval-set.ts";
import type { NormalisedPolicy } from "./model.ts";

function cut(universeMax: bigint, intervals: readonly Interval<bigint>[]): Interval<bigint>[] {
  const cuts = new Set<bigint>([0n, universeMax + 1n]);
  for (const [lo, hi] of intervals) {
    cuts.add(lo);
    cuts.add(hi + 1n);
  }
  const points = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const blocks: Interval<bigint>[] = [];
  for (let i = 0; i + 1 < points.length; i++) blocks.push([points[i], points[i + 1] - 1n]);
  return blocks;
}

export function externalBlocks(policies: readonly NormalisedPolicy[]): IpSet[] {
  const v4: Interval<bigint>[] = [];
  const v6: Interval<bigint>[] = [];
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        if (peer.kind !== "addresses") continue;
        const intervals = peer.addresses.intervals();
        v4.push(...intervals.v4);
        v6.push(...intervals.v6);
      }
    }
  }
  const blocks = cut((1n << 32n) - 1n, v4).map((range) => IpSet.fromIntervals([range], []));
  if (v6.length > 0) blocks.push(...cut((1n << 128n) - 1n, v6).map((range) => IpSet.fromIntervals([], [range])));
  return blocks;
}
