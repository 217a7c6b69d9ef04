/** Selector, peer and port shapes shared by the emitters (NetworkPolicy, ANP/BANP v1alpha1, CNP v1alpha2). */
import { IpSet, NAMESPACE_NAME_LABEL } from "../../policy/index.ts";
import { selectorObject, type Conjunction } from "../selectors/label-requirement.ts";
import type { PortsSpec } from "../services/service-to-ports.ts";
import { NAMESPACE_KEY } from "../plan/describe-classes.ts";

/** A conjunction split into its Namespace part (a namespaceSelector) and its pod-label part. */
export function splitNamespace(conj: Conjunction): { namespace?: Record<string, unknown>; namespaceNames?: string[]; pods: Conjunction } {
  const ns = conj.filter((l) => l.key === NAMESPACE_KEY);
  const pods = conj.filter((l) => l.key !== NAMESPACE_KEY);
  if (ns.length === 0) return { pods };
  const renamed = ns.map((l) => ({ ...l, key: NAMESPACE_NAME_LABEL }));
  const names = ns.length === 1 && ns[0].operator === "In" ? [...ns[0].values] : undefined;
  return { namespace: selectorObject(renamed), ...(names ? { namespaceNames: names } : {}), pods };
}

export function networkPolicyPeer(conj: Conjunction, policyNamespace: string): Record<string, unknown> {
  const { namespace, namespaceNames, pods } = splitNamespace(conj);
  if (namespaceNames?.length === 1 && namespaceNames[0] === policyNamespace) return { podSelector: selectorObject(pods) };
  return { namespaceSelector: namespace ?? {}, ...(pods.length > 0 ? { podSelector: selectorObject(pods) } : {}) };
}

/** ANP / CNP pod peer (no Namespace literal: admin peers come from rule selectors). */
export function adminPodPeer(conj: Conjunction): Record<string, unknown> {
  const { namespace, pods } = splitNamespace(conj);
  if (pods.length === 0) return { namespaces: namespace ?? {} };
  return { pods: { namespaceSelector: namespace ?? {}, podSelector: selectorObject(pods) } };
}

export function adminSubject(conj: Conjunction, managed: { key: string; value: string }): Record<string, unknown> {
  const namespaceSelector = { matchLabels: { [managed.key]: managed.value } };
  if (conj.length === 0) return { namespaces: namespaceSelector };
  return { pods: { namespaceSelector, podSelector: selectorObject(conj) } };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** IPv4 CIDRs for an address set, with `internal` addresses (not compared) allowed in to merge gaps. */
export function cidrsWithDontCare(addresses: IpSet, dontCare: IpSet): string[] {
  const { v4 } = addresses.intervals();
  let filled = addresses;
  for (let i = 0; i + 1 < v4.length; i++) {
    const gap = IpSet.fromIntervals([[v4[i][1] + 1n, v4[i + 1][0] - 1n]], []);
    if (gap.isSubsetOf(dontCare)) filled = filled.union(gap);
  }
  return filled.intersect(IpSet.allV4()).toCidrs();
}

/** NetworkPolicy ipBlocks: plain CIDRs, or `0.0.0.0/0` with `except` when that is shorter. */
export function ipBlocks(addresses: IpSet, dontCare: IpSet): { cidr: string; except?: string[] }[] {
  const direct = cidrsWithDontCare(addresses, dontCare);
  const rest = IpSet.allV4().subtract(addresses).subtract(dontCare);
  if (rest.isEmpty()) return [{ cidr: "0.0.0.0/0" }];
  const except = cidrsWithDontCare(rest, dontCare);
  if (except.length + 1 < direct.length) return [{ cidr: "0.0.0.0/0", except }];
  return direct.map((cidr) => ({ cidr }));
}

export function networkPolicyPorts(spec: PortsSpec): Record<string, unknown>[] | undefined {
  if (spec.all) return undefined;
  return spec.ports.map((p) =>
    p.from === 1 && p.to === 65535
      ? { protocol: p.protocol }
      : p.from === p.to
        ? { protocol: p.protocol, port: p.from }
        : { protocol: p.protocol, port: p.from, endPort: p.to },
  );
}

export function adminPorts(spec: PortsSpec): Record<string, unknown>[] | undefined {
  if (spec.all) return undefined;
  return spec.ports.map((p) =>
    p.from === p.to
      ? { portNumber: { protocol: p.protocol, port: p.from } }
      : { portRange: { protocol: p.protocol, start: p.from, end: p.to } },
  );
}

export function cnpProtocols(spec: PortsSpec): Record<string, unknown>[] | undefined {
  if (spec.all) return undefined;
  return spec.ports.map((p) => {
    const key = p.protocol.toLowerCase();
    if (p.from === 1 && p.to === 65535) return { [key]: {} };
    return { [key]: { destinationPort: p.from === p.to ? { number: p.from } : { range: { start: p.from, end: p.to } } } };
  });
}
