/**
 * NSX-V `GET /api/4.0/firewall/globalroot-0/config` (firewallConfiguration XML, NSX-V 6.4 API guide).
 * Layer-3 sections become Application-category policies in order, layer-2 sections Ethernet ones (reported).
 * NSX-V grouping objects (security groups, IP sets, applications) are separate APIs: rules keep them as
 * `/nsx-v/<Type>/<id>` references, which the report lists as unresolved rather than guessing their members.
 */
import type {
  NsxAction,
  NsxCategory,
  NsxDirection,
  NsxIpProtocol,
  NsxPolicy,
  NsxRule,
  PortRange,
  ServiceEntry,
} from "../../policy/index.ts";
import { addressProblem } from "../addresses.ts";
import type { EstateFragment } from "../fragment.ts";
import { attributeOf, parseXml, textOf, XmlLocator } from "../xml/safe-xml.ts";

const ARRAYS = new Set(["section", "rule", "source", "destination", "service", "appliedTo"]);
const ACTIONS: Record<string, NsxAction> = { allow: "ALLOW", deny: "DROP", reject: "REJECT" };
const DIRECTIONS: Record<string, NsxDirection> = { in: "IN", out: "OUT", inout: "IN_OUT" };
const PACKET_TYPES: Record<string, NsxIpProtocol> = { any: "IPV4_IPV6", ipv4: "IPV4", ipv6: "IPV6" };
const ADDRESS_TYPES = new Set(["Ipv4Address", "Ipv6Address"]);
const DFW_APPLIED_TO = new Set(["DISTRIBUTED_FIREWALL", "ANY"]);

type Node = Record<string, unknown>;

export function looksLikeNsxVConfig(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<firewallConfiguration[\s>]/.test(text);
}

interface Reader {
  fragment: EstateFragment;
  at: XmlLocator;
  ok: boolean;
}

function fail(reader: Reader, node: unknown, message: string): void {
  reader.fragment.error(reader.at.where(node), message);
  reader.ok = false;
}

function list(node: unknown, key: string): Node[] {
  if (typeof node !== "object" || node === null) return [];
  const value = (node as Node)[key];
  return Array.isArray(value) ? (value.filter((v) => typeof v === "object" && v !== null) as Node[]) : [];
}

function child(node: unknown, key: string): unknown {
  return typeof node === "object" && node !== null ? (node as Node)[key] : undefined;
}

function bool(reader: Reader, node: Node, name: string): boolean {
  const value = attributeOf(node, name);
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  fail(reader, node, `attribute ${name}="${value}" must be true or false`);
  return false;
}

/** Members of <sources>/<destinations>/<appliedToList>: address literals stay literals, objects become references. */
function members(reader: Reader, container: unknown, itemKey: string): string[] {
  const items = list(container, itemKey);
  if (items.length === 0) return ["ANY"];
  const out: string[] = [];
  for (const item of items) {
    const type = textOf(item.type);
    const value = textOf(item.value);
    if (!type || !value) {
      fail(reader, item, `<${itemKey}> needs <type> and <value>`);
      continue;
    }
    if (ADDRESS_TYPES.has(type)) {
      for (const address of value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean)) {
        const problem = addressProblem(address);
        if (problem) fail(reader, item, problem);
        else out.push(address);
      }
    } else if (itemKey === "appliedTo" && DFW_APPLIED_TO.has(type)) {
      out.push("ANY");
    } else out.push(`/nsx-v/${type}/${value}`);
  }
  return out.includes("ANY") ? ["ANY"] : out;
}

function ports(reader: Reader, node: Node, text: string | undefined): PortRange[] {
  if (!text) return [];
  const out: PortRange[] = [];
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = match ? Number(match[1]) : NaN;
    const to = match?.[2] !== undefined ? Number(match[2]) : from;
    if (!match || from > 65535 || to > 65535 || from > to) fail(reader, node, `"${part}" is not a port or port range`);
    else out.push({ from, to });
  }
  return out;
}

/** Inline service (<protocol>/<destinationPort>) → entry; named applications → references. */
function services(reader: Reader, container: unknown): { services: string[]; entries: ServiceEntry[] } {
  const items = list(container, "service");
  if (items.length === 0) return { services: ["ANY"], entries: [] };
  const refs: string[] = [];
  const entries: ServiceEntry[] = [];
  for (const item of items) {
    const protocolText = textOf(item.protocol);
    if (protocolText !== undefined) {
      const protocol = Number(protocolText);
      if (!Number.isInteger(protocol) || protocol < 0 || protocol > 255) {
        fail(reader, item, `protocol "${protocolText}" is not an IP protocol number`);
        continue;
      }
      const destinationPorts = ports(reader, item, textOf(item.destinationPort));
      const sourcePorts = ports(reader, item, textOf(item.sourcePort));
      const l4 = ({ 6: "TCP", 17: "UDP", 132: "SCTP" } as Record<number, "TCP" | "UDP" | "SCTP">)[protocol];
      if (l4) entries.push({ kind: "L4PortSet", protocol: l4, destinationPorts, sourcePorts });
      else if (protocol === 1 || protocol === 58) {
        const subProtocol = textOf(item.subProtocol);
        const entry: ServiceEntry = { kind: "ICMPType", protocol: protocol === 1 ? "ICMPv4" : "ICMPv6" };
        if (subProtocol !== undefined) entry.icmpType = Number(subProtocol);
        entries.push(entry);
      } else if (protocol === 2) entries.push({ kind: "IGMP" });
      else entries.push({ kind: "IPProtocol", protocolNumber: protocol });
      continue;
    }
    const type = textOf(item.type);
    const value = textOf(item.value);
    if (!type || !value) fail(reader, item, "<service> needs either <protocol> or <type> and <value>");
    else refs.push(`/nsx-v/${type}/${value}`);
  }
  return { services: refs.length === 0 && entries.length > 0 ? [] : refs, entries };
}

function readRule(reader: Reader, node: Node, index: number): NsxRule | undefined {
  const before = reader.ok;
  reader.ok = true;
  const id = attributeOf(node, "id");
  const actionText = textOf(node.action)?.toLowerCase();
  const action = actionText ? ACTIONS[actionText] : undefined;
  if (!action) fail(reader, node, `rule ${id ?? index + 1}: <action> must be allow, deny or reject, found "${actionText ?? ""}"`);
  const directionText = (textOf(node.direction) ?? "inout").toLowerCase();
  const direction = DIRECTIONS[directionText];
  if (!direction) fail(reader, node, `rule ${id ?? index + 1}: <direction> must be in, out or inout`);
  const packetText = (textOf(node.packetType) ?? "any").toLowerCase();
  const ipProtocol = PACKET_TYPES[packetText];
  if (!ipProtocol) fail(reader, node, `rule ${id ?? index + 1}: <packetType> must be any, ipv4 or ipv6`);
  const sourcesNode = child(node, "sources");
  const destinationsNode = child(node, "destinations");
  const sources = members(reader, sourcesNode, "source");
  const destinations = members(reader, destinationsNode, "destination");
  const scope = members(reader, child(node, "appliedToList"), "appliedTo");
  const { services: serviceRefs, entries } = services(reader, child(node, "services"));
  const ok = reader.ok;
  reader.ok = before && ok;
  if (!ok || !action || !direction || !ipProtocol) return undefined;
  const ruleId = id !== undefined && /^\d+$/.test(id) ? Number(id) : undefined;
  const rule: NsxRule = {
    id: id ?? `rule-${index + 1}`,
    name: textOf(node.name) ?? id ?? `rule ${index + 1}`,
    sequenceNumber: index,
    action,
    direction,
    ipProtocol,
    sources,
    sourcesExcluded: typeof sourcesNode === "object" && sourcesNode !== null ? attributeOf(sourcesNode, "excluded") === "true" : false,
    destinations,
    destinationsExcluded:
      typeof destinationsNode === "object" && destinationsNode !== null ? attributeOf(destinationsNode, "excluded") === "true" : false,
    services: serviceRefs,
    serviceEntries: entries,
    scope,
    profiles: [],
    disabled: bool(reader, node, "disabled"),
    logged: bool(reader, node, "logged"),
    source: reader.fragment.ref(reader.at.where(node)),
  };
  if (ruleId !== undefined) rule.ruleId = ruleId;
  const tag = textOf(node.tag);
  const notes = textOf(node.notes);
  if (tag) rule.tag = tag;
  if (notes) rule.notes = notes;
  return rule;
}

const isAny = (v: string[]) => v.length === 1 && v[0] === "ANY";

function readSections(reader: Reader, container: unknown, category: NsxCategory, startSequence: number): void {
  list(container, "section").forEach((section, sectionIndex) => {
    const id = attributeOf(section, "id") ?? String(sectionIndex + 1);
    const name = attributeOf(section, "name") ?? `section ${id}`;
    const rules: NsxRule[] = [];
    list(section, "rule").forEach((ruleNode, i) => {
      const rule = readRule(reader, ruleNode, i);
      if (rule) rules.push(rule);
    });
    const policy: NsxPolicy = {
      id: `nsx-v-section-${id}`,
      name,
      category,
      sequenceNumber: startSequence + sectionIndex,
      scope: ["ANY"],
      stateful: attributeOf(section, "stateless") !== "true",
      rules,
      source: reader.fragment.ref(reader.at.where(section)),
    };
    // NSX-V's default layer-3 section ends with the any-any "Default Rule": it is the estate's default action.
    const last = rules[rules.length - 1];
    if (
      category === "Application" &&
      /^Default Section Layer3/i.test(name) &&
      last &&
      isAny(last.sources) &&
      isAny(last.destinations) &&
      isAny(last.services) &&
      last.serviceEntries.length === 0 &&
      isAny(last.scope) &&
      !last.disabled &&
      last.action !== "JUMP_TO_APPLICATION"
    ) {
      reader.fragment.defaultRule = {
        action: last.action,
        id: last.id,
        source: last.source ?? reader.fragment.ref(reader.at.where(section)),
      };
      rules.pop();
      if (rules.length === 0) return;
    }
    if (category === "Ethernet" && rules.length > 0) {
      reader.fragment.warn(
        "ethernet",
        reader.at.where(section),
        `layer-2 section "${name}": Ethernet rules are outside the L3 model and are reported, not evaluated`,
      );
    }
    reader.fragment.policies.push(policy);
  });
}

export function parseNsxVFirewallConfig(text: string, fragment: EstateFragment): void {
  const parsed = parseXml(text, ARRAYS);
  if (!parsed.ok) {
    fragment.error(parsed.where, parsed.message);
    return;
  }
  const root = parsed.value.firewallConfiguration;
  if (typeof root !== "object" || root === null) {
    fragment.error("line 1, column 1", "root element must be <firewallConfiguration>");
    return;
  }
  const reader: Reader = { fragment, at: new XmlLocator(text), ok: true };
  readSections(reader, child(root, "layer2Sections"), "Ethernet", 0);
  readSections(reader, child(root, "layer3Sections"), "Application", 0);
  if (
    child(root, "layer3RedirectSections") !== undefined &&
    list(child(root, "layer3RedirectSections"), "section").some((s) => list(s, "rule").length > 0)
  ) {
    fragment.warn(
      "ignored",
      reader.at.where(child(root, "layer3RedirectSections")),
      "layer-3 redirect (service insertion) sections steer traffic to partner services and are not firewall decisions; skipped",
    );
  }
}
