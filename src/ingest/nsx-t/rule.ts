/** NSX Policy API `Rule` → model NsxRule. Sources/destinations/applied-to are validated, not interpreted. */
import { z } from "zod";
import type { NsxRule } from "../../policy/index.ts";
import { addressProblem, looksLikeAddress } from "../addresses.ts";
import type { EstateFragment } from "../fragment.ts";
import { displayPointer, pointer } from "../json/pointer.ts";
import { validate } from "../json/validate.ts";
import { parseServiceEntries } from "../services/service-entry.ts";

const ZMembers = z.array(z.string().min(1)).min(1);

export const ZRule = z.object({
  resource_type: z.literal("Rule").optional(),
  id: z.string().min(1),
  display_name: z.string().optional(),
  path: z.string().optional(),
  parent_path: z.string().optional(),
  rule_id: z.number().int().nonnegative().optional(),
  sequence_number: z.number().int().optional(),
  action: z.enum(["ALLOW", "DROP", "REJECT", "JUMP_TO_APPLICATION"]),
  direction: z.enum(["IN", "OUT", "IN_OUT"]).default("IN_OUT"),
  ip_protocol: z.enum(["IPV4", "IPV6", "IPV4_IPV6"]).default("IPV4_IPV6"),
  source_groups: ZMembers,
  destination_groups: ZMembers,
  sources_excluded: z.boolean().default(false),
  destinations_excluded: z.boolean().default(false),
  services: ZMembers.default(["ANY"]),
  service_entries: z.array(z.unknown()).nullish(),
  scope: ZMembers.default(["ANY"]),
  profiles: ZMembers.optional(),
  disabled: z.boolean().default(false),
  logged: z.boolean().default(false),
  tag: z.string().optional(),
  notes: z.string().optional(),
});
export type TRule = z.infer<typeof ZRule>;

/** ANY must stand alone; IP literals must parse; everything else must be a policy path. */
export function checkMembers(values: string[], where: string, fragment: EstateFragment): boolean {
  let ok = true;
  if (values.length > 1 && values.includes("ANY")) {
    fragment.error(where, `"ANY" cannot be combined with other members`);
    ok = false;
  }
  values.forEach((value, i) => {
    if (value === "ANY" || value.startsWith("/")) return;
    if (looksLikeAddress(value)) {
      const problem = addressProblem(value);
      if (problem) {
        fragment.error(pointer(where, i), problem);
        ok = false;
      }
      return;
    }
    fragment.error(pointer(where, i), `"${value}" is neither ANY, a policy path nor an IP address, CIDR or range`);
    ok = false;
  });
  return ok;
}

export function toRule(
  raw: unknown,
  where: string,
  fragment: EstateFragment,
  policyPath: string | undefined,
  index: number,
): NsxRule | undefined {
  const r = validate(ZRule, raw, where, fragment);
  if (!r) return undefined;
  let ok = checkMembers(r.source_groups, pointer(where, "source_groups"), fragment);
  ok = checkMembers(r.destination_groups, pointer(where, "destination_groups"), fragment) && ok;
  ok = checkMembers(r.scope, pointer(where, "scope"), fragment) && ok;
  r.services.forEach((service, i) => {
    if (service !== "ANY" && !service.startsWith("/")) {
      fragment.error(pointer(where, "services", i), `"${service}" is neither ANY nor a service path`);
      ok = false;
    }
  });
  const { entries, errors } = parseServiceEntries(r.service_entries, pointer(where, "service_entries"));
  for (const e of errors) fragment.error(e.where, e.message);
  if (!ok || errors.length > 0) return undefined;
  const path = r.path ?? (policyPath ? `${policyPath}/rules/${r.id}` : undefined);
  const profiles = (r.profiles ?? []).filter((p) => p !== "ANY");
  if (profiles.length > 0) {
    fragment.warn(
      "l7Profile",
      displayPointer(pointer(where, "profiles")),
      `rule ${r.display_name ?? r.id} uses context profiles ${profiles.join(", ")}: L7 (App-ID/FQDN) matching is outside the L3/L4 model`,
    );
  }
  const rule: NsxRule = {
    id: r.rule_id !== undefined ? String(r.rule_id) : (path ?? r.id),
    name: r.display_name ?? r.id,
    sequenceNumber: r.sequence_number ?? index,
    action: r.action,
    direction: r.direction,
    ipProtocol: r.ip_protocol,
    sources: r.source_groups,
    sourcesExcluded: r.sources_excluded,
    destinations: r.destination_groups,
    destinationsExcluded: r.destinations_excluded,
    services: r.services,
    serviceEntries: entries,
    scope: r.scope,
    profiles,
    disabled: r.disabled,
    logged: r.logged,
    source: fragment.ref(displayPointer(where)),
  };
  if (r.rule_id !== undefined) rule.ruleId = r.rule_id;
  if (path) rule.path = path;
  if (r.tag) rule.tag = r.tag;
  if (r.notes) rule.notes = r.notes;
  return rule;
}

/** The policy a detached rule belongs to: `parent_path`, else its own path minus `/rules/<id>`. */
export function parentPathOf(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as { parent_path?: unknown; path?: unknown };
  if (typeof r.parent_path === "string") return r.parent_path;
  if (typeof r.path === "string") {
    const at = r.path.lastIndexOf("/rules/");
    if (at > 0) return r.path.slice(0, at);
  }
  return undefined;
}
