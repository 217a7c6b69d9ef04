/**
 * NSX group `expression` arrays → the model's `GroupExpression`, node for node.
 *
 * NSX writes criteria as a flat list alternating operands and `ConjunctionOperator`s
 * (`[Condition, AND, Condition, OR, NestedExpression]`); precedence (AND before OR) is the engine's job,
 * so the list is kept as one `conjunction` node with its operators in order. Two operands written without an
 * operator between them are ORed (NSX's rule for several top-level criteria).
 */
import { z } from "zod";
import type { ConditionOperator, GroupExpression } from "../../policy/index.ts";
import { jsonPointer } from "../services/service-entry.ts";

const ZCondition = z.looseObject({
  resource_type: z.literal("Condition"),
  member_type: z.string().min(1),
  key: z.string().min(1),
  operator: z.enum(["EQUALS", "NOTEQUALS", "CONTAINS", "STARTSWITH", "ENDSWITH", "IN", "NOTIN", "MATCHES"]),
  value: z.string(),
  scope_operator: z.enum(["EQUALS", "NOTEQUALS"]).nullish(),
});
const ZConjunction = z.looseObject({
  resource_type: z.literal("ConjunctionOperator"),
  conjunction_operator: z.enum(["AND", "OR"]),
});
const ZNested = z.looseObject({ resource_type: z.literal("NestedExpression"), expressions: z.array(z.unknown()) });
const ZIpAddresses = z.looseObject({ resource_type: z.literal("IPAddressExpression"), ip_addresses: z.array(z.string()) });
const ZMacAddresses = z.looseObject({ resource_type: z.literal("MACAddressExpression"), mac_addresses: z.array(z.string()) });
const ZPaths = z.looseObject({ resource_type: z.literal("PathExpression"), paths: z.array(z.string()) });
const ZExternalIds = z.looseObject({
  resource_type: z.literal("ExternalIDExpression"),
  member_type: z.string().min(1),
  external_ids: z.array(z.string()),
});
const ZIdentityGroups = z.looseObject({
  resource_type: z.literal("IdentityGroupExpression"),
  identity_groups: z.array(
    z.looseObject({
      distinguished_name: z.string().nullish(),
      sid: z.string().nullish(),
      domain_base_distinguished_name: z.string().nullish(),
    }),
  ),
});

const ZExpressionItem = z.discriminatedUnion("resource_type", [
  ZCondition,
  ZConjunction,
  ZNested,
  ZIpAddresses,
  ZMacAddresses,
  ZPaths,
  ZExternalIds,
  ZIdentityGroups,
]);

export interface ExpressionError {
  where: string;
  message: string;
}

type Operand = GroupExpression;

function toOperand(item: z.infer<typeof ZExpressionItem>, where: string, errors: ExpressionError[]): Operand | undefined {
  switch (item.resource_type) {
    case "Condition":
      return {
        kind: "condition",
        memberType: item.member_type,
        key: item.key,
        operator: item.operator as ConditionOperator,
        value: item.value,
        ...(item.scope_operator ? { scopeOperator: item.scope_operator } : {}),
      };
    case "NestedExpression": {
      const inner = mapExpressionList(item.expressions, `${where}/expressions`, errors);
      return inner ? { kind: "nested", expression: inner } : undefined;
    }
    case "IPAddressExpression":
      return { kind: "ipAddresses", addresses: item.ip_addresses };
    case "MACAddressExpression":
      return { kind: "macAddresses", addresses: item.mac_addresses };
    case "PathExpression":
      return { kind: "paths", paths: item.paths };
    case "ExternalIDExpression":
      return { kind: "externalIds", memberType: item.member_type, ids: item.external_ids };
    case "IdentityGroupExpression":
      return {
        kind: "identityGroups",
        groups: item.identity_groups.map((g) => g.distinguished_name ?? g.sid ?? g.domain_base_distinguished_name ?? "?"),
      };
    case "ConjunctionOperator":
      return undefined; // handled by the caller
  }
}

/** Maps one expression list; `null` for an empty list (a group with no criteria). */
export function mapExpressionList(raw: readonly unknown[], where: string, errors: ExpressionError[]): GroupExpression | null {
  const operands: GroupExpression[] = [];
  const operators: ("AND" | "OR")[] = [];
  let pendingOperator: "AND" | "OR" | undefined;
  raw.forEach((rawItem, index) => {
    const itemWhere = `${where}/${index}`;
    const parsed = ZExpressionItem.safeParse(rawItem);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ where: jsonPointer(itemWhere, issue.path), message: issue.message });
      return;
    }
    const item = parsed.data;
    if (item.resource_type === "ConjunctionOperator") {
      if (operands.length === 0 || pendingOperator !== undefined) {
        errors.push({ where: itemWhere, message: "ConjunctionOperator must stand between two expressions" });
        return;
      }
      pendingOperator = item.conjunction_operator;
      return;
    }
    const operand = toOperand(item, itemWhere, errors);
    if (!operand) return;
    if (operands.length > 0) operators.push(pendingOperator ?? "OR");
    pendingOperator = undefined;
    operands.push(operand);
  });
  if (pendingOperator !== undefined) errors.push({ where, message: "expression ends with a ConjunctionOperator" });
  if (operands.length === 0) return null;
  if (operands.length === 1) return operands[0];
  return { kind: "conjunction", operands, operators };
}
