/** The control catalogue an auditor traces (issue 13): structure, editions, and the corrected tags. */
import { describe, expect, it } from "vitest";
import { CONTROLS, controlLabel, FRAMEWORKS } from "../../../src/audit/controls/catalogue.ts";
import { controlsForFinding, controlsForSection, findingKind, REPORT_SECTIONS } from "../../../src/audit/controls/tagging.ts";

const ids = (list: readonly { id: string }[]) => list.map((c) => c.id);

describe("control catalogue", () => {
  it("every entry has framework, edition, identifier, title and one line of why; ids are unique", () => {
    expect(new Set(CONTROLS.map((c) => c.id)).size).toBe(CONTROLS.length);
    for (const c of CONTROLS) {
      expect(Object.keys(FRAMEWORKS)).toContain(c.framework);
      expect(FRAMEWORKS[c.framework].edition.length).toBeGreaterThan(5);
      expect(c.identifier.length).toBeGreaterThan(0);
      expect(c.title.length).toBeGreaterThan(3);
      expect(c.why.length).toBeGreaterThan(20);
      expect(c.why).not.toMatch(/\n/);
      expect(c.why).not.toMatch(/\bcompl(y|ies|iant)\b/i); // evidence supports a control; it never claims compliance
      // An identifier that could not be checked says so instead of guessing.
      if (!c.verified) expect(c.note).toMatch(/not (verified|read)/);
    }
  });

  it("names the editions that are current: PCI DSS v4.0.1, ISO/IEC 27001:2022, FINMA 2023/1, NIST SP 800-41 Rev. 1", () => {
    expect(FRAMEWORKS.pci.edition).toMatch(/^PCI DSS v4\.0\.1/);
    expect(FRAMEWORKS.iso.edition).toMatch(/27001:2022/);
    expect(FRAMEWORKS.finma.edition).toMatch(/2023\/1.*Operational risks and resilience – banks/);
    expect(FRAMEWORKS.nist.edition).toMatch(/Rev\. 1/);
    expect(CONTROLS.map(controlLabel)).toContain("PCI DSS v4.0.1 1.3.1");
    expect(CONTROLS.map(controlLabel)).not.toContain("PCI DSS v4.0 1.2.1");
  });

  it("FINMA entries never carry an invented margin number", () => {
    for (const c of CONTROLS.filter((x) => x.framework === "finma")) {
      expect(c.verified).toBe(false);
      expect(c.note).toMatch(/margin number not verified/);
      expect(c.identifier).not.toMatch(/Rz\s*\d/);
    }
  });

  it("has the controls issue 13 asked for, with the framework's titles", () => {
    const byId = new Map(CONTROLS.map((c) => [c.id, c]));
    expect(byId.get("iso-a.8.32")?.title).toBe("Change management");
    expect(byId.get("iso-a.8.15")?.title).toBe("Logging");
    expect(byId.get("pci-1.2.7")?.title).toMatch(/at least once every six months/);
    expect(byId.get("pci-1.3.1")?.title).toMatch(/^Inbound traffic to the CDE is restricted/);
    expect(byId.get("pci-1.3.2")?.title).toMatch(/^Outbound traffic from the CDE is restricted/);
  });
});

describe("control tags", () => {
  it("fixes the wrong tags of the first catalogue", () => {
    // Integrity is not operational resilience, scope is not critical data, non-equivalence is not BCM.
    expect(ids(CONTROLS)).not.toContain("finma-resilience");
    expect(ids(CONTROLS)).not.toContain("finma-critical-data");
    expect(ids(CONTROLS)).not.toContain("finma-bcm");
    expect(ids(controlsForSection("integrity"))).toEqual(["iso-a.5.33", "pci-1.2.8"]);
    expect(ids(controlsForFinding({ title: "x", kind: "not-equivalent" }))).not.toContain("finma-bcm");
    // A one-off approval is change management, not the six-monthly review of PCI DSS 1.2.7.
    expect(ids(controlsForSection("approvals"))).not.toContain("pci-1.2.7");
    expect(ids(controlsForSection("approvals"))).toContain("iso-a.8.32");
  });

  it("maps default-allow to PCI 1.3.1/1.3.2, logging to A.8.15, approvals to A.8.32", () => {
    expect(ids(controlsForFinding({ title: "Default rule allows any traffic" }))).toEqual(
      expect.arrayContaining(["pci-1.3.1", "pci-1.3.2"]),
    );
    expect(
      ids(
        controlsForFinding({
          title: "Per-rule logging becomes per-policy / per-namespace ACL logging",
          code: "logging-granularity",
        } as never),
      ),
    ).toContain("iso-a.8.15");
    expect(findingKind({ title: "Shadowed rule: never decides any flow", kind: "lint-shadowed" })).toBe("shadowed-rule");
    expect(findingKind({ title: "x", kind: "logging-disabled" })).toBe("logging");
  });

  it("every section and finding kind tags only catalogued controls", () => {
    for (const s of REPORT_SECTIONS) for (const c of controlsForSection(s)) expect(ids(CONTROLS)).toContain(c.id);
  });
});
