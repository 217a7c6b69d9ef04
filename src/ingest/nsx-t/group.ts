/** NSX Policy API `Group` → model NsxGroup; `extended_expression` (identity) is ANDed as NSX does. */
import { z } from "zod";
import type { GroupExpression, NsxGroup } from "../../policy/index.ts";
import type { EstateFragment } from "../fragment.ts";
import { displayPointer, pointer } from "../json/pointer.ts";
import { validate } from "../json/validate.ts";
import { parseExpressionList } from "./expression.ts";

export const ZGroup = z.object({
  resource_type: z.literal("Group").optional(),
  id: z.string().min(1),
  display_name: z.string().optional(),
  path: z.string().optional(),
  expression: z.array(z.unknown()).nullish(),
  extended_expression: z.array(z.unknown()).nullish(),
});

export function toGroup(raw: unknown, where: string, fragment: EstateFragment, domainPath: string | undefined): NsxGroup | undefined {
  const g = validate(ZGroup, raw, where, fragment);
  if (!g) return undefined;
  const path = g.path ?? (domainPath ? `${domainPath}/groups/${g.id}` : undefined);
  if (!path) {
    fragment.error(displayPointer(where), `group ${g.id} has no path and no enclosing domain`);
    return undefined;
  }
  const expression = parseExpressionList(g.expression ?? [], pointer(where, "expression"), fragment);
  if (expression === undefined) return undefined;
  let combined: GroupExpression | null = expression;
  if (g.extended_expression && g.extended_expression.length > 0) {
    const extended = parseExpressionList(g.extended_expression, pointer(where, "extended_expression"), fragment);
    if (extended === undefined) return undefined;
    if (extended) combined = combined ? { kind: "conjunction", operands: [combined, extended], operators: ["AND"] } : extended;
  }
  return { path, name: g.display_name ?? g.id, expression: combined, source: fragment.ref(displayPointer(where)) };
}
