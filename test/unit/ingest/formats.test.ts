import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../src/ingest/detect.ts";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import type { ImportResult } from "../../../src/ingest/types.ts";
import { dir, file, json, text } from "./helpers.ts";

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
  return result;
}
const inventory = () => [...dir("samples/nsx-fabric")];

describe("NSX-T hierarchical export", () => {
  it("imports the sample: policies, rules in sequence, groups, services, default rule lifted", () => {
    const r = ok(importEstate([file("samples/nsx-t-hierarchical/infra.json")]));
    expect(r.report.counts).toMatchObject({ policies: 3, rules: 11, groups: 10 });
    expect(r.estate.defaultAction).toBe("DROP");
    expect(r.estate.defaultRuleId).toMatch(/default-layer3-rule$/);
    const ebanking = r.estate.policies.find((p) => p.name === "Application ebanking")!;
    expect(ebanking.scope).toEqual(["/infra/domains/default/groups/app-ebanking"]);
    expect(ebanking.rules.map((x) => x.sequenceNumber)).toEqual([...ebanking.rules.map((x) => x.sequenceNumber)].sort((a, b) => a - b));
    expect(r.estate.policies.map((p) => p.category)).toEqual(["Emergency", "Application"]);
    expect(r.report.builtInServicesUsed).toContain("/infra/services/HTTPS");
    expect(r.estate.services.find((s) => s.path === "/infra/services/HTTPS")?.builtIn).toBe(true);
  });

  it("names the JSON pointer of a wrong type deep in the tree", () => {
    const infra = JSON.parse(new TextDecoder().decode(file("samples/nsx-t-hierarchical/infra.json").bytes));
    const domain = infra.children.find((c: { resource_type: string }) => c.resource_type === "ChildDomain");
    const domainIndex = infra.children.indexOf(domain);
    const groupIndex = domain.Domain.children.findIndex((c: { resource_type: string }) => c.resource_type === "ChildGroup");
    domain.Domain.children[groupIndex].Group.expression[0].value = 42;
    const r = importEstate([json("infra.json", infra)]);
    expect(r.ok).toBe(false);
    expect(r.report.errors[0]).toMatchObject({
      file: "infra.json",
      where: `/children/${domainIndex}/Domain/children/${groupIndex}/Group/expression/0/value`,
    });
  });

  it("reports bad JSON with line and column", () => {
    const r = importEstate([text("broken.json", '{\n  "resource_type": "Infra",\n  "children": [ }\n')]);
    expect(r.ok).toBe(false);
    expect(r.report.errors[0].where).toMatch(/^line 3, column \d+$/);
  });

  it("missing required rule fields are errors; unknown group paths are unresolved", () => {
    const rule = {
      resource_type: "Rule",
      id: "r1",
      source_groups: ["/infra/domains/default/groups/ghost"],
      destination_groups: ["ANY"],
      services: ["/infra/services/NOPE"],
      action: "ALLOW",
    };
    const infra = (r: unknown) => ({
      resource_type: "Infra",
      children: [
        {
          resource_type: "ChildDomain",
          Domain: {
            resource_type: "Domain",
            id: "default",
            children: [
              {
                resource_type: "ChildSecurityPolicy",
                SecurityPolicy: {
                  resource_type: "SecurityPolicy",
                  id: "p",
                  category: "Application",
                  children: [{ resource_type: "ChildRule", Rule: r }],
                },
              },
            ],
          },
        },
      ],
    });
    const good = ok(importEstate([json("x.json", infra(rule))]));
    expect(good.report.unresolved.map((u) => [u.kind, u.ref])).toEqual([
      ["group", "/infra/domains/default/groups/ghost"],
      ["service", "/infra/services/NOPE"],
    ]);
    const { action: _a, ...noAction } = rule;
    const bad = importEstate([json("x.json", infra(noAction))]);
    expect(bad.ok).toBe(false);
    expect(bad.report.errors[0].where).toBe("/children/0/Domain/children/0/SecurityPolicy/children/0/Rule/action");
  });

  it("refuses an unknown category and a bad address literal", () => {
    const policy = (category: string, src: string) => ({
      results: [
        {
          resource_type: "SecurityPolicy",
          id: "p",
          path: "/infra/domains/default/security-policies/p",
          category,
          rules: [{ id: "r", action: "ALLOW", source_groups: [src], destination_groups: ["ANY"] }],
        },
      ],
    });
    expect(importEstate([json("a.json", policy("Application", "10.0.0.0/8"))]).ok).toBe(true);
    const badCategory = importEstate([json("a.json", policy("Bogus", "10.0.0.0/8"))]);
    expect(badCategory.report.errors[0].where).toBe("/results/0/category");
    const badAddress = importEstate([json("a.json", policy("Application", "10.0.0.300"))]);
    expect(badAddress.report.errors[0].where).toBe("/results/0/rules/0/source_groups/0");
  });
});

describe("NSX-T flat lists", () => {
  it("joins separate rule lists to their policies by parent_path across pages", () => {
    const r = ok(importEstate(dir("samples/nsx-t-flat-lists")));
    const hierarchical = ok(importEstate([file("samples/nsx-t-hierarchical/infra.json")]));
    expect(r.report.counts).toEqual(hierarchical.report.counts);
    const strip = (e: unknown) => JSON.parse(JSON.stringify(e, (k, v) => (k === "source" ? undefined : v)));
    expect(strip(r.estate.policies)).toEqual(strip(hierarchical.estate.policies));
    expect(strip(r.estate.groups)).toEqual(strip(hierarchical.estate.groups));
  });

  it("refuses a rule whose policy is in no file", () => {
    const r = importEstate([file("samples/nsx-t-flat-lists/rules-app-ebanking.json")]);
    expect(r.ok).toBe(false);
    expect(r.report.errors[0].message).toMatch(/which no file defines/);
  });

  it("refuses the same object defined twice with different content", () => {
    const page = JSON.parse(new TextDecoder().decode(file("samples/nsx-t-flat-lists/groups-page-1.json").bytes));
    const changed = structuredClone(page);
    changed.results[0].expression = [];
    const r = importEstate([json("a.json", page), json("b.json", changed)]);
    expect(r.ok).toBe(false);
    expect(r.report.errors[0].message).toMatch(/defined twice/);
    expect(importEstate([json("a.json", page), json("b.json", page)]).ok).toBe(true);
  });
});

describe("collector JSON", () => {
  it("delegates to the vmware-analyzer collector parser", () => {
    const r = ok(importEstate(dir("samples/collector")));
    expect(r.provenance[0].format).toBe("nsx-collector");
    expect(r.report.counts).toMatchObject({ policies: 2, rules: 10, vms: 8 });
    expect(r.report.unresolved).toEqual([]);
  });
});

describe("NSX-V firewall config XML", () => {
  it("maps sections, actions, directions, packet types, exclusions and inline services", () => {
    const r = ok(importEstate(dir("samples/nsx-v")));
    const [l2, app, defaults] = r.estate.policies;
    expect([l2.category, app.category, defaults.category]).toEqual(["Ethernet", "Application", "Application"]);
    expect(r.estate.defaultAction).toBe("DROP");
    const byName = new Map(app.rules.map((x) => [x.name, x]));
    expect(byName.get("Internet to web (HTTPS)")).toMatchObject({
      sourcesExcluded: true,
      sources: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
      logged: true,
      ruleId: 1101,
    });
    expect(byName.get("Web v6 health")).toMatchObject({
      ipProtocol: "IPV6",
      serviceEntries: [{ kind: "ICMPType", protocol: "ICMPv6", icmpType: 128 }],
    });
    expect(byName.get("Jump SSH")).toMatchObject({
      direction: "IN",
      notes: "CHG-4711 & CHG-4712",
      serviceEntries: [
        {
          kind: "L4PortSet",
          protocol: "TCP",
          destinationPorts: [
            { from: 22, to: 22 },
            { from: 2222, to: 2222 },
          ],
          sourcePorts: [],
        },
      ],
    });
    expect(byName.get("Reject legacy FTP")?.action).toBe("REJECT");
    expect(byName.get("Old monitoring (disabled)")).toMatchObject({ disabled: true, ipProtocol: "IPV4" });
    expect(byName.get("DMZ egress deny")).toMatchObject({
      action: "DROP",
      direction: "OUT",
      scope: ["/nsx-v/SecurityGroup/securitygroup-12"],
    });
    expect(r.report.unresolved.some((u) => u.ref === "/nsx-v/SecurityGroup/securitygroup-12")).toBe(true);
  });

  it.each([
    ['<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<firewallConfiguration/>', "DOCTYPE"],
    ['<?xml version="1.0"?>\n<!ENTITY x SYSTEM "file:///etc/passwd">\n<firewallConfiguration/>', "ENTITY"],
  ])("refuses DTDs and entities (%#)", (xml, word) => {
    const r = importEstate([text("fw.xml", xml)]);
    expect(r.ok).toBe(false);
    expect(r.report.errors[0]).toMatchObject({ file: "fw.xml", where: "line 2, column 1" });
    expect(r.report.errors[0].message).toContain(word);
  });

  it("locates semantic XML errors by line and column", () => {
    const xml =
      '<firewallConfiguration>\n <layer3Sections>\n  <section id="1" name="s">\n   <rule id="7"><name>x</name><action>permit</action></rule>\n  </section>\n </layer3Sections>\n</firewallConfiguration>';
    const r = importEstate([text("fw.xml", xml)]);
    expect(r.report.errors[0]).toMatchObject({ where: "line 4, column 4" });
    expect(r.report.errors[0].message).toMatch(/allow, deny or reject/);
  });
});

describe("CSV rule export", () => {
  it("resolves display names and built-in service names, splits multi-value cells", () => {
    const r = ok(importEstate(dir("samples/csv-rules")));
    const admin = r.estate.policies.flatMap((p) => p.rules).find((x) => x.name === "Admin from jump hosts")!;
    expect(admin.sources).toEqual(["/infra/domains/default/groups/infra-jump", "10.5.0.0/22"]);
    expect(admin.destinations).toHaveLength(3);
    expect(admin.services).toEqual(["/infra/services/SSH"]);
    expect(r.report.unresolved).toEqual([]);
  });

  it("reports a bad cell with line and column", () => {
    const csv =
      "Policy,Category,Name,Sources,Destinations,Services,Action\nP,Application,r1,ANY,ANY,ANY,ALLOW\nP,Applicaton,r2,ANY,ANY,ANY,ALLOW\n";
    const r = importEstate([text("rules.csv", csv)]);
    expect(r.report.errors[0]).toMatchObject({ file: "rules.csv", where: "line 3, column 2" });
  });

  it("reports unbalanced quotes", () => {
    const r = importEstate([
      text("rules.csv", 'Policy,Category,Name,Sources,Destinations,Services,Action\nP,Application,"r1,ANY,ANY,ANY,ALLOW\n'),
    ]);
    expect(r.ok).toBe(false);
    expect(r.report.errors[0].where).toMatch(/^line \d+/);
  });
});

describe("inventory and tags", () => {
  it("fabric VMs get their addresses and MACs from VIFs", () => {
    const r = ok(importEstate(inventory()));
    expect(r.estate.vms).toHaveLength(8);
    const web = r.estate.vms.find((v) => v.name === "hpb-ebk-web-p01")!;
    expect(web.ips.some((ip) => ip.includes(":"))).toBe(true);
    expect(web.macs).toHaveLength(1);
    expect(web.osName).toMatch(/Linux/);
  });

  it("RVTools CSV and XLSX give the same VMs (templates skipped)", () => {
    const csv = ok(importEstate([file("samples/rvtools/RVTools_tabvInfo.csv"), file("samples/rvtools/RVTools_tabvNetwork.csv")]));
    const xlsx = ok(importEstate([file("samples/rvtools/RVTools_export.xlsx")]));
    expect(detectFormat("x.bin", file("samples/rvtools/RVTools_export.xlsx").bytes)).toBe("rvtools-xlsx");
    const strip = (e: unknown) => JSON.parse(JSON.stringify(e, (k, v) => (k === "source" ? undefined : v)));
    expect(strip(xlsx.estate.vms)).toEqual(strip(csv.estate.vms));
    expect(csv.estate.vms).toHaveLength(8);
    expect(csv.estate.vms[0]).toMatchObject({ moref: expect.stringMatching(/^vm-/), instanceUuid: expect.any(String) });
  });

  it("RVTools joins onto NSX VMs by instance UUID", () => {
    const r = ok(importEstate([...inventory(), file("samples/rvtools/RVTools_tabvInfo.csv")]));
    expect(r.estate.vms).toHaveLength(8);
    expect(r.estate.vms.every((v) => v.moref)).toBe(true);
    expect(r.report.unresolved).toEqual([]);
  });

  const expectTags = (r: ReturnType<typeof ok>) => {
    const web = r.estate.vms.find((v) => v.name === "hpb-ebk-web-p01")!;
    // vCenter tags are marked as such (the MTV label preset reads it); the os tag comes from NSX.
    expect(web.tags.filter((t) => t.vcenter).map((t) => t.scope)).toEqual(expect.arrayContaining(["app", "tier", "zone"]));
    expect(web.tags.find((t) => t.scope === "os")!.vcenter).toBeUndefined();
    expect(web.tags.map(({ scope, tag }) => ({ scope, tag }))).toEqual(
      expect.arrayContaining([
        { scope: "app", tag: "ebanking" },
        { scope: "tier", tag: "web" },
        { scope: "zone", tag: "dmz" },
        { scope: "os", tag: "linux" },
      ]),
    );
    expect(r.report.unresolved).toEqual([]);
  };

  it.each([["associations.json"], ["attached-tags-on-objects.json"], ["attached-objects-on-tags.rest.json"]])(
    "vSphere Automation %s joins by moref (category → scope)",
    (name) => {
      const tagFiles = ["vms.json", "categories.json", "tags.json", name].map((f) => file(`samples/vsphere-tags/${f}`));
      expectTags(ok(importEstate([...inventory(), ...tagFiles])));
    },
  );

  it.each([["tag-assignment-raw.csv"], ["tag-assignment-flat.csv"]])("PowerCLI %s joins by moref or name", (name) => {
    expectTags(ok(importEstate([...inventory(), file(`samples/powercli/${name}`)])));
  });

  it("govc tags.attached.ls -json joins with the category listing", () => {
    expectTags(ok(importEstate([...inventory(), file("samples/vsphere-tags/vms.json"), ...dir("samples/govc")])));
  });

  it("reports tags on unknown VMs and unknown tag ids, and still imports", () => {
    const r = ok(
      importEstate([
        ...inventory(),
        json("assoc.json", {
          associations: [{ tag: "urn:vmomi:InventoryServiceTag:nope:GLOBAL", object: { type: "VirtualMachine", id: "vm-1001" } }],
        }),
        file("samples/powercli/tag-assignment-flat.csv"),
        text("more.csv", "Entity,Tag,Category\nghost-vm,web,tier\n"),
      ]),
    );
    expect(r.report.unresolved.map((u) => u.kind).sort()).toEqual(["tag", "tagTarget"]);
  });

  it("reports vCenter VMs that match no NSX VM", () => {
    const r = ok(importEstate([...inventory(), json("vms.json", [{ vm: "vm-77", name: "orphan", power_state: "POWERED_ON" }])]));
    expect(r.report.unresolved).toEqual([expect.objectContaining({ kind: "vcenterObject", ref: "vm-77" })]);
  });
});

describe("detection and all-or-nothing", () => {
  it("detects by content, not by name", () => {
    expect(detectFormat("rules.xml", file("samples/nsx-t-hierarchical/infra.json").bytes)).toBe("nsx-t-hierarchical");
    expect(detectFormat("x.json", file("samples/nsx-v/firewall-config.xml").bytes)).toBe("nsx-v-firewall-xml");
    expect(detectFormat("x", file("samples/powercli/tag-assignment-raw.csv").bytes)).toBe("powercli-tag-assignment");
    expect(detectFormat("x", file("samples/rvtools/RVTools_tabvNetwork.csv").bytes)).toBe("rvtools-vnetwork");
    expect(detectFormat("x", file("samples/govc/tags-attached.json").bytes)).toBe("govc-tags-attached");
    expect(detectFormat("x", text("x", "hello world").bytes)).toBeUndefined();
  });

  it("one bad file among good ones: no estate, every error listed", () => {
    const r = importEstate([...dir("samples/nsx-t-flat-lists"), text("bad.json", "{"), text("bad.csv", "a,b\n1,2\n")]);
    expect(r.ok).toBe(false);
    expect("estate" in r).toBe(false);
    expect(new Set(r.report.errors.map((e) => e.file))).toEqual(new Set(["bad.json", "bad.csv"]));
  });

  it("reports a group cycle as an error", () => {
    const g = (id: string, member: string) => ({
      resource_type: "Group",
      id,
      path: `/infra/domains/default/groups/${id}`,
      expression: [{ resource_type: "PathExpression", paths: [`/infra/domains/default/groups/${member}`] }],
    });
    const r = importEstate([json("g.json", { results: [g("a", "b"), g("b", "c"), g("c", "a")] })]);
    expect(r.ok).toBe(false);
    expect(r.report.errors[0].message).toMatch(/cycle/);
  });
});
