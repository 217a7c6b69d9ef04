/**
 * Writes the Helvetia Private Bank demo estate (imports/demo) and one small sample per supported format
 * (imports/samples/<format>). Deterministic: run `npx tsx imports/generator/generate.ts` and the files are
 * byte-identical. The shapes follow the public API references cited in imports/README.md.
 */
import { writeXlsxWorkbook } from "../../src/audit/export/xlsx-writer.ts";
import { zipSync, strToU8 } from "fflate";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DOMAIN, G, S, VMS, prng, type BankVm } from "./bank-model.ts";
import { buildGroups, buildPolicies, buildSegments, buildServices } from "./bank-policy.ts";

type Json = Record<string, unknown>;
const ROOT = path.resolve(import.meta.dirname, "..");
const write = (relative: string, content: string | Uint8Array) => {
  const file = path.join(ROOT, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
};
const json = (value: unknown) => JSON.stringify(value, null, 1) + "\n";
const random = prng(0x7a6);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
const CREATED = 1718000000000; // fixed timestamps keep the output deterministic

// ---------- NSX-T hierarchical ----------
function hierarchical(groups: Json[], policies: Json[], services: Json[], segments: Json[]): Json {
  const child = (type: string, value: Json) => ({ resource_type: `Child${type}`, marked_for_delete: false, [type]: value });
  return {
    resource_type: "Infra",
    id: "infra",
    display_name: "infra",
    path: "/infra",
    _create_time: CREATED,
    _last_modified_time: CREATED,
    _system_owned: true,
    _revision: 7,
    children: [
      ...services.map((s) => child("Service", s)),
      ...segments.map((s) => child("Segment", s)),
      child("Domain", {
        resource_type: "Domain",
        id: "default",
        display_name: "default",
        path: DOMAIN,
        parent_path: "/infra",
        children: [
          ...groups.map((g) => child("Group", g)),
          ...policies.map((p) => {
            const { rules, ...shell } = p as Json & { rules: Json[] };
            return child("SecurityPolicy", { ...shell, children: rules.map((r) => child("Rule", r)) });
          }),
        ],
      }),
    ],
  };
}

// ---------- NSX fabric inventory ----------
const HOSTS = ["esx-zrh-01", "esx-zrh-02", "esx-zrh-03", "esx-gva-01", "esx-gva-02"];
function fabricVm(vm: BankVm, index: number): Json {
  return {
    resource_type: "VirtualMachine",
    display_name: vm.name,
    external_id: vm.instanceUuid,
    host_id: `host-${HOSTS[index % HOSTS.length]}`,
    power_state: "VM_RUNNING",
    type: "REGULAR",
    local_id_on_host: String(10 + index),
    compute_ids: [`moIdOnHost:${10 + index}`, `hostLocalId:${10 + index}`, `locationId:564d${vm.biosUuid.slice(4)}`, `instanceUuid:${vm.instanceUuid}`, `externalId:${vm.instanceUuid}`, `biosUuid:${vm.biosUuid}`],
    guest_info: { os_name: vm.osName, computer_name: vm.computerName },
    source: { target_id: `host-${HOSTS[index % HOSTS.length]}`, target_display_name: `${HOSTS[index % HOSTS.length]}.corp.helvetia-pb.ch`, target_type: "HostNode", is_valid: true },
    tags: [{ scope: "os", tag: vm.os }],
    _last_sync_time: CREATED,
  };
}
function fabricVif(vm: BankVm, index: number): Json {
  return {
    resource_type: "VirtualNetworkInterface",
    external_id: `${vm.instanceUuid}-4000`,
    owner_vm_id: vm.instanceUuid,
    owner_vm_type: "REGULAR",
    device_key: "4000",
    device_name: "Network adapter 1",
    mac_address: vm.mac,
    host_id: `host-${HOSTS[index % HOSTS.length]}`,
    vm_local_id_on_host: String(10 + index),
    lport_attachment_id: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    ip_address_info: [{ source: "VM_TOOLS", ip_addresses: vm.ipv6 ? [vm.ipv4, vm.ipv6] : [vm.ipv4] }],
    _last_sync_time: CREATED,
  };
}
const listPage = (results: Json[], cursor?: string) => ({ results, result_count: results.length, ...(cursor ? { cursor } : {}), sort_by: "display_name", sort_ascending: true });

// ---------- vCenter tags ----------
const CATEGORIES = ["app", "env", "tier", "zone", "pci", "backup", "legacy", "security"];
const categoryId = (name: string) => `urn:vmomi:InventoryServiceCategory:${name.padEnd(8, "0").slice(0, 8).replace(/[^a-f0-9]/g, "c")}-1a2b-4c3d-8e9f-0123456789ab:GLOBAL`;
function tagCatalog(vms: BankVm[]) {
  const tags = new Map<string, { id: string; category: string; name: string }>();
  for (const vm of vms) {
    for (const [category, name] of Object.entries(vm.tags)) {
      const key = `${category}/${name}`;
      if (!tags.has(key)) tags.set(key, { id: `urn:vmomi:InventoryServiceTag:${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}:GLOBAL`, category, name });
    }
  }
  const categories = CATEGORIES.map((name) => ({ id: categoryId(name), name, description: `Helvetia PB ${name}`, cardinality: name === "backup" ? "SINGLE" : "MULTIPLE", associable_types: ["VirtualMachine"], used_by: [] }));
  const tagList = [...tags.values()].map((t) => ({ id: t.id, category_id: categoryId(t.category), name: t.name, description: "", used_by: [] }));
  return { tags, categories, tagList };
}
const vcenterVms = (vms: BankVm[]) => vms.map((vm, i) => ({ vm: vm.moref, name: vm.name, power_state: "POWERED_ON", cpu_count: vm.tags.tier === "db" ? 8 : 4, memory_size_MiB: vm.tags.tier === "db" ? 65536 : 16384 + (i % 2) * 8192 }));

// ---------- Build ----------
const groups = buildGroups();
const services = buildServices();
const segments = buildSegments();
const policies = buildPolicies();

function writeDemo(): void {
  write("demo/nsx-t-infra.json", json(hierarchical(groups, policies, services, segments)));
  write("demo/nsx-fabric-virtual-machines.json", json(listPage(VMS.map(fabricVm))));
  write("demo/nsx-fabric-vifs.json", json(listPage(VMS.map(fabricVif))));
  write("demo/vcenter-vms.json", json(vcenterVms(VMS)));
  const { tags, categories, tagList } = tagCatalog(VMS);
  write("demo/vcenter-tag-categories.json", json(categories));
  write("demo/vcenter-tags.json", json(tagList));
  const associations: Json[] = [];
  for (const vm of VMS) for (const [c, n] of Object.entries(vm.tags)) associations.push({ tag: tags.get(`${c}/${n}`)!.id, object: { type: "VirtualMachine", id: vm.moref } });
  // Real vCenters also tag hosts, and keep tags of VMs deleted since: both are reported, not imported.
  associations.push({ tag: tags.get("zone/management")!.id, object: { type: "HostSystem", id: "host-21" } });
  associations.push({ tag: tags.get("app/ebanking")!.id, object: { type: "VirtualMachine", id: "vm-9001" } });
  write("demo/vcenter-tag-associations.json", json({ associations }));
}

// ---------- Samples: a small e-banking slice in every format ----------
const sampleVms = VMS.filter((v) => (v.tags.app === "ebanking" && v.tags.env === "prod" && /0[12]$/.test(v.name)) || v.name === "hpb-jmp-p01" || v.name === "hpb-jmp-p02");
const sampleGroups = groups.filter((g) => ["ebanking-web", "ebanking-app", "ebanking-db", "app-ebanking", "infra-jump", "ext-internet", "dmz-proxies", "all-prod-databases", "quarantine", "ad-traders"].includes(g.id as string));
const sampleServices = services.filter((s) => ["HPB-Kafka", "HPB-Web", "HPB-Legacy-FTP"].includes(s.id as string));
const ebankingPolicy = policies.find((p) => p.id === "app-ebanking")! as Json & { rules: Json[] };
const samplePolicies: Json[] = [
  { ...policies.find((p) => p.id === "emergency-quarantine")!, rules: (policies.find((p) => p.id === "emergency-quarantine")! as Json & { rules: Json[] }).rules.slice(0, 3) },
  { ...ebankingPolicy, rules: ebankingPolicy.rules.filter((r) => !String(r.display_name).startsWith("Admin") && !String(r.display_name).startsWith("Health") && !String(r.display_name).includes("core") && !String(r.display_name).includes("payments")) },
  policies.find((p) => p.id === "default-layer3-section")!,
];
// all-prod-databases names every app's db group; the sample keeps only e-banking's.
const sampleGroupsFixed = sampleGroups.map((g) => (g.id === "all-prod-databases" ? { ...g, expression: [{ resource_type: "PathExpression", paths: [G("ebanking-db")] }] } : g));

function writeSamples(): void {
  write("samples/nsx-t-hierarchical/infra.json", json(hierarchical(sampleGroupsFixed, samplePolicies, sampleServices, [])));

  // Flat lists: policy 1 with embedded rules, policy 2 without (its rules in a separate list), groups in two pages.
  const [quarantine, ebanking, defaults] = samplePolicies as (Json & { rules: Json[] })[];
  write("samples/nsx-t-flat-lists/security-policies-page-1.json", json(listPage([quarantine, defaults], "MDAwMDI=")));
  const { rules: ebankingRules, ...ebankingShell } = ebanking;
  write("samples/nsx-t-flat-lists/security-policies-page-2.json", json(listPage([ebankingShell])));
  write("samples/nsx-t-flat-lists/rules-app-ebanking.json", json(listPage(ebankingRules)));
  write("samples/nsx-t-flat-lists/groups-page-1.json", json(listPage(sampleGroupsFixed.slice(0, 5), "MDAwMDU=")));
  write("samples/nsx-t-flat-lists/groups-page-2.json", json(listPage(sampleGroupsFixed.slice(5))));
  write("samples/nsx-t-flat-lists/services.json", json(listPage(sampleServices)));
  const flatFiles = ["security-policies-page-1.json", "security-policies-page-2.json", "rules-app-ebanking.json", "groups-page-1.json", "groups-page-2.json", "services.json"];
  const zipEntries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const f of flatFiles) {
    const body = (f.startsWith("security") ? f === "security-policies-page-1.json" ? listPage([quarantine, defaults], "MDAwMDI=") : listPage([ebankingShell]) : f.startsWith("rules") ? listPage(ebankingRules) : f === "groups-page-1.json" ? listPage(sampleGroupsFixed.slice(0, 5), "MDAwMDU=") : f === "groups-page-2.json" ? listPage(sampleGroupsFixed.slice(5)) : listPage(sampleServices));
    zipEntries[`nsx-export/${f}`] = [strToU8(json(body)), { mtime: new Date(Date.UTC(2024, 5, 10)) }];
  }
  write("samples/nsx-t-flat-lists-zip/nsx-export.zip", zipSync(zipEntries, { level: 6 }));

  // Fabric inventory.
  write("samples/nsx-fabric/virtual-machines.json", json(listPage(sampleVms.map(fabricVm))));
  write("samples/nsx-fabric/vifs.json", json(listPage(sampleVms.map(fabricVif))));

  // vmware-analyzer collector dump (the np-guard collector's JSON).
  write(
    "samples/collector/collector-export.json",
    json({
      virtual_machines: sampleVms.map((vm) => ({ display_name: vm.name, external_id: vm.instanceUuid, tags: Object.entries(vm.tags).map(([scope, tag]) => ({ scope, tag })) })),
      virtual_network_interface: sampleVms.map((vm) => ({ owner_vm_id: vm.instanceUuid, mac_address: vm.mac, ip_address_info: [{ ip_addresses: vm.ipv6 ? [vm.ipv4, vm.ipv6] : [vm.ipv4] }] })),
      segments: null,
      tier0: null,
      tier1: null,
      services: sampleServices,
      domains: [
        {
          display_name: "default",
          resources: {
            security_policies: samplePolicies.filter((p) => p.id !== "default-layer3-section"),
            groups: sampleGroupsFixed.filter((g) => g.id !== "ad-traders"),
          },
        },
      ],
    }),
  );

  // NSX-V distributed firewall configuration.
  write("samples/nsx-v/firewall-config.xml", nsxVConfig());

  // CSV rule export (display names, built-in service names, multi-value cells).
  const csvRows = [
    ["Policy", "Category", "Rule ID", "Name", "Sources", "Sources Excluded", "Destinations", "Destinations Excluded", "Services", "Action", "Direction", "IP Protocol", "Applied To", "Logged", "Disabled", "Notes"],
    ["Emergency: quarantine", "Emergency", "3005", "Quarantine: drop outbound", "Quarantine", "false", "ANY", "false", "ANY", "DROP", "IN_OUT", "IPV4_IPV6", "ANY", "true", "false", ""],
    ["Application ebanking", "Application", "3101", "Internet to e-banking web (v4)", "Ext Internet", "true", "ebanking web", "false", "HTTPS", "ALLOW", "IN_OUT", "IPV4", "APP ebanking", "true", "false", ""],
    ["Application ebanking", "Application", "3102", "Internet to e-banking web (v6)", "Ext Internet", "true", "ebanking web", "false", "HTTPS", "ALLOW", "IN_OUT", "IPV6", "APP ebanking", "true", "false", ""],
    ["Application ebanking", "Application", "3103", "Web to app", "ebanking web", "false", "ebanking app", "false", "HTTPS;HPB-Kafka", "ALLOW", "IN_OUT", "IPV4_IPV6", "APP ebanking", "false", "false", ""],
    ["Application ebanking", "Application", "3104", "App to db", "ebanking app", "false", "ebanking db", "false", "PostgreSQL", "ALLOW", "IN_OUT", "IPV4_IPV6", "APP ebanking", "false", "false", "CHG-4711"],
    ["Application ebanking", "Application", "3105", "Admin from jump hosts", "Jump hosts\n10.5.0.0/22", "false", "ebanking web\nebanking app\nebanking db", "false", "SSH", "ALLOW", "IN", "IPV4_IPV6", "ANY", "true", "false", ""],
    ["Application ebanking", "Application", "3106", "Web direct to db is rejected", "ebanking web", "false", "ebanking db", "false", "ANY", "REJECT", "IN_OUT", "IPV4_IPV6", "APP ebanking", "true", "false", ""],
    ["Application ebanking", "Application", "3107", "Legacy ping (disabled)", "ANY", "false", "ebanking web", "false", "ICMP_Echo_Request", "ALLOW", "IN_OUT", "IPV4", "ANY", "false", "true", ""],
    ["Application ebanking", "Application", "3108", "ebanking: deny rest", "ANY", "false", "APP ebanking", "false", "ANY", "DROP", "IN_OUT", "IPV4_IPV6", "APP ebanking", "true", "false", ""],
  ];
  write("samples/csv-rules/dfw-rules.csv", csv(csvRows));
  const csvGroups = sampleGroupsFixed.map((g) => ({ ...g, display_name: g.id === "ext-internet" ? "Ext Internet" : g.id === "infra-jump" ? "Jump hosts" : g.display_name }));
  write("samples/csv-rules/groups.json", json(listPage(csvGroups)));
  write("samples/csv-rules/services.json", json(listPage(sampleServices)));

  // RVTools (CSV per tab, and the workbook).
  write("samples/rvtools/RVTools_tabvInfo.csv", csv(rvtoolsVinfo(sampleVms)));
  write("samples/rvtools/RVTools_tabvNetwork.csv", csv(rvtoolsVnetwork(sampleVms)));

  // vSphere Automation tagging: the /api and the older /rest ({value}) spellings.
  const { tags, categories, tagList } = tagCatalog(sampleVms);
  write("samples/vsphere-tags/vms.json", json(vcenterVms(sampleVms)));
  write("samples/vsphere-tags/categories.json", json(categories));
  write("samples/vsphere-tags/tags.json", json(tagList));
  write("samples/vsphere-tags/attached-tags-on-objects.json", json(sampleVms.map((vm) => ({ object_id: { type: "VirtualMachine", id: vm.moref }, tag_ids: Object.entries(vm.tags).map(([c, n]) => tags.get(`${c}/${n}`)!.id) }))));
  write("samples/vsphere-tags/attached-objects-on-tags.rest.json", json({ value: [...tags.values()].map((t) => ({ tag_id: t.id, object_ids: sampleVms.filter((vm) => vm.tags[t.category] === t.name).map((vm) => ({ type: "VirtualMachine", id: vm.moref })) })) }));
  write("samples/vsphere-tags/associations.json", json({ associations: sampleVms.flatMap((vm) => Object.entries(vm.tags).map(([c, n]) => ({ tag: tags.get(`${c}/${n}`)!.id, object: { type: "VirtualMachine", id: vm.moref } }))) }));

  // PowerCLI Get-TagAssignment | Export-Csv: raw object form and flattened form.
  const raw = [["Uid", "Tag", "Entity", "Id", "Name", "Client"]];
  const flat = [["Entity", "Tag", "Category"]];
  for (const vm of sampleVms) {
    for (const [c, n] of Object.entries(vm.tags)) {
      const tagId = tags.get(`${c}/${n}`)!.id;
      raw.push([`/VIServer=vsphere.local\\svc-nsx@vc01.corp.helvetia-pb.ch:443/VirtualMachine=VirtualMachine-${vm.moref}/TagAssignment=/Tag=${tagId}/`, `${c}/${n}`, vm.name, `com.vmware.cis.tagging.TagAssociationModel:${hex(8)}`, "com.vmware.cis.tagging.TagAssociationModel", "VMware.VimAutomation.ViCore.Impl.V1.VimClient"]);
      flat.push([vm.name, n, c]);
    }
  }
  write("samples/powercli/tag-assignment-raw.csv", `#TYPE VMware.VimAutomation.ViCore.Impl.V1.Tagging.TagAssignmentImpl\r\n${csv(raw, "\r\n")}`);
  write("samples/powercli/tag-assignment-flat.csv", csv(flat, "\r\n"));

  // govc tags.attached.ls -l -json (tag inline) and govc tags.category.ls -json.
  write("samples/govc/tags-attached.json", json([...tags.values()].map((t) => ({ tag_id: t.id, tag: { id: t.id, name: t.name, category_id: categoryId(t.category), description: "" }, object_ids: sampleVms.filter((vm) => vm.tags[t.category] === t.name).map((vm) => ({ Type: "VirtualMachine", Value: vm.moref })) }))));
  write("samples/govc/categories.json", json(categories));
}

function csv(rows: string[][], eol = "\n"): string {
  const cell = (v: string) => (/[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(",")).join(eol) + eol;
}

function rvtoolsVinfo(vms: BankVm[]): string[][] {
  const header = ["VM", "Powerstate", "Template", "DNS Name", "CPUs", "Memory", "NICs", "Primary IP Address", "Network #1", "Annotation", "Datacenter", "Cluster", "Host", "OS according to the configuration file", "OS according to the VMware Tools", "VM ID", "SMBIOS UUID", "VM UUID", "VI SDK Server", "VI SDK UUID"];
  const rows = vms.map((vm, i) => [vm.name, "poweredOn", "False", vm.computerName, "4", "16384", "1", vm.ipv4, vm.segment, `Owner: ${vm.tags.app}`, "DC-ZRH", "CL-PROD-01", `${HOSTS[i % HOSTS.length]}.corp.helvetia-pb.ch`, vm.osName, vm.osName, vm.moref, vm.biosUuid, vm.instanceUuid, "vc01.corp.helvetia-pb.ch", "5f0a2c1e-8d3b-4a55-9c61-2b7e4d8f9a10"]);
  rows.push(["tpl-rhel9-golden", "poweredOff", "True", "", "2", "4096", "1", "", "seg-dev", "Template", "DC-ZRH", "CL-PROD-01", "esx-zrh-01.corp.helvetia-pb.ch", "Red Hat Enterprise Linux 9 (64-bit)", "", "vm-9000", "", "", "vc01.corp.helvetia-pb.ch", "5f0a2c1e-8d3b-4a55-9c61-2b7e4d8f9a10"]);
  return [header, ...rows];
}

function rvtoolsVnetwork(vms: BankVm[]): string[][] {
  const header = ["VM", "Powerstate", "Template", "NIC label", "Adapter", "Network", "Switch", "Connected", "Starts Connected", "Mac Address", "Type", "IPv4 Address", "IPv6 Address", "Direct Path IO", "VM ID", "VM UUID", "VI SDK Server"];
  return [header, ...vms.map((vm) => [vm.name, "poweredOn", "False", "Network adapter 1", "Vmxnet3", vm.segment, "nsx-overlay", "True", "True", vm.mac, "assigned", vm.ipv4, vm.ipv6 ?? "", "False", vm.moref, vm.instanceUuid, "vc01.corp.helvetia-pb.ch"])];
}

async function writeXlsx(): Promise<void> {
  const sheets = ([["vInfo", rvtoolsVinfo(sampleVms)], ["vNetwork", rvtoolsVnetwork(sampleVms)]] as const).map(([name, [header, ...rows]]) => ({ name, header, rows }));
  write("samples/rvtools/RVTools_export.xlsx", writeXlsxWorkbook(sheets, new Date(Date.UTC(2024, 5, 10))));
}

function nsxVConfig(): string {
  const x = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const member = (tag: string, type: string, value: string, name?: string) => `          <${tag}>${name ? `\n            <name>${x(name)}</name>` : ""}\n            <value>${x(value)}</value>\n            <type>${type}</type>\n            <isValid>true</isValid>\n          </${tag}>`;
  const rule = (o: { id: number; name: string; action: string; sources?: string[]; srcExcluded?: boolean; destinations?: string[]; dstExcluded?: boolean; services?: string[]; appliedTo?: string[]; direction?: string; packetType?: string; disabled?: boolean; logged?: boolean; section: number; notes?: string }) => `      <rule id="${o.id}" disabled="${o.disabled ?? false}" logged="${o.logged ?? false}">
        <name>${x(o.name)}</name>
        <action>${o.action}</action>
        <appliedToList>
${(o.appliedTo ?? [member("appliedTo", "DISTRIBUTED_FIREWALL", "DISTRIBUTED_FIREWALL", "DISTRIBUTED_FIREWALL")]).join("\n")}
        </appliedToList>
        <sectionId>${o.section}</sectionId>${o.sources ? `\n        <sources excluded="${o.srcExcluded ?? false}">\n${o.sources.join("\n")}\n        </sources>` : ""}${o.destinations ? `\n        <destinations excluded="${o.dstExcluded ?? false}">\n${o.destinations.join("\n")}\n        </destinations>` : ""}${o.services ? `\n        <services>\n${o.services.join("\n")}\n        </services>` : ""}
        <direction>${o.direction ?? "inout"}</direction>
        <packetType>${o.packetType ?? "any"}</packetType>${o.notes ? `\n        <notes>${x(o.notes)}</notes>` : ""}
      </rule>`;
  const inline = (protocol: number, port?: string, protocolName?: string, sub?: number) => `          <service>\n            <isValid>true</isValid>\n            <protocol>${protocol}</protocol>${port ? `\n            <destinationPort>${port}</destinationPort>` : ""}${sub !== undefined ? `\n            <subProtocol>${sub}</subProtocol>` : ""}${protocolName ? `\n            <protocolName>${protocolName}</protocolName>` : ""}\n          </service>`;
  const web = sampleVms.filter((v) => v.tags.tier === "web");
  const db = sampleVms.filter((v) => v.tags.tier === "db");
  return `<?xml version="1.0" encoding="UTF-8"?>
<firewallConfiguration timestamp="1718000000000">
  <contextId>globalroot-0</contextId>
  <layer3Sections>
    <section id="1010" name="E-Banking &amp; DMZ" generationNumber="1718000000000" timestamp="1718000000000" tcpStrict="true" stateless="false" useSid="false" type="LAYER3">
${rule({ id: 1101, name: "Internet to web (HTTPS)", action: "allow", section: 1010, sources: [member("source", "Ipv4Address", "10.0.0.0/8"), member("source", "Ipv4Address", "172.16.0.0/12"), member("source", "Ipv4Address", "192.168.0.0/16")], srcExcluded: true, destinations: [member("destination", "SecurityGroup", "securitygroup-12", "SG-EBK-WEB")], services: [member("service", "Application", "application-67", "HTTPS")], logged: true })}
${rule({ id: 1102, name: "Web to DB by address", action: "allow", section: 1010, sources: web.map((v) => member("source", "Ipv4Address", v.ipv4)), destinations: db.map((v) => member("destination", "Ipv4Address", v.ipv4)), services: [inline(6, "5432", "TCP")] })}
${rule({ id: 1103, name: "Web v6 health", action: "allow", section: 1010, sources: [member("source", "Ipv6Address", "2001:db8:4850:1::/64")], destinations: web.filter((v) => v.ipv6).map((v) => member("destination", "Ipv6Address", v.ipv6!)), services: [inline(58, undefined, "IPV6ICMP", 128)], packetType: "ipv6" })}
${rule({ id: 1104, name: "Jump SSH", action: "allow", section: 1010, sources: [member("source", "VirtualMachine", "vm-1111", "hpb-jmp-p01")], destinations: [member("destination", "VirtualWire", "virtualwire-7", "seg-dmz-web")], services: [inline(6, "22,2222", "TCP")], direction: "in", logged: true, notes: "CHG-4711 & CHG-4712" })}
${rule({ id: 1105, name: "Reject legacy FTP", action: "reject", section: 1010, destinations: [member("destination", "IPSet", "ipset-4", "IPS-DMZ")], services: [inline(6, "20-21", "TCP")], logged: true })}
${rule({ id: 1106, name: "Old monitoring (disabled)", action: "allow", section: 1010, sources: [member("source", "Ipv4Address", "10.1.5.0/24")], services: [inline(17, "161", "UDP"), inline(1, undefined, "ICMP", 8)], disabled: true, packetType: "ipv4" })}
${rule({ id: 1107, name: "DMZ egress deny", action: "deny", section: 1010, appliedTo: [member("appliedTo", "SecurityGroup", "securitygroup-12", "SG-EBK-WEB")], direction: "out", logged: true })}
    </section>
    <section id="1001" name="Default Section Layer3" generationNumber="1718000000000" timestamp="1718000000000" tcpStrict="false" stateless="false" useSid="false" type="LAYER3">
${rule({ id: 1003, name: "Default Rule NDP", action: "allow", section: 1001, services: [inline(58, undefined, "IPV6ICMP", 135), inline(58, undefined, "IPV6ICMP", 136)] })}
${rule({ id: 1002, name: "Default Rule DHCP", action: "allow", section: 1001, services: [inline(17, "67-68", "UDP")] })}
${rule({ id: 1001, name: "Default Rule", action: "deny", section: 1001, logged: true })}
    </section>
  </layer3Sections>
  <layer2Sections>
    <section id="1005" name="Default Section Layer2" generationNumber="1718000000000" timestamp="1718000000000" stateless="true" tcpStrict="false" useSid="false" type="LAYER2">
${rule({ id: 1004, name: "Default Rule", action: "allow", section: 1005 })}
    </section>
  </layer2Sections>
  <layer3RedirectSections>
    <section id="1006" name="Default Section" generationNumber="1718000000000" timestamp="1718000000000" stateless="false" tcpStrict="false" useSid="false" type="L3REDIRECT"/>
  </layer3RedirectSections>
</firewallConfiguration>
`;
}

writeDemo();
writeSamples();
await writeXlsx();
console.log(`wrote demo (${VMS.length} VMs, ${policies.reduce((n, p) => n + ((p as { rules: unknown[] }).rules?.length ?? 0), 0)} rules incl. default) and samples`);
void S;
