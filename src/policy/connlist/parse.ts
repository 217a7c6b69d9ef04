/** Reads netpol-analyzer connlist text back into exact sets (over that tool's universe). */
import { IpSet } from "../sets/ip-set.ts";
import { TrafficSet } from "../sets/traffic-set.ts";

export interface ConnlistLine {
  src: string;
  dst: string;
  traffic: TrafficSet;
  lineNumber: number;
}

export class ConnlistParseError extends Error {
  constructor(
    readonly lineNumber: number,
    detail: string,
  ) {
    super(`connlist line ${lineNumber}: ${detail}`);
    this.name = "ConnlistParseError";
  }
}

const LINE = /^(\S.*?) => (\S.*?) : (.+)$/;

/** `All Connections`, `No Connections` or e.g. `SCTP 1-65535,TCP 1-79,81-65535,UDP 53`. */
export function parseConnString(text: string, lineNumber = 0): TrafficSet {
  const trimmed = text.trim();
  if (trimmed === "All Connections") return TrafficSet.all();
  if (trimmed === "No Connections") return TrafficSet.empty();
  let result = TrafficSet.empty();
  let protocol: "TCP" | "UDP" | "SCTP" | undefined;
  for (const token of trimmed.split(",").map((t) => t.trim())) {
    const match = /^(?:(TCP|UDP|SCTP)\s*)?(\d+)?(?:-(\d+))?$/.exec(token);
    if (!match || (!match[1] && !match[2])) throw new ConnlistParseError(lineNumber, `cannot read connections "${token}"`);
    if (match[1]) protocol = match[1] as "TCP" | "UDP" | "SCTP";
    if (!protocol) throw new ConnlistParseError(lineNumber, `port range before any protocol in "${text}"`);
    const ports = match[2] ? [{ from: Number(match[2]), to: Number(match[3] ?? match[2]) }] : undefined;
    result = result.union(TrafficSet.l4(protocol, ports));
  }
  return result;
}

/** Lines that are not `src => dst : conns` (headers, blank lines) are skipped. */
export function parseConnlist(text: string): ConnlistLine[] {
  const lines: ConnlistLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const match = LINE.exec(raw.trim());
    if (match) lines.push({ src: match[1], dst: match[2], traffic: parseConnString(match[3], i + 1), lineNumber: i + 1 });
  });
  return lines;
}

/** The addresses of an `…[External]` name (range, CIDR or single address), else undefined. */
export function externalAddresses(name: string): IpSet | undefined {
  const match = /^(.*)\[External\]$/.exec(name);
  return match ? IpSet.fromList(match[1].split(",")) : undefined;
}
