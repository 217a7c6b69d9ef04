/**
 * `lintNsx`: shadowed and redundant rules, exactly, from the same semantics as the engine. Every enforcement
 * point (vNIC class × direction × peer class × family) is reduced to its ordered list of applicable rules
 * (`distinctRuleLists`, without visiting the points one by one); each distinct list is walked once (and once more per deciding rule, left out, for redundancy). A rule is
 * shadowed when it could match traffic somewhere but decides none anywhere (earlier rules consumed it all);
 * redundant when removing it changes no verdict (allow / drop / reject) at any point. Reference lints
 * (disabled, empty groups, unknown references) come from `referenceLints`.
 */
import { compileNsx, type CompiledNsx } from "../nsx/compile.ts";
import type { NsxEstate } from "../nsx/model.ts";
import { distinctRuleLists } from "./rule-lists.ts";
import type { LintItem } from "./lint-item.ts";
import { tracePoint } from "./point-trace.ts";
import { referenceLints } from "./reference-lints.ts";

export interface LintResult {
  items: LintItem[];
  stats: { enforcementPoints: number; distinctRuleLists: number };
}

interface RuleVerdicts {
  matchable: boolean;
  decides: boolean;
  changesSomething: boolean;
  shadowedBy: Set<string>;
  replacedBy: Set<string>;
}

export function lintNsx(nsx: NsxEstate | CompiledNsx): LintResult {
  const compiled = "vmClasses" in nsx ? nsx : compileNsx(nsx);
  const { rules } = compiled;
  const verdicts: RuleVerdicts[] = rules.map(() => ({
    matchable: false,
    decides: false,
    changesSomething: false,
    shadowedBy: new Set(),
    replacedBy: new Set(),
  }));
  const { lists, points } = distinctRuleLists(compiled);
  const defaultAction = compiled.estate.defaultAction;
  for (const { family, indices } of lists.values()) {
    const walked = indices.map((i) => rules[i]);
    const outcome = tracePoint(walked, defaultAction, family);
    outcome.traces.forEach((trace, position) => {
      const verdict = verdicts[indices[position]];
      if (!trace.matchable.isEmpty()) verdict.matchable = true;
      if (trace.decided.isEmpty()) {
        for (const e of trace.coveredBy) verdict.shadowedBy.add(rules[indices[e]].rule.id);
        return;
      }
      verdict.decides = true;
      if (verdict.changesSomething) return;
      const without = tracePoint(walked, defaultAction, family, position);
      if (!without.allowed.equals(outcome.allowed) || !without.rejected.equals(outcome.rejected)) {
        verdict.changesSomething = true;
        return;
      }
      without.traces.forEach((later, j) => {
        if (j > position && !later.decided.intersect(trace.decided).isEmpty()) verdict.replacedBy.add(rules[indices[j]].rule.id);
      });
      if (!without.byDefault.intersect(trace.decided).isEmpty()) verdict.replacedBy.add("default");
    });
  }

  const items: LintItem[] = [];
  rules.forEach((compiledRule, index) => {
    const verdict = verdicts[index];
    const base = { ruleId: compiledRule.rule.id, policy: compiledRule.policy.name };
    const name = `${compiledRule.policy.name}/${compiledRule.rule.name} (${compiledRule.rule.id})`;
    if (verdict.matchable && !verdict.decides) {
      const coveredBy = [...verdict.shadowedBy];
      items.push({
        ...base,
        kind: "shadowed",
        severity: "warning",
        message: `${name} never decides any flow: earlier rules (${coveredBy.join(", ")}) take all the traffic it matches`,
        coveredBy,
      });
    } else if (verdict.decides && !verdict.changesSomething) {
      const coveredBy = [...verdict.replacedBy];
      items.push({
        ...base,
        kind: "redundant",
        severity: "info",
        message: `${name} is redundant: without it ${coveredBy.join(", ")} decide the same traffic the same way`,
        coveredBy,
      });
    }
  });
  return { items: [...items, ...referenceLints(compiled)], stats: { enforcementPoints: points, distinctRuleLists: lists.length } };
}
