import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import { checkEquivalence } from "../../../src/policy/equivalence/check-equivalence.ts";
import { buildClusterModel } from "../../../src/policy/k8s/cluster-model.ts";
import type { NsxEstate } from "../../../src/policy/nsx/model.ts";
import { compileNsx } from "../../../src/policy/nsx/compile.ts";
import { exclusionsOf } from "../../../src/server/services/verification.ts";
import { translateEstate, verifyOwnTranslation, verifyTranslation } from "../../../src/translate/index.ts";
import type { TFinding } from "../../../src/translate/findings/finding.ts";

/**
 * One proof, one number: the translation's round trip (IPv4, the cluster network's family), `parity verify`
 * (the same round trip over the written files) and the Equivalence verification (both families) report the
 * same class pairs and differing pairs for IPv4; the verification's IPv6 part is the only addition.
 */
const IMPORTS = path.resolve(import.meta.dirname, "../../../imports");
const read = (files: string[]) => {
  const r = importEstate(files.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join(IMPORTS, f))) })));
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 2)));
  return r.estate;
};
const dirFiles = (dir: string) => readdirSync(path.join(IMPORTS, dir)).map((f) => path.join(dir, f));

function figures(estate: NsxEstate, api: "v1alpha1" | "v1alpha2") {
  const translation = translateEstate(estate, undefined, { api });
  const roundTrip = verifyOwnTranslation(estate, translation);
  const written = Object.entries(translation.files)
    .filter(([f]) => /\.ya?ml$/.test(f) && !/kustomization\.ya?ml$/.test(f))
    .map(([file, text]) => ({ file, text }));
  const findings = JSON.parse(JSON.stringify(translation.findings)) as TFinding[];
  const cli = verifyTranslation(estate, written, findings);
  const model = buildClusterModel(written);
  const correspondence = new Map(model.endpoints.filter((e) => e.kind === "VirtualMachine").map((e) => [e.name, e.id]));
  const job = checkEquivalence(compileNsx(estate), model, {
    correspondence,
    exclusions: exclusionsOf(findings),
    maxDifferences: 1_000_000,
  });
  return { roundTrip, cli, job };
}

const cases: [string, string[]][] = [
  ["demo estate (dual-stack VMs)", dirFiles("demo")],
  ["sample slice", ["samples/nsx-t-hierarchical/infra.json", ...dirFiles("samples/nsx-fabric")]],
  ["collector sample", dirFiles("samples/collector")],
];

describe("one proof, one number", () => {
  for (const [name, files] of cases) {
    it(`${name}: round trip = parity verify = the verification's IPv4 part`, () => {
      const estate = read(files);
      const { roundTrip, cli, job } = figures(estate, "v1alpha1");
      const rt = { pairs: roundTrip.stats.pairsCompared, differing: roundTrip.differences.length + roundTrip.explainedDifferences.length };
      expect({ pairs: cli.stats.pairsCompared, differing: cli.differences.length + cli.explainedDifferences.length }).toEqual(rt);
      expect(job.stats.byFamily).toBeDefined();
      expect({ pairs: job.stats.byFamily![4].classPairs, differing: job.stats.byFamily![4].differences }).toEqual(rt);
      expect(job.stats.byFamily![4].classPairs + job.stats.byFamily![6].classPairs).toBe(job.stats.classPairs);
      expect(job.stats.byFamily![4].differences + job.stats.byFamily![6].differences).toBe(job.stats.differenceCount);
      // Every IPv4 difference the verification finds is one the round trip accounted for, and vice versa.
      expect(job.differences.filter((d) => d.family === 4 && d.status === "unexplained")).toHaveLength(roundTrip.differences.length);
    }, 120_000);
  }

  it("an IPv4-only estate: the verification's totals are the round trip's", () => {
    const estate = read(["samples/nsx-t-hierarchical/infra.json", ...dirFiles("samples/nsx-fabric")]);
    const v4only = { ...estate, vms: estate.vms.map((vm) => ({ ...vm, ips: vm.ips.filter((ip) => !ip.includes(":")) })) };
    const { roundTrip, job } = figures(v4only, "v1alpha1");
    expect(job.stats.byFamily![6]).toEqual({ classPairs: 0, differences: 0 });
    expect(job.stats.classPairs).toBe(roundTrip.stats.pairsCompared);
  }, 120_000);
});
