/**
 * vmware-analyzer's connection texts → TrafficSet, and the universe that tool can express.
 * Grammar seen in its outputs: `All Connections`, `No Connections`, parts joined by `;`, each part a comma
 * list of protocols (`TCP,UDP`, `ICMP`) optionally followed by `src-ports: <list>` / `dst-ports: <list>`
 * (lists like `80,443` or `300-320`) or, for ICMP, `type: <n>` / `code: <n>`. Anything else is rejected.
 */
import { TrafficSet } from "../../sets/traffic-set.ts";

const PORTS = [{ from: 1, to: 65535 }];

/**
 * np-guard's TransportSet knows TCP and UDP with source and destination ports 1–65535, and (IPv4) ICMP.
 * Our sets are wider (port 0, SCTP, ICMPv6, every other IP protocol); comparisons project onto this.
 */
export function vmwareAnalyzerUniverse(): TrafficSet {
  return TrafficSet.l4("TCP", PORTS, PORTS)
    .union(TrafficSet.l4("UDP", PORTS, PORTS))
    .union(TrafficSet.icmp(4));
}

function portList(text: string): { from: number; to: number }[] {
  return text.split(",").map((item) => {
    const match = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(item);
    if (!match) throw new Error(`bad port list "${text}"`);
    return { from: Number(match[1]), to: Number(match[2] ?? match[1]) };
  });
}

function parsePart(part: string): TrafficSet {
  const match = /^([A-Za-z]+(?:,[A-Za-z]+)*)\s*(.*)$/.exec(part.trim());
  if (!match) throw new Error(`unrecognised connection "${part}"`);
  const protocols = match[1].toUpperCase().split(",");
  let rest = match[2];
  const take = (label: RegExp): string | undefined => {
    const found = label.exec(rest);
    if (!found) return undefined;
    rest = rest.replace(found[0], "");
    return found[1];
  };
  const src = take(/src-ports:\s*([\d,\-]+)/);
  const dst = take(/dst-ports:\s*([\d,\-]+)/);
  const type = take(/(?:icmp-)?type:\s*(\d+)/);
  const code = take(/(?:icmp-)?code:\s*(\d+)/);
  if (rest.trim() !== "") throw new Error(`unrecognised connection detail "${rest.trim()}" in "${part}"`);
  let traffic = TrafficSet.empty();
  for (const protocol of protocols) {
    if (protocol === "TCP" || protocol === "UDP") {
      traffic = traffic.union(TrafficSet.l4(protocol, dst ? portList(dst) : PORTS, src ? portList(src) : PORTS));
    } else if (protocol === "ICMP") {
      traffic = traffic.union(
        TrafficSet.icmp(4, type === undefined ? undefined : Number(type), code === undefined ? undefined : Number(code)),
      );
    } else {
      throw new Error(`unknown protocol ${protocol} in "${part}"`);
    }
  }
  return traffic;
}

export function parseVmwareAnalyzerConnection(text: string): TrafficSet {
  const trimmed = text.trim();
  if (trimmed === "All Connections") return vmwareAnalyzerUniverse();
  if (trimmed === "No Connections" || trimmed === "") return TrafficSet.empty();
  return trimmed.split(";").reduce((acc, part) => acc.union(parsePart(part)), TrafficSet.empty());
}

/** For messages only: ICMP-aware text of a set already projected onto the universe. */
export function describeConnection(traffic: TrafficSet): string {
  if (traffic.isEmpty()) return "No Connections";
  if (traffic.equals(vmwareAnalyzerUniverse())) return "All Connections";
  return traffic.toConnString();
}
