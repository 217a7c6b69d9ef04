/** End to end through the real CLI: keygen-compatible keys, create (real importer), chain, verify, tamper. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readZip } from "../../../src/audit/zip.ts";

const root = new URL("../../../", import.meta.url).pathname;
const parity = (...args: string[]) => spawnSync("node", [join(root, "src/cli/parity.mjs"), ...args], { encoding: "utf8", cwd: root });

describe("parity snapshot (CLI)", () => {
  it("creates a chained pair of bundles from real sample exports, verifies them, and fails a tampered one", () => {
    const dir = mkdtempSync(join(tmpdir(), "parity-cli-"));
    execFileSync("openssl", ["genpkey", "-algorithm", "ed25519", "-out", join(dir, "k.pem")]);
    execFileSync("openssl", ["pkey", "-in", join(dir, "k.pem"), "-pubout", "-out", join(dir, "k.pub")]);
    mkdirSync(join(dir, "k8s/shop"), { recursive: true });
    writeFileSync(join(dir, "k8s/shop/np.yaml"), "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db\n");
    const inputs = ["imports/samples/nsx-t-hierarchical/infra.json"];

    const c1 = parity(
      "snapshot",
      "create",
      ...inputs,
      "--out",
      join(dir, "b1.zip"),
      "--key",
      join(dir, "k.pem"),
      "--k8s",
      join(dir, "k8s"),
      "--created-by",
      "alice",
    );
    expect(c1.status, c1.stderr).toBe(0);
    const files = readZip(new Uint8Array(readFileSync(join(dir, "b1.zip"))));
    expect(Object.keys(files)).toContain("manifests/shop/np.yaml");
    expect(Object.keys(files)).toContain("report.pdf");
    const inputsPart = JSON.parse(new TextDecoder().decode(files["parts/inputs.json"]));
    expect(inputsPart.files[0]).toMatchObject({
      name: "infra.json",
      format: "nsx-t-hierarchical",
      size: readFileSync(join(root, inputs[0])).length,
    });
    expect(JSON.parse(new TextDecoder().decode(files["parts/equivalence.json"])).status).toBe("not-provided");
    const root1 = JSON.parse(new TextDecoder().decode(files["snapshot.json"])).merkleRoot as string;

    const c2 = parity(
      "snapshot",
      "create",
      ...inputs,
      "--out",
      join(dir, "b2.zip"),
      "--key",
      join(dir, "k.pem"),
      "--previous",
      join(dir, "b1.zip"),
      "--created-by",
      "alice",
    );
    expect(c2.status, c2.stderr).toBe(0);

    const ok = parity("snapshot", "verify", join(dir, "b2.zip"), "--pubkey", join(dir, "k.pub"), "--previous-root", root1);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^OK /);
    expect(ok.stdout).toContain("chain link: previous root");

    const wrongChain = parity("snapshot", "verify", join(dir, "b2.zip"), "--previous-root", "none");
    expect(wrongChain.status).toBe(1);
    expect(wrongChain.stdout).toMatch(/FAILED[\s\S]*FAIL {2}chain link/);

    const bytes = readFileSync(join(dir, "b2.zip"));
    bytes[Math.floor(bytes.length / 2)] ^= 0x20;
    writeFileSync(join(dir, "bad.zip"), bytes);
    const bad = parity("snapshot", "verify", join(dir, "bad.zip"), "--pubkey", join(dir, "k.pub"));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^FAILED/);
  });
});
