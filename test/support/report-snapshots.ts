/**
 * Real sealed snapshots for report tests and page images: the demo estate (imports/demo) and a synthetic
 * bench estate (src/policy/bench), each imported or generated, translated, verified by the verify job's own
 * computation and sealed with the parts the server gathers (same shapes as src/server/services/snapshot-parts.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { approveSnapshot, type TApproval } from "../../src/audit/approval.ts";
import { sha256Hex } from "../../src/audit/hash.ts";
import { keyPairFromSeed } from "../../src/audit/keys.ts";
import { signerFromKeyPair } from "../../src/audit/signer.ts";
import { buildSnapshot, type TSealedSnapshot } from "../../src/audit/snapshot.ts";
import { notProvided, provided, type TSnapshotParts } from "../../src/audit/snapshot-model.ts";
import { importEstate } from "../../src/ingest/import-estate.ts";
import { syntheticEstate } from "../../src/policy/bench/synthetic-estate.ts";
import type { NsxEstate } from "../../src/policy/nsx/model.ts";
import { lintFindings } from "../../src/audit/pipeline-parts.ts";
import { resolveRuleMembership } from "../../src/audit/rule-membership.ts";
import { indexObjects } from "../../src/server/services/translations.ts";
import { verifyForStorage } from "../../src/translate/verification-result.ts";
import { defaultMappingProfile } from "../../src/translate/profile/mapping-profile.ts";
import { translateEstate, verifyOwnTranslation } from "../../src/translate/index.ts";

const signer = signerFromKeyPair(keyPairFromSeed(Uint8Array.from({ length: 32 }, (_, i) => (i * 13 + 5) & 255)));

/**
 * `stored`: the verify job's computation (exact check, heatmap, lint), as the web app seals it. `round-trip`: the
 * translation's own round trip (what `parity translate` checks), used for the 3,200-rule estate because the verify
 * job's heatmap and lint take minutes there; its lint part says so.
 */
function sealEstate(
  estate: NsxEstate,
  inputs: TSnapshotParts["inputs"],
  estateName: string,
  mode: "stored" | "round-trip",
): TSealedSnapshot {
  const translation = translateEstate(estate, undefined, {});
  const yaml = Object.fromEntries(Object.entries(translation.files).filter(([name]) => /\.ya?ml$/i.test(name)));
  const findings = translation.findings.map((f) => (f.ruleIds.length > 0 ? { ...f, ruleId: f.ruleIds.join(", ") } : f));
  let equivalence: TSnapshotParts["equivalence"];
  let lint: TSnapshotParts["lint"];
  if (mode === "stored") {
    const objects = indexObjects(translation.files, translation.objects);
    const verification = verifyForStorage(estate, translation.files, objects, translation.findings);
    equivalence = provided({ ...verification, findings }) as unknown as TSnapshotParts["equivalence"];
    lint = provided({ findings: lintFindings(verification.lint ?? []) });
  } else {
    const roundTrip = verifyOwnTranslation(estate, translation);
    equivalence = provided({ ...roundTrip, findings }) as unknown as TSnapshotParts["equivalence"];
    lint = notProvided("lint was not run for this bench estate (it takes minutes at 3,200 rules)");
  }
  const parts: TSnapshotParts = {
    inputs,
    policy: provided({ estate, ruleMembership: resolveRuleMembership(estate) }),
    mappingProfile: provided({ version: 0, profile: JSON.parse(JSON.stringify(defaultMappingProfile())) as unknown }),
    manifests: provided(yaml),
    equivalence,
    lint,
    engine: provided({ version: "test", semanticsDigest: "0".repeat(64) }),
  };
  return buildSnapshot(
    parts,
    {
      estateId: "estate-1",
      estateName,
      createdBy: "secops@parity.local",
      createdAt: "2026-12-07T10:00:00Z",
      previousRoot: null,
      sequence: 1,
    },
    signer,
  );
}

export function demoSnapshot(): TSealedSnapshot {
  const dir = "imports/demo";
  const files = readdirSync(dir)
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
  const imported = importEstate(files);
  if (!imported.ok) throw new Error(imported.errors.map((e) => e.message).join("; "));
  const inputs: TSnapshotParts["inputs"] = {
    files: imported.provenance.map((p) => ({
      name: p.name,
      sha256: p.sha256,
      size: p.size,
      format: p.format,
      counts: Object.entries(p.counts)
        .filter((e): e is [string, number] => typeof e[1] === "number")
        .map(([kind, n]) => ({ kind, imported: n, total: n })),
    })),
  };
  return sealEstate(imported.estate, inputs, "Helvetia Private Bank (demo)", "stored");
}

export function benchSnapshot(rules = 3200, vms = 5000): TSealedSnapshot {
  const { estate } = syntheticEstate({ seed: 42, rules, vms });
  const bytes = new TextEncoder().encode(JSON.stringify(estate));
  const inputs: TSnapshotParts["inputs"] = {
    files: [
      {
        name: `synthetic-${rules}-rules.json`,
        sha256: sha256Hex(bytes),
        size: bytes.length,
        format: "synthetic-estate",
        counts: [{ kind: "rules", imported: rules, total: rules }],
      },
    ],
  };
  return sealEstate(estate, inputs, `Bench estate (${rules} rules, ${vms} VMs)`, "round-trip");
}

/** An approval by someone other than the creator, with the fields issue 13's change records add. */
export function approvalOf(sealed: TSealedSnapshot): TApproval {
  return approveSnapshot(
    sealed,
    {
      approvedBy: "auditor@parity.local",
      approvedAt: "2026-12-07T11:30:00Z",
      role: "auditor",
      decision: "approve",
      changeRef: "CHG-2026-1207",
      reason: "Reviewed the differences with the network team",
      scope: Object.keys(sealed.digests).sort(),
    },
    signer,
  ).approval;
}
