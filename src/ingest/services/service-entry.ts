/**
 * Raw NSX Policy API service entries (the `service_entries` of a Service or of a Rule) parsed with zod into
 * the estate model's `ServiceEntry`. Unknown fields are tolerated (exports carry system metadata);
 * unknown entry kinds and malformed ports are errors with a JSON pointer.
 */
import { z } from "zod";
import type { ServiceEntry } from "../../policy/index.ts";
import { parsePortRangeText } from "./port-range-text.ts";

const ZPortList = z.array(z.union([z.string(), z.number()])).nullish();

const ZL4PortSetEntry = z.looseObject({
  resource_type: z.literal("L4PortSetServiceEntry"),
  l4_protocol: z.enum(["TCP", "UDP", "SCTP"]),
  destination_ports: ZPortList,
  source_ports: ZPortList,
});
const ZIcmpEntry = z.looseObject({
  resource_type: z.literal("ICMPTypeServiceEntry"),
  /** NSX marks it required; the np-guard tooling omits it and means (IPv4) ICMP, see `icmpProtocol`. */
  protocol: z.enum(["ICMPv4", "ICMPv6"]).nullish(),
  icmp_type: z.number().int().min(0).max(255).nullish(),
  icmp_code: z.number().int().min(0).max(255).nullish(),
});
const ZIpProtocolEntry = z.looseObject({
  resource_type: z.literal("IPProtocolServiceEntry"),
  protocol_number: z.number().int().min(0).max(255),
});
const ZIgmpEntry = z.looseObject({ resource_type: z.literal("IGMPTypeServiceEntry") });
const ZAlgEntry = z.looseObject({
  resource_type: z.literal("ALGTypeServiceEntry"),
  alg: z.enum(["FTP", "TFTP", "ORACLE_TNS", "MS_RPC_TCP", "MS_RPC_UDP", "SUN_RPC_TCP", "SUN_RPC_UDP"]),
  destination_ports: ZPortList,
  source_ports: ZPortList,
});
const ZEtherTypeEntry = z.looseObject({
  resource_type: z.literal("EtherTypeServiceEntry"),
  ether_type: z.number().int().min(0).max(0xffff),
});
const ZNestedServiceEntry = z.looseObject({
  resource_type: z.literal("NestedServiceServiceEntry"),
  nested_service_path: z.string().min(1),
});

export const ZRawServiceEntry = z.discriminatedUnion("resource_type", [
  ZL4PortSetEntry,
  ZIcmpEntry,
  ZIpProtocolEntry,
  ZIgmpEntry,
  ZAlgEntry,
  ZEtherTypeEntry,
  ZNestedServiceEntry,
]);
export type TRawServiceEntry = z.infer<typeof ZRawServiceEntry>;

/** The transport each NSX ALG inspects; the ALG's own control port is given by the entry. */
const ALG_PROTOCOL: Record<z.infer<typeof ZAlgEntry>["alg"], "TCP" | "UDP"> = {
  FTP: "TCP",
  TFTP: "UDP",
  ORACLE_TNS: "TCP",
  MS_RPC_TCP: "TCP",
  MS_RPC_UDP: "UDP",
  SUN_RPC_TCP: "TCP",
  SUN_RPC_UDP: "UDP",
};

export interface ServiceParseError {
  where: string;
  message: string;
}

export function jsonPointer(base: string, path: readonly PropertyKey[]): string {
  return base + path.map((part) => "/" + String(part).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

function toEntry(raw: TRawServiceEntry): ServiceEntry {
  switch (raw.resource_type) {
    case "L4PortSetServiceEntry":
      return {
        kind: "L4PortSet",
        protocol: raw.l4_protocol,
        destinationPorts: (raw.destination_ports ?? []).map(parsePortRangeText),
        sourcePorts: (raw.source_ports ?? []).map(parsePortRangeText),
      };
    case "ICMPTypeServiceEntry":
      return {
        kind: "ICMPType",
        protocol: raw.protocol ?? "ICMPv4",
        ...(raw.icmp_type == null ? {} : { icmpType: raw.icmp_type }),
        ...(raw.icmp_code == null ? {} : { icmpCode: raw.icmp_code }),
      };
    case "IPProtocolServiceEntry":
      return { kind: "IPProtocol", protocolNumber: raw.protocol_number };
    case "IGMPTypeServiceEntry":
      return { kind: "IGMP" };
    case "ALGTypeServiceEntry":
      return {
        kind: "ALG",
        alg: raw.alg,
        protocol: ALG_PROTOCOL[raw.alg],
        destinationPorts: (raw.destination_ports ?? []).map(parsePortRangeText),
        sourcePorts: (raw.source_ports ?? []).map(parsePortRangeText),
      };
    case "EtherTypeServiceEntry":
      return { kind: "EtherType", etherType: raw.ether_type };
    case "NestedServiceServiceEntry":
      return { kind: "NestedService", servicePath: raw.nested_service_path };
  }
}

/** Parses a `service_entries` array (null/undefined = none); `where` is the JSON pointer of the array. */
export function parseServiceEntries(raw: unknown, where: string): { entries: ServiceEntry[]; errors: ServiceParseError[] } {
  const entries: ServiceEntry[] = [];
  const errors: ServiceParseError[] = [];
  if (raw == null) return { entries, errors };
  if (!Array.isArray(raw)) return { entries, errors: [{ where, message: "service_entries must be an array" }] };
  raw.forEach((item, index) => {
    const entryWhere = `${where}/${index}`;
    const parsed = ZRawServiceEntry.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ where: jsonPointer(entryWhere, issue.path), message: issue.message });
      return;
    }
    try {
      entries.push(toEntry(parsed.data));
    } catch (error) {
      errors.push({ where: entryWhere, message: error instanceof Error ? error.message : String(error) });
    }
  });
  return { entries, errors };
}
