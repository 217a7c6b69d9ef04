/**
 * Semantic comparison of two connlists over netpol-analyzer's universe (TCP/UDP/SCTP destination ports
 * 1–65535): per ordered pair of endpoints the sets must be equal; external blocks are compared over
 * every intersection of ours and theirs; a pair or address range absent from one side means no connections.
 */
import { IpSet } from "../sets/ip-set.ts";
import { TrafficSet } from "../sets/traffic-set.ts";
import { externalAddresses, type ConnlistLine } from "./parse.ts";

export interface ConnlistDifference {
  src: string;
  dst: string;
  ours: string;
  expected: string;
}

const ANALYZER_UNIVERSE = (["TCP", "UDP", "SCTP"] as const).reduce(
  (acc, p) => acc.union(TrafficSet.l4(p, [{ from: 1, to: 65535 }])),
  TrafficSet.empty(),
);

function project(traffic: TrafficSet): TrafficSet {
  return traffic.intersect(ANALYZER_UNIVERSE);
}

interface Block {
  addresses: IpSet;
  name: string;
  traffic: TrafficSet;
}

/** Keyed by `endpoint|direction`: the external blocks that endpoint talks to / hears from. */
function split(lines: readonly ConnlistLine[]) {
  const pairs = new Map<string, ConnlistLine>();
  const blocks = new Map<string, Block[]>();
  for (const line of lines) {
    const srcExternal = externalAddresses(line.src);
    const dstExternal = externalAddresses(line.dst);
    if (!srcExternal && !dstExternal) {
      pairs.set(`${line.src} => ${line.dst}`, line);
      continue;
    }
    const [endpoint, direction, addresses, name] = srcExternal
      ? [line.dst, "from", srcExternal, line.src]
      : [line.src, "to", dstExternal!, line.dst];
    const key = `${endpoint}|${direction}`;
    blocks.set(key, [...(blocks.get(key) ?? []), { addresses, name, traffic: project(line.traffic) }]);
  }
  return { pairs, blocks };
}

export function compareConnlists(ours: readonly ConnlistLine[], expected: readonly ConnlistLine[]): ConnlistDifference[] {
  const a = split(ours);
  const b = split(expected);
  const differences: ConnlistDifference[] = [];
  const empty = TrafficSet.empty();
  for (const key of [...new Set([...a.pairs.keys(), ...b.pairs.keys()])].sort()) {
    const mine = project(a.pairs.get(key)?.traffic ?? empty);
    const theirs = project(b.pairs.get(key)?.traffic ?? empty);
    if (!mine.equals(theirs)) {
      const [src, dst] = key.split(" => ");
      differences.push({ src, dst, ours: mine.toConnString("netpol-analyzer"), expected: theirs.toConnString("netpol-analyzer") });
    }
  }
  // Externals: IPv4 always; IPv6 only when the expected side lists IPv6 blocks.
  const expectedHasV6 = [...b.blocks.values()].flat().some((block) => !block.addresses.intersect(IpSet.allV6()).isEmpty());
  const universe = expectedHasV6 ? IpSet.all() : IpSet.allV4();
  for (const key of [...new Set([...a.blocks.keys(), ...b.blocks.keys()])].sort()) {
    const [endpoint, direction] = key.split("|");
    const mine = a.blocks.get(key) ?? [];
    const theirs = b.blocks.get(key) ?? [];
    const pieces: { addresses: IpSet; mine: TrafficSet; theirs: TrafficSet; name: string }[] = [];
    const mineCovered = mine.reduce((acc, block) => acc.union(block.addresses), IpSet.empty());
    const theirsCovered = theirs.reduce((acc, block) => acc.union(block.addresses), IpSet.empty());
    for (const m of mine) {
      for (const t of theirs) {
        const common = m.addresses.intersect(t.addresses).intersect(universe);
        if (!common.isEmpty()) pieces.push({ addresses: common, mine: m.traffic, theirs: t.traffic, name: m.name });
      }
      const alone = m.addresses.subtract(theirsCovered).intersect(universe);
      if (!alone.isEmpty()) pieces.push({ addresses: alone, mine: m.traffic, theirs: empty, name: m.name });
    }
    for (const t of theirs) {
      const alone = t.addresses.subtract(mineCovered).intersect(universe);
      if (!alone.isEmpty()) pieces.push({ addresses: alone, mine: empty, theirs: t.traffic, name: t.name });
    }
    for (const piece of pieces) {
      if (piece.mine.equals(piece.theirs)) continue;
      const external = `${piece.addresses.toRanges().join(",")}[External]`;
      const [src, dst] = direction === "from" ? [external, endpoint] : [endpoint, external];
      differences.push({
        src,
        dst,
        ours: piece.mine.toConnString("netpol-analyzer"),
        expected: piece.theirs.toConnString("netpol-analyzer"),
      });
    }
  }
  return differences;
}
