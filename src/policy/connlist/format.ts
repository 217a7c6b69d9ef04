/** Connectivity as netpol-analyzer's connlist text (`src => dst : conns`) and as JSON. */
import type { ClusterConnectivity } from "../k8s/connectivity.ts";
import type { TTrafficSetJson } from "../sets/traffic-set.ts";

export interface ConnlistJsonEntry {
  src: string;
  dst: string;
  /** netpol-analyzer spelling of the connections. */
  conn: string;
  /** The exact set (all protocols, ports, ICMP), for tools that need more than the analyzer's universe. */
  traffic: TTrafficSetJson;
}

function byPair(a: { src: string; dst: string }, b: { src: string; dst: string }): number {
  if (a.src !== b.src) return a.src < b.src ? -1 : 1;
  return a.dst < b.dst ? -1 : a.dst > b.dst ? 1 : 0;
}

export function connlistEntries(connectivity: ClusterConnectivity): ConnlistJsonEntry[] {
  return connectivity.connections
    .map((c) => ({ src: c.src, dst: c.dst, conn: c.allowed.toConnString("netpol-analyzer"), traffic: c.allowed.toJSON() }))
    .filter((e) => e.conn !== "No Connections")
    .sort(byPair);
}

/** One line per ordered pair with some permitted connection, sorted by source then destination. */
export function formatConnlist(connectivity: ClusterConnectivity): string {
  return connlistEntries(connectivity)
    .map((e) => `${e.src} => ${e.dst} : ${e.conn}`)
    .join("\n");
}
