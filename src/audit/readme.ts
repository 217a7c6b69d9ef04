/**
 * The README.md inside every bundle: how an auditor verifies it with Parity, and without Parity using only
 * openssl, jq, sha256sum and python3. The commands are exercised by test/unit/audit/readme-commands.test.ts.
 */
import type { TSealedSnapshot } from "./snapshot.ts";
import { MERKLE_SCHEME } from "./snapshot.ts";

export function bundleReadme(sealed: TSealedSnapshot): string {
  const m = sealed.meta;
  return `# Parity audit snapshot — ${m.estateName}

| | |
|---|---|
| Estate | ${m.estateName} (\`${m.estateId}\`) |
| Snapshot | #${m.sequence}, created by ${m.createdBy} at ${m.createdAt} |
| Merkle root | \`${sealed.merkleRoot}\` |
| Previous root | \`${m.previousRoot ?? "none (first snapshot of this estate)"}\` |
| Signing key id | \`${sealed.keyId}\` (SHA-256 of the SubjectPublicKeyInfo DER) |

## Contents

- \`parts/*.json\` — the frozen parts, each in RFC 8785 canonical JSON: \`meta\` (who, when, chain link),
  \`inputs\` (every raw file's SHA-256, size, format, counts), \`policy\` (normalised NSX estate and resolved
  membership), \`mapping-profile\`, \`manifests\`, \`equivalence\` (verdict, differences, findings), \`lint\`,
  \`engine\` (version, semantics digest). A part the pipeline did not produce says \`"status":"not-provided"\`.
- \`manifests/\` — the emitted Kubernetes manifests (the same text as in \`parts/manifests.json\`).
- \`envelope.dsse.json\` — a DSSE envelope (payloadType \`application/vnd.in-toto+json\`) holding an in-toto
  Statement v1 whose subjects are the part files with their SHA-256, and whose predicate
  (\`https://parity.dev/audit-snapshot/v1\`) holds the meta, the Merkle root and the previous root.
- \`approvals.json\` — second-person sign-offs, each its own signed DSSE envelope referencing the Merkle root.
- \`bundle.dsse.json\` — a signed in-toto Statement listing the SHA-256 of every other file in this ZIP
  (README, report, approvals included), so any changed byte is detected.
- \`public-key.pem\` — the installation's Ed25519 public key (SPKI PEM). Compare it with the key your bank
  registered; a bundle only proves who signed it if the key is pinned.
- \`report.pdf\` — the human-readable report, when included.
- \`report/\` — the report's full lists, derived from the parts (\`parity snapshot verify\` regenerates and compares
  them): \`verdict.json\` (the verdict sentence and its counts), \`findings.csv\`, \`differences.csv\` (each
  difference in words, with its finding), \`traceability.csv\` / \`.json\` (every NSX rule → emitted objects →
  carried / partly / not carried). Offline verification proves integrity and authorship, not compliance.

## Verify with Parity

    npx parity snapshot verify bundle.zip --pubkey bank-parity-key.pem [--previous-root <root of the previous snapshot>]

It prints \`OK\` and every check, or exactly which check fails; exit code 0 or 1. Without \`--pubkey\` it
prints \`UNPINNED\` and exits 3: the bundle is then only consistent with the key it carries itself. The ZIP itself must be
unchanged: Parity writes it in a canonical layout (stored entries, fixed timestamps, sorted names) and
rebuilds it byte for byte, so re-zipping the files is reported as a change.

## Verify without Parity (openssl ≥ 3, jq, sha256sum, python3)

    unzip bundle.zip -d bundle && cd bundle

1. The key is the one you trust, and its id matches the signatures:

       openssl pkey -pubin -in public-key.pem -outform DER | sha256sum     # = keyid in the envelopes
       diff public-key.pem /path/to/bank-parity-key.pem

2. The snapshot signature. DSSE signs PAE = "DSSEv1 <len(type)> <type> <len(payload)> <payload>":

       jq -r .payload envelope.dsse.json | base64 -d > statement.json
       jq -r '.signatures[0].sig' envelope.dsse.json | base64 -d > statement.sig
       t=$(jq -r .payloadType envelope.dsse.json)
       { printf 'DSSEv1 %d %s %d ' "\${#t}" "$t" "$(wc -c < statement.json)"; cat statement.json; } > pae.bin
       openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in pae.bin -sigfile statement.sig

3. Every part's SHA-256 equals the signed subject digest:

       jq -r '.subject[] | "\\(.digest.sha256)  \\(.name)"' statement.json | sha256sum -c

4. The Merkle root (${MERKLE_SCHEME}; leaf = SHA-256(0x00 || leaf), node = SHA-256(0x01 || left || right),
   the left subtree holding the largest power of two of leaves, as in RFC 6962):

       python3 - <<'PY'
       import hashlib, json
       s = json.load(open("statement.json"))
       H = lambda b: hashlib.sha256(b).digest()
       leaves = sorted((x["name"], x["digest"]["sha256"]) for x in s["subject"])
       def mth(h):
           if len(h) == 1: return h[0]
           k = 1
           while k * 2 < len(h): k *= 2
           return H(b"\\x01" + mth(h[:k]) + mth(h[k:]))
       hs = [H(b"\\x00" + json.dumps({"name": n, "sha256": d}, separators=(",", ":")).encode()) for n, d in leaves]
       root = mth(hs).hex()
       print(root, "OK" if root == s["predicate"]["merkleRoot"] else "MISMATCH")
       PY

5. The chain: \`predicate.previousRoot\` in statement.json equals the Merkle root of the previous snapshot.

6. The other files: verify \`bundle.dsse.json\` as in step 2, then check every listed file:

       jq -r .payload bundle.dsse.json | base64 -d | jq -r '.subject[] | "\\(.digest.sha256)  \\(.name)"' | sha256sum -c

7. Change records: each element of approvals.json is a DSSE envelope (payloadType
   \`application/vnd.parity.audit-approval.v2+json\`: role, change reference, approve or reject, reason,
   scope); verify it as in step 2 and check that its \`snapshotRoot\` is the Merkle root above and
   \`approvedBy\` is not the creator. \`parts/governance.json\` holds the approval policy sealed with the
   snapshot (how many approvals, which roles, whether the creator's role may approve) and the retention
   period; one valid rejection blocks the snapshot.

8. Key rotation: if \`parts/key-rotations.json\` exists, each element is a DSSE envelope
   (\`application/vnd.parity.key-rotation.v1+json\`) signed by the old and the new key (verify both
   signatures as in step 2, each with the public key inside the payload); follow them from the key you
   pinned to the key in public-key.pem.
`;
}
