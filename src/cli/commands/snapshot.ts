/**
 * `parity snapshot create|check-deployed|verify|keygen|rotate-key`: reads files and keys, calls src/audit
 * (pure) and prints. create: snapshot-create.ts; check-deployed: snapshot-check-deployed.ts.
 */
import fs from "node:fs";
import { webcrypto } from "node:crypto";
import type { Command } from "commander";
import { generateKeyPair, importPublicKeyPem, privateKeyToPem, publicKeyToPem } from "../../audit/keys.ts";
import { announceKeyRotation } from "../../audit/key-rotation.ts";
import { signerFromPrivateKeyPem } from "../../audit/signer.ts";
import { verifyBundle } from "../../audit/verify.ts";
import { checkDeployed } from "./snapshot-check-deployed.ts";
import { createSnapshotBundle, type CreateOptions } from "./snapshot-create.ts";
import { printChecks } from "./snapshot-io.ts";

/** Exit code of `verify` when every check passed but no key was pinned (and --allow-unpinned was not given). */
export const EXIT_UNPINNED = 3;

function verify(bundle: string, o: { pubkey?: string; previousRoot?: string; allowUnpinned?: boolean; rotation?: string[] }): number {
  let previousRoot: string | null | undefined;
  if (o.previousRoot !== undefined) previousRoot = o.previousRoot.toLowerCase() === "none" ? null : o.previousRoot.toLowerCase();
  const trusted = o.pubkey ? fs.readFileSync(o.pubkey, "utf8") : undefined;
  if (trusted) importPublicKeyPem(trusted); // a typo'd key file is a usage error, not a failed bundle
  const rotations = (o.rotation ?? []).map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as unknown);
  const r = verifyBundle(new Uint8Array(fs.readFileSync(bundle)), { trustedPublicKeyPem: trusted, previousRoot, rotations });
  if (!r.ok) {
    const failed = r.checks.filter((c) => !c.ok);
    console.log(`FAILED  ${bundle}: ${failed.length} check(s) failed`);
    printChecks(failed);
    console.log("all checks:");
    printChecks(r.checks);
    return 1;
  }
  const status = r.approvalStatus ? `; ${r.approvalStatus.summary}` : "";
  if (!trusted) {
    // Every check passed against the key inside the bundle, which anyone can replace: integrity without authorship.
    console.log(
      `${o.allowUnpinned ? "OK (KEY NOT PINNED)" : "UNPINNED"}  ${bundle}: ${r.estateName} #${r.sequence}, merkle root ${r.merkleRoot}${status}`,
    );
    if (r.verdict) console.log(`  verdict (signed): ${r.verdict.sentence}`);
    printChecks(r.checks);
    console.log(
      "  the signing key was not pinned: the bundle is consistent with the key it carries, which proves nothing about who signed it." +
        " Pass --pubkey with the key your bank registered" +
        (o.allowUnpinned ? "." : `, or --allow-unpinned to accept this (exit ${EXIT_UNPINNED} without it).`),
    );
    return o.allowUnpinned ? 0 : EXIT_UNPINNED;
  }
  console.log(`OK  ${bundle}: ${r.estateName} #${r.sequence}, merkle root ${r.merkleRoot}${status}`);
  if (r.verdict) console.log(`  verdict (signed): ${r.verdict.sentence}`);
  printChecks(r.checks);
  return 0;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function createOptions(command: Command): Command {
  return command
    .requiredOption("--out <zip>", "bundle to write")
    .requiredOption("--key <pem>", "Ed25519 private key, PKCS#8 PEM (openssl genpkey -algorithm ed25519)")
    .option("--previous <zip>", "previous bundle of this estate (chains to its Merkle root)")
    .option("--rotation <json>", "key rotation record announcing --key under the previous bundle's key (repeatable)", collect)
    .option("--estate-id <id>")
    .option("--estate-name <name>")
    .option("--created-by <user>", "creator identity (default $PARITY_USER or the OS user)")
    .option("--creator-role <role>", "creator's role (admin|security_engineer|auditor|architect)", "security_engineer")
    .option("--required-approvals <n>", "approvals the snapshot needs (default 1)")
    .option("--approver-roles <list>", "comma-separated roles whose approval counts (default admin,security_engineer,auditor)")
    .option("--allow-creator-role", "let people with the creator's role approve")
    .option("--retention-years <n>", "retention period of this evidence", "10")
    .option("--no-report", "do not render report.pdf");
}

export function registerSnapshotCommand(program: Command): void {
  const snapshot = program.command("snapshot").description("Signed, hash-chained audit snapshots (evidence bundles)");
  createOptions(
    snapshot
      .command("create")
      .description("Translate (or take --k8s), verify and seal the exports into a signed evidence bundle, as the web does")
      .argument("<files...>", "raw export files (NSX, vCenter, RVTools, …)")
      .option("--k8s <dir>", "take this translation output (manifests + findings.json) instead of translating")
      .option("--profile <file>", "mapping profile (JSON or YAML)")
      .option("--api <version>", "v1alpha1 (ANP/BANP) or v1alpha2 (ClusterNetworkPolicy)", "v1alpha1"),
  ).action(async (files: string[], o: CreateOptions) => {
    process.exitCode = await createSnapshotBundle(files, o);
  });
  createOptions(
    snapshot
      .command("check-deployed")
      .description("Prove what the cluster runs equals a sealed snapshot's manifests; seal the result as the next, linked snapshot")
      .argument(
        "<cluster>",
        "kubectl get adminnetworkpolicies,baselineadminnetworkpolicies,clusternetworkpolicies,networkpolicies,namespaces,virtualmachines -A -o yaml",
      )
      .requiredOption("--snapshot <zip>", "the sealed bundle to compare with")
      .option("--pubkey <pem>", "trusted key for --snapshot (default: the public half of --key)"),
  ).action(async (cluster: string, o: CreateOptions & { snapshot: string; pubkey?: string }) => {
    process.exitCode = await checkDeployed(cluster, { ...o, api: "v1alpha1" });
  });
  snapshot
    .command("verify")
    .description(`Verify an evidence bundle offline; prints OK or exactly what fails (exit 0/1; ${EXIT_UNPINNED} when no key was pinned)`)
    .argument("<bundle>", "bundle ZIP")
    .option("--pubkey <pem>", "trusted Ed25519 public key, SPKI PEM")
    .option("--allow-unpinned", "accept a bundle verified only against its own key (exit 0)")
    .option("--rotation <json>", "key rotation record to follow from --pubkey (repeatable)", collect)
    .option("--previous-root <hex>", "Merkle root of the previous snapshot, or 'none' for the first")
    .action((bundle: string, o: { pubkey?: string; previousRoot?: string; allowUnpinned?: boolean; rotation?: string[] }) => {
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
  snapshot
    .command("rotate-key")
    .description("Announce a new signing key under the old key's signature (both keys sign the record)")
    .requiredOption("--key <pem>", "the current (old) private key")
    .requiredOption("--new-key <pem>", "the new private key")
    .requiredOption("--out <json>", "rotation record to write (pass it to `create --rotation`)")
    .option("--reason <text>", "why the key changes", "scheduled rotation")
    .action((o: { key: string; newKey: string; out: string; reason: string }) => {
      const oldSigner = signerFromPrivateKeyPem(fs.readFileSync(o.key, "utf8"));
      const newSigner = signerFromPrivateKeyPem(fs.readFileSync(o.newKey, "utf8"));
      const { record, envelope } = announceKeyRotation(oldSigner, newSigner, { rotatedAt: new Date().toISOString(), reason: o.reason });
      fs.writeFileSync(o.out, `${JSON.stringify(envelope, null, 2)}\n`, { flag: "wx" });
      console.log(`wrote ${o.out}: key ${record.oldKeyId} → ${record.newKeyId}`);
    });
}
