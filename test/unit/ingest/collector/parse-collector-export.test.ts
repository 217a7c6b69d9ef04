import { describe, expect, it } from "vitest";
import { parseCollectorExport } from "../../../../src/ingest/collector/parse-collector-export.ts";

const base = {
  virtual_machines: [
    { display_name: "web", external_id: "vm-1", tags: [{ scope: "House", tag: "Slytherin" }, { tag: "Web" }] },
    { display_name: "db", external_id: "vm-2" },
  ],
  virtual_network_interface: [
    { owner_vm_id: "vm-1", lport_attachment_id: "p1", ip_address_info: [{ ip_addresses: ["10.0.0.1"] }] },
    { owner_vm_id: "vm-1", lport_attachment_id: "p1", ip_address_info: [{ ip_addresses: ["10.0.0.1"] }] },
  ],
  segments: [
    {
      path: "/infra/segments/s",
      display_name: "s",
      subnets: [{ gateway_address: "10.0.0.254/24" }],
      segment_ports: [{ attachment: { id: "p1" } }],
    },
  ],
  domains: [
    {
      display_name: "default",
      resources: {
        groups: [
          {
            path: "/g/expr",
            display_name: "expr",
            vm_members: [{ id: "vm-2" }],
            expression: [
              { resource_type: "Condition", member_type: "VirtualMachine", key: "Tag", operator: "EQUALS", value: "Slytherin" },
              { resource_type: "ConjunctionOperator", conjunction_operator: "AND" },
              { resource_type: "NestedExpression", expressions: [{ resource_type: "IPAddressExpression", ip_addresses: ["10.0.0.0/24"] }] },
            ],
          },
          { path: "/g/static", display_name: "static", vm_members: [{ id: "vm-2", display_name: "db" }], expression: null },
        ],
        security_policies: [
          { category: "Application", display_name: "p2", sequence_number: 20, rules: [{ action: "ALLOW", rule_id: 5 }] },
          {
            category: "Environment",
            display_name: "p1",
            sequence_number: 10,
            scope: ["ANY"],
            rules: [
              { action: "DROP", rule_id: 2, sequence_number: 7, source_groups: ["/g/static"], services: ["/infra/services/HTTP"] },
              {
                action: "JUMP_TO_APPLICATION",
                rule_id: 1,
                service_entries: [{ resource_type: "L4PortSetServiceEntry", l4_protocol: "TCP", destination_ports: ["80", "8000-8080"] }],
              },
            ],
          },
        ],
      },
    },
  ],
};

describe("parseCollectorExport", () => {
  it("imports VMs with tags (scopes kept), deduplicated IPs and segments", () => {
    const { estate, errors } = parseCollectorExport(JSON.stringify(base), "x.json");
    expect(errors).toEqual([]);
    expect(estate.name).toBe("x");
    expect(estate.vms[0]).toMatchObject({
      id: "vm-1",
      name: "web",
      ips: ["10.0.0.1"],
      segments: ["/infra/segments/s"],
      tags: [
        { scope: "House", tag: "Slytherin" },
        { scope: "", tag: "Web" },
      ],
    });
    expect(estate.segments[0].subnets).toEqual(["10.0.0.0/24"]);
    expect(estate.services.some((s) => s.path === "/infra/services/HTTP")).toBe(true);
  });

  it("keeps expressions faithfully and uses vm_members only where there is no expression", () => {
    const { estate } = parseCollectorExport(JSON.stringify(base), "x.json");
    expect(estate.groups[0].expression).toEqual({
      kind: "conjunction",
      operands: [
        { kind: "condition", memberType: "VirtualMachine", key: "Tag", operator: "EQUALS", value: "Slytherin" },
        { kind: "nested", expression: { kind: "ipAddresses", addresses: ["10.0.0.0/24"] } },
      ],
      operators: ["AND"],
    });
    expect(estate.groups[1].expression).toEqual({ kind: "vmIds", ids: ["vm-2"] });
  });

  it("keeps sequence numbers, inherits a missing one from the predecessor, parses rule service entries", () => {
    const { estate } = parseCollectorExport(JSON.stringify(base), "x.json");
    const [p2, p1] = estate.policies;
    expect([p2.sequenceNumber, p1.sequenceNumber]).toEqual([20, 10]);
    expect(p1.rules.map((r) => [r.id, r.sequenceNumber])).toEqual([
      ["2", 7],
      ["1", 7],
    ]);
    expect(p1.rules[1].services).toEqual([]);
    expect(p1.rules[1].serviceEntries).toEqual([
      {
        kind: "L4PortSet",
        protocol: "TCP",
        destinationPorts: [
          { from: 80, to: 80 },
          { from: 8000, to: 8080 },
        ],
        sourcePorts: [],
      },
    ]);
    expect(p2.rules[0]).toMatchObject({
      sources: ["ANY"],
      destinations: ["ANY"],
      services: ["ANY"],
      direction: "IN_OUT",
      ipProtocol: "IPV4_IPV6",
    });
  });

  it("reports errors with the file and a JSON pointer, keeping the rest", () => {
    const broken = structuredClone(base) as typeof base & Record<string, unknown>;
    (broken.domains[0].resources.security_policies[1].rules[0] as Record<string, unknown>).action = "MAYBE";
    (broken.domains[0].resources.groups[0].expression![0] as Record<string, unknown>).resource_type = "Bogus";
    (broken.virtual_network_interface[0].ip_address_info[0].ip_addresses as string[])[0] = "10.0.0.999";
    const { estate, errors } = parseCollectorExport(JSON.stringify(broken), "b.json");
    expect(errors.map((e) => [e.file, e.where])).toEqual(
      expect.arrayContaining([
        ["b.json", "/domains/0/resources/security_policies/1/rules/0/action"],
        ["b.json", "/domains/0/resources/groups/0/expression/0/resource_type"],
        ["b.json", "/virtual_network_interface/0/ip_address_info/0/ip_addresses/0"],
      ]),
    );
    expect(estate.policies[1].rules).toHaveLength(1);
  });

  it("rejects text that is not JSON", () => {
    expect(parseCollectorExport("{", "c.json").errors[0]).toMatchObject({ file: "c.json", where: "" });
  });
});
