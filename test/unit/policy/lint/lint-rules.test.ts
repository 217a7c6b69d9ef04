import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCollectorExport } from "../../../../src/ingest/collector/parse-collector-export.ts";
import { lintNsx } from "../../../../src/policy/lint/lint-rules.ts";
import type { LintItem } from "../../../../src/policy/lint/lint-item.ts";
import { estate, group, policy, rule, vm } from "../nsx/estate-builder.ts";
import { VMWARE_EXAMPLES_DIR } from "../../../support/oracles.ts";

const EXAMPLES = VMWARE_EXAMPLES_DIR;

function lintExample(name: string): LintItem[] {
  const { estate: imported, errors } = parseCollectorExport(readFileSync(`${EXAMPLES}/${name}.json`, "utf8"), `${name}.json`);
  expect(errors).toEqual([]);
  return lintNsx(imported).items;
}

const of = (items: LintItem[], kind: LintItem["kind"]) =>
  items.filter((i) => i.kind === kind).map((i) => ({ ruleId: i.ruleId, coveredBy: i.coveredBy }));

describe("lint on the vmware-analyzer examples named after what they contain", () => {
  it("Example1aRedundantRuleInOut: the duplicate SMB rule is shadowed by the first", () => {
    const items = lintExample("Example1aRedundantRuleInOut");
    expect(of(items, "shadowed")).toEqual([{ ruleId: "1006", coveredBy: ["1004"] }]);
    expect(of(items, "redundant").map((i) => i.ruleId)).toEqual(["1004"]);
  });

  it("Example1aRedundantRuleOut: the IN_OUT duplicate still decides inbound, but nothing changes without it", () => {
    const items = lintExample("Example1aRedundantRuleOut");
    expect(of(items, "shadowed")).toEqual([]);
    expect(of(items, "redundant")).toEqual([
      { ruleId: "1004", coveredBy: ["1006"] },
      { ruleId: "1006", coveredBy: ["1005"] },
    ]);
  });

  it("Example1aRedundantRuleOutInSeparated: OUT and IN halves are each redundant with the broader allow", () => {
    const items = lintExample("Example1aRedundantRuleOutInSeparated");
    expect(of(items, "shadowed")).toEqual([]);
    expect(of(items, "redundant")).toEqual([
      { ruleId: "1004", coveredBy: ["1005"] },
      { ruleId: "1006", coveredBy: ["1005"] },
    ]);
  });

  it("one_redundant_covered_by_2_rules: rule 4 is covered by rules 1 and 2 together", () => {
    expect(of(lintExample("one_redundant_covered_by_2_rules"), "shadowed")).toEqual([{ ruleId: "4", coveredBy: ["1", "2"] }]);
  });

  it("one_redundant_rule_containment_in_higher_prio_rule: the SMB allow is contained in the earlier drop", () => {
    const items = lintExample("one_redundant_rule_containment_in_higher_prio_rule");
    expect(of(items, "shadowed")).toEqual([{ ruleId: "2", coveredBy: ["1"] }]);
    expect(of(items, "redundant").map((i) => i.ruleId)).not.toContain("1");
  });

  it("one_duplicated_rule_one_direction_only: the IN-only duplicate is shadowed", () => {
    expect(of(lintExample("one_duplicated_rule_one_direction_only"), "shadowed")).toEqual([{ ruleId: "2", coveredBy: ["1"] }]);
  });
});

describe("lint on constructed estates", () => {
  const web = group("/groups/web", { kind: "condition", memberType: "VirtualMachine", key: "Tag", operator: "EQUALS", value: "tier|web" });
  const nobody = group("/groups/nobody", {
    kind: "condition",
    memberType: "VirtualMachine",
    key: "Tag",
    operator: "EQUALS",
    value: "tier|none",
  });
  const vms = [vm("w1", ["10.0.0.1"], [["tier", "web"]]), vm("w2", ["10.0.0.2"], [["tier", "web"]])];

  it("reports disabled rules, empty groups and unknown references", () => {
    const items = lintNsx(
      estate({
        vms,
        groups: [web, nobody],
        policies: [
          policy("p", "Application", [
            rule({ id: "off", disabled: true }),
            rule({ id: "empty-src", sources: ["/groups/nobody"] }),
            rule({ id: "empty-scope", scope: ["/groups/nobody"] }),
            rule({ id: "ghost", sources: ["/groups/ghost"] }),
            rule({ id: "no-service", services: ["/infra/services/NOPE"] }),
          ]),
        ],
      }),
    ).items;
    expect(of(items, "disabled").map((i) => i.ruleId)).toEqual(["off"]);
    expect(of(items, "empty-group").map((i) => i.ruleId)).toEqual(["empty-src", "empty-scope"]);
    expect(of(items, "unknown-reference").map((i) => i.ruleId)).toEqual(["ghost", "no-service"]);
    expect(items.find((i) => i.kind === "empty-group" && i.ruleId === "empty-scope")!.message).toMatch(/enforced on no vNIC/);
  });

  it("a REJECT after an identical DROP is shadowed, and the DROP is not redundant (without it the REJECT would decide)", () => {
    const items = lintNsx(
      estate({
        vms,
        groups: [web],
        policies: [
          policy("p", "Application", [
            rule({
              id: "drop-ssh",
              action: "DROP",
              sources: ["/groups/web"],
              destinations: ["/groups/web"],
              services: ["/infra/services/SSH"],
            }),
            rule({
              id: "reject-ssh",
              action: "REJECT",
              sources: ["/groups/web"],
              destinations: ["/groups/web"],
              services: ["/infra/services/SSH"],
            }),
          ]),
        ],
        defaultAction: "DROP",
      }),
    ).items;
    expect(of(items, "shadowed")).toEqual([{ ruleId: "reject-ssh", coveredBy: ["drop-ssh"] }]);
    expect(of(items, "redundant")).toEqual([]);
  });

  it("a DROP before an equal default DROP is redundant, covered by the default", () => {
    const items = lintNsx(
      estate({
        vms,
        groups: [web],
        policies: [
          policy("p", "Application", [
            rule({
              id: "drop-ssh",
              action: "DROP",
              sources: ["/groups/web"],
              destinations: ["/groups/web"],
              services: ["/infra/services/SSH"],
            }),
          ]),
        ],
        defaultAction: "DROP",
      }),
    ).items;
    expect(of(items, "redundant")).toEqual([{ ruleId: "drop-ssh", coveredBy: ["default"] }]);
  });

  it("a DROP before a REJECT default is not redundant (the verdict differs)", () => {
    const items = lintNsx(
      estate({
        vms,
        groups: [web],
        policies: [
          policy("p", "Application", [
            rule({
              id: "drop-ssh",
              action: "DROP",
              sources: ["/groups/web"],
              destinations: ["/groups/web"],
              services: ["/infra/services/SSH"],
            }),
          ]),
        ],
        defaultAction: "REJECT",
      }),
    ).items;
    expect(of(items, "redundant")).toEqual([]);
  });

  it("a rule after a JUMP_TO_APPLICATION of the same traffic is shadowed, an Application rule is not", () => {
    const items = lintNsx(
      estate({
        vms,
        groups: [web],
        policies: [
          policy("env", "Environment", [rule({ id: "jump", action: "JUMP_TO_APPLICATION" }), rule({ id: "env-drop", action: "DROP" })]),
          policy("app", "Application", [rule({ id: "app-allow", sources: ["/groups/web"], destinations: ["/groups/web"] })]),
        ],
        defaultAction: "DROP",
      }),
    ).items;
    expect(of(items, "shadowed")).toEqual([{ ruleId: "env-drop", coveredBy: ["jump"] }]);
    expect(items.map((i) => i.ruleId)).not.toContain("app-allow");
  });
});
