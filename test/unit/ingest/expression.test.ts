import { describe, expect, it } from "vitest";
import { EstateFragment } from "../../../src/ingest/fragment.ts";
import { parseExpressionList } from "../../../src/ingest/nsx-t/expression.ts";

const cond = (value: string, extra: Record<string, unknown> = {}) => ({
  resource_type: "Condition",
  member_type: "VirtualMachine",
  key: "Tag",
  operator: "EQUALS",
  value,
  ...extra,
});
const op = (o: "AND" | "OR") => ({ resource_type: "ConjunctionOperator", conjunction_operator: o });
const parse = (items: unknown[]) => {
  const f = new EstateFragment("g.json");
  return { expression: parseExpressionList(items, "/expression", f), fragment: f };
};

describe("group expressions", () => {
  it("keeps conditions exactly, including scope_operator and scope-less tags", () => {
    expect(parse([cond("|web", { scope_operator: "NOTEQUALS" })]).expression).toEqual({
      kind: "condition",
      memberType: "VirtualMachine",
      key: "Tag",
      operator: "EQUALS",
      value: "|web",
      scopeOperator: "NOTEQUALS",
    });
    for (const operator of ["NOTEQUALS", "CONTAINS", "STARTSWITH", "ENDSWITH", "IN", "NOTIN", "MATCHES"]) {
      expect(parse([cond("a|b", { operator })]).expression).toMatchObject({ operator });
    }
  });

  it("keeps the operator sequence for AND-before-OR evaluation; adjacent criteria are ORed", () => {
    expect(parse([cond("a|1"), op("OR"), cond("b|2"), op("AND"), cond("c|3")]).expression).toEqual({
      kind: "conjunction",
      operands: [
        expect.objectContaining({ value: "a|1" }),
        expect.objectContaining({ value: "b|2" }),
        expect.objectContaining({ value: "c|3" }),
      ],
      operators: ["OR", "AND"],
    });
    expect(parse([cond("a|1"), cond("b|2")]).expression).toMatchObject({ operators: ["OR"] });
  });

  it("maps every non-condition kind", () => {
    const { expression, fragment } = parse([
      { resource_type: "NestedExpression", expressions: [cond("a|1"), op("AND"), cond("b|2")] },
      op("OR"),
      { resource_type: "IPAddressExpression", ip_addresses: ["10.0.0.1", "10.1.0.0/16", "10.2.0.1-10.2.0.9", "2001:db8::/32"] },
      op("OR"),
      { resource_type: "MACAddressExpression", mac_addresses: ["00:50:56:AA:BB:CC", "00-50-56-aa-bb-cd"] },
      op("OR"),
      { resource_type: "PathExpression", paths: ["/infra/domains/default/groups/x"] },
      op("OR"),
      { resource_type: "ExternalIDExpression", member_type: "VirtualMachine", external_ids: ["5012-abc"] },
      op("OR"),
      { resource_type: "IdentityGroupExpression", identity_groups: [{ distinguished_name: "CN=G,DC=x" }] },
    ]);
    expect(expression).toMatchObject({
      kind: "conjunction",
      operands: [
        { kind: "nested", expression: { kind: "conjunction", operators: ["AND"] } },
        { kind: "ipAddresses", addresses: ["10.0.0.1", "10.1.0.0/16", "10.2.0.1-10.2.0.9", "2001:db8::/32"] },
        { kind: "macAddresses", addresses: ["00:50:56:aa:bb:cc", "00:50:56:aa:bb:cd"] },
        { kind: "paths", paths: ["/infra/domains/default/groups/x"] },
        { kind: "externalIds", memberType: "VirtualMachine", ids: ["5012-abc"] },
        { kind: "identityGroups", groups: ["CN=G,DC=x"] },
      ],
    });
    expect(fragment.warnings.map((w) => w.code)).toEqual(["identityGroup"]);
    expect(fragment.errors).toEqual([]);
  });

  it.each([
    [[op("AND"), cond("a|1")], "/expression/0", /without an expression before/],
    [[cond("a|1"), op("AND")], "/expression", /ends with/],
    [[{ resource_type: "IPAddressExpression", ip_addresses: ["10.0.0.256"] }], "/expression/0/ip_addresses/0", /Invalid IP/],
    [[{ resource_type: "MACAddressExpression", mac_addresses: ["00:50:56"] }], "/expression/0/mac_addresses/0", /not a MAC/],
    [[cond("a|b|c")], "/expression/0/value", /more than one/],
    [
      [{ resource_type: "Condition", member_type: "VirtualMachine", key: "Tag", operator: "LIKE", value: "x" }],
      "/expression/0/operator",
      /.+/,
    ],
    [[{ resource_type: "FancyExpression" }], "/expression/0/resource_type", /unknown expression type/],
  ])("refuses malformed expressions (%#)", (items, where, message) => {
    const { expression, fragment } = parse(items);
    expect(expression).toBeUndefined();
    expect(fragment.errors[0].where).toBe(where);
    expect(fragment.errors[0].message).toMatch(message);
  });

  it("reports member types the inventory cannot decide", () => {
    const { fragment } = parse([{ resource_type: "Condition", member_type: "Pod", key: "Tag", operator: "EQUALS", value: "a|b" }]);
    expect(fragment.warnings.map((w) => w.code)).toEqual(["memberType"]);
  });
});
