/**
 * Lints that need no traffic analysis: disabled rules, rules naming groups that resolve to no VM and no
 * address (an empty source or destination matches nothing; an empty Applied-To enforces the rule nowhere),
 * and rules with references the compiler could not resolve.
 */
import type { CompiledNsx } from "../nsx/compile.ts";
import type { NsxPolicy, NsxRule } from "../nsx/model.ts";
import { ruleSubject } from "../nsx/rule-table.ts";
import { isAny } from "../nsx/selector.ts";
import type { LintItem } from "./lint-item.ts";

const RULE_REFERENCE_CODES = new Set(["unknown-group", "unknown-service", "unknown-applied-to"]);
const GROUP_REFERENCE_CODES = new Set(["unknown-group", "unknown-path", "group-cycle"]);

export function referenceLints(compiled: CompiledNsx): LintItem[] {
  const items: LintItem[] = [];
  const { estate, groups, problems } = compiled;
  for (const policy of estate.policies) {
    for (const rule of policy.rules) {
      const base = { ruleId: rule.id, policy: policy.name };
      if (rule.disabled) {
        items.push({ ...base, kind: "disabled", severity: "info", message: `rule ${rule.name} is disabled: NSX skips it` });
        continue;
      }
      const empty = ruleGroups(policy, rule).filter(({ path }) => {
        if (!groups.hasGroup(path)) return false;
        const members = groups.resolve(path);
        return members.vmIds.size === 0 && members.ips.isEmpty();
      });
      for (const { path, role } of empty) {
        const effect = role === "Applied-To" ? "the rule is enforced on no vNIC" : "the rule matches nothing on that side";
        items.push({
          ...base,
          kind: "empty-group",
          severity: "warning",
          message: `${role} group ${path} resolves to no VM and no address: ${effect}`,
        });
      }
      const subject = ruleSubject(policy, rule);
      const paths = new Set(ruleGroups(policy, rule).map((g) => g.path));
      for (const problem of problems) {
        const own = problem.subject === subject && RULE_REFERENCE_CODES.has(problem.code);
        const viaGroup = problem.subject !== undefined && paths.has(problem.subject) && GROUP_REFERENCE_CODES.has(problem.code);
        if (own || viaGroup) items.push({ ...base, kind: "unknown-reference", severity: "error", message: problem.message });
      }
    }
  }
  return items;
}

function ruleGroups(policy: NsxPolicy, rule: NsxRule): { path: string; role: string }[] {
  const scope = isAny(policy.scope) ? rule.scope : policy.scope;
  const entries = (list: readonly string[], role: string) => (isAny(list) ? [] : list.map((path) => ({ path, role })));
  return [...entries(rule.sources, "source"), ...entries(rule.destinations, "destination"), ...entries(scope, "Applied-To")];
}
