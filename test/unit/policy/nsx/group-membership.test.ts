import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vmConditionHolds } from "../../../../src/policy/nsx/condition.ts";
import { GroupResolver } from "../../../../src/policy/nsx/group-membership.ts";
import type { GroupExpression } from "../../../../src/policy/nsx/model.ts";
import { ProblemLog } from "../../../../src/policy/nsx/problems.ts";
import { IpSet } from "../../../../src/policy/sets/ip-set.ts";
import { estate, group, vm } from "./estate-builder.ts";

const vms = [
  vm(
    "web-1",
    ["10.0.0.1"],
    [
      ["env", "prod"],
      ["role", "web"],
    ],
    { osName: "Ubuntu 22.04", computerName: "web01.corp" },
  ),
  vm(
    "web-2",
    ["10.0.0.2"],
    [
      ["env", "test"],
      ["role", "web"],
    ],
    { osName: "Windows Server 2022" },
  ),
  vm(
    "db-1",
    ["10.0.1.1"],
    [
      ["env", "prod"],
      ["", "db"],
    ],
    { segments: ["/infra/segments/db"] },
  ),
];
const cond = (
  key: string,
  operator: Extract<GroupExpression, { kind: "condition" }>["operator"],
  value: string,
  scopeOperator?: "EQUALS" | "NOTEQUALS",
): GroupExpression => ({
  kind: "condition",
  memberType: "VirtualMachine",
  key,
  operator,
  value,
  ...(scopeOperator ? { scopeOperator } : {}),
});

function members(expression: GroupExpression, extraGroups: ReturnType<typeof group>[] = []) {
  const log = new ProblemLog();
  const resolver = new GroupResolver(
    estate({
      vms,
      groups: [group("g", expression), ...extraGroups],
      segments: [{ path: "/infra/segments/db", name: "db", subnets: ["10.0.1.0/24"] }],
    }),
    log,
  );
  const m = resolver.resolve("g");
  return { ids: [...m.vmIds].sort(), ips: m.ips, problems: log.problems };
}

describe("NSX group membership", () => {
  it.each([
    ["EQUALS scope|tag", cond("Tag", "EQUALS", "env|prod"), ["db-1", "web-1"]],
    ["EQUALS tag only matches any scope", cond("Tag", "EQUALS", "web"), ["web-1", "web-2"]],
    ["EQUALS |tag matches any scope", cond("Tag", "EQUALS", "|db"), ["db-1"]],
    ["NOTEQUALS negates the whole predicate", cond("Tag", "NOTEQUALS", "web"), ["db-1"]],
    ["CONTAINS", cond("Tag", "CONTAINS", "env|ro"), ["db-1", "web-1"]],
    ["STARTSWITH", cond("Tag", "STARTSWITH", "te"), ["web-2"]],
    ["ENDSWITH", cond("Tag", "ENDSWITH", "b"), ["db-1", "web-1", "web-2"]],
    ["IN", cond("Tag", "IN", "env|test,env|dev"), ["web-2"]],
    ["NOTIN", cond("Tag", "NOTIN", "env|test,env|dev"), ["db-1", "web-1"]],
    ["MATCHES (whole-string regex)", cond("Name", "MATCHES", "web-[0-9]"), ["web-1", "web-2"]],
    ["scope operator NOTEQUALS", cond("Tag", "EQUALS", "env|prod", "NOTEQUALS"), []],
    ["Name EQUALS", cond("Name", "EQUALS", "db-1"), ["db-1"]],
    ["OSName CONTAINS", cond("OSName", "CONTAINS", "Windows"), ["web-2"]],
    ["ComputerName ENDSWITH", cond("ComputerName", "ENDSWITH", ".corp"), ["web-1"]],
  ] as const)("%s", (_label, expression, expected) => {
    expect(members(expression).ids).toEqual(expected);
  });

  it("AND binds tighter than OR", () => {
    // web OR prod AND db == web OR (prod AND db) == web-1, web-2, db-1; left to right would give db-1 only
    const expression: GroupExpression = {
      kind: "conjunction",
      operands: [cond("Tag", "EQUALS", "role|web"), cond("Tag", "EQUALS", "env|prod"), cond("Tag", "EQUALS", "|db")],
      operators: ["OR", "AND"],
    };
    expect(members(expression).ids).toEqual(["db-1", "web-1", "web-2"]);
    const andFirst: GroupExpression = { ...expression, operators: ["AND", "OR"] };
    // web AND prod OR db == (web AND prod) OR db
    expect(members(andFirst).ids).toEqual(["db-1", "web-1"]);
  });

  it("nested expressions and paths to other groups, segments and VMs", () => {
    const nested: GroupExpression = {
      kind: "conjunction",
      operands: [
        {
          kind: "nested",
          expression: {
            kind: "conjunction",
            operands: [cond("Tag", "EQUALS", "web"), cond("Tag", "EQUALS", "env|test")],
            operators: ["AND"],
          },
        },
        { kind: "paths", paths: ["other", "/infra/segments/db"] },
      ],
      operators: ["OR"],
    };
    const result = members(nested, [group("other", { kind: "ipAddresses", addresses: ["192.0.2.0/24"] })]);
    expect(result.ids).toEqual(["db-1", "web-2"]);
    expect(result.ips.equals(IpSet.parse("192.0.2.0/24"))).toBe(true);
  });

  it("detects cycles between groups and reports them", () => {
    const result = members({ kind: "paths", paths: ["loop"] }, [group("loop", { kind: "paths", paths: ["g"] })]);
    expect(result.ids).toEqual([]);
    expect(result.problems.some((p) => p.code === "group-cycle")).toBe(true);
  });

  it("identity groups resolve to nothing and are reported", () => {
    const result = members({ kind: "identityGroups", groups: ["CN=admins"] });
    expect(result.ids).toEqual([]);
    expect(result.problems.some((p) => p.code === "identity-group")).toBe(true);
  });

  // Name EQUALS / STARTSWITH are answered from the names sorted (an estate can have a Name group per VM):
  // the same VMs, in estate order, as testing the condition on every VM.
  it("finds Name EQUALS / STARTSWITH by index exactly as the scan does", () => {
    const piece = fc.constantFrom("a", "b", "ab", "-", "A", "é", "z9", "");
    fc.assert(
      fc.property(
        fc.array(fc.array(piece, { maxLength: 4 }), { minLength: 1, maxLength: 30 }),
        fc.array(piece, { maxLength: 3 }),
        fc.constantFrom("EQUALS" as const, "STARTSWITH" as const),
        (names, valueParts, operator) => {
          const list = names.map((parts, i) => ({ ...vm(`vm-${i}`), name: parts.join("") }));
          const condition = cond("Name", operator, valueParts.join(""));
          const resolver = new GroupResolver(estate({ vms: list, groups: [group("g", condition)] }), new ProblemLog());
          const expected = list
            .filter((v) => vmConditionHolds(condition as Extract<GroupExpression, { kind: "condition" }>, v))
            .map((v) => v.id);
          expect([...resolver.resolve("g").vmIds]).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });
});
