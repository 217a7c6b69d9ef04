/**
 * `node --import tsx src/scripts/profile-verify-job.ts [demo|SHAPE] [RULESxVMS] [--seed N] [--only heatmap,lint,check] [--reference]`:
 * the verify job's pieces besides the exact check — the application heatmap and the NSX lint — on a bench
 * shape (src/policy/bench/shapes) or the demo estate, after translating it as the job's input is made
 * (not for `--only lint`, which needs the NSX side only); `--only …,check` also times the exact check.
 * Prints CPU (user + system) and wall time per piece. `--reference` also times the pre-issue-18 heatmap
 * (per class pair `nsxConnectivity`, per endpoint pair `computeConnectivity`) kept in the unit tests.
 */
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { importEstate } from "../ingest/import-estate.ts";
import {
  applicationHeatmap,
  BENCH_SHAPES,
  buildClusterModel,
  checkEquivalence,
  compileNsx,
  lintNsx,
  type NsxEstate,
} from "../policy/index.ts";
import { exclusionsOf } from "../translate/verification-result.ts";
import { translateEstate } from "../translate/index.ts";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
const shapeName = positional[0] ?? "bank-apps";
const size = positional[1] ?? "640x1000";
const seed = Number(option("--seed") ?? 42);
const only = option("--only")?.split(",");

function loadEstate(): NsxEstate {
  if (shapeName === "demo") {
    const dir = "imports/demo";
    const files = readdirSync(dir)
      .sort()
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
    const imported = importEstate(files);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
    return imported.estate;
  }
  const shape = BENCH_SHAPES.find((s) => s.name === shapeName);
  if (!shape) throw new Error(`unknown shape ${shapeName} (${BENCH_SHAPES.map((s) => s.name).join(", ")}, demo)`);
  const [rules, vms] = size.split("x").map(Number);
  return shape.build({ seed, rules, vms }).estate;
}

function measure<T>(label: string, f: () => T): T {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = f();
  const used = process.cpuUsage(cpu);
  console.log(
    `${label.padEnd(22)} cpu ${String(Math.round((used.user + used.system) / 1000)).padStart(7)} ms   wall ${String(Math.round(performance.now() - start)).padStart(7)} ms`,
  );
  return value;
}

const estate = loadEstate();
const compiled = compileNsx(estate);
const wants = (piece: string) => (only ? only.includes(piece) : piece !== "check");
// The job's inputs as verification.ts makes them: the translation's manifests read back, VM ids → VirtualMachine ids.
const translation = wants("heatmap") || wants("check") ? translateEstate(estate, undefined, { compiled }) : undefined;
const files = Object.entries(translation?.files ?? {})
  .filter(([path]) => path.endsWith(".yaml") && !path.endsWith("kustomization.yaml"))
  .map(([file, text]) => ({ file, text }));
const correspondence = new Map<string, string>();
for (const o of translation?.objects ?? []) {
  const meta = o.metadata as { name: string; namespace?: string; annotations?: Record<string, string> };
  const vmId = meta.annotations?.[`${translation!.profile.annotationPrefix}nsx-vm-id`];
  if (o.kind === "VirtualMachine" && vmId) correspondence.set(vmId, `${meta.namespace ?? "default"}/${meta.name}[VirtualMachine]`);
}
const model = measure("read manifests", () => buildClusterModel(files));
console.log(
  `${shapeName} ${shapeName === "demo" ? "" : size} seed ${seed}: ${estate.vms.length} VMs, ${compiled.rules.length} rules, ${compiled.vmClasses.length} NSX classes, ${model.endpoints.length} K8s endpoints, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
if (translation && wants("check")) {
  const check = measure("exact check", () =>
    checkEquivalence(compiled, model, { correspondence, exclusions: exclusionsOf(translation.findings), maxDifferences: 50_000 }),
  );
  console.log(`  equivalent except the findings: ${check.equivalentExceptFindings}, ${check.stats.differenceCount} differing class pairs`);
}
if (wants("heatmap")) {
  const heatmap = measure("heatmap", () => applicationHeatmap(compiled, model, correspondence));
  console.log(`  ${heatmap.axis.length} applications, ${heatmap.cells.length} cells`);
  if (process.argv.includes("--reference")) {
    const { referenceApplicationHeatmap } = await import("../../test/unit/policy/heatmap/fixtures/reference-heatmap.ts");
    const reference = measure("heatmap (reference)", () => referenceApplicationHeatmap(compiled, model, correspondence));
    console.log(`  identical cells: ${JSON.stringify(reference) === JSON.stringify(heatmap)}`);
  }
}
if (wants("lint")) {
  const lint = measure("lint", () => lintNsx(compiled));
  console.log(`  ${lint.items.length} items, ${lint.stats.enforcementPoints} points, ${lint.stats.distinctRuleLists} distinct rule lists`);
  if (process.argv.includes("--reference")) {
    const { referenceLintNsx } = await import("../../test/unit/policy/lint/fixtures/reference-lint.ts");
    const reference = measure("lint (reference)", () => referenceLintNsx(compiled));
    console.log(`  identical items: ${JSON.stringify(reference) === JSON.stringify(lint)}`);
  }
}
