/**
 * The translation bench, run by `npm run bench` after the equivalence sizes: translate + verify (the round
 * trip) of the seeded synthetic estate, each size in its own process (src/scripts/profile-translate.ts) so peak
 * RSS is its own. Target (issue 5): 3,200 rules × 5,000 VMs ≤ 3 s. Each size runs `runs` times in a fresh process
 * ("cold": module load excluded, JIT not warmed) and `runs` times in a process that has first translated and
 * verified another estate of the same size ("warm": the job worker's steady state); medians are reported, with
 * the range, because this 2-core machine's speed drifts by tens of percent between minutes. A fixed CPU loop is
 * timed before each size so a reader can tell a slow minute from a slow change. Prints a table (or nothing
 * with --json) and writes bench-results/translate.json. Options: --translate-sizes 3200x5000,800x1250; --seed N;
 * --translate-runs N (default 3).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ENGINE_NODE_FLAGS } from "../lib/engine-node-flags.ts";

const TARGETS_MS: Record<string, number> = { "3200x5000": 3000 };

interface Figures {
  estate: string;
  warm: boolean;
  compile: { wallMs: number; cpuMs: number };
  translate: { wallMs: number; cpuMs: number };
  verify: { wallMs: number; cpuMs: number };
  translateVerifyWallMs: number;
  translateVerifyCpuMs: number;
  peakRssMb: number;
  summary: { translationClasses: number; networkPolicies: number; networkPolicyRules: number; adminNetworkPolicies: number };
  verification: { equivalent: boolean; differences: number };
}

/** Milliseconds for a fixed integer loop: the machine's speed at the moment, to compare runs taken minutes apart. */
export function calibrationMs(): number {
  let x = 0;
  const start = performance.now();
  for (let i = 0; i < 3e8; i++) x += i % 7;
  if (x < 0) throw new Error("unreachable");
  return Math.round(performance.now() - start);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function runChild(root: string, size: string, seed: number, warm: boolean): Figures {
  const args = [
    ...ENGINE_NODE_FLAGS,
    "--import",
    "tsx",
    path.join(root, "src/scripts/profile-translate.ts"),
    size,
    "--seed",
    String(seed),
    "--json",
    ...(warm ? ["--warm"] : []),
  ];
  const child = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    throw new Error(`translate bench ${size} failed (exit ${child.status})`);
  }
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as Figures;
}

interface SizeResult extends Figures {
  runs: number;
  coldWallMs: { median: number; min: number; max: number };
  warmWallMs: { median: number; min: number; max: number };
  calibrationMs: number;
  targetMs?: number;
  targetMet?: { cold: boolean; warm: boolean };
}

export function benchTranslate(options: { root: string; seed: number; json: boolean; sizes?: string; runs?: number }): void {
  const sizes = (options.sizes ?? "3200x5000").split(",");
  const runs = Math.max(1, options.runs ?? 3);
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const calibration = calibrationMs();
    const cold: Figures[] = [];
    const warm: Figures[] = [];
    for (let i = 0; i < runs; i++) {
      if (!options.json)
        process.stderr.write(`translate + verify ${size.replace("x", " rules × ")} VMs, run ${i + 1}/${runs} (cold, then warm) ...\n`);
      cold.push(runChild(options.root, size, options.seed, false));
      warm.push(runChild(options.root, size, options.seed, true));
    }
    const range = (list: Figures[]) => {
      const walls = list.map((f) => f.translateVerifyWallMs);
      return { median: median(walls), min: Math.min(...walls), max: Math.max(...walls) };
    };
    // The run whose wall time is the median stands for the size (its components and CPU are reported).
    const coldRange = range(cold);
    const representative = cold.find((f) => f.translateVerifyWallMs === coldRange.median)!;
    const targetMs = TARGETS_MS[size];
    const warmRange = range(warm);
    results.push({
      ...representative,
      runs,
      coldWallMs: coldRange,
      warmWallMs: warmRange,
      calibrationMs: calibration,
      ...(targetMs ? { targetMs, targetMet: { cold: coldRange.median <= targetMs, warm: warmRange.median <= targetMs } } : {}),
    });
  }
  const report = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? "unknown",
      node: process.version,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    seed: options.seed,
    wallMeaning:
      "translateEstate + verifyTranslation of the translator's own objects (generation and NSX compile excluded, compile reported); cold = fresh process, warm = after another estate of the same size; medians of `runs`",
    sizes: results,
  };
  mkdirSync(path.join(options.root, "bench-results"), { recursive: true });
  writeFileSync(path.join(options.root, "bench-results/translate.json"), `${JSON.stringify(report, null, 2)}\n`);
  if (options.json) return;
  const header = [
    "translate",
    "cold wall ms (median, range)",
    "warm wall ms",
    "target",
    "CPU ms",
    "translate",
    "verify",
    "compile",
    "peak RSS MB",
    "classes",
    "NPs",
    "NP rules",
    "equivalent",
    "calibration ms",
  ];
  const rows = results.map((r) => [
    r.estate.replace("x", " × "),
    `${r.coldWallMs.median} (${r.coldWallMs.min}–${r.coldWallMs.max})`,
    `${r.warmWallMs.median} (${r.warmWallMs.min}–${r.warmWallMs.max})`,
    r.targetMs ? `${r.targetMs}: cold ${r.targetMet!.cold ? "met" : "MISSED"}, warm ${r.targetMet!.warm ? "met" : "MISSED"}` : "-",
    String(r.translateVerifyCpuMs),
    `${r.translate.wallMs}/${r.translate.cpuMs}`,
    `${r.verify.wallMs}/${r.verify.cpuMs}`,
    String(r.compile.wallMs),
    String(r.peakRssMb),
    String(r.summary.translationClasses),
    String(r.summary.networkPolicies),
    String(r.summary.networkPolicyRules),
    String(r.verification.equivalent && r.verification.differences === 0),
    String(r.calibrationMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    `${runs} cold + ${runs} warm runs per size. CPU and the translate/verify columns (wall/CPU ms) are the median cold run's. Calibration: a fixed integer loop timed just before (lower = a quicker machine at that moment). Load average ${report.machine.loadAverage.join(", ")}. Written to bench-results/translate.json.`,
  );
}
