/**
 * The answer-sized application heatmap (rows per class, no endpoint pairs) gives exactly the cells of the
 * one it replaced (fixtures/reference-heatmap.ts: every NSX class pair walked, every Kubernetes endpoint
 * pair listed): on the demo estate and on random small estates of every bench shape, translated, whose
 * NSX side is then mutated (so the two sides differ) and whose correspondence is sometimes partial.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importEstate } from "../../../../src/ingest/import-estate.ts";
import { applicationHeatmap } from "../../../../src/policy/heatmap/application-heatmap.ts";
import { buildClusterModel } from "../../../../src/policy/k8s/cluster-model.ts";
import { compileNsx } from "../../../../src/policy/nsx/compile.ts";
import type { NsxEstate } from "../../../../src/policy/nsx/model.ts";
import { translateEstate } from "../../../../src/translate/index.ts";
import { buildRandomEstate, mutateEstate, randomEstateSpec } from "../lint/fixtures/random-estates.ts";
import { referenceApplicationHeatmap } from "./fixtures/reference-heatmap.ts";

/** The verify job's inputs for an estate: its translation read back and the VM → VirtualMachine map. */
function translated(estate: NsxEstate) {
  const translation = translateEstate(estate);
  const files = Object.entries(translation.files)
    .filter(([path]) => path.endsWith(".yaml") && !path.endsWith("kustomization.yaml"))
    .map(([file, text]) => ({ file, text }));
  const correspondence = new Map<string, string>();
  for (const o of translation.objects) {
    const meta = o.metadata as { name: string; namespace?: string; annotations?: Record<string, string> };
    const vmId = meta.annotations?.[`${translation.profile.annotationPrefix}nsx-vm-id`];
    if (o.kind === "VirtualMachine" && vmId) correspondence.set(vmId, `${meta.namespace ?? "default"}/${meta.name}[VirtualMachine]`);
  }
  return { model: buildClusterModel(files), correspondence };
}

describe("applicationHeatmap equals the pair-by-pair heatmap", () => {
  it("on the demo estate", () => {
    const files = readdirSync("imports/demo")
      .sort()
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(`imports/demo/${name}`)) }));
    const imported = importEstate(files);
    if (!imported.ok) throw new Error("demo estate does not import");
    const compiled = compileNsx(imported.estate);
    const { model, correspondence } = translated(imported.estate);
    const heatmap = applicationHeatmap(compiled, model, correspondence);
    expect(heatmap.cells.length).toBeGreaterThan(50);
    expect(heatmap).toEqual(referenceApplicationHeatmap(compiled, model, correspondence));
  }, 120_000);

  it("on random small estates of every bench shape, NSX side mutated after translation", () => {
    fc.assert(
      fc.property(randomEstateSpec, fc.nat({ max: 3 }), (spec, dropEvery) => {
        const estate = buildRandomEstate({ ...spec, mutations: [] });
        const { model, correspondence } = translated(estate);
        // Some VMs without a Kubernetes counterpart: their endpoints count on no Kubernetes cell.
        if (dropEvery > 0) [...correspondence.keys()].forEach((key, i) => i % (dropEvery + 2) === 0 && correspondence.delete(key));
        const changed = structuredClone(estate);
        mutateEstate(changed, spec);
        const compiled = compileNsx(changed);
        expect(applicationHeatmap(compiled, model, correspondence)).toEqual(referenceApplicationHeatmap(compiled, model, correspondence));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
