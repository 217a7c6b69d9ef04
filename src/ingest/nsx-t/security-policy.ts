/** NSX Policy API `SecurityPolicy` (DFW section) → model NsxPolicy, rules ordered by sequence number. */
import { z } from "zod";
import { NSX_CATEGORIES, type NsxPolicy, type NsxRule } from "../../policy/index.ts";
import type { EstateFragment } from "../fragment.ts";
import { displayPointer, pointer } from "../json/pointer.ts";
import { validate } from "../json/validate.ts";
import { checkMembers, toRule } from "./rule.ts";

export const ZSecurityPolicy = z.object({
  resource_type: z.literal("SecurityPolicy").optional(),
  id: z.string().min(1),
  display_name: z.string().optional(),
  path: z.string().optional(),
  category: z.enum(NSX_CATEGORIES),
  sequence_number: z.number().int().optional(),
  scope: z.array(z.string().min(1)).min(1).default(["ANY"]),
  stateful: z.boolean().default(true),
  rules: z.array(z.unknown()).nullish(),
  children: z.array(z.unknown()).nullish(),
});

/** Reads the policy shell; rules come from `rules` here and from ChildRule / detached lists elsewhere. */
export function toPolicy(
  raw: unknown,
  where: string,
  fragment: EstateFragment,
  domainPath: string | undefined,
  index: number,
): NsxPolicy | undefined {
  const p = validate(ZSecurityPolicy, raw, where, fragment);
  if (!p) return undefined;
  if (!checkMembers(p.scope, pointer(where, "scope"), fragment)) return undefined;
  const path = p.path ?? (domainPath ? `${domainPath}/security-policies/${p.id}` : undefined);
  const rules: NsxRule[] = [];
  (p.rules ?? []).forEach((rawRule, i) => {
    const rule = toRule(rawRule, pointer(where, "rules", i), fragment, path, i);
    if (rule) rules.push(rule);
  });
  if (p.category === "Ethernet") {
    fragment.warn(
      "ethernet",
      displayPointer(where),
      `policy ${p.display_name ?? p.id} is in the Ethernet category: layer-2 rules are outside the L3 model and are reported, not evaluated`,
    );
  }
  const policy: NsxPolicy = {
    id: path ?? p.id,
    name: p.display_name ?? p.id,
    category: p.category,
    sequenceNumber: p.sequence_number ?? index,
    scope: p.scope,
    stateful: p.stateful,
    rules,
    source: fragment.ref(displayPointer(where)),
  };
  if (path) policy.path = path;
  return policy;
}

export function sortRules(policy: NsxPolicy): void {
  policy.rules.sort((a, b) => a.sequenceNumber - b.sequenceNumber);
}
