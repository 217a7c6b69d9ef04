/**
 * `parity oracle vmware-analyzer DIR`: imports every np-guard vmware-analyzer example (DIR/examples/*.json;
 * DIR may also be the oracles root), computes NSX connectivity and compares it semantically with
 * DIR/expected/<Name>.txt. Examples without an expected table must still import with zero errors.
 */
import type { Command } from "commander";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseCollectorExport } from "../../ingest/collector/parse-collector-export.ts";
import { compileNsx, compareWithVmwareAnalyzer } from "../../policy/index.ts";

export function resolveVmwareAnalyzerDir(dir: string): string {
  for (const candidate of [dir, path.join(dir, "vmware-analyzer")]) {
    const examples = path.join(candidate, "examples");
    if (existsSync(examples) && statSync(examples).isDirectory()) return candidate;
  }
  throw new Error(`No vmware-analyzer examples under ${dir} (expected ${dir}/examples or ${dir}/vmware-analyzer/examples)`);
}

export type VmwareCaseResult =
  | { name: string; status: "PASS"; detail: string }
  | { name: string; status: "FAIL"; detail: string }
  | { name: string; status: "IMPORTED"; detail: string }
  | { name: string; status: "OUT-OF-SCOPE"; detail: string };

export function listVmwareAnalyzerExamples(dir: string): string[] {
  return readdirSync(path.join(dir, "examples"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

export function runVmwareAnalyzerCase(dir: string, name: string): VmwareCaseResult {
  const file = path.join(dir, "examples", `${name}.json`);
  const { estate, errors } = parseCollectorExport(readFileSync(file, "utf8"), `${name}.json`);
  if (errors.length > 0) {
    return { name, status: "FAIL", detail: `${errors.length} import error(s), first: ${errors[0].where}: ${errors[0].message}` };
  }
  const expectedFile = path.join(dir, "expected", `${name}.txt`);
  if (!existsSync(expectedFile))
    return { name, status: "IMPORTED", detail: `${estate.vms.length} VMs, ${estate.policies.length} policies, 0 import errors` };
  try {
    const comparison = compareWithVmwareAnalyzer(compileNsx(estate), readFileSync(expectedFile, "utf8"));
    return comparison.ok
      ? { name, status: "PASS", detail: `${comparison.pairsCompared} pairs` }
      : { name, status: "FAIL", detail: comparison.difference };
  } catch (error) {
    return { name, status: "FAIL", detail: `error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function registerOracleVmwareCommand(program: Command): void {
  const oracle =
    program.commands.find((c) => c.name() === "oracle") ??
    program.command("oracle").description("Compare the engine with external oracles");
  oracle
    .command("vmware-analyzer")
    .description("Compare NSX connectivity with vmware-analyzer's expected tables")
    .argument("<dir>", "vmware-analyzer oracle directory (with examples/ and expected/) or the oracles root")
    .option("--case <name>", "run only this example")
    .action((dirArgument: string, options: { case?: string }) => {
      const dir = resolveVmwareAnalyzerDir(dirArgument);
      const names = options.case ? [options.case] : listVmwareAnalyzerExamples(dir);
      let passed = 0;
      let failed = 0;
      for (const name of names) {
        const result = runVmwareAnalyzerCase(dir, name);
        if (result.status === "PASS") passed++;
        if (result.status === "FAIL") failed++;
        console.log(`${result.status} ${name}${result.status === "PASS" ? "" : `: ${result.detail}`}`);
      }
      console.log(`${passed} passed, ${failed} failed`);
      if (failed > 0) process.exitCode = 1;
    });
}
