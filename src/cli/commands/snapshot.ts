/**
 * `parity snapshot create FILES... --out BUNDLE.zip --key KEY.pem [--k8s DIR] [--previous BUNDLE.zip]`
 * `parity snapshot verify BUNDLE.zip [--pubkey FILE] [--previous-root HEX|none]`
 * `parity snapshot keygen --private FILE --public FILE`
 * Reads files and keys, calls src/audit (pure) and prints. What the pipeline cannot produce here yet
 * (translation, equivalence proof, lint, engine digest) is sealed as "not provided", never invented.
 */
import { snapshotVerdict } from "../../audit/report/summary.ts";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { webcrypto } from "node:crypto";
import type { Command } from "commander";
import { importEstate } from "../../ingest/import-estate.ts";
import { sha256Hex } from "../../audit/hash.ts";
import { generateKeyPair, importPublicKeyPem, privateKeyToPem, publicKeyToPem } from "../../audit/keys.ts";
import { signerFromPrivateKeyPem } from "../../audit/signer.ts";
import { buildSnapshot } from "../../audit/snapshot.ts";
import { createBundle } from "../../audit/bundle.ts";
import { verifyBundle } from "../../audit/verify.ts";
import { renderReportPdf } from "../../audit/report/pdf.ts";
import { notProvided, provided, type TSnapshotParts } from "../../audit/snapshot-model.ts";
import type { TCheck } from "../../audit/check.ts";

const NOT_CONNECTED = "translation and equivalence verification are not yet connected to `parity snapshot create`";

function printChecks(checks: TCheck[]): void {
  for (const c of checks) console.log(`  ${c.ok ? (c.skipped ? "SKIP" : "ok  ") : "FAIL"}  ${c.name}: ${c.detail}`);
}

function readManifests(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(e.name)) out[path.relative(dir, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}

interface CreateOptions {
  out: string;
  key: string;
  k8s?: string;
  previous?: string;
  estateId?: string;
  estateName?: string;
  createdBy?: string;
  report: boolean;
}

async function create(files: string[], o: CreateOptions): Promise<number> {
  const signer = signerFromPrivateKeyPem(fs.readFileSync(o.key, "utf8"));
  const raw = files.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) }));

  const imported = importEstate(raw, { name: o.estateName });
  const byName = new Map(imported.provenance.map((p) => [p.name, p]));
  const inputs: TSnapshotParts["inputs"] = {
    files: raw.map((f) => {
      const p = byName.get(f.name);
      return {
        name: f.name,
        sha256: sha256Hex(f.bytes),
        size: f.bytes.length,
        format: p?.format ?? "unknown",
        // The importer is all-or-nothing: on success everything it counted was imported.
        counts: imported.ok && p ? Object.entries(p.counts).map(([kind, n]) => ({ kind, imported: n ?? 0, total: n ?? 0 })) : [],
      };
    }),
  };
  const importFailure = imported.ok
    ? ""
    : `import failed: ${imported.errors
        .slice(0, 3)
        .map((e) => `${e.file} ${e.where}: ${e.message}`)
        .join("; ")}`;
  if (!imported.ok) console.error(`warning: ${importFailure} (sealing the raw inputs only)`);

  const manifests = o.k8s ? readManifests(o.k8s) : undefined;
  const parts: TSnapshotParts = {
    inputs,
    // Resolved rule membership needs the engine's resolver wired in; until then the map is empty and
    // the rule table prints "not provided" per rule.
    policy: imported.ok ? provided({ estate: imported.estate, ruleMembership: {} }) : notProvided(importFailure),
    mappingProfile: notProvided(NOT_CONNECTED),
    manifests: manifests ? provided(manifests) : notProvided("no --k8s directory given"),
    equivalence: notProvided(NOT_CONNECTED),
    lint: notProvided(NOT_CONNECTED),
    engine: notProvided(NOT_CONNECTED),
  };

  let previousRoot: string | null = null;
  let sequence = 1;
  if (o.previous) {
    const prev = verifyBundle(new Uint8Array(fs.readFileSync(o.previous)), { trustedPublicKeyPem: signer.publicKeyPem });
    if (!prev.ok || !prev.merkleRoot || prev.sequence === undefined) {
      console.error(`previous bundle ${o.previous} does not verify with this key:`);
      printChecks(prev.checks.filter((c) => !c.ok));
      return 1;
    }
    previousRoot = prev.merkleRoot;
    sequence = prev.sequence + 1;
  }
  const estateName = o.estateName ?? (imported.ok ? imported.estate.name : raw[0].name);
  const sealed = buildSnapshot(
    parts,
    {
      estateId:
        o.estateId ??
        (estateName
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "") ||
          "estate"),
      estateName,
      createdBy: o.createdBy ?? process.env.PARITY_USER ?? os.userInfo().username,
      createdAt: new Date().toISOString(),
      previousRoot,
      sequence,
    },
    signer,
  );
  const reportPdf = o.report ? await renderReportPdf({ sealed, approvals: [] }) : undefined;
  fs.writeFileSync(o.out, createBundle(sealed, { signer, reportPdf }));
  console.log(`wrote ${o.out}: ${sealed.meta.estateName} #${sequence}, merkle root ${sealed.merkleRoot}, key id ${sealed.keyId}`);
  console.log(`  verdict: ${snapshotVerdict(sealed.parts).sentence}`);
  return 0;
}

function verify(bundle: string, o: { pubkey?: string; previousRoot?: string }): number {
  let previousRoot: string | null | undefined;
  if (o.previousRoot !== undefined) previousRoot = o.previousRoot.toLowerCase() === "none" ? null : o.previousRoot.toLowerCase();
  const trusted = o.pubkey ? fs.readFileSync(o.pubkey, "utf8") : undefined;
  if (trusted) importPublicKeyPem(trusted); // a typo'd key file is a usage error, not a failed bundle
  const r = verifyBundle(new Uint8Array(fs.readFileSync(bundle)), { trustedPublicKeyPem: trusted, previousRoot });
  if (r.ok) {
    console.log(`OK  ${bundle}: ${r.estateName} #${r.sequence}, merkle root ${r.merkleRoot}`);
    if (r.verdict) console.log(`  verdict (signed): ${r.verdict.sentence}`);
    printChecks(r.checks);
    if (!trusted) console.log("  note: the signing key was not pinned; pass --pubkey with the key your bank registered");
    return 0;
  }
  const failed = r.checks.filter((c) => !c.ok);
  console.log(`FAILED  ${bundle}: ${failed.length} check(s) failed`);
  printChecks(failed);
  console.log("all checks:");
  printChecks(r.checks);
  return 1;
}

export function registerSnapshotCommand(program: Command): void {
  const snapshot = program.command("snapshot").description("Signed, hash-chained audit snapshots (evidence bundles)");
  snapshot
    .command("create")
    .description("Seal input files (and manifests) into a signed evidence bundle")
    .argument("<files...>", "raw export files (NSX, vCenter, RVTools, …)")
    .requiredOption("--out <zip>", "bundle to write")
    .requiredOption("--key <pem>", "Ed25519 private key, PKCS#8 PEM (openssl genpkey -algorithm ed25519)")
    .option("--k8s <dir>", "directory of emitted Kubernetes manifests (*.yaml)")
    .option("--previous <zip>", "previous bundle of this estate (chains to its Merkle root)")
    .option("--estate-id <id>")
    .option("--estate-name <name>")
    .option("--created-by <user>", "creator identity (default $PARITY_USER or the OS user)")
    .option("--no-report", "do not render report.pdf")
    .action(async (files: string[], o: CreateOptions) => {
      process.exitCode = await create(files, o);
    });
  snapshot
    .command("verify")
    .description("Verify an evidence bundle offline; prints OK or exactly what fails (exit 0/1)")
    .argument("<bundle>", "bundle ZIP")
    .option("--pubkey <pem>", "trusted Ed25519 public key, SPKI PEM")
    .option("--previous-root <hex>", "Merkle root of the previous snapshot, or 'none' for the first")
    .action((bundle: string, o: { pubkey?: string; previousRoot?: string }) => {
      process.exitCode = verify(bundle, o);
    });
  snapshot
    .command("keygen")
    .description("Generate an Ed25519 key pair (PKCS#8 / SPKI PEM, as OpenSSL writes them)")
    .requiredOption("--private <file>")
    .requiredOption("--public <file>")
    .action((o: { private: string; public: string }) => {
      const pair = generateKeyPair(webcrypto.getRandomValues(new Uint8Array(32)));
      fs.writeFileSync(o.private, privateKeyToPem(pair.privateKey), { mode: 0o600, flag: "wx" });
      fs.writeFileSync(o.public, publicKeyToPem(pair.publicKey), { flag: "wx" });
      console.log(`wrote ${o.private} (keep secret) and ${o.public}`);
    });
}
