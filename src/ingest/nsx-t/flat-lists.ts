/**
 * Flat list responses `{results, result_count, cursor}` (one page each): security policies with or without
 * embedded rules, separate rule lists (rules name their policy by `parent_path`), groups, services,
 * segments, and the fabric VM / VIF inventory. Each result is dispatched on its `resource_type`.
 */
import { z } from "zod";
import type { EstateFragment } from "../fragment.ts";
import { toFabricVif, toFabricVm } from "../inventory/fabric-vms.ts";
import { displayPointer, pointer } from "../json/pointer.ts";
import { validate } from "../json/validate.ts";
import { noteDefaultRule } from "./default-rule.ts";
import { toGroup } from "./group.ts";
import { parentPathOf, toRule } from "./rule.ts";
import { sortRules, toPolicy } from "./security-policy.ts";
import { toSegment } from "./segment.ts";
import { toService } from "./service.ts";

export const ZListEnvelope = z.object({
  results: z.array(z.unknown()),
  result_count: z.number().int().nonnegative().optional(),
  cursor: z.string().optional(),
});

export function looksLikeListEnvelope(value: unknown): value is { results: unknown[] } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Array.isArray((value as { results?: unknown }).results);
}

/** The resource_type most results carry: what the file is, for detection and the report. */
export function dominantResourceType(value: { results: unknown[] }): string | undefined {
  const first = value.results.find((r) => typeof r === "object" && r !== null) as { resource_type?: unknown } | undefined;
  return typeof first?.resource_type === "string" ? first.resource_type : undefined;
}

const ZTyped = z.object({ resource_type: z.string().min(1) });

function domainPathOf(path: string | undefined): string | undefined {
  const match = path ? /^(\/(?:orgs\/[^/]+\/projects\/[^/]+\/)?infra\/domains\/[^/]+)\//.exec(path) : null;
  return match ? match[1] : undefined;
}

export function parseListEnvelope(root: unknown, fragment: EstateFragment): void {
  const envelope = validate(ZListEnvelope, root, "", fragment);
  if (!envelope) return;
  envelope.results.forEach((raw, i) => {
    const where = pointer("/results", i);
    const typed = validate(ZTyped, raw, where, fragment);
    if (!typed) return;
    const path = typeof (raw as { path?: unknown }).path === "string" ? (raw as { path: string }).path : undefined;
    switch (typed.resource_type) {
      case "SecurityPolicy": {
        const policy = toPolicy(raw, where, fragment, domainPathOf(path), i);
        if (!policy) return;
        sortRules(policy);
        if (!noteDefaultRule(policy, fragment)) fragment.policies.push(policy);
        return;
      }
      case "Rule": {
        const parentPath = parentPathOf(raw);
        if (!parentPath) {
          fragment.error(displayPointer(where), "rule in a separate list needs parent_path (or a path under its security policy)");
          return;
        }
        const rule = toRule(raw, where, fragment, parentPath, i);
        if (rule) fragment.detachedRules.push({ parentPath, rule });
        return;
      }
      case "Group": {
        const group = toGroup(raw, where, fragment, domainPathOf(path));
        if (group) fragment.groups.push(group);
        return;
      }
      case "Service": {
        const service = toService(raw, where, fragment);
        if (service) fragment.services.push(service);
        return;
      }
      case "Segment": {
        const segment = toSegment(raw, where, fragment, "/infra");
        if (segment) fragment.segments.push(segment);
        return;
      }
      case "VirtualMachine": {
        const vm = toFabricVm(raw, where, fragment);
        if (vm) fragment.vms.push(vm);
        return;
      }
      case "VirtualNetworkInterface":
        toFabricVif(raw, where, fragment);
        return;
      default:
        fragment.warn(
          "ignored",
          displayPointer(pointer(where, "resource_type")),
          `${typed.resource_type} results are not read by the importer; skipped`,
        );
    }
  });
  if (envelope.result_count !== undefined && envelope.result_count < envelope.results.length) {
    fragment.error(
      "/result_count",
      `result_count ${envelope.result_count} is smaller than the ${envelope.results.length} results in this page`,
    );
  }
}
