/**
 * End to end through the real CLI: keygen-compatible keys, create (real importer, translation and
 * verification), chain, verify (pinned, unpinned, tampered), key rotation, deployed-state check.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { readZip } from "../../../src/audit/zip.ts";

const root = new URL("../../../", import.meta.url).pathname;
const parity = (...args: string[]) => spawnSync("node", [join(root, "src/cli/parity.mjs"), ...args], { encoding: "utf8", cwd: root });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const inputs = ["imports/samples/nsx-t-hierarchical/infra.json"];

function keys(dir: string, name: string) {
  execFileSync("openssl", ["genpkey", "-algorithm", "ed25519", "-out", join(dir, `${name}.pem`)]);
  execFileSync("openssl", ["pkey", "-in", join(dir, `${name}.pem`), "-pubout", "-out", join(dir, `${name}.pub`)]);
}

/** The bundle's manifests as `kubectl get … -o yaml` prints them: one List of every object. */
function clusterList(bundle: string, mutate: (items: Record<string, unknown>[]) => void = () => {}): string {
  const files = readZip(new Uint8Array(readFileSync(bundle)));
  const items: Record<string, unknown>[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    if (!name.startsWith("manifests/") || name.endsWith("kustomization.yaml")) continue;
    for (const doc of parseAllDocuments(text(bytes))) if (doc.toJS()) items.push(doc.toJS() as Record<string, unknown>);
  }
  // What a live cluster adds: status, managedFields, resourceVersion — none of it changes the policy.
  for (const item of items) (item.metadata as Record<string, unknown>).resourceVersion = "12345";
  mutate(items);
  return stringify({ apiVersion: "v1", kind: "List", metadata: { resourceVersion: "" }, items });
}

describe("parity snapshot (CLI)", () => {
  const dir = mkdtempSync(join(tmpdir(), "parity-cli-"));
  keys(dir, "k");
  let root1 = "";

  it("seals the translation, verification, lint, engine digest, rule records and governance, as the web does", () => {
    const c1 = parity("snapshot", "create", ...inputs, "--out", join(dir, "b1.zip"), "--key", join(dir, "k.pem"), "--created-by", "alice");
    expect(c1.status, c1.stderr).toBe(0);
    const files = readZip(new Uint8Array(readFileSync(join(dir, "b1.zip"))));
    expect(Object.keys(files)).toContain("report.pdf");
    expect(Object.keys(files).some((n) => n.startsWith("manifests/") && n.endsWith(".yaml"))).toBe(true);
    const part = (name: string) => JSON.parse(text(files[`parts/${name}.json`])) as { status?: string; value?: Record<string, unknown> };
    for (const name of ["policy", "mapping-profile", "manifests", "equivalence", "lint", "engine", "rule-records"])
      expect(part(name).status, name).toBe("provided");
    expect(part("engine").value?.semanticsDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const governance = part("governance") as unknown as { retention: { years: number }; approvalPolicy: { requiredApprovals: number } };
    expect(governance.retention.years).toBe(10);
    expect(governance.approvalPolicy.requiredApprovals).toBe(1);
    expect(JSON.parse(text(files["parts/inputs.json"])).files[0]).toMatchObject({ name: "infra.json", format: "nsx-t-hierarchical" });
    root1 = JSON.parse(text(files["snapshot.json"])).merkleRoot as string;
  });

  it("verify: OK with --pubkey; UNPINNED and exit 3 without it unless --allow-unpinned; FAILED on a changed byte or chain", () => {
    const ok = parity("snapshot", "verify", join(dir, "b1.zip"), "--pubkey", join(dir, "k.pub"), "--previous-root", "none");
    expect(ok.status, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/^OK /);
    expect(ok.stdout).toContain("approval policy: awaiting approval: 0 of 1");

    const unpinned = parity("snapshot", "verify", join(dir, "b1.zip"));
    expect(unpinned.status).toBe(3);
    expect(unpinned.stdout).toMatch(/^UNPINNED /);
    expect(unpinned.stdout).not.toMatch(/^OK /m);
    expect(unpinned.stdout).toContain("the signing key was not pinned");
    const allowed = parity("snapshot", "verify", join(dir, "b1.zip"), "--allow-unpinned");
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toMatch(/^OK \(KEY NOT PINNED\)/);

    const wrongChain = parity(
      "snapshot",
      "verify",
      join(dir, "b1.zip"),
      "--pubkey",
      join(dir, "k.pub"),
      "--previous-root",
      "ab".repeat(32),
    );
    expect(wrongChain.status).toBe(1);
    expect(wrongChain.stdout).toMatch(/FAILED[\s\S]*FAIL {2}chain link/);

    const bytes = readFileSync(join(dir, "b1.zip"));
    bytes[Math.floor(bytes.length / 2)] ^= 0x20;
    writeFileSync(join(dir, "bad.zip"), bytes);
    const bad = parity("snapshot", "verify", join(dir, "bad.zip"), "--pubkey", join(dir, "k.pub"));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^FAILED/);
  });

  it("rotates the key: the new key is announced under the old one, and a verifier pinned to the old key accepts it", () => {
    keys(dir, "k2");
    keys(dir, "stranger");
    const rot = parity(
      "snapshot",
      "rotate-key",
      "--key",
      join(dir, "k.pem"),
      "--new-key",
      join(dir, "k2.pem"),
      "--out",
      join(dir, "rotation.json"),
    );
    expect(rot.status, rot.stderr).toBe(0);
    // Without the record the new key cannot extend the chain.
    const refused = parity(
      "snapshot",
      "create",
      ...inputs,
      "--out",
      join(dir, "x.zip"),
      "--key",
      join(dir, "k2.pem"),
      "--previous",
      join(dir, "b1.zip"),
    );
    expect(refused.status).toBe(1);
    const c2 = parity(
      "snapshot",
      "create",
      ...inputs,
      "--out",
      join(dir, "b2.zip"),
      "--key",
      join(dir, "k2.pem"),
      "--previous",
      join(dir, "b1.zip"),
      "--rotation",
      join(dir, "rotation.json"),
      "--created-by",
      "alice",
    );
    expect(c2.status, c2.stderr + c2.stdout).toBe(0);
    const files = readZip(new Uint8Array(readFileSync(join(dir, "b2.zip"))));
    expect(JSON.parse(text(files["parts/key-rotations.json"]))).toHaveLength(1);

    const pinnedOld = parity("snapshot", "verify", join(dir, "b2.zip"), "--pubkey", join(dir, "k.pub"), "--previous-root", root1);
    expect(pinnedOld.status, pinnedOld.stdout).toBe(0);
    expect(pinnedOld.stdout).toMatch(/trusted key: bundle key [0-9a-f]{64} trusted through key rotation: announced by key/);
    const pinnedNew = parity("snapshot", "verify", join(dir, "b2.zip"), "--pubkey", join(dir, "k2.pub"));
    expect(pinnedNew.status).toBe(0);
    const pinnedStranger = parity("snapshot", "verify", join(dir, "b2.zip"), "--pubkey", join(dir, "stranger.pub"));
    expect(pinnedStranger.status).toBe(1);
    expect(pinnedStranger.stdout).toMatch(/FAIL {2}trusted key/);
  });

  it("check-deployed: an equal cluster matches, a drifted one lists differences; both seal a snapshot linked to the checked one", () => {
    // The collector sample has VMs, so the emitted manifests carry VirtualMachine label patches to compare.
    const c = parity(
      "snapshot",
      "create",
      "imports/samples/collector/collector-export.json",
      "--out",
      join(dir, "c1.zip"),
      "--key",
      join(dir, "k.pem"),
      "--no-report",
    );
    expect(c.status, c.stderr).toBe(0);
    const rootC = JSON.parse(text(readZip(new Uint8Array(readFileSync(join(dir, "c1.zip"))))["snapshot.json"])).merkleRoot as string;
    writeFileSync(join(dir, "cluster-equal.yaml"), clusterList(join(dir, "c1.zip")));
    const equal = parity(
      "snapshot",
      "check-deployed",
      join(dir, "cluster-equal.yaml"),
      "--snapshot",
      join(dir, "c1.zip"),
      "--key",
      join(dir, "k.pem"),
      "--out",
      join(dir, "d1.zip"),
    );
    expect(equal.status, equal.stderr + equal.stdout).toBe(0);
    expect(equal.stdout).toMatch(/^MATCHES: the cluster enforces exactly the sealed policy \([1-9]\d* workloads/);
    const d1 = readZip(new Uint8Array(readFileSync(join(dir, "d1.zip"))));
    const deployment = JSON.parse(text(d1["parts/deployment.json"]));
    expect(deployment).toMatchObject({
      kind: "deployed-state-check",
      checked: { sequence: 1, merkleRoot: rootC },
      comparison: { equivalent: true },
    });
    expect(JSON.parse(text(d1["parts/meta.json"]))).toMatchObject({ sequence: 2, previousRoot: rootC });
    const verified = parity("snapshot", "verify", join(dir, "d1.zip"), "--pubkey", join(dir, "k.pub"), "--previous-root", rootC);
    expect(verified.status, verified.stdout).toBe(0);

    // Drift: someone deleted the admin and namespace policies; only the baseline is left.
    writeFileSync(
      join(dir, "cluster-drifted.yaml"),
      clusterList(join(dir, "c1.zip"), (items) => {
        for (let i = items.length - 1; i >= 0; i--)
          if (["AdminNetworkPolicy", "NetworkPolicy"].includes(String(items[i].kind))) items.splice(i, 1);
      }),
    );
    const drifted = parity(
      "snapshot",
      "check-deployed",
      join(dir, "cluster-drifted.yaml"),
      "--snapshot",
      join(dir, "c1.zip"),
      "--key",
      join(dir, "k.pem"),
      "--out",
      join(dir, "d2.zip"),
    );
    expect(drifted.status, drifted.stderr + drifted.stdout).toBe(1);
    expect(drifted.stdout).toMatch(/^DRIFTED: the cluster drifted from the sealed policy: \d+ differing connection/);
    expect(drifted.stdout).toMatch(/\[VirtualMachine\] -> \S+\[VirtualMachine\]: only in snapshot .+ \| only in cluster .+/);
    const d2 = JSON.parse(text(readZip(new Uint8Array(readFileSync(join(dir, "d2.zip"))))["parts/deployment.json"]));
    expect(d2.comparison.equivalent).toBe(false);
    expect(d2.comparison.differenceCount).toBeGreaterThan(0);
  });
});
