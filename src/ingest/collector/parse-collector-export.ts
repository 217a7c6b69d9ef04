/**
 * The np-guard vmware-analyzer collector JSON → `NsxEstate`.
 *
 * Every item is validated on its own so that one bad rule is reported (file + JSON pointer) without losing
 * the rest. Ordering is kept exactly as the collector gives it: `sequenceNumber` is NSX's
 * `sequence_number` where present; an item without one inherits its predecessor's, so the engine's stable
 * tiebreak (file order) keeps it in place — for exports with no sequence numbers at all that is file order.
 */
import { z } from "zod";
import {
  type NsxEstate,
  type NsxGroup,
  type NsxPolicy,
  type NsxRule,
  type NsxSegment,
  type NsxService,
  type NsxVm,
  IpSet,
} from "../../policy/index.ts";
import { builtInServices } from "../services/built-in-services.ts";
import { jsonPointer, parseServiceEntries } from "../services/service-entry.ts";
import { parseService } from "../services/service.ts";
import {
  ZCollectorDomain,
  ZCollectorExport,
  ZCollectorGroup,
  ZCollectorPolicy,
  ZCollectorRule,
  ZCollectorSegment,
  ZCollectorVm,
  ZCollectorVnic,
} from "./collector-schema.ts";
import { mapExpressionList } from "./group-expression.ts";

export interface ImportError {
  file: string;
  where: string;
  message: string;
}

interface Context {
  file: string;
  errors: ImportError[];
}

function validate<S extends z.ZodType>(schema: S, raw: unknown, where: string, ctx: Context): z.infer<S> | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    ctx.errors.push({ file: ctx.file, where: jsonPointer(where, issue.path), message: issue.message });
  return undefined;
}

function addressError(ctx: Context, where: string, text: string): boolean {
  try {
    IpSet.parse(text);
    return false;
  } catch (error) {
    ctx.errors.push({ file: ctx.file, where, message: error instanceof Error ? error.message : `invalid address "${text}"` });
    return true;
  }
}

/** NSX subnets are given as a network CIDR or as the gateway's address with the prefix ("10.0.0.1/24"). */
function subnetNetwork(text: string): string {
  return IpSet.parse(text).toCidrs()[0] ?? text;
}

function importSegments(raws: readonly unknown[], ctx: Context): { segments: NsxSegment[]; segmentByAttachment: Map<string, string[]> } {
  const segments: NsxSegment[] = [];
  const segmentByAttachment = new Map<string, string[]>();
  raws.forEach((raw, index) => {
    const where = `/segments/${index}`;
    const segment = validate(ZCollectorSegment, raw, where, ctx);
    if (!segment) return;
    const path = segment.path ?? segment.unique_id ?? segment.display_name;
    if (!path) {
      ctx.errors.push({ file: ctx.file, where, message: "segment has no path, unique_id or display_name" });
      return;
    }
    const subnets: string[] = [];
    (segment.subnets ?? []).forEach((subnet, subnetIndex) => {
      const text = subnet.network ?? subnet.gateway_address;
      if (!text) return;
      if (!addressError(ctx, `${where}/subnets/${subnetIndex}`, text)) subnets.push(subnetNetwork(text));
    });
    for (const port of segment.segment_ports ?? []) {
      const attachment = port.attachment?.id;
      if (!attachment) continue;
      segmentByAttachment.set(attachment, [...(segmentByAttachment.get(attachment) ?? []), path]);
    }
    segments.push({ path, name: segment.display_name ?? path, subnets, source: { file: ctx.file, where } });
  });
  return { segments, segmentByAttachment };
}

function importVms(root: z.infer<typeof ZCollectorExport>, segmentByAttachment: Map<string, string[]>, ctx: Context): NsxVm[] {
  const ipsByVm = new Map<string, Set<string>>();
  const segmentsByVm = new Map<string, Set<string>>();
  const macsByVm = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => map.set(key, (map.get(key) ?? new Set()).add(value));
  (root.virtual_network_interface ?? []).forEach((raw, index) => {
    const where = `/virtual_network_interface/${index}`;
    const vnic = validate(ZCollectorVnic, raw, where, ctx);
    if (!vnic?.owner_vm_id) return;
    const owner = vnic.owner_vm_id;
    (vnic.ip_address_info ?? []).forEach((info, infoIndex) =>
      (info.ip_addresses ?? []).forEach((ip, ipIndex) => {
        if (!addressError(ctx, `${where}/ip_address_info/${infoIndex}/ip_addresses/${ipIndex}`, ip)) add(ipsByVm, owner, ip);
      }),
    );
    if (vnic.mac_address) add(macsByVm, owner, vnic.mac_address);
    for (const segment of segmentByAttachment.get(vnic.lport_attachment_id ?? "") ?? []) add(segmentsByVm, owner, segment);
  });

  const vms: NsxVm[] = [];
  (root.virtual_machines ?? []).forEach((raw, index) => {
    const where = `/virtual_machines/${index}`;
    const vm = validate(ZCollectorVm, raw, where, ctx);
    if (!vm) return;
    const id = vm.external_id ?? vm.display_name;
    if (!id) {
      ctx.errors.push({ file: ctx.file, where, message: "virtual machine has neither external_id nor display_name" });
      return;
    }
    const segments = [...(segmentsByVm.get(id) ?? [])];
    const macs = [...(macsByVm.get(id) ?? [])];
    vms.push({
      id,
      name: vm.display_name ?? id,
      ips: [...(ipsByVm.get(id) ?? [])],
      // Scopes are kept: NSX tag conditions can constrain them (`scope|tag`).
      tags: (vm.tags ?? []).map((t) => ({ scope: t.scope ?? "", tag: t.tag })),
      ...(vm.guest_info?.os_name ? { osName: vm.guest_info.os_name } : {}),
      ...(vm.guest_info?.computer_name ? { computerName: vm.guest_info.computer_name } : {}),
      ...(segments.length > 0 ? { segments } : {}),
      ...(macs.length > 0 ? { macs } : {}),
      ...(vm.external_id ? { instanceUuid: vm.external_id } : {}),
      source: { file: ctx.file, where },
    });
  });
  return vms;
}

/**
 * Which of `expression` and `vm_members` defines a group: the expression is the group's definition and
 * `vm_members` is only the manager's realised snapshot of it at collection time (VMs only — no IPs, no
 * segments — and stale as soon as a tag changes). So the expression is authoritative whenever it has
 * criteria; `vm_members` defines the group only when there is no expression at all (static groups the
 * collector resolved itself, as in most np-guard examples).
 */
function importGroup(raw: unknown, where: string, ctx: Context): NsxGroup | undefined {
  const group = validate(ZCollectorGroup, raw, where, ctx);
  if (!group) return undefined;
  const path = group.path ?? group.id ?? group.display_name;
  if (!path) {
    ctx.errors.push({ file: ctx.file, where, message: "group has no path, id or display_name" });
    return undefined;
  }
  const errors: { where: string; message: string }[] = [];
  let expression = group.expression ? mapExpressionList(group.expression, `${where}/expression`, errors) : null;
  ctx.errors.push(...errors.map((e) => ({ file: ctx.file, ...e })));
  if (expression === null && group.vm_members && group.vm_members.length > 0) {
    const ids = group.vm_members.map((m) => m.id ?? m.display_name).filter((id): id is string => Boolean(id));
    expression = { kind: "vmIds", ids };
  }
  return { path, name: group.display_name ?? path, expression, source: { file: ctx.file, where } };
}

function list(values: readonly string[] | null | undefined): string[] {
  return values && values.length > 0 ? [...values] : ["ANY"];
}

function importRule(
  raw: unknown,
  where: string,
  policyName: string,
  index: number,
  previousSequence: number,
  ctx: Context,
): NsxRule | undefined {
  const rule = validate(ZCollectorRule, raw, where, ctx);
  if (!rule) return undefined;
  const { entries, errors } = parseServiceEntries(rule.service_entries, `${where}/service_entries`);
  ctx.errors.push(...errors.map((e) => ({ file: ctx.file, ...e })));
  const id = rule.rule_id != null ? String(rule.rule_id) : (rule.id ?? rule.path ?? `${policyName}/${index}`);
  // NSX: an empty `services` list with inline service entries means "just the entries", not ANY.
  const services = rule.services && rule.services.length > 0 ? [...rule.services] : entries.length > 0 ? [] : ["ANY"];
  return {
    id,
    ...(rule.rule_id != null ? { ruleId: rule.rule_id } : {}),
    name: rule.display_name ?? id,
    ...(rule.path ? { path: rule.path } : {}),
    sequenceNumber: rule.sequence_number ?? previousSequence,
    action: rule.action,
    direction: rule.direction ?? "IN_OUT",
    ipProtocol: rule.ip_protocol ?? "IPV4_IPV6",
    sources: list(rule.source_groups),
    sourcesExcluded: rule.sources_excluded ?? false,
    destinations: list(rule.destination_groups),
    destinationsExcluded: rule.destinations_excluded ?? false,
    services,
    serviceEntries: entries,
    scope: list(rule.scope),
    profiles: (rule.profiles ?? []).filter((p) => p !== "ANY"),
    disabled: rule.disabled ?? false,
    logged: rule.logged ?? false,
    ...(rule.tag ? { tag: rule.tag } : {}),
    ...(rule.notes ? { notes: rule.notes } : {}),
    source: { file: ctx.file, where },
  };
}

/** A policy's own default rule (NSX `connectivity_preference`): any-to-any within the policy's scope. */
function policyDefaultRule(
  policy: z.infer<typeof ZCollectorPolicy>,
  name: string,
  sequence: number,
  where: string,
  file: string,
): NsxRule | undefined {
  const preference = policy.connectivity_preference ?? "";
  const action = preference.startsWith("ALLOWLIST") ? "DROP" : preference.startsWith("DENYLIST") ? "ALLOW" : undefined;
  if (!action) return undefined;
  const id = policy.default_rule_id != null ? String(policy.default_rule_id) : `${name}/default`;
  return {
    id,
    ...(policy.default_rule_id != null ? { ruleId: policy.default_rule_id } : {}),
    name: `${name} default rule`,
    sequenceNumber: sequence,
    action,
    direction: "IN_OUT",
    ipProtocol: "IPV4_IPV6",
    sources: ["ANY"],
    sourcesExcluded: false,
    destinations: ["ANY"],
    destinationsExcluded: false,
    services: ["ANY"],
    serviceEntries: [],
    scope: list(policy.scope),
    profiles: [],
    disabled: false,
    logged: preference.endsWith("ENABLE_LOGGING"),
    source: { file, where: `${where}/connectivity_preference` },
  };
}

function importPolicy(raw: unknown, where: string, previousSequence: number, ctx: Context): NsxPolicy | undefined {
  const policy = validate(ZCollectorPolicy, raw, where, ctx);
  if (!policy) return undefined;
  const name = policy.display_name ?? policy.id ?? policy.path ?? `policy ${where}`;
  const rules: NsxRule[] = [];
  let sequence = 0;
  (policy.rules ?? []).forEach((rawRule, index) => {
    const rule = importRule(rawRule, `${where}/rules/${index}`, name, index, sequence, ctx);
    if (!rule) return;
    sequence = rule.sequenceNumber;
    rules.push(rule);
  });
  const defaultRule = policyDefaultRule(policy, name, Math.max(sequence, ...rules.map((r) => r.sequenceNumber)), where, ctx.file);
  if (defaultRule) rules.push(defaultRule);
  return {
    id: policy.id ?? policy.path ?? name,
    name,
    ...(policy.path ? { path: policy.path } : {}),
    category: policy.category,
    sequenceNumber: policy.sequence_number ?? previousSequence,
    scope: list(policy.scope),
    stateful: policy.stateful ?? true,
    rules,
    source: { file: ctx.file, where },
  };
}

function importServices(raws: readonly unknown[], ctx: Context): NsxService[] {
  const own: NsxService[] = [];
  raws.forEach((raw, index) => {
    const { service, errors } = parseService(raw, `/services/${index}`, ctx.file);
    ctx.errors.push(...errors.map((e) => ({ file: ctx.file, ...e })));
    if (service) own.push(service);
  });
  // The export's own services win over the built-in catalogue (a manager may have edited a default service).
  const ownPaths = new Set(own.map((s) => s.path));
  return [...own, ...builtInServices().filter((s) => !ownPaths.has(s.path))];
}

export function parseCollectorExport(text: string, fileName: string): { estate: NsxEstate; errors: ImportError[] } {
  const ctx: Context = { file: fileName, errors: [] };
  const name = fileName.replace(/^.*[\\/]/, "").replace(/\.json$/i, "");
  const emptyEstate: NsxEstate = { name, vms: [], segments: [], groups: [], services: [], policies: [], defaultAction: "ALLOW" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      estate: emptyEstate,
      errors: [{ file: fileName, where: "", message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  const root = validate(ZCollectorExport, json, "", ctx);
  if (!root) return { estate: emptyEstate, errors: ctx.errors };

  const { segments, segmentByAttachment } = importSegments(root.segments ?? [], ctx);
  const vms = importVms(root, segmentByAttachment, ctx);
  const groups: NsxGroup[] = [];
  const policies: NsxPolicy[] = [];
  let policySequence = 0;
  (root.domains ?? []).forEach((rawDomain, domainIndex) => {
    const where = `/domains/${domainIndex}`;
    const domain = validate(ZCollectorDomain, rawDomain, where, ctx);
    const resources = domain?.resources;
    if (!resources) return;
    (resources.groups ?? []).forEach((raw, index) => {
      const group = importGroup(raw, `${where}/resources/groups/${index}`, ctx);
      if (group) groups.push(group);
    });
    (resources.security_policies ?? []).forEach((raw, index) => {
      const policy = importPolicy(raw, `${where}/resources/security_policies/${index}`, policySequence, ctx);
      if (!policy) return;
      policySequence = policy.sequenceNumber;
      policies.push(policy);
    });
  });

  const estate: NsxEstate = {
    name,
    vms,
    segments,
    groups,
    services: importServices(root.services ?? [], ctx),
    policies,
    // The collector carries no global default section; NSX's factory default Layer-3 rule allows.
    defaultAction: "ALLOW",
  };
  return { estate, errors: ctx.errors };
}
