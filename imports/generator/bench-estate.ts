/**
 * Writes a large synthetic hierarchical export (default 32,000 rules, 50,000 VMs + VIFs), then imports it in a
 * fresh process so RSS is the import's own: `npx tsx imports/generator/bench-estate.ts write /tmp/bench` then
 * `/usr/bin/time -v npx tsx imports/generator/bench-estate.ts import /tmp/bench`.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { importEstate } from "../../src/ingest/import-estate.ts";

const [mode = "write", out = "/tmp/parity-bench", rulesText = "32000", vmsText = "50000"] = process.argv.slice(2);
const RULES = Number(rulesText);
const VMS = Number(vmsText);
mkdirSync(out, { recursive: true });
const D = "/infra/domains/default";
const uuid = (i: number) => `5000${i.toString(16).padStart(4, "0")}-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
const apps = 400;
const groups = mode !== "write" ? [] : Array.from({ length: apps * 3 }, (_, i) => ({
  resource_type: "ChildGroup",
  Group: { resource_type: "Group", id: `g${i}`, display_name: `app${Math.floor(i / 3)}-tier${i % 3}`, path: `${D}/groups/g${i}`, expression: [{ resource_type: "Condition", member_type: "VirtualMachine", key: "Tag", operator: "EQUALS", value: `app|app${Math.floor(i / 3)}` }, { resource_type: "ConjunctionOperator", conjunction_operator: "AND" }, { resource_type: "Condition", member_type: "VirtualMachine", key: "Tag", operator: "EQUALS", value: `tier|t${i % 3}` }] },
}));
const perPolicy = 80;
const policies = Array.from({ length: mode !== "write" ? 0 : Math.ceil(RULES / perPolicy) }, (_, p) => ({
  resource_type: "ChildSecurityPolicy",
  SecurityPolicy: {
    resource_type: "SecurityPolicy",
    id: `p${p}`,
    display_name: `policy ${p}`,
    path: `${D}/security-policies/p${p}`,
    category: ["Emergency", "Infrastructure", "Environment", "Application"][p % 4],
    sequence_number: p,
    scope: ["ANY"],
    stateful: true,
    children: Array.from({ length: Math.min(perPolicy, RULES - p * perPolicy) }, (_, r) => {
      const n = p * perPolicy + r;
      return {
        resource_type: "ChildRule",
        Rule: { resource_type: "Rule", id: `r${n}`, display_name: `rule ${n} allow app traffic between tiers with a long descriptive name`, path: `${D}/security-policies/p${p}/rules/r${n}`, rule_id: 10000 + n, sequence_number: r * 10, source_groups: [`${D}/groups/g${n % groups.length}`, `10.${n % 250}.${r}.0/24`], destination_groups: [`${D}/groups/g${(n * 7) % groups.length}`], services: ["/infra/services/HTTPS", "/infra/services/SSH"], scope: [`${D}/groups/g${(n * 3) % groups.length}`], profiles: ["ANY"], action: n % 17 === 0 ? "DROP" : "ALLOW", direction: "IN_OUT", ip_protocol: "IPV4_IPV6", logged: n % 5 === 0, disabled: false, sources_excluded: false, destinations_excluded: false, notes: `change ticket CHG-${n} approved by the change advisory board`, tag: "bench", description: `Allows tier-to-tier application traffic for application ${n % 400}; reviewed in the quarterly recertification; owner: platform security engineering (ticket SEC-${n}).`, unique_id: `${uuid(n)}`, realization_id: `${uuid(n + 7)}`, marked_for_delete: false, overridden: false, is_default: false, _links: [{ rel: "self", href: `/policy/api/v1/infra/domains/default/security-policies/p${p}/rules/r${n}` }], _create_user: "admin", _create_time: 1718000000000, _last_modified_user: "admin", _last_modified_time: 1718000000000, _revision: 3, _system_owned: false, _protection: "NOT_PROTECTED" },
      };
    }),
  },
}));
const infra = { resource_type: "Infra", id: "infra", path: "/infra", children: [{ resource_type: "ChildDomain", Domain: { resource_type: "Domain", id: "default", path: D, children: [...groups, ...policies] } }] };
const vms = { results: Array.from({ length: mode !== "write" ? 0 : VMS }, (_, i) => ({ resource_type: "VirtualMachine", display_name: `vm-${i}`, external_id: uuid(i), power_state: "VM_RUNNING", type: "REGULAR", compute_ids: [`instanceUuid:${uuid(i)}`, `biosUuid:4200${i}`], guest_info: { os_name: "Red Hat Enterprise Linux 9 (64-bit)", computer_name: `vm-${i}.example` }, tags: [{ scope: "app", tag: `app${i % apps}` }, { scope: "tier", tag: `t${i % 3}` }] })), result_count: VMS };
const vifs = { results: Array.from({ length: mode !== "write" ? 0 : VMS }, (_, i) => ({ resource_type: "VirtualNetworkInterface", owner_vm_id: uuid(i), external_id: `${uuid(i)}-4000`, mac_address: `00:50:56:${((i >> 16) & 255).toString(16).padStart(2, "0")}:${((i >> 8) & 255).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`, ip_address_info: [{ source: "VM_TOOLS", ip_addresses: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`] }] })), result_count: VMS };
if (mode === "write") for (const [name, value] of [["infra.json", infra], ["fabric-vms.json", vms], ["fabric-vifs.json", vifs]] as const) writeFileSync(path.join(out, name), JSON.stringify(value, null, 1));
const files = ["infra.json", "fabric-vms.json", "fabric-vifs.json"].map((name) => path.join(out, name));
const sizes = files.map((f) => statSync(f).size);
if (mode === "write") {
  console.log(`wrote ${files.map((f, i) => `${path.basename(f)} ${(sizes[i] / 1e6).toFixed(1)} MB`).join(", ")}`);
  process.exit(0);
}

let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const inputs = files.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(f)) }));
const started = performance.now();
const result = importEstate(inputs, { sha256: (b) => createHash("sha256").update(b).digest("hex") }, () => (peak = Math.max(peak, process.memoryUsage().rss)));
const elapsed = performance.now() - started;
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(timer);
console.log(JSON.stringify({ ok: result.ok, counts: result.report.counts, errors: result.report.errors.slice(0, 3), importMs: Math.round(elapsed), peakRssMB: Math.round(peak / 1e6) }));
