/**
 * Reference resolution over the merged estate: CSV display names → paths, rule/applied-to group paths,
 * service paths (falling back to NSX's built-in catalogue, nested services included), group member paths,
 * and group-of-group cycles (an error: NSX itself refuses them). Also the warnings that depend on use:
 * ALG services referenced by a rule.
 */
import type { GroupExpression, NsxEstate, NsxRule, NsxService } from "../policy/index.ts";
import { NAME_PREFIX } from "./csv/rules.ts";
import { builtInServices } from "./services/built-in-services.ts";
import type { ImportError, ImportWarning, Unresolved } from "./types.ts";

export interface ResolveOutcome {
  errors: ImportError[];
  warnings: ImportWarning[];
  unresolved: Unresolved[];
  builtInServicesUsed: string[];
}

const VM_PATH = /\/virtual-machines\/([^/]+)$/;

function* expressionPaths(expression: GroupExpression | null): Generator<string> {
  if (!expression) return;
  switch (expression.kind) {
    case "paths":
      yield* expression.paths;
      return;
    case "nested":
      yield* expressionPaths(expression.expression);
      return;
    case "conjunction":
      for (const operand of expression.operands) yield* expressionPaths(operand);
      return;
    default:
      return;
  }
}

export function resolveReferences(estate: NsxEstate): ResolveOutcome {
  const errors: ImportError[] = [];
  const warnings: ImportWarning[] = [];
  const unresolved: Unresolved[] = [];
  const groupsByPath = new Map(estate.groups.map((g) => [g.path, g]));
  const segmentPaths = new Set(estate.segments.map((s) => s.path));
  const vmIds = new Set(estate.vms.map((v) => v.id));
  const services = new Map(estate.services.map((s) => [s.path, s]));
  const catalogue = new Map(builtInServices().map((s) => [s.path, s]));
  const builtInUsed: string[] = [];
  const where = (rule: { source?: { file: string; where: string } }) => ({
    file: rule.source?.file ?? "?",
    where: rule.source?.where ?? "/",
  });

  // Display names (CSV exports) resolve to a path only when exactly one object carries the name.
  // A name is a display name or the path's last segment (the object id): exports use either.
  const nameIndex = (objects: { name: string; path: string }[]) => {
    const index = new Map<string, string | null>();
    for (const o of objects) {
      for (const name of new Set([o.name, o.path.slice(o.path.lastIndexOf("/") + 1)])) {
        const existing = index.get(name);
        index.set(name, existing !== undefined && existing !== o.path ? null : o.path);
      }
    }
    return index;
  };
  const groupsByName = nameIndex(estate.groups);
  // Exported services shadow the catalogue (an export may redefine a default service's ports).
  const servicesByName = nameIndex([...catalogue.values()].filter((s) => !services.has(s.path)).concat(estate.services));
  const byName = (values: string[], index: Map<string, string | null>, kind: "group" | "service", rule: NsxRule) =>
    values.map((value) => {
      if (!value.startsWith(NAME_PREFIX)) return value;
      const name = value.slice(NAME_PREFIX.length);
      const path = index.get(name);
      if (path) return path;
      unresolved.push({
        kind,
        ref: name,
        ...where(rule),
        reason: path === null ? `several ${kind}s are named "${name}"` : `no ${kind} is named "${name}"`,
      });
      return `/unresolved/${kind}s/${name}`;
    });

  const useService = (path: string, rule: { source?: { file: string; where: string } }, seen: Set<string>): NsxService | undefined => {
    let service = services.get(path);
    if (!service) {
      const builtIn = catalogue.get(path);
      if (!builtIn) return undefined;
      service = builtIn;
      services.set(path, builtIn);
      estate.services.push(builtIn);
      builtInUsed.push(path);
    }
    if (seen.has(path)) return service;
    seen.add(path);
    for (const entry of service.entries) {
      if (entry.kind === "NestedService" && !useService(entry.servicePath, service, seen)) {
        unresolved.push({
          kind: "service",
          ref: entry.servicePath,
          file: service.source?.file ?? "?",
          where: service.source?.where ?? "/",
          reason: `nested in ${path}, but neither exported nor built in`,
        });
      }
    }
    return service;
  };

  const algWarned = new Set<string>();
  const checkGroupRef = (path: string, rule: NsxRule | { source?: { file: string; where: string } }, role: string) => {
    if (path === "ANY" || !path.startsWith("/") || groupsByPath.has(path) || segmentPaths.has(path)) return;
    if (path.startsWith("/unresolved/")) return;
    unresolved.push({
      kind: "group",
      ref: path,
      ...where(rule),
      reason: path.startsWith("/nsx-v/")
        ? `NSX-V grouping object in ${role}: its members come from a separate NSX-V API that was not uploaded`
        : `${role} names a group that no uploaded file defines`,
    });
  };

  for (const policy of estate.policies) {
    for (const path of policy.scope) checkGroupRef(path, policy, "policy applied-to");
    for (const rule of policy.rules) {
      rule.sources = byName(rule.sources, groupsByName, "group", rule);
      rule.destinations = byName(rule.destinations, groupsByName, "group", rule);
      rule.scope = byName(rule.scope, groupsByName, "group", rule);
      rule.services = byName(rule.services, servicesByName, "service", rule);
      for (const path of rule.sources) checkGroupRef(path, rule, "source");
      for (const path of rule.destinations) checkGroupRef(path, rule, "destination");
      for (const path of rule.scope) checkGroupRef(path, rule, "applied-to");
      for (const path of rule.services) {
        if (path === "ANY" || path.startsWith("/unresolved/")) continue;
        const service = useService(path, rule, new Set());
        if (!service) {
          unresolved.push({
            kind: "service",
            ref: path,
            ...where(rule),
            reason: path.startsWith("/nsx-v/")
              ? "NSX-V application object: its ports come from a separate NSX-V API that was not uploaded"
              : "service is neither in the upload nor in NSX's built-in catalogue",
          });
          continue;
        }
        const alg = service.entries.find((e) => e.kind === "ALG");
        if (alg && !algWarned.has(path)) {
          algWarned.add(path);
          warnings.push({
            code: "alg",
            ...where(rule),
            message: `service ${path} is an ALG (${alg.kind === "ALG" ? alg.alg : ""}): its control ports are modelled, the dynamically opened data connections are not`,
          });
        }
      }
      for (const entry of rule.serviceEntries) {
        if (entry.kind === "ALG" && !algWarned.has(`${rule.id}:${entry.alg}`)) {
          algWarned.add(`${rule.id}:${entry.alg}`);
          warnings.push({
            code: "alg",
            ...where(rule),
            message: `rule ${rule.name} has an inline ALG entry (${entry.alg}): data connections are not modelled`,
          });
        }
      }
    }
  }

  // Group member paths, and cycles through groups of groups.
  for (const group of estate.groups) {
    for (const path of expressionPaths(group.expression)) {
      if (groupsByPath.has(path) || segmentPaths.has(path)) continue;
      const vm = VM_PATH.exec(path);
      if (vm && vmIds.has(decodeURIComponent(vm[1]))) continue;
      const port = /^(.*)\/ports\/[^/]+$/.exec(path);
      if (port && segmentPaths.has(port[1])) continue;
      unresolved.push({
        kind: "groupMember",
        ref: path,
        file: group.source?.file ?? "?",
        where: group.source?.where ?? "/",
        reason: `member of group ${group.path}, but no uploaded group, segment, segment port or VM has this path`,
      });
    }
  }
  const state = new Map<string, "visiting" | "done">();
  const visit = (path: string, trail: string[]): void => {
    const mark = state.get(path);
    if (mark === "done") return;
    if (mark === "visiting") {
      const group = groupsByPath.get(path)!;
      const cycle = [...trail.slice(trail.indexOf(path)), path];
      errors.push({
        file: group.source?.file ?? "?",
        where: group.source?.where ?? "/",
        message: `groups contain each other in a cycle: ${cycle.join(" → ")}`,
      });
      return;
    }
    state.set(path, "visiting");
    for (const member of expressionPaths(groupsByPath.get(path)!.expression)) if (groupsByPath.has(member)) visit(member, [...trail, path]);
    state.set(path, "done");
  };
  for (const path of groupsByPath.keys()) visit(path, []);

  if (builtInUsed.length > 0) {
    warnings.push({
      code: "builtInService",
      file: "(built-in catalogue)",
      where: "/",
      message: `${builtInUsed.length} service(s) referenced by rules were not in the upload and were taken from NSX's built-in catalogue: ${builtInUsed.slice(0, 10).join(", ")}${builtInUsed.length > 10 ? ", ..." : ""}`,
    });
  }
  return { errors, warnings, unresolved, builtInServicesUsed: builtInUsed };
}
