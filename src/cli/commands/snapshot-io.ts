/** File and console helpers shared by the `parity snapshot …` commands. */
import fs from "node:fs";
import path from "node:path";
import type { TCheck } from "../../audit/check.ts";

export function printChecks(checks: TCheck[]): void {
  for (const c of checks) console.log(`  ${c.ok ? (c.skipped ? "SKIP" : "ok  ") : "FAIL"}  ${c.name}: ${c.detail}`);
}

/** YAML files under `dir` (relative POSIX paths → text); `withJson` also keeps other text files (findings.json, README). */
export function readManifestDir(dir: string, withJson = false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(e.name) || (withJson && /\.(json|md)$/i.test(e.name)))
        out[path.relative(dir, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}
