/**
 * One NSX membership Condition against one VM. Tag values are `scope|tag`; `tag` alone or `|tag` leaves the
 * scope unconstrained (NSX matches the tag under any scope — the examples' realised `vm_members` confirm it).
 * Negative operators (NOTEQUALS, NOTIN) negate the whole predicate: "has no tag equal to X".
 * Comparisons are case-sensitive, as NSX tags are.
 */
import type { ConditionOperator, GroupExpression, NsxVm } from "./model.ts";
import { matchesWhole } from "./safe-pattern.ts";

type Condition = Extract<GroupExpression, { kind: "condition" }>;

function positive(operator: ConditionOperator): ConditionOperator {
  return operator === "NOTEQUALS" ? "EQUALS" : operator === "NOTIN" ? "IN" : operator;
}

/** The positive string test (EQUALS, CONTAINS, STARTSWITH, ENDSWITH, IN, MATCHES). */
export function stringMatches(operator: ConditionOperator, actual: string, expected: string): boolean {
  switch (positive(operator)) {
    case "EQUALS":
      return actual === expected;
    case "CONTAINS":
      return actual.includes(expected);
    case "STARTSWITH":
      return actual.startsWith(expected);
    case "ENDSWITH":
      return actual.endsWith(expected);
    case "IN":
      return expected
        .split(",")
        .map((v) => v.trim())
        .includes(actual);
    case "MATCHES":
      // Linear time (RE2) and compiled once: a user-supplied pattern must not be able to stall the engine.
      return matchesWhole(expected, actual);
    default:
      return false;
  }
}

function isNegative(operator: ConditionOperator): boolean {
  return operator === "NOTEQUALS" || operator === "NOTIN";
}

export function splitTagValue(value: string): { scope?: string; tag: string } {
  const bar = value.indexOf("|");
  if (bar < 0) return { tag: value };
  const scope = value.slice(0, bar);
  return { ...(scope === "" ? {} : { scope }), tag: value.slice(bar + 1) };
}

function tagConditionHolds(condition: Condition, vm: NsxVm): boolean {
  const { scope, tag } = splitTagValue(condition.value);
  const scopeOk = (tagScope: string) =>
    scope === undefined ? true : (condition.scopeOperator ?? "EQUALS") === "EQUALS" ? tagScope === scope : tagScope !== scope;
  // `scope|` (empty tag) selects by scope alone.
  const tagOk = (tagText: string) => (tag === "" ? true : stringMatches(condition.operator, tagText, tag));
  return vm.tags.some((t) => scopeOk(t.scope) && tagOk(t.tag));
}

/** undefined = the key is not supported for VMs (the caller reports it). */
export function vmConditionHolds(condition: Condition, vm: NsxVm): boolean | undefined {
  let holds: boolean;
  switch (condition.key) {
    case "Tag":
      holds = tagConditionHolds(condition, vm);
      break;
    case "Name":
      holds = stringMatches(condition.operator, vm.name, condition.value);
      break;
    case "OSName":
      holds = vm.osName !== undefined && stringMatches(condition.operator, vm.osName, condition.value);
      break;
    case "ComputerName":
      holds = vm.computerName !== undefined && stringMatches(condition.operator, vm.computerName, condition.value);
      break;
    default:
      return undefined;
  }
  return isNegative(condition.operator) ? !holds : holds;
}
