/**
 * NSX Policy API group expressions → the model's GroupExpression, one-to-one. Every expression type is
 * kept (Condition with its exact operator and scope_operator, conjunctions in order so the engine can
 * apply AND-before-OR, nested expressions, addresses, MACs, paths, external ids, identity groups);
 * nothing is approximated, unknown types are errors.
 */
import { z } from "zod";
import type { ConditionOperator, GroupExpression } from "../../policy/index.ts";
import { addressProblem, isMacAddress, normaliseMac } from "../addresses.ts";
import type { EstateFragment } from "../fragment.ts";
import { displayPointer, pointer } from "../json/pointer.ts";
import { validate } from "../json/validate.ts";

const CONDITION_OPERATORS = ["EQUALS", "NOTEQUALS", "CONTAINS", "STARTSWITH", "ENDSWITH", "IN", "NOTIN", "MATCHES"] as const;

export const ZCondition = z.object({
  resource_type: z.literal("Condition"),
  member_type: z.string().min(1),
  key: z.string().min(1),
  operator: z.enum(CONDITION_OPERATORS),
  value: z.string(),
  scope_operator: z.enum(["EQUALS", "NOTEQUALS"]).optional(),
});

const ZConjunction = z.object({
  resource_type: z.literal("ConjunctionOperator"),
  conjunction_operator: z.enum(["AND", "OR"]),
});

const ZNested = z.object({ resource_type: z.literal("NestedExpression"), expressions: z.array(z.unknown()) });
const ZIpAddresses = z.object({ resource_type: z.literal("IPAddressExpression"), ip_addresses: z.array(z.string()) });
const ZMacAddresses = z.object({ resource_type: z.literal("MACAddressExpression"), mac_addresses: z.array(z.string()) });
const ZPaths = z.object({ resource_type: z.literal("PathExpression"), paths: z.array(z.string().min(1)) });
const ZExternalIds = z.object({
  resource_type: z.literal("ExternalIDExpression"),
  member_type: z.string().min(1),
  external_ids: z.array(z.string().min(1)),
});
const ZIdentityGroups = z.object({
  resource_type: z.literal("IdentityGroupExpression"),
  identity_groups: z.array(
    z.object({
      distinguished_name: z.string().min(1),
      domain_base_distinguished_name: z.string().optional(),
      sid: z.string().optional(),
    }),
  ),
});

const ZResourceType = z.object({ resource_type: z.string() });

/** Member types whose membership the estate's inventory can decide; others are kept and reported. */
const INVENTORY_MEMBER_TYPES = new Set(["VirtualMachine", "Segment", "SegmentPort", "LogicalSwitch", "LogicalPort", "IPSet", "Group"]);

const MAX_DEPTH = 32;

type Item = { kind: "expression"; expression: GroupExpression } | { kind: "operator"; operator: "AND" | "OR"; where: string };

function parseItem(raw: unknown, where: string, fragment: EstateFragment, depth: number): Item | undefined {
  const head = validate(ZResourceType, raw, where, fragment);
  if (!head) return undefined;
  switch (head.resource_type) {
    case "Condition": {
      const c = validate(ZCondition, raw, where, fragment);
      if (!c) return undefined;
      if (!INVENTORY_MEMBER_TYPES.has(c.member_type)) {
        fragment.warn(
          "memberType",
          displayPointer(where),
          `Condition on member type ${c.member_type}: the inventory carries no ${c.member_type} data, so the engine cannot decide this membership`,
        );
      }
      // IN / NOTIN take a comma-separated list; each element is one `scope|tag`.
      const values = c.operator === "IN" || c.operator === "NOTIN" ? c.value.split(",") : [c.value];
      const malformed = c.key === "Tag" ? values.find((v) => v.split("|").length > 2) : undefined;
      if (malformed !== undefined) {
        fragment.error(
          displayPointer(pointer(where, "value")),
          `tag value "${malformed}" has more than one "|" (expected "scope|tag", "|tag" or "tag")`,
        );
        return undefined;
      }
      const expression: GroupExpression = {
        kind: "condition",
        memberType: c.member_type,
        key: c.key,
        operator: c.operator as ConditionOperator,
        value: c.value,
      };
      if (c.scope_operator) expression.scopeOperator = c.scope_operator;
      return { kind: "expression", expression };
    }
    case "ConjunctionOperator": {
      const c = validate(ZConjunction, raw, where, fragment);
      return c ? { kind: "operator", operator: c.conjunction_operator, where } : undefined;
    }
    case "NestedExpression": {
      const n = validate(ZNested, raw, where, fragment);
      if (!n) return undefined;
      if (depth >= MAX_DEPTH) {
        fragment.error(displayPointer(where), `expressions nested deeper than ${MAX_DEPTH} levels`);
        return undefined;
      }
      const inner = parseExpressionList(n.expressions, pointer(where, "expressions"), fragment, depth + 1);
      return inner ? { kind: "expression", expression: { kind: "nested", expression: inner } } : undefined;
    }
    case "IPAddressExpression": {
      const e = validate(ZIpAddresses, raw, where, fragment);
      if (!e) return undefined;
      let ok = true;
      e.ip_addresses.forEach((address, i) => {
        const problem = addressProblem(address);
        if (problem) {
          fragment.error(pointer(where, "ip_addresses", i), problem);
          ok = false;
        }
      });
      return ok ? { kind: "expression", expression: { kind: "ipAddresses", addresses: e.ip_addresses.map((a) => a.trim()) } } : undefined;
    }
    case "MACAddressExpression": {
      const e = validate(ZMacAddresses, raw, where, fragment);
      if (!e) return undefined;
      const bad = e.mac_addresses.findIndex((m) => !isMacAddress(m));
      if (bad >= 0) {
        fragment.error(pointer(where, "mac_addresses", bad), `"${e.mac_addresses[bad]}" is not a MAC address`);
        return undefined;
      }
      return { kind: "expression", expression: { kind: "macAddresses", addresses: e.mac_addresses.map(normaliseMac) } };
    }
    case "PathExpression": {
      const e = validate(ZPaths, raw, where, fragment);
      return e ? { kind: "expression", expression: { kind: "paths", paths: e.paths } } : undefined;
    }
    case "ExternalIDExpression": {
      const e = validate(ZExternalIds, raw, where, fragment);
      return e ? { kind: "expression", expression: { kind: "externalIds", memberType: e.member_type, ids: e.external_ids } } : undefined;
    }
    case "IdentityGroupExpression": {
      const e = validate(ZIdentityGroups, raw, where, fragment);
      if (!e) return undefined;
      fragment.warn(
        "identityGroup",
        displayPointer(where),
        "IdentityGroupExpression (AD groups) kept, but it needs identity data: it matches nothing in the L3 model",
      );
      return { kind: "expression", expression: { kind: "identityGroups", groups: e.identity_groups.map((g) => g.distinguished_name) } };
    }
    default:
      fragment.error(displayPointer(pointer(where, "resource_type")), `unknown expression type "${head.resource_type}"`);
      return undefined;
  }
}

/**
 * A list of expression items as NSX stores it: criteria alternating with ConjunctionOperators.
 * Adjacent criteria without an operator are ORed (that is how NSX combines separate criteria).
 */
export function parseExpressionList(
  raw: unknown[],
  where: string,
  fragment: EstateFragment,
  depth = 0,
): GroupExpression | null | undefined {
  const items: Item[] = [];
  let failed = false;
  raw.forEach((entry, i) => {
    const item = parseItem(entry, pointer(where, i), fragment, depth);
    if (item) items.push(item);
    else failed = true;
  });
  if (failed) return undefined;
  const operands: GroupExpression[] = [];
  const operators: ("AND" | "OR")[] = [];
  let expectOperand = true;
  for (const item of items) {
    if (item.kind === "operator") {
      if (expectOperand) {
        fragment.error(displayPointer(item.where), "ConjunctionOperator without an expression before it");
        return undefined;
      }
      operators.push(item.operator);
      expectOperand = true;
    } else {
      if (!expectOperand) operators.push("OR");
      operands.push(item.expression);
      expectOperand = false;
    }
  }
  if (operands.length > 0 && expectOperand) {
    fragment.error(displayPointer(where), "expression list ends with a ConjunctionOperator");
    return undefined;
  }
  if (operands.length === 0) return operators.length === 0 ? null : undefined;
  if (operands.length === 1) return operands[0];
  return { kind: "conjunction", operands, operators };
}
