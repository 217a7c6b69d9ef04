/**
 * `lintNsx`: shadowed and redundant rules, exactly, from the same semantics as the engine. Every enforcement
 * point (vNIC class × direction × peer class × family) is reduced to its ordered list of applicable rules
 * (`distinctRuleLists`, without visiting the points one by one); each distinct list is walked once — a
 * prefix shared by many lists once in all, on interned traffic (`ListWalker`) — and once more per deciding
 * rule, left out, from the state before it, for redundancy. A rule is shadowed when it could match traffic somewhere but decides none anywhere (earlier rules consumed it all);
 * redundant when removing it changes no verdict (allow / drop / reject) at any point. Reference lints
 * (disabled, empty groups, unknown references) come from `referenceLints`.
 */
import { compileNsx, type CompiledNsx } from "../nsx/compile.ts";
import type { NsxEstate } from "../nsx/model.ts";
import { distinctRuleLists } from "./rule-lists.ts";
import type { LintItem } from "./lint-item.ts";
import { ListWalker, type WalkState } from "./list-walk.ts";
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
  const walker = new ListWalker(rules, compiled.estate.defaultAction);
  const { interner } = walker;
  const empty = walker.emptyId;
  // Per trie node (a list prefix): the walk's state after it and what its last rule decided.
  const stateAfter: WalkState[] = [];
  const decidedAt: number[] = [];
  for (const { family, indices, nodes, root } of lists) {
    stateAfter[root] ??= walker.start(family);
    // The prefix walk, each node once: what a rule decides there depends on the prefix alone.
    for (let position = 0; position < indices.length; position++) {
      const node = nodes[position];
      if (stateAfter[node] !== undefined) continue;
      const index = indices[position];
      const stepped = walker.step(stateAfter[position === 0 ? root : nodes[position - 1]], index);
      stateAfter[node] = stepped.state;
      decidedAt[node] = stepped.decided;
      const matchable = walker.matchable(index, family);
      const verdict = verdicts[index];
      if (matchable !== empty) verdict.matchable = true;
      if (stepped.decided !== empty) continue;
      // Shadowed here: the earlier rules that took part of what it could match.
      if (interner.subtract(matchable, stepped.decided) === empty) continue;
      const rule = rules[index];
      for (let e = 0; e < position; e++) {
        const earlier = rules[indices[e]];
        // Traffic a jump sent on comes back in Application: the jump covers only non-Application rules.
        const jumpReturned =
          earlier.rule.action === "JUMP_TO_APPLICATION" && earlier.category !== "Application" && rule.category === "Application";
        if (!jumpReturned && interner.intersect(decidedAt[nodes[e]], matchable) !== empty) verdict.shadowedBy.add(earlier.rule.id);
      }
    }
    const outcome = walker.finish(stateAfter[nodes.length > 0 ? nodes[nodes.length - 1] : root]);
    // Redundancy: the same list without one deciding rule, from the state before it.
    for (let position = 0; position < indices.length; position++) {
      const decided = decidedAt[nodes[position]];
      if (decided === empty) continue;
      const verdict = verdicts[indices[position]];
      verdict.decides = true;
      if (verdict.changesSomething) continue;
      let state = stateAfter[position === 0 ? root : nodes[position - 1]];
      const replacedBy: string[] = [];
      for (let j = position + 1; j < indices.length && !walker.settled(state); j++) {
        const stepped = walker.step(state, indices[j]);
        state = stepped.state;
        if (interner.intersect(stepped.decided, decided) !== empty) replacedBy.push(rules[indices[j]].rule.id);
      }
      const without = walker.finish(state);
      if (without.allowed !== outcome.allowed || without.rejected !== outcome.rejected) {
        verdict.changesSomething = true;
        continue;
      }
      for (const id of replacedBy) verdict.replacedBy.add(id);
      if (interner.intersect(without.byDefault, decided) !== empty) verdict.replacedBy.add("default");
    }
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
