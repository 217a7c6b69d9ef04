/**
 * `npm run bench [-- --shape bank-apps,adversarial] [-- --size 3200x5000] [-- --large] [-- --seed N]
 * [-- --timeout S] [-- --json]`: the bench that cannot flatter. For every estate shape
 * (src/policy/bench/shapes) and size (rules × VMs; default 3,200 × 5,000 and 6,400 × 10,000, `--large` adds
 * 32,000 × 50,000): translate, verify (the round trip), and the exact equivalence check, each in its own fresh
 * process (cold, peak RSS its own), with classes, pairs, and the growth exponent between consecutive sizes.
 * A measurement that runs longer than the timeout (default 300 s) is killed and reported as "timed out after
 * N s". Prints a table (or one JSON object with --json) and writes bench-results/latest.json.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_SHAPES, benchShape } from "../policy/index.ts";
import type { EquivalenceFigures, TranslateFigures } from "./bench/measure-shape.ts";
import { growthExponent, type Outcome } from "./bench/outcome.ts";
import { ENGINE_NODE_FLAGS } from "./lib/engine-node-flags.ts";

/** Issue 18's acceptance: translate + verify and the exact check, per size (ms). */
const TARGETS_MS: Record<string, { translateVerify: number; equivalence: number }> = {
  "3200x5000": { translateVerify: 3000, equivalence: 1000 },
  "32000x50000": { translateVerify: 60000, equivalence: 20000 },
};

function option(...names: string[]): string | undefined {
  for (const name of names) {
    const index = process.argv.indexOf(name);
    if (index >= 0) return process.argv[index + 1];
  }
  return undefined;
}

const json = process.argv.includes("--json");
const seed = Number(option("--seed") ?? 42);
const timeoutS = Number(option("--timeout") ?? 300);
const shapes = (option("--shape", "--shapes") ?? BENCH_SHAPES.map((s) => s.name).join(",")).split(",").map(benchShape);
const sizes = (option("--size", "--sizes") ?? `3200x5000,6400x10000${process.argv.includes("--large") ? ",32000x50000" : ""}`)
  .split(",")
  .map((s) => s.split("x").map(Number) as [number, number]);
const root = path.resolve(import.meta.dirname, "../..");
const scratch = path.join(os.tmpdir(), `parity-bench-${process.pid}`);
mkdirSync(scratch, { recursive: true });

/** Milliseconds for a fixed integer loop: the machine's speed at the moment (lower = quicker). */
function calibrationMs(): number {
  let x = 0;
  const start = performance.now();
  for (let i = 0; i < 1e8; i++) x += i % 7;
  if (x < 0) throw new Error("unreachable");
  return Math.round(performance.now() - start);
}

function measure<T>(args: string[]): Outcome<T> {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [...ENGINE_NODE_FLAGS, "--import", "tsx", path.join(root, "src/scripts/bench/measure-shape.ts"), ...args],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
      timeout: timeoutS * 1000,
      killSignal: "SIGKILL",
    },
  );
  const wallS = Math.round((performance.now() - started) / 100) / 10;
  if (child.signal === "SIGKILL" || (child.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT")
    return { status: "timed-out", afterS: timeoutS };
  if (child.status !== 0)
    return { status: "failed", error: (child.stderr || String(child.error)).trim().split("\n").slice(-3).join(" "), afterS: wallS };
  return { status: "ok", figures: JSON.parse(child.stdout.trim().split("\n").pop()!) as T };
}

interface Row {
  shape: string;
  rules: number;
  vms: number;
  loadAverage: number[];
  calibrationMs: number;
  translate: Outcome<TranslateFigures>;
  equivalence: Outcome<EquivalenceFigures>;
  targetsMs?: { translateVerify: number; equivalence: number };
  /** Growth exponent from the previous size of this shape: log(t₂/t₁) / log(VMs₂/VMs₁). */
  growth?: { translateVerify?: number; equivalence?: number };
}

const rows: Row[] = [];
for (const shape of shapes) {
  let previous: Row | undefined;
  for (const [rules, vms] of sizes) {
    const objects = path.join(scratch, `${shape.name}-${rules}x${vms}.jsonl`);
    const common = [shape.name, String(rules), String(vms), String(seed)];
    if (!json) process.stderr.write(`${shape.name} ${rules} rules × ${vms} VMs: translate + verify ...\n`);
    const calibration = calibrationMs();
    const loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
    const translate = measure<TranslateFigures>(["translate", ...common, ...(shape.ownCounterpart ? [] : [objects])]);
    if (!json) process.stderr.write(`${shape.name} ${rules} rules × ${vms} VMs: exact equivalence ...\n`);
    const equivalence: Outcome<EquivalenceFigures> =
      shape.ownCounterpart || translate.status === "ok"
        ? measure<EquivalenceFigures>(["equivalence", ...common, ...(shape.ownCounterpart ? [] : [objects])])
        : { status: "skipped", reason: "needs the translation" };
    rmSync(objects, { force: true });
    const row: Row = { shape: shape.name, rules, vms, loadAverage, calibrationMs: calibration, translate, equivalence };
    const targets = TARGETS_MS[`${rules}x${vms}`];
    if (targets) row.targetsMs = targets;
    if (previous) {
      const tv = (r: Row) => (r.translate.status === "ok" ? r.translate.figures.translateMs + r.translate.figures.verifyMs : undefined);
      const eq = (r: Row) => (r.equivalence.status === "ok" ? r.equivalence.figures.compileMs + r.equivalence.figures.checkMs : undefined);
      row.growth = {
        translateVerify: growthExponent(tv(previous), tv(row), previous.vms, vms),
        equivalence: growthExponent(eq(previous), eq(row), previous.vms, vms),
      };
    }
    rows.push(row);
    previous = row;
  }
}
rmSync(scratch, { recursive: true, force: true });

const report = {
  generatedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version },
  seed,
  timeoutS,
  meaning: {
    translateVerify: "translateEstate + verifyOwnTranslation (the round trip) in one fresh process; generation and NSX compile excluded",
    equivalence:
      "NSX compile + checkEquivalence in another fresh process, against the generator's own Kubernetes counterpart (uniform) or the translated objects with the findings as exclusions (the verify job's check)",
    growth: "log(t₂/t₁) / log(VMs₂/VMs₁) between consecutive sizes of a shape (1 = linear)",
  },
  rows,
};
mkdirSync(path.join(root, "bench-results"), { recursive: true });
writeFileSync(path.join(root, "bench-results/latest.json"), `${JSON.stringify(report, null, 2)}\n`);

if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
else {
  const failed = (o: Outcome<unknown>) =>
    o.status === "timed-out"
      ? `timed out after ${o.afterS} s`
      : o.status === "failed"
        ? `failed: ${o.error}`
        : o.status === "skipped"
          ? `skipped (${o.reason})`
          : "";
  const target = (ms: number, limit?: number) => (limit === undefined ? "" : ms <= limit ? " ✓" : " ✗");
  const exponent = (x?: number) => (x === undefined ? "-" : x.toFixed(2));
  const header = [
    "shape",
    "rules × VMs",
    "translate ms",
    "verify ms",
    "T+V ms (CPU)",
    "exact eq. ms (CPU)",
    "RSS MB T/E",
    "classes",
    "pairs",
    "equivalent",
    "growth T+V / eq.",
    "load",
    "calib. ms",
  ];
  const table = rows.map((r) => {
    const t = r.translate.status === "ok" ? r.translate.figures : undefined;
    const e = r.equivalence.status === "ok" ? r.equivalence.figures : undefined;
    const tv = t ? t.translateMs + t.verifyMs : 0;
    const eqMs = e ? e.compileMs + e.checkMs : 0;
    return [
      r.shape,
      `${r.rules} × ${r.vms}`,
      t ? String(t.translateMs) : failed(r.translate),
      t ? String(t.verifyMs) : "-",
      t ? `${tv} (${t.translateCpuMs + t.verifyCpuMs})${target(tv, r.targetsMs?.translateVerify)}` : "-",
      e ? `${eqMs} (${e.cpuMs})${target(eqMs, r.targetsMs?.equivalence)}` : failed(r.equivalence),
      `${t?.peakRssMb ?? "-"}/${e?.peakRssMb ?? "-"}`,
      String(t?.classes ?? e?.classes ?? "-"),
      String(e?.classPairs ?? t?.pairs ?? "-"),
      t || e
        ? `${t ? (t.equivalent ? "yes" : `NO (${t.unexplainedDifferences})`) : "-"}/${e ? (e.equivalent ? "yes" : `NO (${e.unexplainedDifferences})`) : "-"}`
        : "-",
      `${exponent(r.growth?.translateVerify)} / ${exponent(r.growth?.equivalence)}`,
      r.loadAverage.join(" "),
      String(r.calibrationMs),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log(line(header));
  for (const row of table) console.log(line(row));
  console.log(
    `Each figure a single cold process (seed ${seed}); ✓/✗ against issue 18's targets. T+V = translate + verify (round trip); exact eq. = NSX compile + exact check; RSS of the two processes; equivalent = round trip / exact check (except findings for translated shapes). Load = 1/5/15-minute load average before the size; calib. = a fixed loop (lower = quicker machine). ${report.machine.cpus} CPUs, ${report.machine.model}, Node ${report.machine.node}. Written to bench-results/latest.json.`,
  );
}
