import { describe, expect, it } from "vitest";
import type { NsxTag, NsxVm } from "../../../src/policy/nsx/model.ts";
import { mtvLabelOf, mtvSanitize } from "../../../src/translate/identity/mtv-labels.ts";
import { defaultMappingProfile, parseMappingProfile } from "../../../src/translate/profile/mapping-profile.ts";
import { translateEstate, verifyOwnTranslation } from "../../../src/translate/index.ts";
import { estate, policy, rule, tagGroup, tcp } from "./estate-builder.ts";

/**
 * The `mtv` label preset reproduces the labels the Migration Toolkit for Virtualization writes from vCenter
 * tags (kubev2v/forklift builder.go: key `vsphere.forklift.konveyor.io/<tag name>`, value the tag
 * description, both through `sanitizeForK8sMetadata`), and selects vCenter-tagged VMs by them.
 */
describe("MTV's label sanitisation (sanitizeForK8sMetadata)", () => {
  it.each([
    ["owner", "owner"],
    ["platform-team", "platform-team"],
    ["cc-123", "cc-123"],
    ["", ""],
    ["Cost Center #42", "Cost_Center_42"],
    ["Finance & Ops", "Finance_Ops"],
    ["Created By", "Created_By"],
    ["Zürich", "Z_rich"],
    ["-lead-", "lead"],
    ["__x__", "x"],
    ["!!!", ""],
    ["a.b_c-d", "a.b_c-d"],
    // Cut to 63 characters, then a trailing "_" / "-" is trimmed again, as MTV does.
    [`${"a".repeat(62)} b`, "a".repeat(62)],
    ["a".repeat(64), "a".repeat(63)],
    [`${"a".repeat(62)}-bbb`, "a".repeat(62)],
  ])("%j → %j", (input, expected) => {
    expect(mtvSanitize(input)).toBe(expected);
  });

  it("labels a tag by its name and description, honouring the plan's labelTags case-insensitively", () => {
    expect(mtvLabelOf({ name: "owner", description: "platform-team" })).toEqual({
      key: "vsphere.forklift.konveyor.io/owner",
      value: "platform-team",
    });
    expect(mtvLabelOf({ name: "Cost Center #42", description: "Finance & Ops" })).toEqual({
      key: "vsphere.forklift.konveyor.io/Cost_Center_42",
      value: "Finance_Ops",
    });
    expect(mtvLabelOf({ name: "Owner" }, ["owner"])).toEqual({ key: "vsphere.forklift.konveyor.io/Owner", value: "" });
    expect(mtvLabelOf({ name: "internal-tag" }, ["owner"])).toBeUndefined();
    expect(mtvLabelOf({ name: "###" })).toBeUndefined();
  });
});

const vc = (scope: string, tag: string, description?: string): NsxTag => ({
  scope,
  tag,
  vcenter: description === undefined ? {} : { description },
});
const vmOf = (name: string, ip: string, tags: NsxTag[]): NsxVm => ({ id: `id-${name}`, name, ips: [ip], tags });

const bank = estate({
  vms: [
    vmOf("web", "10.0.0.1", [vc("role", "ebanking", "E-Banking frontends"), vc("env", "prod"), { scope: "os", tag: "linux" }]),
    vmOf("db", "10.0.0.2", [vc("role", "core", "Core banking"), vc("zone", "prod")]),
    vmOf("dev", "10.0.0.3", [vc("role", "ebanking", "E-Banking frontends"), vc("env", "dev")]),
  ],
  groups: [
    tagGroup("ebanking", ["role", "ebanking"]),
    tagGroup("core", ["role", "core"]),
    tagGroup("prod-env", ["env", "prod"]),
    tagGroup("linux", ["os", "linux"]),
  ],
  policies: [
    policy("Application", [
      rule({ action: "ALLOW", sources: ["/g/ebanking"], destinations: ["/g/core"], services: [], serviceEntries: tcp(5432) }),
      rule({ action: "ALLOW", sources: ["/g/prod-env"], destinations: ["/g/linux"], services: [], serviceEntries: tcp(22) }),
      rule({ action: "DROP" }),
    ]),
  ],
  defaultAction: "DROP",
});

describe("the mtv mapping-profile preset", () => {
  it("is not the default: the Parity taxonomy stays the default", () => {
    expect(defaultMappingProfile().taxonomy.preset).toBe("parity");
    const files = Object.values(translateEstate(bank).files).join("\n");
    expect(files).not.toContain("vsphere.forklift.konveyor.io/");
  });

  it("selects vCenter-tagged VMs by MTV's keys, labels them with MTV's values, and proves the result equivalent", () => {
    const result = translateEstate(bank, parseMappingProfile({ taxonomy: { preset: "mtv" } }));
    const policies = Object.entries(result.files)
      .filter(([f]) => f.endsWith(".yaml") && !f.startsWith("vm-labels/"))
      .map(([, text]) => text)
      .join("\n");
    expect(policies).toContain("vsphere.forklift.konveyor.io/ebanking");
    expect(policies).toContain("vsphere.forklift.konveyor.io/core");
    const web = result.files[Object.keys(result.files).find((f) => f.startsWith("vm-labels/") && f.endsWith("/web.yaml"))!];
    expect(web).toContain("vsphere.forklift.konveyor.io/ebanking: E-Banking_frontends");
    // env|prod and zone|prod would share MTV's key .../prod; the NSX tag os|linux is no vCenter tag.
    expect(policies).not.toContain("vsphere.forklift.konveyor.io/prod");
    expect(policies).not.toContain("vsphere.forklift.konveyor.io/linux");
    const notes = result.findings.map((f) => f.why).join("\n");
    expect(notes).toContain('tag "env|prod" keeps Parity\'s label: MTV writes one label vsphere.forklift.konveyor.io/prod');
    expect(notes).toContain('tag "os|linux" keeps Parity\'s label: an NSX tag');
    const check = verifyOwnTranslation(bank, result);
    expect(check.equivalent).toBe(true);
    expect(check.differences).toEqual([]);
  });

  it("a plan's labelTags limits MTV labels to those tags; the rest keep Parity's labels", () => {
    const result = translateEstate(bank, parseMappingProfile({ taxonomy: { preset: "mtv", mtvLabelTags: ["EBANKING"] } }));
    const policies = Object.entries(result.files)
      .filter(([f]) => f.endsWith(".yaml") && !f.startsWith("vm-labels/"))
      .map(([, text]) => text)
      .join("\n");
    expect(policies).toContain("vsphere.forklift.konveyor.io/ebanking");
    expect(policies).not.toContain("vsphere.forklift.konveyor.io/core");
    expect(verifyOwnTranslation(bank, result).equivalent).toBe(true);
  });
});

describe("the mtv preset on the demo estate", () => {
  it("is proven equivalent with the default preset's figures, and selects by MTV keys", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const { importEstate } = await import("../../../src/ingest/import-estate.ts");
    const dir = path.resolve(import.meta.dirname, "../../../imports/demo");
    const imported = importEstate(readdirSync(dir).map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join(dir, f))) })));
    if (!imported.ok) throw new Error("demo import failed");
    const mtv = translateEstate(imported.estate, parseMappingProfile({ taxonomy: { preset: "mtv" } }));
    const check = verifyOwnTranslation(imported.estate, mtv);
    const baseline = verifyOwnTranslation(imported.estate, translateEstate(imported.estate));
    expect(check.equivalent).toBe(true);
    expect([check.explainedDifferences.length, check.stats.pairsCompared]).toEqual([
      baseline.explainedDifferences.length,
      baseline.stats.pairsCompared,
    ]);
    const yaml = Object.entries(mtv.files)
      .filter(([f]) => f.endsWith(".yaml") && !f.startsWith("vm-labels/"))
      .map(([, text]) => text)
      .join("\n");
    expect(yaml).toMatch(/key: vsphere\.forklift\.konveyor\.io\/[A-Za-z0-9_.-]+\n\s+operator: Exists/);
  }, 180_000);
});
