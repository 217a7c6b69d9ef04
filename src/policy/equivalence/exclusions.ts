/**
 * "Equivalent except these findings": a difference is explained when every flow of it lies in the excluded
 * flows of findings that apply to its endpoints. A class whose members are covered by different exclusions
 * is split so each part is judged exactly.
 */
import { IpSet } from "../sets/ip-set.ts";
import { TrafficSet } from "../sets/traffic-set.ts";
import type { ExcludedFlows } from "./difference.ts";

export interface EndpointSideFilter {
  names: ReadonlySet<string>;
  addresses: IpSet;
}

export interface PreparedExclusion {
  exclusion: ExcludedFlows;
  src?: EndpointSideFilter;
  dst?: EndpointSideFilter;
}

/** What an exclusion can test: a VM (name, id, addresses) or an external block. */
export type SideMember = { kind: "vm"; name: string; id: string; addresses: IpSet } | { kind: "external"; addresses: IpSet };

function filterOf(entries: readonly string[] | undefined): EndpointSideFilter | undefined {
  if (entries === undefined) return undefined;
  const names = new Set<string>();
  let addresses = IpSet.empty();
  for (const entry of entries) {
    names.add(entry);
    try {
      addresses = addresses.union(IpSet.parse(entry));
    } catch {
      // not an address: a VM name or id
    }
  }
  return { names, addresses };
}

export function prepareExclusions(exclusions: readonly ExcludedFlows[]): PreparedExclusion[] {
  return exclusions.map((exclusion) => ({ exclusion, src: filterOf(exclusion.src), dst: filterOf(exclusion.dst) }));
}

/** Address boundaries the external atoms must respect so each atom is wholly in or out of every exclusion. */
export function exclusionCuts(prepared: readonly PreparedExclusion[]): IpSet[] {
  return prepared.flatMap((p) => [p.src?.addresses, p.dst?.addresses]).filter((a): a is IpSet => a !== undefined && !a.isEmpty());
}

function applies(filter: EndpointSideFilter | undefined, member: SideMember): boolean {
  if (!filter) return true;
  if (member.kind === "vm" && (filter.names.has(member.name) || filter.names.has(member.id))) return true;
  return !filter.addresses.isEmpty() && !member.addresses.isEmpty() && member.addresses.isSubsetOf(filter.addresses);
}

/** Members grouped by which exclusions apply to them on one side (bit string per member). */
export function groupBySignature<T>(
  members: readonly T[],
  toSide: (m: T) => SideMember,
  prepared: readonly PreparedExclusion[],
  side: "src" | "dst",
): { applicable: number[]; members: T[] }[] {
  const groups = new Map<string, { applicable: number[]; members: T[] }>();
  for (const member of members) {
    const applicable = prepared.flatMap((p, i) => (applies(p[side], toSide(member)) ? [i] : []));
    const key = applicable.join(",");
    const group = groups.get(key);
    if (group) group.members.push(member);
    else groups.set(key, { applicable, members: [member] });
  }
  return [...groups.values()];
}

export interface Classified {
  residualNsxOnly: TrafficSet;
  residualK8sOnly: TrafficSet;
  findingIds: string[];
}

export function classify(
  nsxOnly: TrafficSet,
  k8sOnly: TrafficSet,
  prepared: readonly PreparedExclusion[],
  applicable: readonly number[],
): Classified {
  let excluded = TrafficSet.empty();
  const findingIds: string[] = [];
  const difference = nsxOnly.union(k8sOnly);
  for (const i of applicable) {
    const { traffic, findingId } = prepared[i].exclusion;
    if (traffic.intersect(difference).isEmpty()) continue;
    excluded = excluded.union(traffic);
    if (!findingIds.includes(findingId)) findingIds.push(findingId);
  }
  return { residualNsxOnly: nsxOnly.subtract(excluded), residualK8sOnly: k8sOnly.subtract(excluded), findingIds };
}
