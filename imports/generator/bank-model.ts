/**
 * The fictional "Helvetia Private Bank" estate as plain data: VMs with their vCenter tags and addresses,
 * NSX groups of every expression kind, custom services, and the DFW policies in all five categories.
 * Deterministic (seeded PRNG, no clock): the generator writes it in every supported export format.
 */

export const DOMAIN = "/infra/domains/default";
export const G = (id: string) => `${DOMAIN}/groups/${id}`;
export const S = (id: string) => `/infra/services/${id}`;

/** mulberry32: a tiny seeded PRNG so every run writes byte-identical files. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(0x48504221);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
const uuid = () => `50${hex(6)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
const biosUuid = () => `42${hex(6)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;

export interface BankVm {
  name: string;
  moref: string;
  instanceUuid: string;
  biosUuid: string;
  mac: string;
  ipv4: string;
  ipv6?: string;
  os: "linux" | "windows";
  osName: string;
  computerName: string;
  /** vCenter tags: category → tag name. */
  tags: Record<string, string>;
  segment: string;
}

interface Tier {
  app: string;
  code: string;
  tier: string;
  env: "prod" | "test" | "dev";
  zone: "dmz" | "internal" | "restricted" | "management";
  count: number;
  os: "linux" | "windows";
  pci?: boolean;
  ipv6?: boolean;
  subnet: string; // third octet base, as "10.20.x"
  segment: string;
}

const TIERS: Tier[] = [
  { app: "ebanking", code: "ebk", tier: "web", env: "prod", zone: "dmz", count: 8, os: "linux", ipv6: true, subnet: "10.10.1", segment: "seg-dmz-web" },
  { app: "ebanking", code: "ebk", tier: "app", env: "prod", zone: "internal", count: 8, os: "linux", subnet: "10.20.1", segment: "seg-app-prod" },
  { app: "ebanking", code: "ebk", tier: "db", env: "prod", zone: "restricted", count: 4, os: "linux", subnet: "10.30.1", segment: "seg-db-prod" },
  { app: "payments", code: "pay", tier: "web", env: "prod", zone: "dmz", count: 3, os: "linux", pci: true, ipv6: true, subnet: "10.10.2", segment: "seg-dmz-pci" },
  { app: "payments", code: "pay", tier: "app", env: "prod", zone: "restricted", count: 6, os: "linux", pci: true, subnet: "10.40.1", segment: "seg-pci" },
  { app: "payments", code: "pay", tier: "db", env: "prod", zone: "restricted", count: 3, os: "linux", pci: true, subnet: "10.40.2", segment: "seg-pci" },
  { app: "payments", code: "pay", tier: "hsm", env: "prod", zone: "restricted", count: 2, os: "linux", pci: true, subnet: "10.40.3", segment: "seg-pci" },
  { app: "swift", code: "swf", tier: "app", env: "prod", zone: "restricted", count: 2, os: "windows", pci: true, subnet: "10.40.4", segment: "seg-pci" },
  { app: "corebanking", code: "cbs", tier: "app", env: "prod", zone: "internal", count: 8, os: "linux", subnet: "10.20.2", segment: "seg-app-prod" },
  { app: "corebanking", code: "cbs", tier: "db", env: "prod", zone: "restricted", count: 4, os: "linux", subnet: "10.30.2", segment: "seg-db-prod" },
  { app: "corebanking", code: "cbs", tier: "batch", env: "prod", zone: "internal", count: 3, os: "linux", subnet: "10.20.3", segment: "seg-app-prod" },
  { app: "trading", code: "trd", tier: "fixgw", env: "prod", zone: "dmz", count: 3, os: "linux", ipv6: true, subnet: "10.10.3", segment: "seg-dmz-partner" },
  { app: "trading", code: "trd", tier: "app", env: "prod", zone: "internal", count: 6, os: "linux", subnet: "10.20.4", segment: "seg-app-prod" },
  { app: "trading", code: "trd", tier: "db", env: "prod", zone: "restricted", count: 2, os: "linux", subnet: "10.30.3", segment: "seg-db-prod" },
  { app: "trading", code: "trd", tier: "mktdata", env: "prod", zone: "internal", count: 3, os: "linux", subnet: "10.20.5", segment: "seg-app-prod" },
  { app: "wealth", code: "wlt", tier: "web", env: "prod", zone: "internal", count: 4, os: "windows", subnet: "10.20.6", segment: "seg-app-prod" },
  { app: "wealth", code: "wlt", tier: "app", env: "prod", zone: "internal", count: 4, os: "windows", subnet: "10.20.7", segment: "seg-app-prod" },
  { app: "wealth", code: "wlt", tier: "db", env: "prod", zone: "restricted", count: 2, os: "windows", subnet: "10.30.4", segment: "seg-db-prod" },
  { app: "hr", code: "hr", tier: "web", env: "prod", zone: "internal", count: 2, os: "windows", subnet: "10.20.8", segment: "seg-app-prod" },
  { app: "hr", code: "hr", tier: "app", env: "prod", zone: "internal", count: 2, os: "windows", subnet: "10.20.9", segment: "seg-app-prod" },
  { app: "hr", code: "hr", tier: "db", env: "prod", zone: "restricted", count: 2, os: "windows", subnet: "10.30.5", segment: "seg-db-prod" },
  { app: "analytics", code: "dwh", tier: "app", env: "prod", zone: "internal", count: 4, os: "linux", subnet: "10.20.10", segment: "seg-app-prod" },
  { app: "analytics", code: "dwh", tier: "db", env: "prod", zone: "restricted", count: 2, os: "linux", subnet: "10.30.6", segment: "seg-db-prod" },
  { app: "crm", code: "crm", tier: "app", env: "prod", zone: "internal", count: 3, os: "windows", subnet: "10.20.11", segment: "seg-app-prod" },
  { app: "ebanking", code: "ebk", tier: "web", env: "test", zone: "internal", count: 3, os: "linux", subnet: "10.60.1", segment: "seg-test" },
  { app: "ebanking", code: "ebk", tier: "app", env: "test", zone: "internal", count: 3, os: "linux", subnet: "10.60.2", segment: "seg-test" },
  { app: "ebanking", code: "ebk", tier: "db", env: "test", zone: "internal", count: 2, os: "linux", subnet: "10.60.3", segment: "seg-test" },
  { app: "corebanking", code: "cbs", tier: "app", env: "test", zone: "internal", count: 3, os: "linux", subnet: "10.60.4", segment: "seg-test" },
  { app: "corebanking", code: "cbs", tier: "db", env: "test", zone: "internal", count: 2, os: "linux", subnet: "10.60.5", segment: "seg-test" },
  { app: "payments", code: "pay", tier: "app", env: "test", zone: "internal", count: 2, os: "linux", subnet: "10.60.6", segment: "seg-test" },
  { app: "devtools", code: "dev", tier: "ci", env: "dev", zone: "internal", count: 8, os: "linux", subnet: "10.70.1", segment: "seg-dev" },
  { app: "devtools", code: "dev", tier: "artifact", env: "dev", zone: "internal", count: 3, os: "linux", subnet: "10.70.2", segment: "seg-dev" },
  { app: "ad", code: "dc", tier: "infra", env: "prod", zone: "management", count: 4, os: "windows", ipv6: true, subnet: "10.1.1", segment: "seg-infra" },
  { app: "dns", code: "dns", tier: "infra", env: "prod", zone: "management", count: 2, os: "linux", ipv6: true, subnet: "10.1.2", segment: "seg-infra" },
  { app: "ntp", code: "ntp", tier: "infra", env: "prod", zone: "management", count: 2, os: "linux", subnet: "10.1.3", segment: "seg-infra" },
  { app: "backup", code: "bkp", tier: "infra", env: "prod", zone: "management", count: 5, os: "windows", subnet: "10.1.4", segment: "seg-infra" },
  { app: "monitoring", code: "mon", tier: "infra", env: "prod", zone: "management", count: 6, os: "linux", subnet: "10.1.5", segment: "seg-infra" },
  { app: "logging", code: "log", tier: "infra", env: "prod", zone: "management", count: 3, os: "linux", subnet: "10.1.6", segment: "seg-infra" },
  { app: "jump", code: "jmp", tier: "infra", env: "prod", zone: "management", count: 4, os: "windows", subnet: "10.1.7", segment: "seg-mgmt" },
  { app: "pki", code: "pki", tier: "infra", env: "prod", zone: "management", count: 2, os: "windows", subnet: "10.1.8", segment: "seg-infra" },
  { app: "patching", code: "wsus", tier: "infra", env: "prod", zone: "management", count: 2, os: "windows", subnet: "10.1.9", segment: "seg-infra" },
  { app: "proxy", code: "prx", tier: "web", env: "prod", zone: "dmz", count: 4, os: "linux", ipv6: true, subnet: "10.10.4", segment: "seg-dmz-web" },
  { app: "mail", code: "mta", tier: "web", env: "prod", zone: "dmz", count: 2, os: "linux", subnet: "10.10.5", segment: "seg-dmz-web" },
  { app: "filetransfer", code: "sftp", tier: "app", env: "prod", zone: "dmz", count: 2, os: "linux", subnet: "10.10.6", segment: "seg-dmz-partner" },
];

export const SEGMENTS: Record<string, string[]> = {
  "seg-dmz-web": ["10.10.1.0/24", "10.10.4.0/24", "10.10.5.0/24", "2001:db8:4850:10::/64"],
  "seg-dmz-pci": ["10.10.2.0/24", "2001:db8:4850:12::/64"],
  "seg-dmz-partner": ["10.10.3.0/24", "10.10.6.0/24", "2001:db8:4850:13::/64"],
  "seg-app-prod": ["10.20.0.0/16"],
  "seg-db-prod": ["10.30.0.0/16"],
  "seg-pci": ["10.40.0.0/16"],
  "seg-test": ["10.60.0.0/16"],
  "seg-dev": ["10.70.0.0/16"],
  "seg-infra": ["10.1.0.0/20", "2001:db8:4850:1::/64"],
  "seg-mgmt": ["10.1.7.0/24"],
};

function buildVms(): BankVm[] {
  const vms: BankVm[] = [];
  let moref = 1001;
  for (const t of TIERS) {
    for (let i = 1; i <= t.count; i++) {
      const envLetter = t.env === "prod" ? "p" : t.env === "test" ? "t" : "d";
      const name = t.tier === "infra" ? `hpb-${t.code}-${envLetter}${String(i).padStart(2, "0")}` : `hpb-${t.code}-${t.tier}-${envLetter}${String(i).padStart(2, "0")}`;
      const host = 10 + i;
      const tags: Record<string, string> = { app: t.app, env: t.env, tier: t.tier, zone: t.zone, backup: t.tier === "db" || t.app === "ad" ? "gold" : "silver" };
      if (t.pci) tags.pci = "in-scope";
      const third = Number(t.subnet.split(".")[2]);
      const vm: BankVm = {
        name,
        moref: `vm-${moref++}`,
        instanceUuid: uuid(),
        biosUuid: biosUuid(),
        mac: `00:50:56:${hex(2)}:${hex(2)}:${hex(2)}`,
        ipv4: `${t.subnet}.${host}`,
        os: t.os,
        osName: t.os === "windows" ? "Microsoft Windows Server 2022 (64-bit)" : "Red Hat Enterprise Linux 9 (64-bit)",
        computerName: `${name}.corp.helvetia-pb.ch`,
        tags,
        segment: t.segment,
      };
      if (t.ipv6) {
        const block = t.zone === "management" ? "1" : t.app === "payments" ? "12" : t.app === "trading" ? "13" : "10";
        vm.ipv6 = `2001:db8:4850:${block}::${third.toString(16)}:${host.toString(16)}`;
      }
      vms.push(vm);
    }
  }
  // A legacy box with a scope-less tag and a decommissioned VM in quarantine: exercised by groups below.
  const legacy = vms.find((v) => v.name === "hpb-hr-app-p02")!;
  legacy.tags.legacy = "windows-2012";
  const quarantined = vms.find((v) => v.name === "hpb-dev-ci-d08")!;
  quarantined.tags.security = "quarantine";
  return vms;
}

export const VMS = buildVms();

export const APPS = ["ebanking", "payments", "corebanking", "trading", "wealth", "hr"] as const;
