/**
 * `parity snapshot check-deployed CLUSTER.yaml --snapshot BUNDLE.zip --key KEY.pem --out NEW.zip`
 * CLUSTER.yaml is `kubectl get adminnetworkpolicies,baselineadminnetworkpolicies,clusternetworkpolicies,
 * networkpolicies,namespaces,virtualmachines -A -o yaml`. The bundle is verified, its sealed manifests are
 * compared with the cluster by the engine (src/audit/deployed-state.ts), and the result is sealed as the
 * next snapshot (chained to --previous, default the checked bundle) whose deployment part names the checked
 * one. Exit 0: the cluster enforces the sealed policy; 1: drift (differences listed); 2: bad input.
 */
import fs from "node:fs";
import path from "node:path";
import { compareDeployedState, describeComparison, objectCounts, sealedManifestFiles } from "../../audit/deployed-state.ts";
import { sha256Hex } from "../../audit/hash.ts";
import { signerFromPrivateKeyPem } from "../../audit/signer.ts";
import { notProvided, provided, type TSnapshotParts } from "../../audit/snapshot-model.ts";
import { verifyBundle } from "../../audit/verify.ts";
import { readZip } from "../../audit/zip.ts";
import { engineIdentity } from "../../runtime/engine-identity.ts";
import { sealToBundle, type CreateOptions } from "./snapshot-create.ts";
import { printChecks } from "./snapshot-io.ts";

export async function checkDeployed(cluster: string, o: CreateOptions & { snapshot: string; pubkey?: string }): Promise<number> {
  const signer = signerFromPrivateKeyPem(fs.readFileSync(o.key, "utf8"));
  const zip = new Uint8Array(fs.readFileSync(o.snapshot));
  const trusted = o.pubkey ? fs.readFileSync(o.pubkey, "utf8") : signer.publicKeyPem;
  const checked = verifyBundle(zip, { trustedPublicKeyPem: trusted });
  if (!checked.ok || !checked.merkleRoot || checked.sequence === undefined) {
    console.error(`${o.snapshot} does not verify:`);
    printChecks(checked.checks.filter((c) => !c.ok));
    return 2;
  }
  const files = readZip(zip);
  const manifestsPart = JSON.parse(new TextDecoder().decode(files["parts/manifests.json"])) as TSnapshotParts["manifests"];
  const meta = JSON.parse(new TextDecoder().decode(files["parts/meta.json"])) as { estateId: string; estateName: string };
  if (manifestsPart.status !== "provided") {
    console.error(`${o.snapshot} sealed no manifests: ${manifestsPart.reason}`);
    return 2;
  }
  const bytes = new Uint8Array(fs.readFileSync(cluster));
  const name = path.basename(cluster);
  const text = new TextDecoder().decode(bytes);
  let comparison;
  let objects: Record<string, number>;
  try {
    objects = objectCounts([{ file: name, text }]);
    comparison = compareDeployedState(sealedManifestFiles(manifestsPart.value), [{ file: name, text }]);
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}`);
    return 2;
  }
  const sha256 = sha256Hex(bytes);
  const engine = engineIdentity();
  const parts: TSnapshotParts = {
    inputs: {
      files: [
        {
          name,
          sha256,
          size: bytes.length,
          format: "kubectl-list",
          counts: Object.entries(objects).map(([kind, n]) => ({ kind, imported: n, total: n })),
        },
      ],
    },
    policy: notProvided(`deployed-state check: the NSX policy is frozen in snapshot #${checked.sequence} (${checked.merkleRoot})`),
    mappingProfile: notProvided(`deployed-state check: the mapping profile is frozen in snapshot #${checked.sequence}`),
    manifests: provided({ [`cluster/${name.replace(/[^A-Za-z0-9_.-]/g, "_").replace(/\.(json|ya?ml)?$/i, "")}.yaml`]: text }),
    equivalence: provided({
      equivalent: comparison.equivalent,
      differences: comparison.differences,
      findings: [],
      comparedWith: { sequence: checked.sequence, merkleRoot: checked.merkleRoot },
      sentence: describeComparison(comparison),
    }),
    lint: notProvided("deployed-state check: lint belongs to the NSX policy, frozen in the checked snapshot"),
    engine: engine.ok ? provided({ version: engine.version, semanticsDigest: engine.semanticsDigest }) : notProvided(engine.reason),
    deployment: {
      kind: "deployed-state-check",
      checked: { estateId: meta.estateId, sequence: checked.sequence, merkleRoot: checked.merkleRoot },
      cluster: { name, sha256, size: bytes.length, objects },
      comparison,
    },
  };
  const sealed = await sealToBundle(
    parts,
    { ...o, previous: o.previous ?? o.snapshot, estateId: o.estateId ?? meta.estateId },
    signer,
    o.estateName ?? meta.estateName,
  );
  if (!sealed) return 2;
  console.log(`${comparison.equivalent ? "MATCHES" : "DRIFTED"}: ${describeComparison(comparison)}`);
  for (const d of comparison.differences.slice(0, 20))
    console.log(`  ${d.src} -> ${d.dst}: only in snapshot ${d.onlyInSnapshot} | only in cluster ${d.onlyInCluster}`);
  for (const id of comparison.onlyInSnapshot.slice(0, 20)) console.log(`  missing from the cluster: ${id}`);
  for (const id of comparison.onlyInCluster.slice(0, 20)) console.log(`  not in the snapshot: ${id}`);
  for (const p of comparison.problems.slice(0, 20)) console.log(`  problem: ${p}`);
  console.log(`wrote ${o.out}: #${sealed.meta.sequence} (checks #${checked.sequence}), merkle root ${sealed.merkleRoot}`);
  return comparison.equivalent ? 0 : 1;
}
