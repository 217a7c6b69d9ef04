/**
 * Acceptance (issue #8): estate-driven coverage on the demo estate (imports/demo, imported with the real
 * importer), group membership from the engine's resolver so the Azure NSG counts are exact, and the live
 * re-weighing the UI uses agreeing with a full build.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import { IpSet } from "../../../src/policy/sets/ip-set.ts";
import { estateCoverage } from "../../../src/scorecard/estate-coverage.ts";
import { membershipFromEngine } from "../../../src/scorecard/engine-membership.ts";
import { buildScorecard, reweighScorecard } from "../../../src/scorecard/scorecard.ts";
import { SEED_CATALOGUE } from "../../../src/scorecard/criteria/catalogue.ts";

const DEMO = path.resolve(import.meta.dirname, "../../../imports/demo");
const imported = importEstate(
  readdirSync(DEMO)
    .filter((name) => !name.endsWith(".md"))
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(DEMO, name))) })),
);
if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
const estate = imported.estate;
const enabled = estate.policies.flatMap((p) => p.rules.filter((r) => !r.disabled));
const G = (name: string) => `/infra/domains/default/groups/${name}`;
const engine = membershipFromEngine(estate);

describe("estate coverage on the demo estate", () => {
  const coverage = estateCoverage(estate);
  const byPlatform = Object.fromEntries(coverage.platforms.map((p) => [p.platform, p]));

  it("counts the demo estate's enabled and disabled rules", () => {
    expect(coverage.enabledRules).toBe(enabled.length);
    expect(coverage.enabledRules + coverage.disabledRules).toBe(318);
    expect(coverage.translationGiven).toBe(false);
  });

  it("NSX and Swisscom ESC carry every rule; OVE without a translation is a labelled estimate", () => {
    expect(byPlatform["vmware-nsx"]).toMatchObject({ expressible: enabled.length, share: 1, basis: "baseline" });
    expect(byPlatform["swisscom-esc"]).toMatchObject({ expressible: enabled.length, basis: "provider-managed-nsx" });
    const ove = byPlatform.ove;
    expect(ove.basis).toBe("rule-feature-estimate");
    expect(ove.basisLabel).toMatch(/ESTIMATE/);
    // The demo estate deliberately contains L7 profiles, REJECT, Ethernet and AD-identity rules.
    expect(ove.expressible).toBeLessThan(enabled.length);
    expect(ove.lossyRules.length).toBe(enabled.length - ove.expressible);
    expect(ove.lossyRules.every((r) => r.reasons.length > 0)).toBe(true);
  });

  it("without membership the Azure counts are lower bounds (tag groups unresolved)", () => {
    expect(coverage.azure.exact).toBe(false);
    expect(coverage.azure.unresolvedGroups).toContain(G("app-ebanking"));
  });

  it("OVE coverage comes from the translation's findings when one is given", () => {
    const errorRules = enabled.slice(0, 3).map((r) => r.id);
    const findings = [
      ...errorRules.map((ruleId) => ({ ruleId, severity: "error" as const, kind: "l7-profile" })),
      { ruleId: enabled[5].id, severity: "warning" as const, kind: "logging" },
      { ruleId: enabled[6].id, severity: "info" as const, kind: "note" },
    ];
    const withTranslation = estateCoverage(estate, findings);
    const ove = withTranslation.platforms.find((p) => p.platform === "ove")!;
    expect(ove.basis).toBe("translation-findings");
    expect(ove.expressible).toBe(enabled.length - 3);
    expect(ove.lossyRules.map((r) => r.ruleId).sort()).toEqual([...errorRules].sort());
    expect(withTranslation.findingsBySeverity).toEqual({ error: 3, warning: 1, info: 1 });
  });
});

describe("group membership from the engine (exact Azure NSG counts)", () => {
  it("resolves every group the engine models exactly and names the rest with the engine's reasons", () => {
    expect(engine.resolvedGroups + engine.unresolved.length).toBe(estate.groups.length);
    expect(engine.unresolved.map((u) => u.group)).toEqual([G("ad-traders"), G("hsm-appliances"), G("management-segment")]);
    expect(engine.unresolved.find((u) => u.group === G("ad-traders"))!.reasons.join()).toMatch(/identity-group/);
    expect(engine.unresolved.find((u) => u.group === G("hsm-appliances"))!.reasons.join()).toMatch(/mac-members/);
  });

  it("a tag-condition group holds exactly the addresses of the VMs carrying the tags", () => {
    const tagged = estate.vms.filter((vm) =>
      ["app|ebanking", "tier|web", "env|prod"].every((t) => vm.tags.some((x) => `${x.scope}|${x.tag}` === t)),
    );
    expect(tagged.length).toBeGreaterThan(0);
    const expected = tagged.flatMap((vm) => vm.ips).reduce((set, ip) => set.union(IpSet.parse(ip)), IpSet.empty());
    const got = engine.membership[G("ebanking-web")].ips.reduce((set, cidr) => set.union(IpSet.parse(cidr)), IpSet.empty());
    expect(got.toRanges()).toEqual(expected.toRanges());
  });

  it("with the engine's membership only identity/MAC groups stay unresolved, and the counts only grow", () => {
    const lower = estateCoverage(estate).azure;
    const exactish = estateCoverage(estate, undefined, { membership: engine.membership }).azure;
    expect(exactish.unresolvedGroups).toEqual([G("ad-traders"), G("hsm-appliances")]);
    expect(exactish.inbound).toBeGreaterThan(lower.inbound);
    expect(exactish.outbound).toBeGreaterThan(lower.outbound);
    // Flattening the tag groups to VM addresses explodes the rule set beyond the 100–4096 priority range.
    expect(exactish.inbound).toBeGreaterThan(4096 - 100 + 1);
    expect(exactish.fits).toBe(false);
  });

  it("buildScorecard knocks Azure Local out on NSG capacity and shows the estate numbers as scores", () => {
    const card = buildScorecard({ estate, membership: engine.membership, monteCarlo: { samples: 2000, seed: 7 } });
    const azure = card.results.find((r) => r.platform === "azure-local")!;
    expect(azure.excluded).toBe(true);
    expect(azure.rank).toBeNull();
    expect(card.knockOuts.find((k) => k.platform === "azure-local")!.reason).toMatch(/NSG rules; one NSG holds/);
    const coverage = card.criteria.find((c) => c.kind === "estate")!;
    expect(coverage.scores.every((s) => s.origin === "estate")).toBe(true);
    expect(coverage.scores.find((s) => s.platform === "ove")!.evidence).toBe("assumption");
    expect(card.monteCarlo.probabilityTop["azure-local"] ?? 0).toBe(0);
  });
});

describe("live re-weighing (the UI's client-side preview)", () => {
  it("gives exactly what a full build with the same weights gives", () => {
    const options = { estate, membership: engine.membership, monteCarlo: { samples: 3000, seed: 11 } };
    const base = buildScorecard(options);
    const weights = { kind: "direct" as const, weights: Object.fromEntries(SEED_CATALOGUE.criteria.map((c, i) => [c.id, 1 + (i % 4)])) };
    const full = buildScorecard({ ...options, weights });
    const preview = reweighScorecard(base, weights);
    expect(preview.results).toEqual(full.results);
    expect(preview.weights).toEqual(full.weights);
    expect(preview.sensitivity).toEqual(full.sensitivity);
    expect(preview.monteCarlo).toEqual(full.monteCarlo);
    expect(preview.criteria.map((c) => c.weight)).toEqual(full.criteria.map((c) => c.weight));
  });

  it("rejects inconsistent AHP judgements like a full build", () => {
    const base = buildScorecard({ monteCarlo: { samples: 500 } });
    const [a, b, c] = SEED_CATALOGUE.criteria.map((x) => x.id);
    const circular = {
      kind: "ahp" as const,
      comparison: {
        items: [a, b, c],
        judgements: [
          { a, b, value: 9 },
          { a: b, b: c, value: 9 },
          { a: c, b: a, value: 9 },
        ],
      },
    };
    expect(() => reweighScorecard(base, circular)).toThrow(/consistency ratio/);
  });
});
