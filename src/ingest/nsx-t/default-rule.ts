/**
 * NSX-T's default layer-3 rule lives in `default-layer3-section` (one any-any rule whose action is the
 * estate's default). The model carries it as `defaultAction`, not as a rule, so it is lifted out here.
 * A default section that was edited into something else stays an ordinary policy.
 */
import type { NsxPolicy, SourceRef } from "../../policy/index.ts";
import type { EstateFragment } from "../fragment.ts";

const isAny = (values: string[]) => values.length === 1 && values[0] === "ANY";

export function noteDefaultRule(policy: NsxPolicy, fragment: EstateFragment): boolean {
  const found = defaultRuleOf(policy, fragment.ref("/"));
  if (found) fragment.defaultRule = found;
  return found !== undefined;
}

/**
 * The default rule when `policy` is the untouched default layer-3 section. Pure, so the merge can ask again
 * once rules exported apart from their policy (flat rule lists) have joined it.
 */
export function defaultRuleOf(policy: NsxPolicy, fallback: SourceRef): NonNullable<EstateFragment["defaultRule"]> | undefined {
  const id = policy.path?.split("/").pop() ?? policy.id;
  if (id !== "default-layer3-section" || policy.rules.length !== 1) return undefined;
  const rule = policy.rules[0];
  const anyAny =
    isAny(rule.sources) &&
    isAny(rule.destinations) &&
    isAny(rule.services) &&
    rule.serviceEntries.length === 0 &&
    isAny(rule.scope) &&
    isAny(policy.scope);
  if (!anyAny || rule.action === "JUMP_TO_APPLICATION" || rule.disabled || rule.direction !== "IN_OUT" || rule.ipProtocol !== "IPV4_IPV6")
    return undefined;
  return { action: rule.action, id: rule.path ?? rule.id, source: rule.source ?? policy.source ?? fallback };
}
