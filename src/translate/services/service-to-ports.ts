/**
 * Exact traffic sets ↔ what Kubernetes policies can say about traffic: "everything" (no ports), or TCP / UDP /
 * SCTP destination ports and ranges (`endPort`, `portRange`). ICMP, other IP protocols and source-port
 * conditions have no Kubernetes form.
 *
 * The comparison universe is IPv4 traffic (the target cluster's family) without destination port 0, which
 * is not a connectable port (netpol-analyzer's universe starts at 1 too); outside it anything goes.
 */
import { IntervalSet, TrafficSet, type L4ProtocolName, familyTraffic } from "../../policy/index.ts";

export const L4_PROTOCOLS: readonly L4ProtocolName[] = ["TCP", "UDP", "SCTP"];

export interface PortEntry {
  protocol: L4ProtocolName;
  /** 1–65535; a whole protocol is 1–65535. */
  from: number;
  to: number;
}

/** `all`: the rule names no ports (every protocol). Otherwise the union of `ports`. */
export type PortsSpec = { all: true } | { all: false; ports: PortEntry[] };

const PORTS = IntervalSet.ofNumbers([[1, 65535]]);

let universeCache: TrafficSet | undefined;
export function comparisonUniverse(): TrafficSet {
  universeCache ??= L4_PROTOCOLS.reduce((acc, p) => acc.subtract(TrafficSet.l4(p, [{ from: 0, to: 0 }])), familyTraffic(4));
  return universeCache;
}

let l4Cache: TrafficSet | undefined;
function allL4(): TrafficSet {
  l4Cache ??= L4_PROTOCOLS.reduce((acc, p) => acc.union(TrafficSet.l4(p)), TrafficSet.empty());
  return l4Cache;
}

export function specTraffic(spec: PortsSpec): TrafficSet {
  if (spec.all) return TrafficSet.all();
  return spec.ports.reduce((acc, p) => acc.union(TrafficSet.l4(p.protocol, [{ from: p.from, to: p.to }])), TrafficSet.empty());
}

export function specKey(spec: PortsSpec): string {
  return spec.all ? "all" : spec.ports.map((p) => `${p.protocol}:${p.from}-${p.to}`).join(",");
}

export function describeSpec(spec: PortsSpec): string {
  if (spec.all) return "all traffic";
  return spec.ports
    .map((p) =>
      p.from === 1 && p.to === 65535
        ? `${p.protocol} any port`
        : p.from === p.to
          ? `${p.protocol} ${p.from}`
          : `${p.protocol} ${p.from}-${p.to}`,
    )
    .join(", ");
}

function entries(protocol: L4ProtocolName, ports: IntervalSet<number>): PortEntry[] {
  return ports
    .intersect(PORTS)
    .intervals()
    .map(([from, to]) => ({ protocol, from, to }));
}

/**
 * The largest expressible part of `wanted` (within the universe), using `dontCare` (traffic whose verdict
 * does not matter here) to merge ranges into fewer, wider ones. `lost` is what it cannot carry.
 */
export function expressUnder(wanted: TrafficSet, dontCare: TrafficSet = TrafficSet.empty()): { spec: PortsSpec; lost: TrafficSet } {
  const universe = comparisonUniverse();
  const d = wanted.intersect(universe);
  const free = dontCare.union(universe.complement());
  if (d.isEmpty()) return { spec: { all: false, ports: [] }, lost: TrafficSet.empty() };
  if (d.union(free).isAll()) return { spec: { all: true }, lost: TrafficSet.empty() };
  const loose = d.union(free);
  const ports: PortEntry[] = [];
  for (const protocol of L4_PROTOCOLS) {
    const exact = d.destinationPorts(protocol).intersect(PORTS);
    if (exact.isEmpty()) continue;
    // Widen each exact interval to the don't-care interval around it.
    const widened = IntervalSet.ofNumbers(
      loose
        .destinationPorts(protocol)
        .intersect(PORTS)
        .intervals()
        .filter(([lo, hi]) => !exact.intersect(IntervalSet.ofNumbers([[lo, hi]])).isEmpty()),
    );
    ports.push(...entries(protocol, widened));
  }
  const spec: PortsSpec = { all: false, ports };
  return { spec, lost: d.subtract(specTraffic(spec)) };
}

/** The smallest expressible superset of `traffic` (within the universe): for a Pass that must not miss anything. */
export function expressOver(traffic: TrafficSet): PortsSpec {
  const x = traffic.intersect(comparisonUniverse());
  if (!x.subtract(allL4()).isEmpty()) return { all: true };
  const ports: PortEntry[] = [];
  for (const protocol of L4_PROTOCOLS) {
    const missing = TrafficSet.l4(protocol).subtract(x).destinationPorts(protocol);
    ports.push(...entries(protocol, PORTS.subtract(missing)));
  }
  return { all: false, ports };
}

/** Whether `traffic` is exactly expressible (within the universe). */
export function isExpressible(traffic: TrafficSet): boolean {
  return (
    expressUnder(traffic).lost.isEmpty() &&
    specTraffic(expressUnder(traffic).spec).intersect(comparisonUniverse()).equals(traffic.intersect(comparisonUniverse()))
  );
}
