/** Shared test data: a small but realistic estate, parts and deterministic keys. */
import type { NsxEstate } from "../../../src/policy/nsx/model.ts";
import { keyPairFromSeed } from "../../../src/audit/keys.ts";
import { signerFromKeyPair, type TSigner } from "../../../src/audit/signer.ts";
import { notProvided, provided, type TSnapshotMeta, type TSnapshotParts } from "../../../src/audit/snapshot-model.ts";

export function seed(n: number): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 255);
}
export const creatorSigner: TSigner = signerFromKeyPair(keyPairFromSeed(seed(1)));
export const otherSigner: TSigner = signerFromKeyPair(keyPairFromSeed(seed(2)));

export function estate(extraRule = false): NsxEstate {
  const rule = (id: string, seq: number, action: "ALLOW" | "DROP", src: string, dst: string, svc: string) => ({
    id,
    name: `rule-${id}`,
    sequenceNumber: seq,
    action,
    direction: "IN_OUT" as const,
    ipProtocol: "IPV4_IPV6" as const,
    sources: [src],
    sourcesExcluded: false,
    destinations: [dst],
    destinationsExcluded: false,
    services: [svc],
    serviceEntries: [],
    scope: ["ANY"],
    profiles: [],
    disabled: false,
    logged: true,
  });
  const rules = [
    rule("1001", 10, "ALLOW", "/infra/domains/default/groups/web", "/infra/domains/default/groups/app", "/infra/services/HTTPS"),
    rule("1002", 20, "ALLOW", "/infra/domains/default/groups/app", "/infra/domains/default/groups/db", "/infra/services/MySQL"),
    rule("1003", 30, "DROP", "ANY", "ANY", "ANY"),
  ];
  if (extraRule) rules.splice(2, 0, rule("1004", 25, "ALLOW", "ANY", "/infra/domains/default/groups/web", "/infra/services/HTTP"));
  return {
    name: "Bank Zürich Prod",
    vms: [
      { id: "vm-web-01", name: "web-01", ips: ["10.1.0.11"], tags: [{ scope: "tier", tag: "web" }] },
      { id: "vm-app-01", name: "app-01", ips: ["10.1.1.11"], tags: [{ scope: "tier", tag: "app" }] },
      { id: "vm-db-01", name: "db-01", ips: ["10.1.2.11"], tags: [{ scope: "tier", tag: "db" }] },
    ],
    segments: [],
    groups: ["web", "app", "db"].map((g) => ({
      path: `/infra/domains/default/groups/${g}`,
      name: g,
      expression: { kind: "condition" as const, memberType: "VirtualMachine", key: "Tag", operator: "EQUALS" as const, value: `tier|${g}` },
    })),
    services: [],
    policies: [
      { id: "app-policy", name: "Application", category: "Application", sequenceNumber: 1, scope: ["ANY"], stateful: true, rules },
    ],
    defaultAction: "DROP",
  };
}

export function parts(options: { extraRule?: boolean; equivalent?: boolean } = {}): TSnapshotParts {
  const e = estate(options.extraRule);
  return {
    inputs: {
      files: [
        {
          name: "infra.json",
          sha256: "a".repeat(64),
          size: 123456,
          format: "nsx-t-hierarchical",
          counts: [{ kind: "rules", imported: 3200, total: 3200 }],
        },
        {
          name: "rvtools.xlsx",
          sha256: "b".repeat(64),
          size: 9876,
          format: "rvtools-xlsx",
          counts: [{ kind: "VMs", imported: 3, total: 3 }],
        },
      ],
    },
    policy: provided({
      estate: e,
      ruleMembership: Object.fromEntries(
        e.policies[0].rules.map((r) => [
          r.id,
          { sources: ["vm-web-01"], destinations: ["vm-app-01"], appliedTo: ["vm-web-01", "vm-app-01"] },
        ]),
      ),
    }),
    mappingProfile: provided({ namespaceFromTag: "app", defaultDeny: true }),
    manifests: provided({
      "anp/allow-web-app.yaml":
        "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: allow-web-app\n",
      "shop/np-db.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db\n  namespace: shop\n",
    }),
    equivalence: provided({
      equivalent: options.equivalent ?? false,
      differences: [{ src: "web-01", dst: "db-01", nsx: "deny", k8s: "allow", conns: "TCP 3306" }],
      findings: [
        {
          severity: "high",
          ruleId: "1002",
          title: "Translated policy allows web-01 → db-01 TCP 3306 that NSX denies",
          remediation: "Add a deny for TCP 3306 from tier web",
          kind: "not-equivalent",
        },
        { severity: "low", ruleId: "1003", title: "Rule logging disabled on deny rule", remediation: "Enable logging" },
      ],
    }),
    lint: provided({ findings: [{ severity: "medium", ruleId: "1001", title: "Rule allows HTTPS from a broad source group" }] }),
    engine: notProvided("engine not connected in this test"),
  };
}

export function meta(over: Partial<TSnapshotMeta> = {}): TSnapshotMeta {
  return {
    estateId: "estate-zh-prod",
    estateName: "Bank Zürich Prod",
    createdBy: "alice@bank.ch",
    createdAt: "2026-03-01T09:30:00Z",
    previousRoot: null,
    sequence: 1,
    ...over,
  };
}
