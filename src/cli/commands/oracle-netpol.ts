/**
 * `parity oracle netpol-analyzer DIR`: runs every netpol-analyzer oracle case (DIR/cases/<case>/input +
 * expected_connlist.txt; DIR may also be the oracles root) through our engine and compares semantically.
 */
import type { Command } from "commander";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { judgeNetpolAnalyzerCase, type OracleVerdict, type ManifestFile } from "../../policy/index.ts";

export function resolveNetpolCasesDir(dir: string): string {
  for (const candidate of [path.join(dir, "cases"), path.join(dir, "netpol-analyzer", "cases")]) {
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
  }
  throw new Error(`No netpol-analyzer cases under ${dir} (expected ${dir}/cases or ${dir}/netpol-analyzer/cases)`);
}

function manifestFilesUnder(dir: string): ManifestFile[] {
  const files: ManifestFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...manifestFilesUnder(full));
    else if (/\.(ya?ml|json)$/i.test(entry.name)) files.push({ file: full, text: readFileSync(full, "utf8") });
  }
  return files;
}

export function listNetpolCases(casesDir: string): string[] {
  return readdirSync(casesDir)
    .filter((name) => existsSync(path.join(casesDir, name, "expected_connlist.txt")))
    .sort();
}

export function runNetpolCase(casesDir: string, name: string): OracleVerdict {
  const caseDir = path.join(casesDir, name);
  try {
    return judgeNetpolAnalyzerCase(
      manifestFilesUnder(path.join(caseDir, "input")),
      readFileSync(path.join(caseDir, "expected_connlist.txt"), "utf8"),
    );
  } catch (error) {
    const detail = `error: ${error instanceof Error ? error.message : String(error)}`;
    return { status: "FAIL", detail, differences: [] };
  }
}

export function registerOracleNetpolCommand(program: Command): void {
  const oracle =
    program.commands.find((c) => c.name() === "oracle") ??
    program.command("oracle").description("Compare the engine with external oracles");
  oracle
    .command("netpol-analyzer")
    .description("Compare Kubernetes connectivity with netpol-analyzer's expected connlists")
    .argument("<dir>", "netpol-analyzer oracle directory (with cases/) or the oracles root")
    .option("--case <name>", "run only this case")
    .option("--verbose", "print every differing pair of failing cases")
    .action((dir: string, options: { case?: string; verbose?: boolean }) => {
      const casesDir = resolveNetpolCasesDir(dir);
      const names = options.case ? [options.case] : listNetpolCases(casesDir);
      let passed = 0;
      let failed = 0;
      let outOfScope = 0;
      for (const name of names) {
        const verdict = runNetpolCase(casesDir, name);
        if (verdict.status === "PASS") {
          passed++;
          console.log(`PASS ${name}`);
        } else if (verdict.status === "FAIL") {
          failed++;
          console.log(`FAIL ${name}: ${verdict.detail}`);
          if (options.verbose)
            for (const d of verdict.differences) console.log(`    ${d.src} => ${d.dst}: ours "${d.ours}" vs expected "${d.expected}"`);
        } else {
          outOfScope++;
          console.log(`OUT-OF-SCOPE ${name}: ${verdict.reason}`);
        }
      }
      console.log(`${passed} passed, ${failed} failed`);
      console.log(`${outOfScope} out of scope`);
      if (failed > 0) process.exitCode = 1;
    });
}
