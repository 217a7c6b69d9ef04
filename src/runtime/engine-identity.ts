/**
 * The engine identity a snapshot freezes: Parity's package version plus a digest of the engine's semantics,
 * i.e. of the source text of every src/policy/**\/*.ts file (the one exact engine that computes group
 * membership, connectivity and equivalence). Two installations with the same digest compute the same results.
 *
 * Digest definition (reproducible by hand with sha256sum):
 *   for each file, sorted by its path relative to src/policy (POSIX separators):
 *       line = "<sha256 of the file's bytes, hex>  <relative path>\n"      (sha256sum's output format)
 *   semanticsDigest = "sha256:" + hex SHA-256 of the concatenated lines
 * i.e. `cd src/policy && find . -name '*.ts' | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum`.
 *
 * Computed once per process on first use, from the source tree of the running installation (`next start` and
 * the worker run from the repository). Where the sources are absent (a trimmed deployment), the engine part
 * of a snapshot is sealed as not provided, with that reason, instead of inventing a digest.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type TEngineIdentity = { ok: true; version: string; semanticsDigest: string; files: number } | { ok: false; reason: string };

let cached: TEngineIdentity | undefined;

function listTs(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(full, base));
    else if (entry.isFile() && entry.name.endsWith(".ts")) out.push(path.relative(base, full).split(path.sep).join("/"));
  }
  return out;
}

export function computeEngineIdentity(root: string): TEngineIdentity {
  const policyDir = path.join(root, "src/policy");
  const packageJson = path.join(root, "package.json");
  if (!fs.existsSync(policyDir) || !fs.existsSync(packageJson)) {
    return {
      ok: false,
      reason: `engine sources (src/policy) or package.json not found under ${root}; the semantics digest cannot be computed`,
    };
  }
  const version = (JSON.parse(fs.readFileSync(packageJson, "utf8")) as { version?: string }).version;
  if (!version) return { ok: false, reason: "package.json has no version" };
  // Byte order (LC_ALL=C), like the shell recipe above.
  const files = listTs(policyDir).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (files.length === 0) return { ok: false, reason: "src/policy contains no .ts files" };
  const lines = files
    .map(
      (rel) =>
        `${crypto
          .createHash("sha256")
          .update(fs.readFileSync(path.join(policyDir, rel)))
          .digest("hex")}  ${rel}\n`,
    )
    .join("");
  return { ok: true, version, semanticsDigest: `sha256:${crypto.createHash("sha256").update(lines).digest("hex")}`, files: files.length };
}

export function engineIdentity(): TEngineIdentity {
  cached ??= computeEngineIdentity(process.cwd());
  return cached;
}
