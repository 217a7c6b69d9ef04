/**
 * `parity verify FILES... --k8s DIR [--json]`: the round trip on its own — NSX exports vs a directory of
 * manifests (e.g. a translation output someone edited). Findings are read from DIR/findings.json when
 * present. The first line is the verdict in the words of src/audit/verdict.ts ("equivalent", "equivalent except N
 * accounted differences (M findings)", "not equivalent (K unexplained differences)"); `--json` adds it as `verdict`.
 * Exit 0: equivalent, or equivalent except accounted differences; 1: unexplained differences; 2: bad input.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { countsOfRoundTrip, verdictJson, verdictOf } from "../../audit/verdict.ts";
import { verifyTranslation } from "../../translate/index.ts";
import { importOrThrow } from "./translate.ts";

function readManifestDir(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/i.test(entry.name) && entry.name !== "findings.json" && !/^kustomization\.ya?ml$/i.test(entry.name))
        out.push({ file: path.relative(dir, full), text: readFileSync(full, "utf8") });
    }
  };
  walk(dir);
  return out;
}

export function registerVerifyCommand(program: Command): void {
  program
    .command("verify")
    .description("Prove NSX exports and Kubernetes manifests allow the same traffic (except listed findings)")
    .argument("<files...>", "NSX / vCenter export files")
    .requiredOption("--k8s <dir>", "directory of manifests (a translation output)")
    .option("--findings <file>", "findings JSON (default: <dir>/findings.json)")
    .option("--report <file>", "JSON report path (default: <dir>.verify.json)")
    .option("--json", "print one JSON object {verdict, equivalent, differences, findings, ...}")
    .action((paths: string[], options: { k8s: string; findings?: string; report?: string; json?: boolean }) => {
      let result;
      try {
        if (!existsSync(options.k8s) || !statSync(options.k8s).isDirectory()) throw new Error(`${options.k8s}: not a directory`);
        const estate = importOrThrow(paths);
        const findingsFile = options.findings ?? path.join(options.k8s, "findings.json");
        const findings = existsSync(findingsFile) ? (JSON.parse(readFileSync(findingsFile, "utf8")) as unknown[]) : [];
        result = verifyTranslation(estate, readManifestDir(options.k8s), findings);
      } catch (error) {
        if (options.json)
          process.stdout.write(
            `${JSON.stringify({
              verdict: verdictJson(verdictOf({ verified: false, reason: error instanceof Error ? error.message : String(error) })),
              equivalent: false,
              differences: [],
              findings: [],
              error: error instanceof Error ? error.message : String(error),
            })}\n`,
          );
        else console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 2;
        return;
      }
      const reportPath = options.report ?? `${options.k8s.replace(/[\\/]+$/, "")}.verify.json`;
      const verdict = verdictOf(countsOfRoundTrip(result));
      // `family`: what was compared, so the figures are read beside the round trip's (also IPv4).
      const output = { verdict: verdictJson(verdict), ...result, family: 4 };
      writeFileSync(reportPath, `${JSON.stringify(output, null, 2)}\n`);
      if (options.json) process.stdout.write(`${JSON.stringify(output)}\n`);
      else {
        console.log(verdict.sentence);
        console.log(
          `  IPv4 (the cluster network's family, as the translation's round trip): ${result.stats.pairsCompared} pairs compared over ${result.stats.vmCells} VM cells and ${result.stats.externalBlocks} external blocks; ${verdict.accounted.toLocaleString("en-US")} differences accounted for by ${verdict.findings} of the ${result.findings.length} findings`,
        );
        if (result.unmappedVms.length > 0)
          console.log(
            `  ${result.unmappedVms.length} NSX VM(s) have no VirtualMachine in the manifests: ${result.unmappedVms.slice(0, 10).join(", ")}`,
          );
        for (const d of result.differences.slice(0, 20))
          console.log(
            `  ${d.src} -> ${d.dst}: NSX ${d.nsx} | K8s ${d.k8s}${d.lost !== "No Connections" ? ` | lost ${d.lost}` : ""}${d.added !== "No Connections" ? ` | added ${d.added}` : ""}`,
          );
        console.log(`  report: ${reportPath}`);
      }
      process.exitCode = result.equivalent ? 0 : 1;
    });
}
