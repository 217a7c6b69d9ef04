/**
 * The hierarchical export `GET /policy/api/v1/infra?type_filter=...`: an `Infra` object whose `children`
 * wrap each object in a `Child<Type>` envelope (`ChildDomain` → `Domain` → `ChildGroup` / `ChildSecurityPolicy`
 * → `ChildRule`; `ChildService` and `ChildSegment` at infra level, segments also under `ChildTier1`).
 * One pass over the parsed tree, no lookups inside loops: linear in the size of the export.
 */
import { z } from "zod";
import type { EstateFragment } from "../fragment.ts";
import { displayPointer, pointer } from "../json/pointer.ts";
import { validate } from "../json/validate.ts";
import { toGroup } from "./group.ts";
import { toRule } from "./rule.ts";
import { sortRules, toPolicy } from "./security-policy.ts";
import { toSegment } from "./segment.ts";
import { toService } from "./service.ts";
import { noteDefaultRule } from "./default-rule.ts";

const ZNode = z.object({ resource_type: z.string().min(1), children: z.array(z.unknown()).nullish() });
const ZChild = z.looseObject({ resource_type: z.string().regex(/^Child/, "expected a Child<Type> wrapper") });

/** Object types with no meaning for the DFW model: read past silently is wrong, so each is reported once. */
const OUT_OF_MODEL = new Set([
  "GatewayPolicy",
  "PolicyContextProfile",
  "Tier0",
  "LBService",
  "IdsProfile",
  "IdsPolicy",
  "DhcpServerConfig",
  "DnsForwarderZone",
  "IpAddressPool",
]);

export function looksHierarchical(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { resource_type?: unknown }).resource_type === "Infra";
}

interface Walk {
  fragment: EstateFragment;
  ignored: Set<string>;
}

/** The wrapped object sits under the key named after its type (`ChildGroup.Group`). */
function unwrap(raw: unknown, where: string, walk: Walk): { type: string; value: unknown; where: string } | undefined {
  const child = validate(ZChild, raw, where, walk.fragment);
  if (!child) return undefined;
  const type = child.resource_type.slice("Child".length);
  if (child.marked_for_delete === true) return undefined; // a PATCH body's deletion, not part of the estate
  if (!(type in child)) {
    walk.fragment.error(displayPointer(where), `${child.resource_type} has no "${type}" object`);
    return undefined;
  }
  return { type, value: child[type], where: pointer(where, type) };
}

function walkChildren(
  children: unknown[] | null | undefined,
  where: string,
  parentPath: string,
  walk: Walk,
  visit: (type: string, value: unknown, where: string, index: number) => void,
): void {
  (children ?? []).forEach((raw, i) => {
    const inner = unwrap(raw, pointer(where, i), walk);
    if (inner) visit(inner.type, inner.value, inner.where, i);
  });
  void parentPath;
}

function ignore(type: string, where: string, walk: Walk): void {
  if (walk.ignored.has(type)) return;
  walk.ignored.add(type);
  const why = OUT_OF_MODEL.has(type) ? "outside the distributed-firewall model" : "not a type this importer reads";
  walk.fragment.warn("ignored", displayPointer(where), `${type} objects are ${why}; they were skipped (first at this place)`);
}

function visitDomain(value: unknown, where: string, walk: Walk): void {
  const domain = validate(
    z.object({ id: z.string().min(1), path: z.string().optional(), children: z.array(z.unknown()).nullish() }),
    value,
    where,
    walk.fragment,
  );
  if (!domain) return;
  const domainPath = domain.path ?? `/infra/domains/${domain.id}`;
  walkChildren(domain.children, pointer(where, "children"), domainPath, walk, (type, inner, at, index) => {
    if (type === "Group") {
      const group = toGroup(inner, at, walk.fragment, domainPath);
      if (group) walk.fragment.groups.push(group);
    } else if (type === "SecurityPolicy") {
      visitPolicy(inner, at, domainPath, index, walk);
    } else ignore(type, at, walk);
  });
}

function visitPolicy(value: unknown, where: string, domainPath: string, index: number, walk: Walk): void {
  const policy = toPolicy(value, where, walk.fragment, domainPath, index);
  if (!policy) return;
  const children = (value as { children?: unknown }).children;
  if (Array.isArray(children)) {
    walkChildren(children, pointer(where, "children"), policy.path ?? policy.id, walk, (type, inner, at, i) => {
      if (type === "Rule") {
        const rule = toRule(inner, at, walk.fragment, policy.path, i);
        if (rule) policy.rules.push(rule);
      } else ignore(type, at, walk);
    });
  }
  sortRules(policy);
  if (!noteDefaultRule(policy, walk.fragment)) walk.fragment.policies.push(policy);
}

function visitTier1(value: unknown, where: string, walk: Walk): void {
  const tier1 = validate(
    z.object({ id: z.string().min(1), path: z.string().optional(), children: z.array(z.unknown()).nullish() }),
    value,
    where,
    walk.fragment,
  );
  if (!tier1) return;
  const tier1Path = tier1.path ?? `/infra/tier-1s/${tier1.id}`;
  walkChildren(tier1.children, pointer(where, "children"), tier1Path, walk, (type, inner, at) => {
    if (type === "Segment") {
      const segment = toSegment(inner, at, walk.fragment, tier1Path);
      if (segment) walk.fragment.segments.push(segment);
    } else ignore(type, at, walk);
  });
}

export function parseHierarchical(root: unknown, fragment: EstateFragment): void {
  const infra = validate(ZNode, root, "", fragment);
  if (!infra) return;
  if (infra.resource_type !== "Infra") {
    fragment.error("/resource_type", `expected "Infra", found "${infra.resource_type}"`);
    return;
  }
  const walk: Walk = { fragment, ignored: new Set() };
  walkChildren(infra.children, "/children", "/infra", walk, (type, inner, at, index) => {
    switch (type) {
      case "Domain":
        return visitDomain(inner, at, walk);
      case "Service": {
        const service = toService(inner, at, fragment);
        if (service) fragment.services.push(service);
        return;
      }
      case "Segment": {
        const segment = toSegment(inner, at, fragment, "/infra");
        if (segment) fragment.segments.push(segment);
        return;
      }
      case "Tier1":
        return visitTier1(inner, at, walk);
      case "SecurityPolicy": // some tools flatten the domain level away
        return visitPolicy(inner, at, "/infra/domains/default", index, walk);
      default:
        ignore(type, at, walk);
    }
  });
}
