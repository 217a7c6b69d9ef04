/**
 * `node --import tsx src/scripts/profile-translate.ts [demo|dir:PATH|RULESxVMS] [--shape NAME] [--seed N] [--api v1alpha1|v1alpha2] [--json] [--hash] [--no-shared]`:
 * times translate and verify (the round trip) separately on the demo estate (imports/demo) or a seeded
 * synthetic estate (default 3200x5000; `--shape` picks a bench shape, default uniform), with CPU time (user + system) and peak RSS, and prints the summary
 * counts. Verify reuses the translator's NSX rows (`result.shared`) unless --no-shared. `--warm`: first translate and
 * verify another estate of the same size (seed + 1), as the long-running job worker will have done, then measure.
 * Add `--cpu-prof` to node to profile. The machine is shared: compare CPU time, not only wall time.
 */
import { createHash } from "node:crypto";
import { PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import { readdirSync, readFileSync } from "node:fs";
import { importEstate } from "../ingest/import-estate.ts";
import { benchShape, compileNsx, type NsxEstate } from "../policy/index.ts";
import { translateEstate, verifyOwnTranslation, verifyTranslation, type ApiVersion } from "../translate/index.ts";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const target = process.argv[2] && !process.argv[2].startsWith("--") ? process.argv[2] : "3200x5000";
const seed = Number(option("--seed") ?? 42);
const api = (option("--api") ?? "v1alpha1") as ApiVersion;
const json = process.argv.includes("--json");

function loadEstate(seedOf = seed, size = target): NsxEstate {
  if (size === "demo" || size.startsWith("dir:")) {
    // `dir:PATH`: every file of an export directory (e.g. a generated reproduction estate).
    const dir = size === "demo" ? "imports/demo" : size.slice(4);
    const files = readdirSync(dir)
      .sort()
      .map((name) => ({ name: size === "demo" ? name : `${dir}/${name}`, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
    const imported = importEstate(files);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
    return imported.estate;
  }
  const [rules, vms] = size.split("x").map(Number);
  return benchShape(option("--shape") ?? "uniform").build({ seed: seedOf, rules, vms }).estate;
}

const measure = <T>(f: () => T): { value: T; wallMs: number; cpuMs: number } => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = f();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: Math.round(performance.now() - start), cpuMs: Math.round((used.user + used.system) / 1000) };
};

const warm = process.argv.includes("--warm");
if (warm) {
  // A different estate (the demo's neighbour seed), so nothing cached for the measured estate's own objects helps.
  const other = loadEstate(seed + 1, option("--warm-size") ?? target);
  const r = translateEstate(other, undefined, { api });
  verifyOwnTranslation(other, r);
}
const estate = loadEstate();
// Garbage-collection pauses, by kind, inside the measured window (entries arrive after the work, on the event loop).
const gcEntries: PerformanceEntry[] = [];
const gcObserver = new PerformanceObserver((list) => gcEntries.push(...list.getEntries()));
gcObserver.observe({ entryTypes: ["gc"] });
const compile = measure(() => compileNsx(estate));
const compiled = compile.value;
const stages: Record<string, number> = {};
const onStage = (stage: string, ms: number) => (stages[stage] = Math.round(ms));
const translate = measure(() => translateEstate(estate, undefined, { api, compiled, onStage }));
const result = translate.value;
const verify = measure(() =>
  verifyTranslation(estate, process.argv.includes("--yaml") ? result.files : { placed: result.placed }, result.findings, {
    compiled,
    annotationPrefix: result.profile.annotationPrefix,
    onStage,
    ...(process.argv.includes("--no-shared") ? {} : { shared: result.shared }),
  }),
);
const v = verify.value;
await new Promise((resolve) => setTimeout(resolve, 50));
gcObserver.disconnect();
const windowStart = performance.now() - translate.wallMs - verify.wallMs - 50;
const GC_KINDS: Record<number, string> = { 1: "scavenge", 2: "markCompact", 4: "incremental", 8: "weakCallbacks", 16: "minorMarkSweep" };
const gcMs: Record<string, number> = {};
for (const e of gcEntries) {
  if (e.startTime < windowStart - 100) continue;
  const kind = GC_KINDS[(e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0] ?? "other";
  gcMs[kind] = Math.round((gcMs[kind] ?? 0) + e.duration);
}
const figures = {
  estate: target,
  shape: option("--shape") ?? "uniform",
  api,
  warm,
  vms: estate.vms.length,
  rules: compiled.rules.length,
  compile: { wallMs: compile.wallMs, cpuMs: compile.cpuMs },
  translate: { wallMs: translate.wallMs, cpuMs: translate.cpuMs },
  verify: { wallMs: verify.wallMs, cpuMs: verify.cpuMs },
  translateVerifyWallMs: translate.wallMs + verify.wallMs,
  translateVerifyCpuMs: translate.cpuMs + verify.cpuMs,
  stages,
  gcMs,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  summary: { ...result.summary, elapsedMs: undefined },
  objects: result.objects.length,
  files: Object.keys(result.files).length,
  verification: {
    equivalent: v.equivalent,
    differences: v.differences.length,
    explained: v.explainedDifferences.length,
    unmappedVms: v.unmappedVms.length,
    manifestErrors: v.manifestErrors.length,
    stats: v.stats,
  },
};
// `--hash`: sha256 over every emitted file, the summary, the findings and the verification result (timings
// removed), to prove a performance change leaves the output byte-identical.
if (process.argv.includes("--hash")) {
  const hash = createHash("sha256");
  for (const name of Object.keys(result.files).sort()) hash.update(`${name}\u0000${result.files[name]}\u0000`);
  hash.update(JSON.stringify({ ...result.summary, elapsedMs: undefined }));
  hash.update(JSON.stringify(result.findings));
  hash.update(JSON.stringify({ ...v, stats: { ...v.stats, elapsedMs: undefined } }));
  (figures as Record<string, unknown>).sha256 = hash.digest("hex");
}
if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else console.log(JSON.stringify(figures, null, 2));
