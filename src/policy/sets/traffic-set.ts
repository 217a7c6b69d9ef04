/**
 * Exact set of traffic: IP protocol number (0–255) × for TCP/UDP/SCTP destination port × source port
 * (0–65535 each), for ICMP/ICMPv6 type × code (0–255 each); any other protocol is wholly in or out.
 * Immutable and canonical, so `equals` is structural and sets serialise deterministically.
 */
import { z } from "zod";
import { Grid2D } from "./grid-2d.ts";
import { IntervalSet } from "./interval-set.ts";
import { PROTOCOL, protocolName } from "./protocols.ts";

export { protocolName, protocolNumber, PROTOCOL } from "./protocols.ts";

export type Flow = { protocol: number; srcPort?: number; dstPort?: number; icmpType?: number; icmpCode?: number };
export type PortRangeInput = { from: number; to: number };
export type L4ProtocolName = "TCP" | "UDP" | "SCTP";

const PORT_MAX = 65535;
const ICMP_MAX = 255;
const PROTOCOL_MAX = 255;

/** Protocols with an inner structure; the rest are atomic members of `plain`. */
const L4 = [PROTOCOL.TCP, PROTOCOL.UDP, PROTOCOL.SCTP] as const;
type StructuredProtocol = (typeof L4)[number] | typeof PROTOCOL.ICMP | typeof PROTOCOL.ICMPV6;
const STRUCTURED: readonly StructuredProtocol[] = [PROTOCOL.TCP, PROTOCOL.UDP, PROTOCOL.SCTP, PROTOCOL.ICMP, PROTOCOL.ICMPV6];

const ALL_PORTS = IntervalSet.ofNumbers([[0, PORT_MAX]]);
const EMPTY_GRID = Grid2D.empty();
const ALL_ICMP = IntervalSet.ofNumbers([[0, ICMP_MAX]]);
const PLAIN_UNIVERSE = IntervalSet.ofNumbers([[0, PROTOCOL_MAX]]).subtract(IntervalSet.ofNumbers(STRUCTURED.map((p) => [p, p] as const)));
/** netpol-analyzer's connection universe: TCP/UDP/SCTP destination ports 1–65535. */
const ANALYZER_PORTS = IntervalSet.ofNumbers([[1, PORT_MAX]]);

function isStructured(protocol: number): protocol is StructuredProtocol {
  return (STRUCTURED as readonly number[]).includes(protocol);
}

function fullGrid(protocol: StructuredProtocol): Grid2D {
  return isIcmp(protocol) ? Grid2D.product(ALL_ICMP, ALL_ICMP) : Grid2D.product(ALL_PORTS, ALL_PORTS);
}

function isIcmp(protocol: number): boolean {
  return protocol === PROTOCOL.ICMP || protocol === PROTOCOL.ICMPV6;
}

function rangesToSet(ranges: readonly PortRangeInput[] | undefined, max: number): IntervalSet<number> {
  if (ranges === undefined) return IntervalSet.ofNumbers([[0, max]]);
  for (const { from, to } of ranges) {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > max || from > to) {
      throw new RangeError(`Invalid range ${from}-${to} (allowed 0-${max})`);
    }
  }
  return IntervalSet.ofNumbers(ranges.map(({ from, to }) => [from, to] as const));
}

function valueToSet(value: number | undefined, max: number): IntervalSet<number> {
  return value === undefined ? IntervalSet.ofNumbers([[0, max]]) : rangesToSet([{ from: value, to: value }], max);
}

const ZInterval = z.tuple([z.number().int(), z.number().int()]);
const ZGridRow = z.tuple([z.number().int(), z.number().int(), z.array(ZInterval)]);
export const ZTrafficSetJson = z.object({
  protocols: z.array(ZInterval),
  tcp: z.array(ZGridRow),
  udp: z.array(ZGridRow),
  sctp: z.array(ZGridRow),
  icmp: z.array(ZGridRow),
  icmpv6: z.array(ZGridRow),
});
export type TTrafficSetJson = z.infer<typeof ZTrafficSetJson>;

const JSON_KEYS: Record<StructuredProtocol, Exclude<keyof TTrafficSetJson, "protocols">> = {
  [PROTOCOL.TCP]: "tcp",
  [PROTOCOL.UDP]: "udp",
  [PROTOCOL.SCTP]: "sctp",
  [PROTOCOL.ICMP]: "icmp",
  [PROTOCOL.ICMPV6]: "icmpv6",
};

export class TrafficSet {
  private constructor(
    /** Protocols other than TCP/UDP/SCTP/ICMP/ICMPv6 that are wholly in the set. */
    private readonly plain: IntervalSet<number>,
    private readonly grids: ReadonlyMap<StructuredProtocol, Grid2D>,
  ) {}

  private static build(plain: IntervalSet<number>, grids: Map<StructuredProtocol, Grid2D>): TrafficSet {
    for (const [protocol, grid] of grids) if (grid.isEmpty()) grids.delete(protocol);
    return new TrafficSet(plain.intersect(PLAIN_UNIVERSE), grids);
  }

  static empty(): TrafficSet {
    return TrafficSet.build(IntervalSet.ofNumbers(), new Map());
  }

  static all(): TrafficSet {
    return TrafficSet.build(PLAIN_UNIVERSE, new Map(STRUCTURED.map((p) => [p, fullGrid(p)])));
  }

  /** TCP/UDP/SCTP with the given destination and source port ranges (omitted = every port 0–65535). */
  static l4(protocol: L4ProtocolName, dstPorts?: readonly PortRangeInput[], srcPorts?: readonly PortRangeInput[]): TrafficSet {
    const number = PROTOCOL[protocol];
    const grid = Grid2D.product(rangesToSet(dstPorts, PORT_MAX), rangesToSet(srcPorts, PORT_MAX));
    return TrafficSet.build(IntervalSet.ofNumbers(), new Map([[number, grid]]));
  }

  /** ICMP (version 4) or ICMPv6 (version 6); omitted type or code = all of them. */
  static icmp(version: 4 | 6, type?: number, code?: number): TrafficSet {
    const number = version === 4 ? PROTOCOL.ICMP : PROTOCOL.ICMPV6;
    const grid = Grid2D.product(valueToSet(type, ICMP_MAX), valueToSet(code, ICMP_MAX));
    return TrafficSet.build(IntervalSet.ofNumbers(), new Map([[number, grid]]));
  }

  /** A whole IP protocol, every port / type included. */
  static ipProtocol(protocol: number): TrafficSet {
    if (!Number.isInteger(protocol) || protocol < 0 || protocol > PROTOCOL_MAX) throw new RangeError(`Invalid IP protocol ${protocol}`);
    if (isStructured(protocol)) return TrafficSet.build(IntervalSet.ofNumbers(), new Map([[protocol, fullGrid(protocol)]]));
    return TrafficSet.build(IntervalSet.ofNumbers([[protocol, protocol]]), new Map());
  }

  /** The flow as a set: a missing port/type/code stands for all of its values. */
  static fromFlow(flow: Flow): TrafficSet {
    if (isIcmp(flow.protocol)) return TrafficSet.icmp(flow.protocol === PROTOCOL.ICMP ? 4 : 6, flow.icmpType, flow.icmpCode);
    if ((L4 as readonly number[]).includes(flow.protocol)) {
      const grid = Grid2D.product(valueToSet(flow.dstPort, PORT_MAX), valueToSet(flow.srcPort, PORT_MAX));
      return TrafficSet.build(IntervalSet.ofNumbers(), new Map([[flow.protocol as StructuredProtocol, grid]]));
    }
    return TrafficSet.ipProtocol(flow.protocol);
  }

  private combine(other: TrafficSet, plainOp: "union" | "intersect" | "subtract"): TrafficSet {
    const grids = new Map<StructuredProtocol, Grid2D>();
    for (const protocol of STRUCTURED) {
      const a = this.grids.get(protocol);
      const b = other.grids.get(protocol);
      // Absent grids are empty (and stay absent when the result is).
      if (!a && !b) continue;
      grids.set(protocol, (a ?? EMPTY_GRID)[plainOp](b ?? EMPTY_GRID));
    }
    return TrafficSet.build(this.plain[plainOp](other.plain), grids);
  }

  union(other: TrafficSet): TrafficSet {
    return this.combine(other, "union");
  }

  intersect(other: TrafficSet): TrafficSet {
    return this.combine(other, "intersect");
  }

  subtract(other: TrafficSet): TrafficSet {
    return this.combine(other, "subtract");
  }

  complement(): TrafficSet {
    return TrafficSet.all().subtract(this);
  }

  isEmpty(): boolean {
    return this.plain.isEmpty() && this.grids.size === 0;
  }

  equals(other: TrafficSet): boolean {
    if (!this.plain.equals(other.plain) || this.grids.size !== other.grids.size) return false;
    for (const [protocol, grid] of this.grids) {
      const theirs = other.grids.get(protocol);
      if (!theirs || !grid.equals(theirs)) return false;
    }
    return true;
  }

  isSubsetOf(other: TrafficSet): boolean {
    return this.subtract(other).isEmpty();
  }

  isAll(): boolean {
    return this.equals(TrafficSet.all());
  }

  contains(flow: Flow): boolean {
    return TrafficSet.fromFlow(flow).isSubsetOf(this);
  }

  /** A readable member: TCP before UDP, SCTP, ICMP, ICMPv6, others; lowest non-zero port where possible. */
  sample(): Flow | undefined {
    for (const protocol of STRUCTURED) {
      const grid = this.grids.get(protocol);
      if (!grid) continue;
      // Prefer port 1 over port 0 (readable examples), but only where the set really holds a non-zero port.
      const row = grid.rows.find((r) => r.hi >= 1) ?? grid.rows[0];
      const first = isIcmp(protocol) || row.hi < 1 ? row.lo : Math.max(row.lo, 1);
      const innerLow = row.inner.intervals().find(([, hi]) => hi >= 1) ?? row.inner.intervals()[0];
      const second = isIcmp(protocol) ? row.inner.min()! : innerLow[1] < 1 ? innerLow[0] : Math.max(innerLow[0], 1);
      return isIcmp(protocol) ? { protocol, icmpType: first, icmpCode: second } : { protocol, dstPort: first, srcPort: second };
    }
    const plain = this.plain.min();
    return plain === undefined ? undefined : { protocol: plain };
  }

  /** Destination ports of an L4 protocol open to every source port (what Kubernetes can express). */
  destinationPorts(protocol: L4ProtocolName): IntervalSet<number> {
    return this.grids.get(PROTOCOL[protocol])?.outerWhereInnerCovers(ALL_PORTS) ?? IntervalSet.ofNumbers();
  }

  /**
   * Text in netpol-analyzer's connlist format. `netpol-analyzer` mode projects onto that tool's universe
   * (TCP/UDP/SCTP destination ports 1–65535, any source port) so texts compare with its outputs;
   * `exact` mode (default) also names ICMP, other protocols, port 0 and source-port restrictions.
   */
  toConnString(mode: "exact" | "netpol-analyzer" = "exact"): string {
    if (mode === "netpol-analyzer") {
      const parts = (["SCTP", "TCP", "UDP"] as const)
        .map((name) => [name, this.destinationPorts(name).intersect(ANALYZER_PORTS)] as const)
        .filter(([, ports]) => !ports.isEmpty());
      if (parts.length === 0) return "No Connections";
      if (parts.length === 3 && parts.every(([, ports]) => ports.equals(ANALYZER_PORTS))) return "All Connections";
      return parts.map(([name, ports]) => `${name} ${ports}`).join(",");
    }
    if (this.isEmpty()) return "No Connections";
    if (this.isAll()) return "All Connections";
    const parts: string[] = [];
    for (const protocol of STRUCTURED) {
      const grid = this.grids.get(protocol);
      if (!grid) continue;
      const name = protocolName(protocol);
      const fullInner = isIcmp(protocol) ? ALL_ICMP : ALL_PORTS;
      const fullOuter = fullInner;
      const outerFullInner = grid.outerWhereInnerCovers(fullInner);
      if (outerFullInner.equals(fullOuter)) {
        parts.push(isIcmp(protocol) ? name : `${name} 0-${PORT_MAX}`);
        continue;
      }
      for (const row of grid.rows) {
        const outer = row.lo === row.hi ? `${row.lo}` : `${row.lo}-${row.hi}`;
        if (isIcmp(protocol)) parts.push(`${name} type ${outer}${row.inner.equals(fullInner) ? "" : ` code ${row.inner}`}`);
        else parts.push(row.inner.equals(fullInner) ? `${name} ${outer}` : `${name} ${outer} src-ports ${row.inner}`);
      }
    }
    if (!this.plain.isEmpty()) {
      parts.push(this.plain.equals(PLAIN_UNIVERSE) ? "other protocols" : `protocols ${this.plain}`);
    }
    return mergeSameProtocolParts(parts.sort(byProtocolName));
  }

  toString(): string {
    return this.toConnString();
  }

  /**
   * A compact text equal for equal sets and different for different ones (sets are canonical): what
   * interning tables key on, cheaper than `JSON.stringify(toJSON())`.
   */
  key(): string {
    let text = intervalsText(this.plain);
    for (const protocol of STRUCTURED) {
      const grid = this.grids.get(protocol);
      if (!grid) continue;
      text += `|${protocol}:`;
      for (const row of grid.rows) text += `${row.lo}-${row.hi}(${intervalsText(row.inner)})`;
    }
    return text;
  }

  toJSON(): TTrafficSetJson {
    const json: TTrafficSetJson = { protocols: [], tcp: [], udp: [], sctp: [], icmp: [], icmpv6: [] };
    json.protocols = this.plain.intervals().map(([lo, hi]) => [lo, hi]);
    for (const [protocol, grid] of this.grids) {
      json[JSON_KEYS[protocol]] = grid.rows.map((row) => [row.lo, row.hi, row.inner.intervals().map(([lo, hi]) => [lo, hi])]);
    }
    return json;
  }

  static fromJSON(input: unknown): TrafficSet {
    const json = ZTrafficSetJson.parse(input);
    let result = TrafficSet.build(IntervalSet.ofNumbers(json.protocols), new Map());
    for (const protocol of STRUCTURED) {
      const max = isIcmp(protocol) ? ICMP_MAX : PORT_MAX;
      for (const [lo, hi, inner] of json[JSON_KEYS[protocol]]) {
        const outerSet = rangesToSet([{ from: lo, to: hi }], max);
        const innerSet = rangesToSet(
          inner.map(([from, to]) => ({ from, to })),
          max,
        );
        result = result.union(TrafficSet.build(IntervalSet.ofNumbers(), new Map([[protocol, Grid2D.product(outerSet, innerSet)]])));
      }
    }
    return result;
  }
}

function byProtocolName(a: string, b: string): number {
  return a.split(" ")[0].localeCompare(b.split(" ")[0], "en");
}

/** `TCP 80`, `TCP 443` → `TCP 80,443` (rows of one protocol without source-port or code detail). */
function mergeSameProtocolParts(parts: string[]): string {
  const merged: string[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    const simple = /^(TCP|UDP|SCTP) [\d,-]+$/;
    if (last && simple.test(last) && simple.test(part) && last.split(" ")[0] === part.split(" ")[0]) {
      merged[merged.length - 1] = `${last},${part.split(" ")[1]}`;
    } else {
      merged.push(part);
    }
  }
  return merged.join(",");
}

function intervalsText(set: IntervalSet<number>): string {
  let text = "";
  for (const [lo, hi] of set.intervals()) text += `${lo}-${hi},`;
  return text;
}
