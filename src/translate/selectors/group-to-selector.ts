/**
 * NSX group expressions → label selectors (DNF), exactly: Tag EQUALS / NOTEQUALS / IN / NOTIN under AND / OR,
 * nested expressions and paths to other groups. Everything else (Name, OSName, ComputerName, CONTAINS /
 * STARTSWITH / ENDSWITH / MATCHES on tags, IP or MAC members, segments, static VM members, other member
 * types) has no label equivalent: `undefined`, and the caller materialises a membership label instead.
 * Members that match nothing on the NSX side (identity groups, MAC addresses) match nothing here either.
 */
import { splitTagValue, type GroupExpression, type NsxGroup } from "../../policy/index.ts";
import type { LabelTaxonomy } from "../identity/label-taxonomy.ts";
import { andDnf, MATCH_NONE, notDnf, orDnf, type Dnf } from "./label-requirement.ts";

type Condition = Extract<GroupExpression, { kind: "condition" }>;

function tagCondition(c: Condition, taxonomy: LabelTaxonomy): Dnf | undefined {
  const negative = c.operator === "NOTEQUALS" || c.operator === "NOTIN";
  const positive = c.operator === "NOTEQUALS" ? "EQUALS" : c.operator === "NOTIN" ? "IN" : c.operator;
  if (positive !== "EQUALS" && positive !== "IN") return undefined;
  const { scope, tag } = splitTagValue(c.value);
  const scopeOperator = c.scopeOperator ?? "EQUALS";
  const scopes = (s: string) => (scope === undefined ? true : scopeOperator === "EQUALS" ? s === scope : s !== scope);
  let dnf: Dnf;
  if (positive === "EQUALS") {
    const exact = scope !== undefined && scopeOperator === "EQUALS" && tag !== "" ? { scope, tag } : undefined;
    dnf = taxonomy.tagDnf(scopes, (t) => tag === "" || t === tag, exact);
  } else {
    const wanted = tag.split(",").map((v) => v.trim());
    dnf = orDnf(
      ...wanted.map((w) =>
        taxonomy.tagDnf(scopes, (t) => t === w, scope !== undefined && scopeOperator === "EQUALS" ? { scope, tag: w } : undefined),
      ),
    );
  }
  return negative ? notDnf(dnf) : dnf;
}

export class GroupSelectorCompiler {
  private readonly cache = new Map<string, Dnf | undefined>();
  private readonly groups: Map<string, NsxGroup>;

  constructor(
    groups: readonly NsxGroup[],
    private readonly taxonomy: LabelTaxonomy,
  ) {
    this.groups = new Map(groups.map((g) => [g.path, g]));
  }

  /** The group as a DNF over tag labels, or undefined when no selector expresses it. */
  compile(path: string, visiting: readonly string[] = []): Dnf | undefined {
    if (this.cache.has(path)) return this.cache.get(path);
    const group = this.groups.get(path);
    if (!group || visiting.includes(path)) return undefined;
    const dnf = group.expression ? this.expression(group.expression, [...visiting, path]) : MATCH_NONE;
    this.cache.set(path, dnf);
    return dnf;
  }

  private expression(e: GroupExpression, visiting: readonly string[]): Dnf | undefined {
    switch (e.kind) {
      case "condition":
        if (e.memberType !== "VirtualMachine") return undefined;
        return e.key === "Tag" ? tagCondition(e, this.taxonomy) : undefined;
      case "nested":
        return this.expression(e.expression, visiting);
      case "conjunction": {
        // AND binds tighter than OR, as NSX evaluates it.
        let result: Dnf | undefined = MATCH_NONE;
        let run = this.expression(e.operands[0], visiting);
        for (let i = 0; i < e.operators.length; i++) {
          const next = this.expression(e.operands[i + 1], visiting);
          if (run === undefined || next === undefined) return undefined;
          if (e.operators[i] === "AND") run = andDnf(run, next);
          else {
            result = orDnf(result, run);
            run = next;
          }
        }
        return run === undefined ? undefined : orDnf(result, run);
      }
      case "paths": {
        let result: Dnf = MATCH_NONE;
        for (const path of e.paths) {
          if (!this.groups.has(path)) return undefined;
          const inner = this.compile(path, visiting);
          if (inner === undefined) return undefined;
          result = orDnf(result, inner);
        }
        return result;
      }
      case "identityGroups":
      case "macAddresses":
        return MATCH_NONE;
      // Addresses select external peers (networks / ipBlock); a VM they happen to cover is caught by the
      // caller's inventory check and then gets a materialised label.
      case "ipAddresses":
        return MATCH_NONE;
      default:
        return undefined;
    }
  }
}
