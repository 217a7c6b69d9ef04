/**
 * `parity scorecard FILES... [--weights FILE] [--ahp FILE] [--seed N] [--json]`: imports the estate exports
 * with the real importer (src/ingest/import-estate.ts), builds the scorecard (src/scorecard) and prints
 * totals, ranks, knock-outs and the sensitivity summary, or one JSON object. Exports CSV/PDF on request.
 */
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import YAML from "yaml";
import { importEstate } from "../../ingest/import-estate.ts";
import { buildScorecard, type TScorecard } from "../../scorecard/scorecard.ts";
import { ZWeightSpec, ZAhpComparison, type TWeightSpec } from "../../scorecard/weights.ts";
import { ZTranslationFinding } from "../../scorecard/estate-coverage.ts";
import { ZGroupMembership } from "../../scorecard/azure-nsg-flattening.ts";
import { membershipFromEngine } from "../../scorecard/engine-membership.ts";
import { ZScoreOverride } from "../../scorecard/scorecard.ts";
import { scorecardToCsv, scoreDetailsToCsv } from "../../scorecard/export/csv.ts";
import { scorecardToPdf } from "../../scorecard/export/pdf.ts";
import { z } from "zod";

interface Options {
  weights?: string;
  ahp?: string;
  seed: string;
  samples: string;
  concentration: string;
  findings?: string;
  membership?: string;
  scores?: string;
  csv?: string;
  detailsCsv?: string;
  pdf?: string;
  json?: boolean;
}

/** JSON or YAML file (YAML is a superset of JSON). */
function readData(file: string): unknown {
  return YAML.parse(fs.readFileSync(file, "utf8"));
}

function parseWith<T>(schema: z.ZodType<T>, file: string): T {
  const result = schema.safeParse(readData(file));
  if (!result.success) throw new Error(`${file}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** --weights: a plain {criterionId: weight} map, or any weight spec ({kind: "direct" | "ahp" | "ahp-hierarchical", ...}). */
function weightsFromFile(file: string): TWeightSpec {
  const data = readData(file);
  if (data && typeof data === "object" && "kind" in data) return parseWith(ZWeightSpec, file);
  return { kind: "direct", weights: parseWith(z.record(z.string(), z.number().min(0)), file) };
}

/** --ahp: a flat comparison ({items, matrix|judgements}) or a hierarchical one ({groups, within}). */
function ahpFromFile(file: string): TWeightSpec {
  const data = readData(file);
  if (data && typeof data === "object" && "kind" in data) return parseWith(ZWeightSpec, file);
  if (data && typeof data === "object" && "groups" in data) {
    const result = ZWeightSpec.safeParse({ kind: "ahp-hierarchical", ...data });
    if (!result.success) throw new Error(`${file}: ${z.prettifyError(result.error)}`);
    return result.data;
  }
  return { kind: "ahp", comparison: parseWith(ZAhpComparison, file) };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function printText(s: TScorecard): void {
  const name = (id: string) => s.platforms.find((p) => p.id === id)?.name ?? id;
  const out: string[] = [];
  out.push(`Scorecard (catalogue ${s.catalogueVersion}, weights: ${s.weights.method})`);
  for (const a of s.weights.ahp) out.push(`  AHP ${a.label}: λmax=${a.lambdaMax.toFixed(4)} CI=${a.ci.toFixed(4)} CR=${a.cr.toFixed(4)}`);
  out.push("", "Rank  Total  P(rank 1)  Platform");
  const sorted = [...s.results].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99) || b.total - a.total);
  for (const r of sorted)
    out.push(
      `${String(r.rank ?? "-").padEnd(5)} ${r.total.toFixed(3)}  ${pct(s.monteCarlo.probabilityTop[r.platform] ?? 0).padStart(8)}   ${name(r.platform)}${r.excluded ? "  (EXCLUDED by knock-out)" : ""}`,
    );
  out.push("", "Knock-outs:");
  if (s.knockOuts.length === 0) out.push("  none");
  for (const k of s.knockOuts)
    out.push(
      `  ${name(k.platform)} — ${k.criterionId}${k.score !== undefined ? ` (score ${k.score.toFixed(2)} < ${k.minScore})` : ""}: ${k.reason}`,
    );
  const flip = s.sensitivity.rankFlip;
  out.push("", "Sensitivity:");
  out.push(
    flip.mostSensitive
      ? `  Smallest weight change that changes the leader (${flip.top}): ${flip.mostSensitive.direction} ${flip.mostSensitive.criterion} from ${(flip.mostSensitive.flip.weight - flip.mostSensitive.flip.change).toFixed(4)} to ${flip.mostSensitive.flip.weight.toFixed(4)} → ${flip.mostSensitive.flip.newTop}`
      : `  No single weight change flips the leader (${flip.top ?? "none"}).`,
  );
  const changed = s.sensitivity.oneAtATime.cases.filter((c) => c.topChanged);
  out.push(
    `  One-at-a-time ±${Math.round(s.sensitivity.oneAtATime.step * 100)} %: ${changed.length === 0 ? "leader unchanged in every case" : changed.map((c) => `${c.criterion} ${c.direction} → ${c.top.join("/")}`).join("; ")}`,
  );
  out.push(`  Monte Carlo: N=${s.monteCarlo.samples}, seed=${s.monteCarlo.seed}, Dirichlet α = ${s.monteCarlo.concentration}·w`);
  if (s.estateCoverage) {
    const e = s.estateCoverage;
    out.push("", `Estate coverage ("${e.estate}": ${e.enabledRules} enabled, ${e.disabledRules} disabled rules):`);
    for (const p of e.platforms) {
      out.push(`  ${name(p.platform)}: ${p.expressible}/${p.rules} (${pct(p.share)}) — ${p.basisLabel}`);
      for (const n of p.notes) out.push(`      ${n}`);
    }
    if (Object.keys(e.findingsBySeverity).length) out.push(`  Translation findings by severity: ${JSON.stringify(e.findingsBySeverity)}`);
  }
  if (s.notes.length) out.push("", "Notes:", ...s.notes.map((n) => `  ${n}`));
  console.log(out.join("\n"));
}

export function registerScorecardCommand(program: Command): void {
  program
    .command("scorecard")
    .description("Score VMware NSX, OVE, Azure Local and Swisscom ESC against the criteria catalogue and the estate's own rules")
    .argument("[files...]", "estate exports (any format the importer accepts; ZIPs included)")
    .option("--weights <file>", "weights: {criterionId: weight} or a weight spec (JSON/YAML)")
    .option("--ahp <file>", "AHP pairwise comparisons: {items, matrix|judgements} or {groups, within}")
    .option("--seed <n>", "Monte Carlo seed", "1")
    .option("--samples <n>", "Monte Carlo draws", "10000")
    .option("--concentration <k>", "Dirichlet concentration k (α = k·w)", "100")
    .option("--findings <file>", "translation findings [{ruleId, severity, kind}] for OVE coverage")
    .option(
      "--membership <file>",
      "group membership {groupPath: {ips: [...]}} for Azure NSG flattening (default: resolved by the policy engine from the estate)",
    )
    .option("--scores <file>", "score overrides [{criterionId, platform, score, rationale, evidence, date, author}]")
    .option("--csv <file>", "write the score table as CSV")
    .option("--details-csv <file>", "write scores with rationale and sources as CSV")
    .option("--pdf <file>", "write a PDF report")
    .option("--json", "print one JSON object")
    .action(async (files: string[], opts: Options) => {
      if (opts.weights && opts.ahp) throw new Error("Give either --weights or --ahp, not both.");
      let estate;
      if (files.length > 0) {
        const result = importEstate(files.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) })));
        if (!result.ok) {
          for (const e of result.errors) console.error(`${e.file} ${e.where}: ${e.message}`);
          process.exitCode = 1;
          return;
        }
        estate = result.estate;
      }
      const scorecard = buildScorecard({
        estate,
        weights: opts.weights ? weightsFromFile(opts.weights) : opts.ahp ? ahpFromFile(opts.ahp) : undefined,
        translationFindings: opts.findings ? parseWith(z.array(ZTranslationFinding), opts.findings) : undefined,
        membership: opts.membership
          ? parseWith(ZGroupMembership, opts.membership)
          : estate
            ? membershipFromEngine(estate).membership
            : undefined,
        scoreOverrides: opts.scores ? parseWith(z.array(ZScoreOverride), opts.scores) : undefined,
        monteCarlo: { seed: Number(opts.seed), samples: Number(opts.samples), concentration: Number(opts.concentration) },
      });
      if (opts.csv) fs.writeFileSync(opts.csv, scorecardToCsv(scorecard));
      if (opts.detailsCsv) fs.writeFileSync(opts.detailsCsv, scoreDetailsToCsv(scorecard));
      if (opts.pdf) fs.writeFileSync(opts.pdf, await scorecardToPdf(scorecard));
      if (opts.json) console.log(JSON.stringify(scorecard, null, 2));
      else printText(scorecard);
    });
}
