import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import { buildClusterModel } from "../../../src/policy/k8s/cluster-model.ts";
import { computeConnectivity } from "../../../src/policy/k8s/connectivity.ts";
import type { NsxEstate } from "../../../src/policy/nsx/model.ts";
import { translateEstate, verifyTranslation } from "../../../src/translate/index.ts";
import type { TFinding } from "../../../src/translate/findings/finding.ts";
import { VMWARE_EXAMPLES_DIR } from "../../support/oracles.ts";

/**
 * ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) and AdminNetworkPolicy/BaselineAdminNetworkPolicy
 * (v1alpha1) are two spellings of one translation: for the same estate, the written manifests of each
 * (as `parity verify --k8s DIR` reads them) prove the same against NSX, and the two clusters allow exactly
 * the same traffic between every pair of workloads and external blocks.
 */
const IMPORTS = path.resolve(import.meta.dirname, "../../../imports");

function estateOf(files: string[]): NsxEstate {
  const r = importEstate(files.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(f)) })));
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 2)));
  return r.estate;
}

function written(estate: NsxEstate, api: "v1alpha1" | "v1alpha2") {
  const t = translateEstate(estate, undefined, { api });
  const files = Object.entries(t.files)
    .filter(([f]) => /\.ya?ml$/.test(f) && !/kustomization\.ya?ml$/.test(f))
    .map(([file, text]) => ({ file, text }));
  return { files, findings: JSON.parse(JSON.stringify(t.findings)) as TFinding[] };
}

function connectivityOf(files: { file: string; text: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of computeConnectivity(buildClusterModel(files)).connections) out.set(`${c.src} => ${c.dst}`, c.allowed.toString());
  return out;
}

const estates: [string, string[]][] = [
  ["demo estate", readdirSync(path.join(IMPORTS, "demo")).map((f) => path.join(IMPORTS, "demo", f))],
  [
    "sample slice",
    [
      path.join(IMPORTS, "samples/nsx-t-hierarchical/infra.json"),
      ...readdirSync(path.join(IMPORTS, "samples/nsx-fabric")).map((f) => path.join(IMPORTS, "samples/nsx-fabric", f)),
    ],
  ],
  ...readdirSync(VMWARE_EXAMPLES_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .filter((_, i) => i % 4 === 0)
    .map((f): [string, string[]] => [`vmware-analyzer example ${f}`, [path.join(VMWARE_EXAMPLES_DIR, f)]]),
];

describe("ClusterNetworkPolicy v1alpha2 output ≡ ANP/BANP v1alpha1 output", () => {
  for (const [name, files] of estates) {
    it(`${name}: both outputs verify alike against NSX and allow the same traffic`, () => {
      const estate = estateOf(files);
      const v1 = written(estate, "v1alpha1");
      const v2 = written(estate, "v1alpha2");
      expect(
        v2.files.some((f) => f.text.includes("kind: ClusterNetworkPolicy")) ||
          !v1.files.some((f) => f.text.includes("kind: AdminNetworkPolicy")),
      ).toBe(true);
      expect(v2.files.some((f) => /kind: (Baseline)?AdminNetworkPolicy/.test(f.text))).toBe(false);
      const r1 = verifyTranslation(estate, v1.files, v1.findings);
      const r2 = verifyTranslation(estate, v2.files, v2.findings);
      const figures = (r: typeof r1) => ({
        equivalent: r.equivalent,
        differences: r.differences.length,
        explained: r.explainedDifferences.length,
        pairs: r.stats.pairsCompared,
        unmapped: r.unmappedVms.length,
      });
      expect(figures(r2)).toEqual(figures(r1));
      expect(r2.equivalent).toBe(true);
      // Cluster against cluster, without NSX in between: every ordered pair, both address families.
      const c1 = connectivityOf(v1.files);
      const c2 = connectivityOf(v2.files);
      expect(c2.size).toBe(c1.size);
      for (const [pair, traffic] of c1) expect(c2.get(pair), pair).toBe(traffic);
    }, 180_000);
  }
});
