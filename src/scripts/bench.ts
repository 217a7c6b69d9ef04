/**
 * `npm run bench [-- --json] [-- --seed N] [-- --sizes 3200x5000,32000x50000] [-- --workers N]`: the exact NSX ↔ Kubernetes
 * equivalence check on seeded synthetic bank estates. Each size runs in its own process so its peak RSS
 * is its own. Prints a table (or one JSON object with --json) and writes bench-results/latest.json.
 * The Kubernetes side is the generator's own equivalent manifests (translation is not benchmarked here).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SizeFigures } from "./bench/measure-size.ts";
import { ENGINE_NODE_FLAGS } from "./lib/engine-node-flags.ts";

const TARGETS_MS: Record<string, number> = { "3200x5000": 1000, "32000x50000": 20000 };
const KUBERNETES_SIDE =
  "the synthetic generator's own equivalent manifests (the bench measures the check; translating these estates with src/translate is not part of it yet)";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const json = process.argv.includes("--json");
const seed = Number(option("--seed") ?? 42);
/**
 * Pass-1 shards per size (worker threads, each rebuilding the estate). Default 1: on the shared 2-core
 * machine (load ~7) two shards cost more wall and CPU than they save; `--workers 2` on an idle machine.
 */
const workersFor = (_rules: number) => Number(option("--workers") ?? 1);
const sizes = (option("--sizes") ?? "3200x5000,32000x50000").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const root = path.resolve(import.meta.dirname, "../..");

const results: (SizeFigures & { targetMs?: number; targetMet?: boolean })[] = [];
for (const [rules, vms] of sizes) {
  if (!json) process.stderr.write(`measuring ${rules} rules × ${vms} VMs ...\n`);
  const child = spawnSync(
    process.execPath,
    [
      ...ENGINE_NODE_FLAGS,
      "--import",
      "tsx",
      path.join(root, "src/scripts/bench/measure-size.ts"),
      String(rules),
      String(vms),
      String(seed),
      String(workersFor(rules)),
    ],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    throw new Error(`benchmark size ${rules}x${vms} failed (exit ${child.status})`);
  }
  const figures = JSON.parse(child.stdout.trim().split("\n").pop()!) as SizeFigures;
  const targetMs = TARGETS_MS[`${rules}x${vms}`];
  results.push({ ...figures, ...(targetMs ? { targetMs, targetMet: figures.wallMs <= targetMs } : {}) });
}

const report = {
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? "unknown",
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  },
  seed,
  kubernetesSide: KUBERNETES_SIDE,
  wallMeaning: "NSX compile + exact equivalence check (generation and manifest normalisation excluded)",
  sizes: results,
};
mkdirSync(path.join(root, "bench-results"), { recursive: true });
writeFileSync(path.join(root, "bench-results/latest.json"), `${JSON.stringify(report, null, 2)}\n`);

if (json) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const header = [
    "rules × VMs",
    "workers",
    "wall ms",
    "target",
    "CPU ms",
    "compile",
    "check",
    "peak RSS MB",
    "classes",
    "VM classes",
    "ext atoms",
    "class pairs",
    "equivalent",
  ];
  const rows = results.map((r) => [
    `${r.rules} × ${r.vms}`,
    String(r.workers),
    String(r.wallMs),
    r.targetMs ? `${r.targetMs} ${r.targetMet ? "met" : "MISSED"}` : "-",
    String(r.cpuMs),
    String(r.compileMs),
    String(r.checkMs),
    String(r.peakRssMb),
    String(r.endpointClasses),
    String(r.nsxVmClasses),
    String(r.externalAtoms),
    String(r.classPairs),
    String(r.equivalent),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`Kubernetes side: ${KUBERNETES_SIDE}.`);
  console.log(
    `Machine: ${report.machine.cpus} CPUs, ${report.machine.model}, Node ${report.machine.node}. Written to bench-results/latest.json.`,
  );
}

(await import("./bench/translate.ts")).benchTranslate({
  root,
  seed,
  json,
  sizes: option("--translate-sizes"),
  runs: option("--translate-runs") ? Number(option("--translate-runs")) : undefined,
});
