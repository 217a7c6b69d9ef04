/**
 * The rules explorer's read model, built once per estate version: every DFW rule in evaluation order
 * (category → policy sequence → rule sequence, file order as tiebreak, exactly as the engine orders them),
 * with its groups, services and Applied-To rendered readably, plus per-group digests (expression text,
 * resolved members) for the details panel. Pure: estate in, plain JSON out.
 */
import {
  GroupResolver,
  NSX_CATEGORIES,
  type GroupExpression,
  type NsxEstate,
  type NsxRule,
  type NsxService,
  type ServiceEntry,
  ProblemLog,
} from "../../policy/index.ts";

export interface TRef {
  /** The reference as written (group path, address literal, service path or ANY). */
  ref: string;
  /** Display name. */
  label: string;
  kind: "any" | "group" | "address" | "segment" | "service" | "unknown";
  /** Resolved ports for services (e.g. "TCP 443, TCP 8443"). */
  detail?: string;
}

export interface TRuleRow {
  position: number;
  category: string;
  policyId: string;
  policyName: string;
  policySequence: number;
  /** Rule position within its policy in evaluation order, 1-based. */
  order: number;
  id: string;
  ruleId?: number;
  name: string;
  sequenceNumber: number;
  action: string;
  direction: string;
  ipProtocol: string;
  logged: boolean;
  disabled: boolean;
  sources: TRef[];
  sourcesExcluded: boolean;
  destinations: TRef[];
  destinationsExcluded: boolean;
  services: TRef[];
  /** Effective Applied-To: the policy's when not ANY, else the rule's. */
  appliedTo: TRef[];
  appliedToFrom: "policy" | "rule";
  profiles: string[];
  notes?: string;
  tag?: string;
  source?: { file: string; where: string };
}

export interface TGroupDigest {
  path: string;
  name: string;
  expression: string;
  memberCount: number;
  /** Up to 50 member VM names, sorted. */
  members: string[];
  addresses: string[];
  source?: { file: string; where: string };
}

export interface TEstateSummary {
  rules: number;
  enabledRules: number;
  logged: number;
  byCategory: { category: string; ALLOW: number; DROP: number; REJECT: number; JUMP_TO_APPLICATION: number; disabled: number }[];
  byAction: Record<string, number>;
  /** VM counts per `app` tag value (the heatmap's axes). */
  applications: { app: string; vms: number }[];
  defaultAction: string;
}

const MAX_MEMBERS = 50;

function portRanges(ranges: readonly { from: number; to: number }[]): string {
  if (ranges.length === 0) return "any";
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(",");
}

/** One service entry as a person reads it: `TCP 443`, `UDP 53 from 1024-65535`, `ICMPv4 type 8`, `IP proto 47`. */
export function describeServiceEntry(entry: ServiceEntry, services?: ReadonlyMap<string, NsxService>, depth = 0): string {
  switch (entry.kind) {
    case "L4PortSet":
    case "ALG": {
      const src = entry.sourcePorts.length > 0 ? ` from ${portRanges(entry.sourcePorts)}` : "";
      const alg = entry.kind === "ALG" ? ` (ALG ${entry.alg})` : "";
      return `${entry.protocol} ${portRanges(entry.destinationPorts)}${src}${alg}`;
    }
    case "ICMPType":
      return `${entry.protocol}${entry.icmpType !== undefined ? ` type ${entry.icmpType}` : ""}${entry.icmpCode !== undefined ? ` code ${entry.icmpCode}` : ""}`;
    case "IPProtocol":
      return `IP proto ${entry.protocolNumber}`;
    case "IGMP":
      return "IGMP";
    case "EtherType":
      return `EtherType 0x${entry.etherType.toString(16).padStart(4, "0")} (L2)`;
    case "NestedService": {
      const nested = services?.get(entry.servicePath);
      if (!nested || depth > 8) return entry.servicePath;
      return nested.entries.map((e) => describeServiceEntry(e, services, depth + 1)).join(", ");
    }
  }
}

function quote(value: string): string {
  return /^[\w.:/@-]+$/.test(value) ? value : JSON.stringify(value);
}

/**
 * A group expression in words, e.g. `Tag scope=app tag=ebanking AND Name STARTSWITH web-`. AND binds
 * tighter than OR, as NSX evaluates it; nested expressions are parenthesised.
 */
export function describeExpression(expression: GroupExpression | null, names?: ReadonlyMap<string, string>): string {
  if (!expression) return "(no criteria: no members)";
  switch (expression.kind) {
    case "condition": {
      const subject = expression.memberType === "VirtualMachine" ? "" : `${expression.memberType} `;
      if (expression.key === "Tag") {
        const bar = expression.value.indexOf("|");
        const scope = bar < 0 ? undefined : expression.value.slice(0, bar);
        const tag = bar < 0 ? expression.value : expression.value.slice(bar + 1);
        const scopeText = scope ? `scope${expression.scopeOperator === "NOTEQUALS" ? "≠" : "="}${quote(scope)}` : "any scope";
        const op = expression.operator === "EQUALS" ? "tag=" : `tag ${expression.operator} `;
        return `${subject}Tag ${scopeText}${tag === "" ? "" : ` ${op}${quote(tag)}`}`;
      }
      return `${subject}${expression.key} ${expression.operator} ${quote(expression.value)}`;
    }
    case "conjunction":
      return expression.operands
        .map((operand, index) => `${index > 0 ? ` ${expression.operators[index - 1]} ` : ""}${describeExpression(operand, names)}`)
        .join("");
    case "nested":
      return `(${describeExpression(expression.expression, names)})`;
    case "ipAddresses":
      return `IP ${expression.addresses.join(", ")}`;
    case "macAddresses":
      return `MAC ${expression.addresses.join(", ")}`;
    case "paths":
      return `Members ${expression.paths.map((p) => names?.get(p) ?? p.split("/").pop() ?? p).join(", ")}`;
    case "externalIds":
      return `${expression.memberType} ids ${expression.ids.length <= 3 ? expression.ids.join(", ") : `${expression.ids.slice(0, 3).join(", ")} … (${expression.ids.length})`}`;
    case "identityGroups":
      return `AD groups ${expression.groups.join(", ")}`;
    case "vmIds":
      return `VMs ${expression.ids.length <= 3 ? expression.ids.join(", ") : `${expression.ids.slice(0, 3).join(", ")} … (${expression.ids.length})`}`;
  }
}

function bySequence<T extends { sequenceNumber: number }>(items: readonly T[]): T[] {
  return items
    .map((item, fileIndex) => ({ item, fileIndex }))
    .sort((a, b) => a.item.sequenceNumber - b.item.sequenceNumber || a.fileIndex - b.fileIndex)
    .map(({ item }) => item);
}

const isAnyList = (entries: readonly string[]) => entries.length === 0 || entries.some((e) => e.toUpperCase() === "ANY");

export function buildRuleReadModel(estate: NsxEstate): { rows: TRuleRow[]; groups: TGroupDigest[]; summary: TEstateSummary } {
  const groupNames = new Map(estate.groups.map((g) => [g.path, g.name]));
  const segmentNames = new Map(estate.segments.map((s) => [s.path, s.name]));
  const services = new Map(estate.services.map((s) => [s.path, s]));
  const serviceText = new Map<string, string>();
  const describeService = (path: string) => {
    let text = serviceText.get(path);
    if (text === undefined) {
      const service = services.get(path);
      text = service ? service.entries.map((e) => describeServiceEntry(e, services)).join(", ") : "not defined";
      serviceText.set(path, text);
    }
    return text;
  };
  const peer = (entries: readonly string[]): TRef[] => {
    if (isAnyList(entries)) return [{ ref: "ANY", label: "Any", kind: "any" }];
    return entries.map((ref) => {
      const group = groupNames.get(ref);
      if (group !== undefined) return { ref, label: group, kind: "group" as const };
      const segment = segmentNames.get(ref);
      if (segment !== undefined) return { ref, label: segment, kind: "segment" as const };
      if (/^[0-9a-fA-F:.\-/]+$/.test(ref) && /[.:]/.test(ref)) return { ref, label: ref, kind: "address" as const };
      return { ref, label: ref.split("/").pop() ?? ref, kind: "unknown" as const };
    });
  };
  const ruleServices = (rule: NsxRule): TRef[] => {
    const named = rule.services.filter((s) => s.toUpperCase() !== "ANY");
    const out: TRef[] = named.map((ref) => ({
      ref,
      label: services.get(ref)?.name ?? ref.split("/").pop() ?? ref,
      kind: "service" as const,
      detail: describeService(ref),
    }));
    for (const entry of rule.serviceEntries)
      out.push({ ref: "inline", label: describeServiceEntry(entry, services), kind: "service", detail: "inline service entry" });
    return out.length > 0 ? out : [{ ref: "ANY", label: "Any", kind: "any" }];
  };

  const rows: TRuleRow[] = [];
  for (const category of NSX_CATEGORIES) {
    for (const policy of bySequence(estate.policies.filter((p) => p.category === category))) {
      const policyScoped = !isAnyList(policy.scope);
      bySequence(policy.rules).forEach((rule, index) => {
        rows.push({
          position: rows.length,
          category,
          policyId: policy.id,
          policyName: policy.name,
          policySequence: policy.sequenceNumber,
          order: index + 1,
          id: rule.id,
          ...(rule.ruleId !== undefined ? { ruleId: rule.ruleId } : {}),
          name: rule.name,
          sequenceNumber: rule.sequenceNumber,
          action: rule.action,
          direction: rule.direction,
          ipProtocol: rule.ipProtocol,
          logged: rule.logged,
          disabled: rule.disabled,
          sources: peer(rule.sources),
          sourcesExcluded: rule.sourcesExcluded,
          destinations: peer(rule.destinations),
          destinationsExcluded: rule.destinationsExcluded,
          services: ruleServices(rule),
          appliedTo: peer(policyScoped ? policy.scope : rule.scope),
          appliedToFrom: policyScoped ? "policy" : "rule",
          profiles: rule.profiles,
          ...(rule.notes ? { notes: rule.notes } : {}),
          ...(rule.tag ? { tag: rule.tag } : {}),
          ...(rule.source ? { source: rule.source } : {}),
        });
      });
    }
  }

  const resolver = new GroupResolver(estate, new ProblemLog());
  const vmNames = new Map(estate.vms.map((vm) => [vm.id, vm.name]));
  const referenced = new Set(
    rows
      .flatMap((r) => [...r.sources, ...r.destinations, ...r.appliedTo])
      .filter((r) => r.kind === "group")
      .map((r) => r.ref),
  );
  const groups: TGroupDigest[] = estate.groups.map((group) => {
    // Members are resolved for every group a rule uses (the others on demand would cost the same: do all).
    const membership =
      referenced.has(group.path) || estate.groups.length <= 5000
        ? resolver.resolve(group.path)
        : { vmIds: new Set<string>(), ips: undefined };
    const members = [...membership.vmIds].map((id) => vmNames.get(id) ?? id).sort();
    return {
      path: group.path,
      name: group.name,
      expression: describeExpression(group.expression, groupNames),
      memberCount: membership.vmIds.size,
      members: members.slice(0, MAX_MEMBERS),
      addresses: membership.ips ? membership.ips.toRanges().slice(0, MAX_MEMBERS) : [],
      ...(group.source ? { source: group.source } : {}),
    };
  });

  const byCategory = NSX_CATEGORIES.map((category) => {
    const counts = { category, ALLOW: 0, DROP: 0, REJECT: 0, JUMP_TO_APPLICATION: 0, disabled: 0 };
    for (const row of rows) {
      if (row.category !== category) continue;
      if (row.disabled) counts.disabled++;
      else counts[row.action as "ALLOW" | "DROP" | "REJECT" | "JUMP_TO_APPLICATION"]++;
    }
    // NSX Manager lists the default rule in the Application category's default layer-3 section; the import's
    // rule count includes it (the rows do not: the engine applies it as the default action).
    if (category === "Application" && estate.defaultRuleId) counts[estate.defaultAction]++;
    return counts;
  });
  const byAction: Record<string, number> = {};
  for (const row of rows) if (!row.disabled) byAction[row.action] = (byAction[row.action] ?? 0) + 1;
  const defaultRule = estate.defaultRuleId ? 1 : 0;
  if (defaultRule) byAction[estate.defaultAction] = (byAction[estate.defaultAction] ?? 0) + 1;
  const apps = new Map<string, number>();
  for (const vm of estate.vms) {
    const values = new Set(vm.tags.filter((t) => t.scope === "app").map((t) => t.tag));
    if (values.size === 0) apps.set("(no app tag)", (apps.get("(no app tag)") ?? 0) + 1);
    for (const value of values) apps.set(value, (apps.get(value) ?? 0) + 1);
  }
  return {
    rows,
    groups,
    summary: {
      // The explorer's rows (windows are position ranges over them); byCategory adds the default rule as NSX
      // Manager lists it, so it sums to the import report's count.
      rules: rows.length,
      enabledRules: rows.filter((r) => !r.disabled).length,
      logged: rows.filter((r) => r.logged).length,
      byCategory,
      byAction,
      applications: [...apps].map(([app, vms]) => ({ app, vms })).sort((a, b) => b.vms - a.vms || a.app.localeCompare(b.app)),
      defaultAction: estate.defaultAction,
    },
  };
}

/** Lower-case text the explorer's search runs over: names, ids, groups (names and paths), services, notes. */
export function searchText(row: TRuleRow): string {
  const refs = [...row.sources, ...row.destinations, ...row.services, ...row.appliedTo].flatMap((r) => [r.label, r.ref]);
  return [row.id, row.ruleId ?? "", row.name, row.policyName, row.policyId, row.tag ?? "", row.notes ?? "", ...refs]
    .join(" ")
    .toLowerCase();
}
