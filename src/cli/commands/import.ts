/**
 * `parity import FILES... [--json]`: reads the files, runs the pure import pipeline and prints the report.
 * Progress goes to stderr; exit code 2 when the input is refused.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import type { Command } from "commander";
import { importEstate } from "../../ingest/import-estate.ts";
import { formatReport } from "../../ingest/report.ts";
import type { ImportFile, ImportProgress } from "../../ingest/types.ts";

function readInputs(paths: string[]): { files: ImportFile[]; errors: { file: string; where: string; message: string }[] } {
  const files: ImportFile[] = [];
  const errors: { file: string; where: string; message: string }[] = [];
  for (const path of paths) {
    try {
      if (!statSync(path).isFile()) throw new Error("not a regular file");
      const buffer = readFileSync(path);
      files.push({ name: path, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) });
    } catch (error) {
      errors.push({ file: path, where: "/", message: `cannot read: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return { files, errors };
}

function progressPrinter(): (p: ImportProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.phase !== "resolve") return;
    last = now;
    const mb = (n: number) => (n / 1e6).toFixed(1);
    process.stderr.write(`[${p.phase}] ${mb(p.bytesDone)}/${mb(p.bytesTotal)} MB, ${p.objects} objects${p.file ? `  ${p.file}` : ""}\n`);
  };
}

export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description("Import NSX / vCenter exports (any supported format, or ZIPs of them) and print the import report")
    .argument("<files...>", "export files: NSX-T JSON, NSX-V XML, CSV, RVTools CSV/XLSX, vSphere/PowerCLI/govc tags, ZIP")
    .option("--json", "print the report as one JSON object")
    .option("--estate <file>", "also write the imported estate as JSON to this file")
    .action(async (paths: string[], options: { json?: boolean; estate?: string }) => {
      const { files, errors: readErrors } = readInputs(paths);
      const started = Date.now();
      const result =
        readErrors.length > 0
          ? undefined
          : importEstate(
              files,
              { sha256: (bytes) => createHash("sha256").update(bytes).digest("hex") },
              options.json ? undefined : progressPrinter(),
            );
      const elapsedMs = Date.now() - started;
      const report = result?.report;
      const errors = readErrors.length > 0 ? readErrors : result!.ok ? [] : result!.errors;
      if (options.json) {
        process.stdout.write(
          JSON.stringify(
            {
              ok: errors.length === 0,
              counts: report?.counts ?? null,
              errors,
              unresolved: report?.unresolved ?? [],
              warnings: report?.warnings ?? [],
              builtInServicesUsed: report?.builtInServicesUsed ?? [],
              defaultAction: report?.defaultAction ?? null,
              files: report?.files ?? [],
              elapsedMs,
            },
            null,
            2,
          ) + "\n",
        );
      } else if (report) {
        process.stdout.write(formatReport(report, result!.ok) + `\n\nElapsed: ${elapsedMs} ms\n`);
      } else {
        for (const e of readErrors) process.stderr.write(`${e.file}: ${e.message}\n`);
      }
      if (result?.ok && options.estate) {
        const { writeFileSync } = await import("node:fs");
        writeFileSync(options.estate, JSON.stringify(result.estate, null, 1));
      }
      if (errors.length > 0) process.exitCode = 2;
    });
}
