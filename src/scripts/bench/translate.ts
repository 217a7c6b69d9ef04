/**
 * The translation bench, run by `npm run bench` after the equivalence sizes: translate + verify (the round
 * trip) of the seeded synthetic estate, each size in its own process (src/scripts/profile-translate.ts) so peak
 * RSS is its own. Target (issue 5): 3,200 rules × 5,000 VMs ≤ 3 s. Prints a table (or nothing with --json) and
 * writes bench-results/translate.json. Options: --translate-sizes 3200x5000,800x1250; --seed N.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const TARGETS_MS: Record<string, number> = { "3200x5000": 3000 };

interface Figures {
  estate: string;
  compile: { wallMs: number; cpuMs: number };
  translate: { wallMs: number; cpuMs: number };
  verify: { wallMs: number; cpuMs: number };
  translateVerifyWallMs: number;
  translateVerifyCpuMs: number;
  peakRssMb: number;
  summary: { translationClasses: number; networkPolicies: number; networkPolicyRules: number; adminNetworkPolicies: number };
  verification: { equivalent: boolean; differences: number };
}

export function benchTranslate(options: { root: string; seed: number; json: boolean; sizes?: string }): void {
  const sizes = (options.sizes ?? "3200x5000").split(",");
  const results: (Figures & { targetMs?: number; targetMet?: boolean })[] = [];
  for (const size of sizes) {
    if (!options.json) process.stderr.write(`translate + verify ${size.replace("x", " rules × ")} VMs ...\n`);
    const child = spawnSync(process.execPath, ["--import", "tsx", path.join(options.root, "src/scripts/profile-translate.ts"), size, "--seed", String(options.seed), "--json"], {
      cwd: options.root,
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) {
      process.stderr.write(child.stderr);
      throw new Error(`translate bench ${size} failed (exit ${child.status})`);
    }
    const figures = JSON.parse(child.stdout.trim().split("\n").pop()!) as Figures;
    const targetMs = TARGETS_MS[size];
    results.push({ ...figures, ...(targetMs ? { targetMs, targetMet: figures.translateVerifyWallMs <= targetMs } : {}) });
  }
  const report = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    seed: options.seed,
    wallMeaning: "translateEstate + verifyTranslation of the translator's own objects (generation and NSX compile excluded, compile reported)",
    sizes: results,
  };
  mkdirSync(path.join(options.root, "bench-results"), { recursive: true });
  writeFileSync(path.join(options.root, "bench-results/translate.json"), `${JSON.stringify(report, null, 2)}\n`);
  if (options.json) return;
  const header = ["translate", "wall ms", "target", "CPU ms", "translate", "verify", "compile", "peak RSS MB", "classes", "NPs", "NP rules", "equivalent"];
  const rows = results.map((r) => [
    r.estate.replace("x", " × "),
    String(r.translateVerifyWallMs),
    r.targetMs ? `${r.targetMs} ${r.targetMet ? "met" : "MISSED"}` : "-",
    String(r.translateVerifyCpuMs),
    `${r.translate.wallMs}/${r.translate.cpuMs}`,
    `${r.verify.wallMs}/${r.verify.cpuMs}`,
    String(r.compile.wallMs),
    String(r.peakRssMb),
    String(r.summary.translationClasses),
    String(r.summary.networkPolicies),
    String(r.summary.networkPolicyRules),
    String(r.verification.equivalent && r.verification.differences === 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`Translate/verify columns: wall/CPU ms. Load average ${report.machine.loadAverage.join(", ")}. Written to bench-results/translate.json.`);
}
