import { describe, expect, it } from "vitest";
import type { NsxEstate } from "../../../src/policy/nsx/model.ts";
import { buildRuleReadModel, describeExpression, describeServiceEntry, searchText } from "../../../src/server/services/rule-rows.ts";
import { ruleDefaults } from "../policy/nsx/estate-builder.ts";

const D = "/infra/domains/default/groups";

function estate(): NsxEstate {
  return {
    name: "t",
    vms: [
      { id: "1", name: "web-01", ips: ["10.0.0.1"], tags: [{ scope: "app", tag: "ebanking" }] },
      { id: "2", name: "web-02", ips: ["10.0.0.2"], tags: [{ scope: "app", tag: "ebanking" }] },
      { id: "3", name: "db-01", ips: ["10.0.1.1"], tags: [{ scope: "app", tag: "payments" }] },
    ],
    segments: [],
    groups: [
      {
        path: `${D}/web`,
        name: "ebanking web",
        expression: {
          kind: "conjunction",
          operands: [
            { kind: "condition", memberType: "VirtualMachine", key: "Tag", operator: "EQUALS", value: "app|ebanking" },
            { kind: "condition", memberType: "VirtualMachine", key: "Name", operator: "STARTSWITH", value: "web-" },
          ],
          operators: ["AND"],
        },
      },
      { path: `${D}/db`, name: "db", expression: { kind: "paths", paths: [`${D}/web`] } },
    ],
    services: [
      {
        path: "/infra/services/HTTPS",
        name: "HTTPS",
        entries: [{ kind: "L4PortSet", protocol: "TCP", destinationPorts: [{ from: 443, to: 443 }], sourcePorts: [] }],
      },
      {
        path: "/infra/services/WEB",
        name: "WEB",
        entries: [
          { kind: "NestedService", servicePath: "/infra/services/HTTPS" },
          { kind: "ICMPType", protocol: "ICMPv4", icmpType: 8 },
        ],
      },
    ],
    policies: [
      {
        id: "app",
        name: "Application",
        category: "Application",
        sequenceNumber: 1,
        scope: ["ANY"],
        stateful: true,
        rules: [
          rule("r2", 20, "DROP"),
          {
            ...rule("r1", 10, "ALLOW"),
            services: ["/infra/services/WEB"],
            sources: [`${D}/web`, "10.9.0.0/16"],
            destinations: [`${D}/db`],
          },
        ],
      },
      {
        id: "emg",
        name: "Emergency",
        category: "Emergency",
        sequenceNumber: 5,
        scope: [`${D}/web`],
        stateful: true,
        rules: [{ ...rule("e1", 1, "REJECT"), disabled: true }],
      },
    ],
    defaultAction: "DROP",
  };
}

function rule(id: string, sequenceNumber: number, action: "ALLOW" | "DROP" | "REJECT") {
  return { id, name: `rule ${id}`, sequenceNumber, ...ruleDefaults(), action };
}

describe("rules read model", () => {
  it("orders rules as NSX evaluates them: category, policy sequence, rule sequence", () => {
    const { rows } = buildRuleReadModel(estate());
    expect(rows.map((r) => r.id)).toEqual(["e1", "r1", "r2"]);
    expect(rows.map((r) => r.order)).toEqual([1, 1, 2]);
    expect(rows.map((r) => r.position)).toEqual([0, 1, 2]);
  });

  it("renders groups, addresses, services with resolved ports, and the policy's Applied-To", () => {
    const { rows } = buildRuleReadModel(estate());
    const r1 = rows.find((r) => r.id === "r1")!;
    expect(r1.sources).toEqual([
      { ref: `${D}/web`, label: "ebanking web", kind: "group" },
      { ref: "10.9.0.0/16", label: "10.9.0.0/16", kind: "address" },
    ]);
    expect(r1.services[0]).toMatchObject({ label: "WEB", detail: "TCP 443, ICMPv4 type 8" });
    const e1 = rows.find((r) => r.id === "e1")!;
    expect(e1.appliedToFrom).toBe("policy");
    expect(e1.appliedTo[0].label).toBe("ebanking web");
    expect(searchText(r1)).toContain("ebanking web");
  });

  it("describes expressions readably and resolves members with the engine", () => {
    const { groups, summary } = buildRuleReadModel(estate());
    const web = groups.find((g) => g.name === "ebanking web")!;
    expect(web.expression).toBe("Tag scope=app tag=ebanking AND Name STARTSWITH web-");
    expect(web.members).toEqual(["web-01", "web-02"]);
    expect(groups.find((g) => g.name === "db")!.expression).toBe("Members ebanking web");
    expect(summary.byCategory.find((c) => c.category === "Application")).toMatchObject({ ALLOW: 1, DROP: 1 });
    expect(summary.byCategory.find((c) => c.category === "Emergency")).toMatchObject({ REJECT: 0, disabled: 1 });
    expect(summary.applications).toEqual([
      { app: "ebanking", vms: 2 },
      { app: "payments", vms: 1 },
    ]);
  });

  it("spells service entries like a firewall engineer would", () => {
    expect(
      describeServiceEntry({
        kind: "L4PortSet",
        protocol: "UDP",
        destinationPorts: [{ from: 53, to: 53 }],
        sourcePorts: [{ from: 1024, to: 65535 }],
      }),
    ).toBe("UDP 53 from 1024-65535");
    expect(describeServiceEntry({ kind: "IPProtocol", protocolNumber: 47 })).toBe("IP proto 47");
    expect(
      describeServiceEntry({ kind: "ALG", alg: "FTP", protocol: "TCP", destinationPorts: [{ from: 21, to: 21 }], sourcePorts: [] }),
    ).toBe("TCP 21 (ALG FTP)");
    expect(describeExpression({ kind: "nested", expression: { kind: "ipAddresses", addresses: ["10.0.0.0/8"] } })).toBe("(IP 10.0.0.0/8)");
    expect(describeExpression({ kind: "condition", memberType: "VirtualMachine", key: "Tag", operator: "EQUALS", value: "|pci" })).toBe(
      "Tag any scope tag=pci",
    );
  });
});
