import { describe, expect, it } from "vitest";
import { checkEquivalence } from "../../../../src/policy/equivalence/check-equivalence.ts";
import { checkIntentEquivalence } from "../../../../src/policy/equivalence/intent/check-intent.ts";
import { estate, group, policy, rule, vm } from "../nsx/estate-builder.ts";
import { isolateNamespace, k8sModel, networkPolicy, virtualMachine } from "./helpers.ts";

const tagGroup = (name: string, scope: string, tag: string) =>
  group(`/groups/${name}`, { kind: "condition", memberType: "VirtualMachine", key: "Tag", operator: "EQUALS", value: `${scope}|${tag}` });

const nsx = (extraGroups: ReturnType<typeof group>[] = [], extraRules: ReturnType<typeof rule>[] = []) =>
  estate({
    vms: [
      vm(
        "web-1",
        ["10.0.0.1"],
        [
          ["tier", "web"],
          ["app", "shop"],
        ],
      ),
      vm(
        "db-1",
        ["10.0.1.1"],
        [
          ["tier", "db"],
          ["app", "shop"],
        ],
      ),
    ],
    groups: [tagGroup("web", "tier", "web"), tagGroup("db", "tier", "db"), ...extraGroups],
    policies: [
      policy("app", "Application", [
        rule({ id: "web-db", sources: ["/groups/web"], destinations: ["/groups/db"], services: ["/infra/services/PostgreSQL"] }),
        ...extraRules,
      ]),
    ],
    defaultAction: "DROP",
  });

const vms = [virtualMachine("shop", "web-1", { tier: "web", app: "shop" }), virtualMachine("shop", "db-1", { tier: "db", app: "shop" })];
const port = [{ protocol: "TCP", port: 5432 }];

describe("checkIntentEquivalence", () => {
  it("proves a label-faithful translation equivalent for every tag combination", () => {
    const model = k8sModel([
      ...vms,
      isolateNamespace("shop"),
      networkPolicy("shop", "web-egress", {
        podSelector: { matchLabels: { tier: "web" } },
        policyTypes: ["Egress"],
        egress: [{ to: [{ podSelector: { matchLabels: { tier: "db" } } }], ports: port }],
      }),
      networkPolicy("shop", "db-ingress", {
        podSelector: { matchLabels: { tier: "db" } },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: { matchLabels: { tier: "web" } } }], ports: port }],
      }),
    ]);
    const intent = checkIntentEquivalence(nsx(), model);
    expect(intent.ran).toBe(true);
    expect(intent.exhaustive).toBe(true);
    expect(intent.scopes).toEqual([{ scope: "tier", values: ["db", "web"] }]);
    expect(intent.combinations).toBe(4);
    expect(intent.hypothetical.map((h) => h.labels)).toEqual([{}, { tier: "db" }, { tier: "web" }, { tier: "unlisted-value" }]);
    expect(intent.equivalent).toBe(true);
  });

  it("finds what the inventory cannot: a selector that is right only for today's VMs", () => {
    const model = k8sModel([
      ...vms,
      isolateNamespace("shop"),
      networkPolicy("shop", "all-egress", {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [{ to: [{ podSelector: { matchLabels: { tier: "db" } } }], ports: port }],
      }),
      networkPolicy("shop", "db-ingress", {
        podSelector: { matchLabels: { tier: "db" } },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: {} }], ports: port }],
      }),
    ]);
    expect(checkEquivalence(nsx(), model).equivalent).toBe(true);
    const intent = checkIntentEquivalence(nsx(), model);
    expect(intent.equivalent).toBe(false);
    const d = intent.differences.find(
      (x) =>
        x.src.kind === "vms" &&
        x.src.names.some((n) => n.startsWith("intent-combination-")) &&
        x.dst.kind === "vms" &&
        x.dst.names.includes("db-1"),
    )!;
    expect(d.traffic.k8sOnly.contains({ protocol: 6, dstPort: 5432, srcPort: 50000 })).toBe(true);
    expect(d.nsx.verdict).toBe("deny");
    expect(d.k8s.verdict).toBe("allow");
  });

  it("refuses to pretend when the combinations exceed the bound", () => {
    const intent = checkIntentEquivalence(nsx(), k8sModel(vms), { maxCombinations: 3 });
    expect(intent).toMatchObject({ ran: false, exhaustive: false, equivalent: false, combinations: 4 });
    expect(intent.reasons[0]).toMatch(/exceed the bound of 3/);
  });

  it("reports name- and address-based groups as inventory-only", () => {
    const byName = group("/groups/by-name", {
      kind: "condition",
      memberType: "VirtualMachine",
      key: "Name",
      operator: "STARTSWITH",
      value: "web",
    });
    const byAddress = group("/groups/by-address", { kind: "ipAddresses", addresses: ["10.0.0.0/24"] });
    const intent = checkIntentEquivalence(
      nsx([byName, byAddress], [rule({ id: "n", sources: ["/groups/by-name"], destinations: ["/groups/by-address"] })]),
      k8sModel(vms),
    );
    expect(intent.inventoryOnlyGroups.map((g) => g.path).sort()).toEqual(["/groups/by-address", "/groups/by-name"]);
  });

  it("uses the tag→label mapping and the namespace placement given", () => {
    const model = k8sModel([
      virtualMachine("shop", "web-1", { "nsx.tier": "web", app: "shop" }),
      virtualMachine("shop", "db-1", { "nsx.tier": "db", app: "shop" }),
      isolateNamespace("shop"),
      networkPolicy("shop", "web-egress", {
        podSelector: { matchLabels: { "nsx.tier": "web" } },
        policyTypes: ["Egress"],
        egress: [{ to: [{ podSelector: { matchLabels: { "nsx.tier": "db" } } }], ports: port }],
      }),
      networkPolicy("shop", "db-ingress", {
        podSelector: { matchLabels: { "nsx.tier": "db" } },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: { matchLabels: { "nsx.tier": "web" } } }], ports: port }],
      }),
    ]);
    const intent = checkIntentEquivalence(nsx(), model, {
      tagToLabel: (scope, tag) => ({ key: `nsx.${scope}`, value: tag }),
      namespaceFor: () => "shop",
    });
    expect(intent.equivalent).toBe(true);
    expect(intent.hypothetical.map((h) => h.labels)).toContainEqual({ "nsx.tier": "web" });
  });
});
