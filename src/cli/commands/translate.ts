/**
 * `parity translate FILES... --out DIR|FILE.zip [--api v1alpha1|v1alpha2] [--profile FILE]`: imports the NSX
 * exports, translates them, checks the round trip at once, writes the manifests (directory or ZIP) plus a
 * JSON report, and prints a summary with the verdict in the words of src/audit/verdict.ts. Exit 0: equivalent, or
 * equivalent except accounted differences; 1: unexplained differences;
 * 2: bad input.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { zipSync, strToU8 } from "fflate";
import { countsOfRoundTrip, verdictJson, verdictOf } from "../../audit/verdict.ts";
import { importEstate } from "../../ingest/import-estate.ts";
import type { ImportFile } from "../../ingest/types.ts";
import { translateEstate, verifyOwnTranslation, type ApiVersion } from "../../translate/index.ts";
import type { NsxEstate } from "../../policy/index.ts";

export function readImportFiles(paths: readonly string[]): ImportFile[] {
  return paths.map((p) => {
    if (!statSync(p).isFile()) throw new Error(`${p}: not a regular file`);
    const buffer = readFileSync(p);
    return { name: p, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
  });
}

/** Imports the files or throws an Error listing the import errors (exit code 2 at the caller). */
export function importOrThrow(paths: readonly string[]): NsxEstate {
  const result = importEstate(readImportFiles(paths), { sha256: (bytes) => createHash("sha256").update(bytes).digest("hex") });
  if (!result.ok)
    throw new Error(
      `import failed:\n${result.errors
        .slice(0, 20)
        .map((e) => `  ${e.file} ${e.where}: ${e.message}`)
        .join("\n")}`,
    );
  return result.estate;
}

export function writeOutput(out: string, files: Record<string, string>): void {
  if (out.toLowerCase().endsWith(".zip")) {
    // Fixed timestamps so the same input gives a byte-identical archive.
    const entries = Object.fromEntries(
      Object.entries(files).map(([p, text]) => [p, [strToU8(text), { mtime: new Date("2000-01-01T00:00:00Z") }] as const]),
    );
    writeFileSync(out, zipSync(entries as Parameters<typeof zipSync>[0], { level: 6 }));
    return;
  }
  rmSync(out, { recursive: true, force: true });
  for (const [p, text] of Object.entries(files)) {
    const target = path.join(out, p);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

export function registerTranslateCommand(program: Command): void {
  program
    .command("translate")
    .description(
      "Translate NSX DFW exports into AdminNetworkPolicy / NetworkPolicy / BaselineAdminNetworkPolicy (or ClusterNetworkPolicy) manifests, verified",
    )
    .argument("<files...>", "NSX / vCenter export files (any format `parity import` reads, or ZIPs)")
    .requiredOption("--out <dir|file.zip>", "output directory (replaced) or .zip file")
    .option("--api <version>", "v1alpha1 (ANP/BANP, OVN-Kubernetes today) or v1alpha2 (ClusterNetworkPolicy)", "v1alpha1")
    .option("--profile <file>", "mapping profile (JSON or YAML); defaults fill what it omits")
    .option("--report <file>", "JSON report path (default: <out>.report.json)")
    .option("--json", "print the report as JSON instead of a summary")
    .action(async (paths: string[], options: { out: string; api: string; profile?: string; report?: string; json?: boolean }) => {
      if (options.api !== "v1alpha1" && options.api !== "v1alpha2")
        throw new Error(`--api must be v1alpha1 or v1alpha2 (got ${options.api})`);
      let estate: NsxEstate;
      let profile: unknown;
      try {
        estate = importOrThrow(paths);
        if (options.profile) {
          const { parse } = await import("yaml");
          profile = parse(readFileSync(options.profile, "utf8"));
        }
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 2;
        return;
      }
      let result;
      try {
        result = translateEstate(estate, profile, { api: options.api as ApiVersion });
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 2;
        return;
      }
      // The round trip reads the emitted objects directly (the files are their YAML); `parity verify --k8s DIR` reads files.
      const verification = verifyOwnTranslation(estate, result);
      writeOutput(options.out, result.files);
      const verdict = verdictOf(countsOfRoundTrip(verification));
      const report = {
        verdict: verdictJson(verdict),
        summary: result.summary,
        verification: {
          equivalent: verification.equivalent,
          differences: verification.differences,
          explainedDifferences: verification.explainedDifferences.length,
          unmappedVms: verification.unmappedVms,
          manifestErrors: verification.manifestErrors,
          stats: verification.stats,
        },
        findings: result.findings,
      };
      const reportPath = options.report ?? `${options.out.replace(/[\\/]+$/, "").replace(/\.zip$/i, "")}.report.json`;
      writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
      if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        const s = result.summary;
        console.log(`Translated "${estate.name}" (${options.api}): ${s.vms} VMs in ${s.namespaces} namespaces`);
        console.log(
          `  ${s.adminNetworkPolicies} admin policies (${s.adminRules} rules)${s.baseline ? " + baseline" : ""}, ${s.networkPolicies} NetworkPolicies (${s.networkPolicyRules} rules), ${s.materialisedLabels} materialised labels`,
        );
        console.log(
          `  findings: ${
            Object.entries(s.findings)
              .map(([k, n]) => `${n} ${k}`)
              .join(", ") || "none"
          }`,
        );
        console.log(
          `  round trip: ${verdict.sentence} (IPv4, the cluster network's family: ${verification.stats.pairsCompared} pairs compared)`,
        );
        console.log(`  wrote ${options.out} and ${reportPath}`);
      }
      process.exitCode = verification.equivalent ? 0 : 1;
    });
}
