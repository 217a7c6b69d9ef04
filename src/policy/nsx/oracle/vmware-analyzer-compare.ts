/**
 * Semantic comparison of our connectivity with a vmware-analyzer expected table.
 *
 * The comparison happens in that tool's universe, and each restriction is a documented property of the
 * tool, not a tuning of ours:
 * - traffic is projected onto what its TransportSet can express (TCP/UDP ports 1–65535, IPv4 ICMP);
 * - it models IPv4 only, so we compare our IPv4 family;
 * - it materialises as external endpoints only the addresses that rules name (group address members and
 *   literals), minus the estate's own segments and VM addresses; its table is silent about the rest of the
 *   address space (e.g. `ANY` reaching the internet), so ours is restricted to the same addresses;
 * - external ranges may be cut differently, so VM↔external pairs are compared over every non-empty
 *   intersection of our blocks with its blocks (and uncovered remainders must carry no traffic).
 */
import { IpSet } from "../../sets/ip-set.ts";
import { TrafficSet } from "../../sets/traffic-set.ts";
import type { CompiledNsx } from "../compile.ts";
import { nsxConnectivity } from "../connectivity.ts";
import { describeConnection, parseVmwareAnalyzerConnection, vmwareAnalyzerUniverse } from "./vmware-analyzer-connection.ts";
import { parseVmwareAnalyzerTable } from "./vmware-analyzer-table.ts";

export type OracleComparison = { ok: true; pairsCompared: number } | { ok: false; difference: string };

type Block = { addresses: IpSet; traffic: TrafficSet };

function differ(a: TrafficSet, b: TrafficSet): boolean {
  return !a.equals(b);
}

function compareBlocks(vm: string, direction: "to" | "from", ours: Block[], theirs: Block[]): string | undefined {
  const label = (addresses: IpSet) => addresses.toRanges().join(",");
  const pair = (addresses: IpSet) => (direction === "to" ? `${vm} -> ${label(addresses)}` : `${label(addresses)} -> ${vm}`);
  for (const our of ours) {
    let covered = IpSet.empty();
    for (const their of theirs) {
      const common = our.addresses.intersect(their.addresses);
      if (common.isEmpty()) continue;
      covered = covered.union(common);
      if (differ(our.traffic, their.traffic)) {
        return `${pair(common)}: expected "${describeConnection(their.traffic)}", got "${describeConnection(our.traffic)}"`;
      }
    }
    const rest = our.addresses.subtract(covered);
    if (!rest.isEmpty() && !our.traffic.isEmpty())
      return `${pair(rest)}: expected no connections, got "${describeConnection(our.traffic)}"`;
  }
  const ourSpace = ours.reduce((acc, b) => acc.union(b.addresses), IpSet.empty());
  for (const their of theirs) {
    const rest = their.addresses.subtract(ourSpace);
    if (!rest.isEmpty() && !their.traffic.isEmpty())
      return `${pair(rest)}: expected "${describeConnection(their.traffic)}", got no connections`;
  }
  return undefined;
}

export function compareWithVmwareAnalyzer(compiled: CompiledNsx, expectedText: string): OracleComparison {
  const universe = vmwareAnalyzerUniverse();
  const vmNames = compiled.vms.map((e) => e.vm.name);
  if (new Set(vmNames).size !== vmNames.length)
    return { ok: false, difference: "VM display names are not unique; the table cannot be matched" };
  const oracleExternal = IpSet.allV4().intersect(compiled.ruleAddresses).subtract(compiled.internal);

  const ourVmPairs = new Map<string, TrafficSet>();
  const ourBlocks = new Map<string, Block[]>(); // key: "to|vm" or "from|vm"
  const pushBlock = (key: string, block: Block) => ourBlocks.set(key, [...(ourBlocks.get(key) ?? []), block]);
  for (const pair of nsxConnectivity(compiled, { family: 4 }).expand()) {
    const traffic = pair.traffic.intersect(universe);
    if (pair.src.kind === "vm" && pair.dst.kind === "vm") ourVmPairs.set(`${pair.src.vm.name}\u0000${pair.dst.vm.name}`, traffic);
    else if (pair.src.kind === "vm")
      pushBlock(`to|${pair.src.vm.name}`, { addresses: pair.dst.addresses.intersect(oracleExternal), traffic });
    else if (pair.dst.kind === "vm")
      pushBlock(`from|${pair.dst.vm.name}`, { addresses: pair.src.addresses.intersect(oracleExternal), traffic });
  }

  const theirVmPairs = new Map<string, TrafficSet>();
  const theirBlocks = new Map<string, Block[]>();
  for (const row of parseVmwareAnalyzerTable(expectedText)) {
    let traffic: TrafficSet;
    try {
      traffic = parseVmwareAnalyzerConnection(row.connection).intersect(universe);
    } catch (error) {
      return { ok: false, difference: `expected line ${row.line}: ${error instanceof Error ? error.message : String(error)}` };
    }
    const srcIsVm = vmNames.includes(row.src);
    const dstIsVm = vmNames.includes(row.dst);
    const block = (text: string): IpSet | undefined => {
      try {
        return IpSet.parse(text);
      } catch {
        return undefined;
      }
    };
    if (srcIsVm && dstIsVm) theirVmPairs.set(`${row.src}\u0000${row.dst}`, traffic);
    else if (srcIsVm || dstIsVm) {
      const addresses = block(srcIsVm ? row.dst : row.src);
      if (!addresses)
        return {
          ok: false,
          difference: `expected line ${row.line}: "${srcIsVm ? row.dst : row.src}" is neither a VM nor an address block`,
        };
      const key = srcIsVm ? `to|${row.src}` : `from|${row.dst}`;
      theirBlocks.set(key, [...(theirBlocks.get(key) ?? []), { addresses, traffic }]);
    } else return { ok: false, difference: `expected line ${row.line}: neither "${row.src}" nor "${row.dst}" is a VM of the estate` };
  }

  let pairsCompared = 0;
  for (const src of vmNames) {
    for (const dst of vmNames) {
      if (src === dst) continue;
      pairsCompared += 1;
      const key = `${src}\u0000${dst}`;
      const ours = ourVmPairs.get(key) ?? TrafficSet.empty();
      const theirs = theirVmPairs.get(key) ?? TrafficSet.empty();
      if (differ(ours, theirs))
        return { ok: false, difference: `${src} -> ${dst}: expected "${describeConnection(theirs)}", got "${describeConnection(ours)}"` };
    }
  }
  for (const vm of vmNames) {
    for (const direction of ["to", "from"] as const) {
      const key = `${direction}|${vm}`;
      pairsCompared += 1;
      const difference = compareBlocks(vm, direction, ourBlocks.get(key) ?? [], theirBlocks.get(key) ?? []);
      if (difference) return { ok: false, difference };
    }
  }
  return { ok: true, pairsCompared };
}
