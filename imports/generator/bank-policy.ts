/**
 * Helvetia Private Bank's NSX-T policy objects in Policy API JSON shape (Group, Service, SecurityPolicy,
 * Rule): the single source the generator renders into every export format.
 */
import { APPS, DOMAIN, G, S, SEGMENTS, VMS } from "./bank-model.ts";

type Json = Record<string, unknown>;

const tag = (value: string, operator = "EQUALS", extra: Json = {}): Json => ({ resource_type: "Condition", member_type: "VirtualMachine", key: "Tag", operator, value, ...extra });
const and: Json = { resource_type: "ConjunctionOperator", conjunction_operator: "AND" };
const or: Json = { resource_type: "ConjunctionOperator", conjunction_operator: "OR" };

function group(id: string, name: string, expression: Json[], extra: Json = {}): Json {
  return { resource_type: "Group", id, display_name: name, path: G(id), parent_path: DOMAIN, expression, ...extra };
}

const appTiers = new Map<string, Set<string>>();
for (const vm of VMS) {
  if (!appTiers.has(vm.tags.app)) appTiers.set(vm.tags.app, new Set());
  appTiers.get(vm.tags.app)!.add(vm.tags.tier);
}

export function buildGroups(): Json[] {
  const groups: Json[] = [];
  // App/tier groups: tag conditions ANDed (the bread and butter of a tag-based DFW).
  for (const [app, tiers] of appTiers) {
    if (["ad", "dns", "ntp", "backup", "monitoring", "logging", "jump", "pki", "patching", "proxy", "mail", "filetransfer"].includes(app)) continue;
    groups.push(group(`app-${app}`, `APP ${app}`, [tag(`app|${app}`)]));
    // Tier groups select the production instances; an app with no production VMs (devtools) selects dev.
    const env = VMS.some((v) => v.tags.app === app && v.tags.env === "prod") ? "prod" : "dev";
    for (const tier of tiers) groups.push(group(`${app}-${tier}`, `${app} ${tier}`, [tag(`app|${app}`), and, tag(`tier|${tier}`), and, tag(`env|${env}`)]));
  }
  for (const env of ["prod", "test", "dev"]) groups.push(group(`env-${env}`, `ENV ${env}`, [tag(`env|${env}`)]));
  for (const zone of ["dmz", "internal", "restricted", "management"]) groups.push(group(`zone-${zone}`, `ZONE ${zone}`, [tag(`zone|${zone}`)]));
  // Infrastructure services, several by name or OS rather than by tag.
  groups.push(group("infra-ad", "Active Directory DCs", [{ resource_type: "Condition", member_type: "VirtualMachine", key: "Name", operator: "STARTSWITH", value: "hpb-dc-" }]));
  groups.push(group("infra-dns", "DNS resolvers", [tag("app|dns"), or, { resource_type: "IPAddressExpression", ip_addresses: ["10.1.1.11", "10.1.1.12", "2001:db8:4850:1::53"] }]));
  groups.push(group("infra-ntp", "NTP servers", [tag("app|ntp")]));
  groups.push(group("infra-backup", "Backup proxies", [tag("app|backup")]));
  groups.push(group("infra-monitoring", "Monitoring and logging", [{ resource_type: "Condition", member_type: "VirtualMachine", key: "Name", operator: "MATCHES", value: "^hpb-(mon|log)-p[0-9]+$" }]));
  groups.push(group("infra-logging", "Syslog collectors", [tag("app|logging")]));
  groups.push(group("infra-jump", "Jump hosts", [tag("app|jump"), and, { resource_type: "Condition", member_type: "VirtualMachine", key: "ComputerName", operator: "ENDSWITH", value: ".corp.helvetia-pb.ch" }]));
  groups.push(group("infra-pki", "PKI / CA", [tag("app|pki")]));
  groups.push(group("infra-patching", "WSUS", [tag("app|patching")]));
  groups.push(group("dmz-proxies", "Reverse proxies", [tag("app|proxy"), and, tag("zone|dmz")]));
  groups.push(group("dmz-mail", "Mail relays", [tag("app|mail")]));
  groups.push(group("dmz-sftp", "Partner SFTP", [tag("app|filetransfer")]));
  groups.push(group("windows-servers", "All Windows servers", [{ resource_type: "Condition", member_type: "VirtualMachine", key: "OSName", operator: "CONTAINS", value: "Windows" }]));
  groups.push(group("linux-servers", "All Linux servers", [{ resource_type: "Condition", member_type: "VirtualMachine", key: "OSName", operator: "CONTAINS", value: "Linux" }]));
  // PCI scope: tag with scope only (any tag value in the pci scope) uses scope_operator on a "pci|" value.
  groups.push(group("pci-scope", "PCI DSS cardholder data environment", [tag("pci|in-scope")]));
  groups.push(group("non-pci-prod", "Production outside PCI", [tag("env|prod"), and, tag("pci|in-scope", "NOTEQUALS")]));
  groups.push(group("legacy-windows", "Legacy Windows (scope-less tag)", [tag("|windows-2012"), or, tag("legacy|windows-2012")]));
  groups.push(group("quarantine", "Quarantine", [tag("security|quarantine"), or, { resource_type: "Condition", member_type: "VirtualMachine", key: "Tag", operator: "EQUALS", value: "|quarantine", scope_operator: "EQUALS" }]));
  groups.push(group("core-all-tiers", "Core banking (any tier)", [tag("app|corebanking"), and, tag("tier|", "STARTSWITH")]));
  groups.push(group("trading-frontline", "Trading FIX + market data", [tag("tier|fixgw,tier|mktdata", "IN"), and, tag("app|trading")]));
  groups.push(group("not-dev", "Everything but dev", [tag("env|dev", "NOTIN")]));
  // Nested expression: (app=hr AND tier=db) OR (app=wealth AND tier=db) — the personal-data databases.
  groups.push(group("personal-data-db", "Databases with personal data", [
    { resource_type: "NestedExpression", expressions: [tag("app|hr"), and, tag("tier|db")] },
    or,
    { resource_type: "NestedExpression", expressions: [tag("app|wealth"), and, tag("tier|db")] },
  ]));
  // Group of groups (PathExpression), also naming a segment.
  groups.push(group("all-prod-databases", "All production databases", [{ resource_type: "PathExpression", paths: APPS.map((a) => G(`${a}-db`)) }]));
  groups.push(group("pci-segment", "PCI segment", [{ resource_type: "PathExpression", paths: ["/infra/segments/seg-pci"] }]));
  // Addresses: external parties (IPv4 CIDR, range, IPv6).
  groups.push(group("ext-six-swiss-exchange", "SIX Swiss Exchange", [{ resource_type: "IPAddressExpression", ip_addresses: ["198.51.100.0/26", "2001:db8:5858::/48"] }]));
  groups.push(group("ext-swift", "SWIFT Alliance Lite2 gateways", [{ resource_type: "IPAddressExpression", ip_addresses: ["203.0.113.10-203.0.113.20"] }]));
  groups.push(group("ext-card-processor", "Card processor", [{ resource_type: "IPAddressExpression", ip_addresses: ["192.0.2.64/27"] }]));
  groups.push(group("ext-internet", "Internet (not RFC1918)", [{ resource_type: "IPAddressExpression", ip_addresses: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"] }]));
  groups.push(group("ext-monitoring-saas", "Monitoring SaaS", [{ resource_type: "IPAddressExpression", ip_addresses: ["2001:db8:beef::/64"] }]));
  groups.push(group("admin-workstations", "Admin workstations (VDI)", [{ resource_type: "IPAddressExpression", ip_addresses: ["10.5.0.0/22"] }]));
  // MAC: the HSM appliances' bonded NICs.
  groups.push(group("hsm-appliances", "Thales HSM appliances", [{ resource_type: "MACAddressExpression", mac_addresses: ["00:1b:21:0a:4c:01", "00:1b:21:0a:4c:02"] }]));
  // External ids: the HSM proxies pinned by instance UUID.
  const hsm = VMS.filter((v) => v.tags.app === "payments" && v.tags.tier === "hsm");
  groups.push(group("payments-hsm-proxies", "HSM proxies (pinned)", [{ resource_type: "ExternalIDExpression", member_type: "VirtualMachine", external_ids: hsm.map((v) => v.instanceUuid) }]));
  // Identity (IDFW): traders' AD group; kept and flagged by the importer.
  groups.push(
    group("ad-traders", "AD: Trading desk", [], {
      extended_expression: [
        {
          resource_type: "IdentityGroupExpression",
          identity_groups: [{ distinguished_name: "CN=GG-Trading-Desk,OU=Groups,DC=corp,DC=helvetia-pb,DC=ch", domain_base_distinguished_name: "DC=corp,DC=helvetia-pb,DC=ch", sid: "S-1-5-21-1004336348-1177238915-682003330-41221" }],
        },
      ],
    }),
  );
  groups.push(group("management-segment", "Management segment", [{ resource_type: "Condition", member_type: "Segment", key: "Tag", operator: "EQUALS", value: "zone|management" }, or, { resource_type: "PathExpression", paths: ["/infra/segments/seg-mgmt"] }]));
  return groups;
}

const l4 = (id: string, protocol: "TCP" | "UDP", ports: string[], sourcePorts?: string[]): Json => ({
  resource_type: "L4PortSetServiceEntry",
  id,
  display_name: id,
  l4_protocol: protocol,
  destination_ports: ports,
  ...(sourcePorts ? { source_ports: sourcePorts } : {}),
});

function service(id: string, name: string, entries: Json[]): Json {
  return { resource_type: "Service", id, display_name: name, path: S(id), parent_path: "/infra", service_type: "NON_ETHER", is_default: false, service_entries: entries };
}

export function buildServices(): Json[] {
  return [
    service("HPB-Temenos-T24", "Temenos T24 TAFJ", [l4("t24", "TCP", ["7001-7003", "7800"])]),
    service("HPB-FIX", "FIX 4.4 sessions", [l4("fix", "TCP", ["9876", "9880"])]),
    service("HPB-MarketData", "Market data multicast feed", [l4("md", "UDP", ["30001-30100"])]),
    service("HPB-HSM", "Thales payShield", [l4("hsm", "TCP", ["1500", "9004"])]),
    service("HPB-Veeam", "Veeam data movers", [l4("veeam-tcp", "TCP", ["2500-3300", "6160-6162", "10006"]), l4("veeam-udp", "UDP", ["2500-3300"])]),
    service("HPB-Zabbix-Agent", "Zabbix agent", [l4("zbx", "TCP", ["10050"])]),
    service("HPB-Prometheus-Node", "Prometheus node exporter", [l4("node", "TCP", ["9100"])]),
    service("HPB-Syslog-TLS", "Syslog over TLS", [l4("syslog-tls", "TCP", ["6514"])]),
    service("HPB-Kafka", "Kafka brokers", [l4("kafka", "TCP", ["9092-9094"])]),
    service("HPB-SWIFT-Alliance", "SWIFT Alliance Access", [l4("saa", "TCP", ["48002-48003"])]),
    service("HPB-DNS-Client", "DNS from ephemeral ports", [l4("dns-udp", "UDP", ["53"], ["1024-65535"]), l4("dns-tcp", "TCP", ["53"], ["1024-65535"])]),
    service("HPB-GRE", "GRE to the partner VPN", [{ resource_type: "IPProtocolServiceEntry", id: "gre", display_name: "gre", protocol_number: 47 }]),
    service("HPB-Ping", "ICMP echo v4 and v6", [
      { resource_type: "ICMPTypeServiceEntry", id: "echo4", display_name: "echo4", protocol: "ICMPv4", icmp_type: 8, icmp_code: 0 },
      { resource_type: "ICMPTypeServiceEntry", id: "echo6", display_name: "echo6", protocol: "ICMPv6", icmp_type: 128 },
    ]),
    service("HPB-IGMP", "IGMP for market data", [{ resource_type: "IGMPTypeServiceEntry", id: "igmp", display_name: "igmp" }]),
    service("HPB-Web", "HTTP + HTTPS", [
      { resource_type: "NestedServiceServiceEntry", id: "http", display_name: "http", nested_service_path: S("HTTP") },
      { resource_type: "NestedServiceServiceEntry", id: "https", display_name: "https", nested_service_path: S("HTTPS") },
    ]),
    service("HPB-Legacy-FTP", "Legacy FTP (ALG)", [{ resource_type: "ALGTypeServiceEntry", id: "ftp", display_name: "ftp", alg: "FTP", destination_ports: ["21"] }]),
    { ...service("HPB-ARP", "ARP", [{ resource_type: "EtherTypeServiceEntry", id: "arp", display_name: "arp", ether_type: 2054 }]), service_type: "ETHER" },
    { ...service("HPB-LLDP", "LLDP", [{ resource_type: "EtherTypeServiceEntry", id: "lldp", display_name: "lldp", ether_type: 35020 }]), service_type: "ETHER" },
  ];
}

export function buildSegments(): Json[] {
  return Object.entries(SEGMENTS).map(([id, subnets]) => ({
    resource_type: "Segment",
    id,
    display_name: id,
    path: `/infra/segments/${id}`,
    parent_path: "/infra",
    subnets: subnets.map((cidr) => {
      const [network, prefix] = cidr.split("/");
      const gateway = network.includes(":") ? `${network}1` : network.replace(/\.0$/, ".1");
      return { gateway_address: `${gateway}/${prefix}` };
    }),
  }));
}

interface RuleSpec {
  name: string;
  src: string[];
  dst: string[];
  svc: string[];
  action?: "ALLOW" | "DROP" | "REJECT" | "JUMP_TO_APPLICATION";
  scope?: string[];
  direction?: "IN" | "OUT" | "IN_OUT";
  ipProtocol?: "IPV4" | "IPV6" | "IPV4_IPV6";
  srcExcluded?: boolean;
  dstExcluded?: boolean;
  logged?: boolean;
  disabled?: boolean;
  entries?: Json[];
  notes?: string;
  profiles?: string[];
}

let nextRuleId = 3001;

function policy(id: string, name: string, category: string, sequence: number, specs: RuleSpec[], scope: string[] = ["ANY"]): Json {
  const path = `${DOMAIN}/security-policies/${id}`;
  const rules = specs.map((r, i) => ({
    resource_type: "Rule",
    id: r.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
    display_name: r.name,
    path: `${path}/rules/${r.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`,
    parent_path: path,
    rule_id: nextRuleId++,
    sequence_number: (i + 1) * 10,
    source_groups: r.src,
    destination_groups: r.dst,
    services: r.svc,
    ...(r.entries ? { service_entries: r.entries } : {}),
    scope: r.scope ?? ["ANY"],
    profiles: r.profiles ?? ["ANY"],
    action: r.action ?? "ALLOW",
    direction: r.direction ?? "IN_OUT",
    ip_protocol: r.ipProtocol ?? "IPV4_IPV6",
    sources_excluded: r.srcExcluded ?? false,
    destinations_excluded: r.dstExcluded ?? false,
    logged: r.logged ?? false,
    disabled: r.disabled ?? false,
    ...(r.notes ? { notes: r.notes } : {}),
    tag: `HPB-${category.slice(0, 3).toUpperCase()}`,
  }));
  return { resource_type: "SecurityPolicy", id, display_name: name, path, parent_path: DOMAIN, category, sequence_number: sequence, scope, stateful: true, tcp_strict: true, rules };
}

/** Policies in all five categories, ≥ 300 rules, in NSX evaluation order. */
export function buildPolicies(): Json[] {
  nextRuleId = 3001;
  const policies: Json[] = [];
  // Ethernet: layer-2 basics (outside the L3 model: reported by the importer).
  policies.push(
    policy("l2-baseline", "L2 baseline", "Ethernet", 10, [
      { name: "Allow ARP", src: ["ANY"], dst: ["ANY"], svc: [S("HPB-ARP")] },
      { name: "Allow LLDP on management", src: ["ANY"], dst: ["ANY"], svc: [S("HPB-LLDP")], scope: [G("management-segment")] },
      { name: "Drop L2 from quarantine", src: [G("quarantine")], dst: ["ANY"], svc: ["ANY"], action: "DROP", logged: true },
      { name: "Allow HSM MACs", src: [G("hsm-appliances")], dst: ["ANY"], svc: ["ANY"], scope: [G("pci-segment")] },
    ]),
  );
  // Emergency: quarantine and incident response come first.
  policies.push(
    policy("emergency-quarantine", "Emergency: quarantine", "Emergency", 10, [
      { name: "Quarantine: SOC access", src: [G("infra-jump")], dst: [G("quarantine")], svc: [S("SSH"), S("RDP")], logged: true, notes: "INC-2024-0412 forensic access" },
      { name: "Quarantine: drop outbound", src: [G("quarantine")], dst: ["ANY"], svc: ["ANY"], action: "DROP", logged: true },
      { name: "Quarantine: drop inbound", src: ["ANY"], dst: [G("quarantine")], svc: ["ANY"], action: "DROP", logged: true },
      { name: "Block known-bad range", src: ["185.220.100.0/22"], dst: ["ANY"], svc: ["ANY"], action: "DROP", logged: true, direction: "IN" },
      { name: "Block known-bad IPv6", src: ["2001:db8:dead::/48"], dst: ["ANY"], svc: ["ANY"], action: "DROP", logged: true, direction: "IN", ipProtocol: "IPV6" },
      { name: "Emergency: legacy SMBv1 kill switch (disabled)", src: ["ANY"], dst: [G("legacy-windows")], svc: [S("SMB")], action: "REJECT", disabled: true, logged: true },
    ]),
  );
  // Infrastructure: shared services every VM needs; applied-to the consumers' side where it makes sense.
  const infra: RuleSpec[] = [
    { name: "DNS to resolvers", src: ["ANY"], dst: [G("infra-dns")], svc: [S("DNS"), S("DNS-UDP")] },
    { name: "DNS resolvers upstream", src: [G("infra-dns")], dst: [G("ext-internet")], svc: [S("HPB-DNS-Client")], dstExcluded: true, logged: true },
    { name: "NTP to time servers", src: ["ANY"], dst: [G("infra-ntp")], svc: [S("NTP")] },
    { name: "NTP upstream", src: [G("infra-ntp")], dst: ["162.23.41.0/24"], svc: [S("NTP")] },
    { name: "AD authentication", src: [G("windows-servers")], dst: [G("infra-ad")], svc: [S("KERBEROS"), S("KERBEROS-UDP"), S("LDAP"), S("LDAP-over-SSL"), S("LDAP_Global_Catalog"), S("MS_RPC_TCP"), S("SMB")] },
    { name: "AD from Linux (SSSD)", src: [G("linux-servers")], dst: [G("infra-ad")], svc: [S("KERBEROS"), S("LDAP-over-SSL")] },
    { name: "AD replication", src: [G("infra-ad")], dst: [G("infra-ad")], svc: ["ANY"] },
    { name: "PKI enrolment", src: [G("windows-servers")], dst: [G("infra-pki")], svc: [S("HTTPS"), S("MS_RPC_TCP")] },
    { name: "WSUS patching", src: [G("windows-servers")], dst: [G("infra-patching")], svc: [S("HTTP"), S("HTTPS")] },
    { name: "Syslog TLS to collectors", src: ["ANY"], dst: [G("infra-logging")], svc: [S("HPB-Syslog-TLS"), S("Syslog_(UDP)")] },
    { name: "Monitoring: agents", src: [G("infra-monitoring")], dst: ["ANY"], svc: [S("HPB-Zabbix-Agent"), S("HPB-Prometheus-Node"), S("SNMP")] },
    { name: "Monitoring: ping v4+v6", src: [G("infra-monitoring")], dst: ["ANY"], svc: [S("HPB-Ping")] },
    { name: "Monitoring SaaS export (IPv6)", src: [G("infra-monitoring")], dst: [G("ext-monitoring-saas")], svc: [S("HTTPS")], ipProtocol: "IPV6", logged: true },
    { name: "Backup: data movers to databases", src: [G("infra-backup")], dst: [G("all-prod-databases")], svc: [S("HPB-Veeam")], logged: true },
    { name: "Backup: Windows guest processing", src: [G("infra-backup")], dst: [G("windows-servers")], svc: [S("SMB"), S("MS_RPC_TCP")] },
    { name: "Jump: SSH to Linux", src: [G("infra-jump")], dst: [G("linux-servers")], svc: [S("SSH")], logged: true },
    { name: "Jump: RDP to Windows", src: [G("infra-jump")], dst: [G("windows-servers")], svc: [S("RDP")], logged: true },
    { name: "Admin VDI to jump hosts", src: [G("admin-workstations")], dst: [G("infra-jump")], svc: [S("RDP")], logged: true },
    { name: "Jump hosts: no PCI without MFA proxy", src: [G("infra-jump")], dst: [G("pci-scope")], svc: ["ANY"], action: "REJECT", logged: true },
    { name: "Proxy egress", src: [G("dmz-proxies")], dst: [G("ext-internet")], svc: [S("HTTP"), S("HTTPS")], dstExcluded: true, logged: true },
    { name: "Servers to web proxy", src: [G("zone-internal")], dst: [G("dmz-proxies")], svc: [S("HPB-Web")] },
    { name: "Mail relay inbound", src: [G("ext-internet")], dst: [G("dmz-mail")], svc: [S("SMTP"), S("SMTP_TLS")], srcExcluded: true, direction: "IN" },
    { name: "Internal mail to relay", src: [G("zone-internal")], dst: [G("dmz-mail")], svc: [S("SMTP")] },
    { name: "Partner SFTP (legacy FTP ALG)", src: [G("ext-swift")], dst: [G("dmz-sftp")], svc: [S("HPB-Legacy-FTP"), S("SSH")], logged: true },
    { name: "ICMPv6 neighbour discovery", src: ["ANY"], dst: ["ANY"], svc: [S("IPv6-ICMP_Neighbor_Solicitation"), S("IPv6-ICMP_Neighbor_Advertisement")], ipProtocol: "IPV6" },
    { name: "Inline GRE to partner VPN", src: [G("dmz-sftp")], dst: ["198.51.100.200"], svc: [S("HPB-GRE")] },
    { name: "IGMP for market data", src: [G("trading-mktdata")], dst: ["ANY"], svc: [S("HPB-IGMP")] },
  ];
  // Per-app infrastructure flows: monitoring, backup, jump access scoped to each app (applied-to the app).
  for (const app of APPS) {
    infra.push({ name: `Monitoring ${app} web checks`, src: [G("infra-monitoring")], dst: [G(`app-${app}`)], svc: [S("HTTPS")], scope: [G(`app-${app}`), G("infra-monitoring")] });
    infra.push({ name: `Backup ${app} databases`, src: [G("infra-backup")], dst: [G(`${app}-db`)], svc: [S("HPB-Veeam")], scope: [G(`${app}-db`), G("infra-backup")] });
    infra.push({ name: `Log shipping ${app}`, src: [G(`app-${app}`)], dst: [G("infra-logging")], svc: [S("HPB-Kafka")], scope: [G(`app-${app}`), G("infra-logging")] });
  }
  // Named admin access to every infrastructure server (one change ticket each).
  for (const vm of VMS.filter((v) => v.tags.tier === "infra")) {
    infra.push({ name: `Admin ${vm.name}`, src: [G("admin-workstations")], dst: [vm.ipv4], svc: [vm.os === "windows" ? S("RDP") : S("SSH")], logged: true, notes: `CHG-${2000 + VMS.indexOf(vm)}` });
  }
  policies.push(policy("infrastructure-services", "Infrastructure services", "Infrastructure", 10, infra));
  // Environment: zone and environment separation; production traffic falls through to Application.
  policies.push(
    policy("environment-separation", "Environment separation", "Environment", 10, [
      { name: "Dev never reaches prod", src: [G("env-dev")], dst: [G("env-prod")], svc: ["ANY"], action: "REJECT", logged: true },
      { name: "Test never reaches prod", src: [G("env-test")], dst: [G("env-prod")], svc: ["ANY"], action: "DROP", logged: true },
      { name: "Prod never reaches test/dev", src: [G("env-prod")], dst: [G("not-dev")], svc: ["ANY"], action: "DROP", dstExcluded: true, logged: true },
      { name: "DMZ to restricted only via app tier", src: [G("zone-dmz")], dst: [G("zone-restricted")], svc: ["ANY"], action: "DROP", logged: true },
      { name: "Non-PCI prod to PCI", src: [G("non-pci-prod")], dst: [G("pci-scope")], svc: ["ANY"], action: "JUMP_TO_APPLICATION", notes: "PCI entry decided by the payments policy" },
      { name: "Prod to prod: decide per application", src: [G("env-prod")], dst: [G("env-prod")], svc: ["ANY"], action: "JUMP_TO_APPLICATION" },
      { name: "Test within test", src: [G("env-test")], dst: [G("env-test")], svc: ["ANY"] },
      { name: "Dev within dev", src: [G("env-dev")], dst: [G("env-dev")], svc: ["ANY"], logged: false },
      { name: "Dev to test deploys", src: [G("devtools-ci")], dst: [G("env-test")], svc: [S("SSH"), S("HTTPS")], logged: true },
      { name: "Trading desk users (IDFW)", src: [G("ad-traders")], dst: [G("trading-app")], svc: [S("HTTPS")], logged: true },
    ]),
  );
  // Application: one policy per application, applied-to its own group, with tier flows and a closing deny.
  const flows: Record<string, RuleSpec[]> = {
    ebanking: [
      { name: "Internet to e-banking web (v4)", src: [G("ext-internet")], dst: [G("ebanking-web")], svc: [S("HTTPS")], srcExcluded: true, ipProtocol: "IPV4", logged: true },
      { name: "Internet to e-banking web (v6)", src: [G("ext-internet")], dst: [G("ebanking-web")], svc: [S("HTTPS")], srcExcluded: true, ipProtocol: "IPV6", logged: true },
      { name: "Reverse proxy to e-banking web", src: [G("dmz-proxies")], dst: [G("ebanking-web")], svc: [S("HTTPS")] },
      { name: "Web to app", src: [G("ebanking-web")], dst: [G("ebanking-app")], svc: [S("HTTPS"), S("HPB-Kafka")] },
      { name: "App to db", src: [G("ebanking-app")], dst: [G("ebanking-db")], svc: [S("PostgreSQL")] },
      { name: "App to core banking", src: [G("ebanking-app")], dst: [G("corebanking-app")], svc: [S("HPB-Temenos-T24")], logged: true },
      { name: "App to payments", src: [G("ebanking-app")], dst: [G("payments-app")], svc: [S("HTTPS")], logged: true },
      { name: "Web direct to db is rejected", src: [G("ebanking-web")], dst: [G("ebanking-db")], svc: ["ANY"], action: "REJECT", logged: true },
    ],
    payments: [
      { name: "Card processor callbacks", src: [G("ext-card-processor")], dst: [G("payments-web")], svc: [S("HTTPS")], logged: true, direction: "IN" },
      { name: "Payments web to app", src: [G("payments-web")], dst: [G("payments-app")], svc: [S("HTTPS")], logged: true },
      { name: "Payments app to db", src: [G("payments-app")], dst: [G("payments-db")], svc: [S("Oracle")], logged: true },
      { name: "Payments app to HSM proxies", src: [G("payments-app")], dst: [G("payments-hsm-proxies")], svc: [S("HPB-HSM")], logged: true },
      { name: "HSM proxies to appliances", src: [G("payments-hsm")], dst: [G("hsm-appliances")], svc: [S("HPB-HSM")], logged: true },
      { name: "Payments to SWIFT", src: [G("payments-app")], dst: [G("swift-app")], svc: [S("HPB-SWIFT-Alliance")], logged: true },
      { name: "SWIFT to Alliance Lite2", src: [G("swift-app")], dst: [G("ext-swift")], svc: [S("HTTPS")], logged: true, direction: "OUT" },
      { name: "Payments app to core", src: [G("payments-app")], dst: [G("corebanking-app")], svc: [S("HPB-Temenos-T24")], logged: true },
      { name: "Payments outbound card processor", src: [G("payments-app")], dst: [G("ext-card-processor")], svc: [S("HTTPS")], logged: true },
      { name: "Anything else into PCI is rejected", src: ["ANY"], dst: [G("pci-scope")], svc: ["ANY"], action: "REJECT", logged: true },
    ],
    corebanking: [
      { name: "Core app to db", src: [G("corebanking-app")], dst: [G("corebanking-db")], svc: [S("Oracle")] },
      { name: "Core batch to db", src: [G("corebanking-batch")], dst: [G("corebanking-db")], svc: [S("Oracle")] },
      { name: "Core batch to app", src: [G("corebanking-batch")], dst: [G("corebanking-app")], svc: [S("HPB-Temenos-T24")] },
      { name: "Core to data warehouse", src: [G("corebanking-batch")], dst: [G("analytics-app")], svc: [S("HPB-Kafka"), S("SSH")] },
      { name: "Core app cluster interconnect", src: [G("corebanking-app")], dst: [G("corebanking-app")], svc: [S("HPB-Temenos-T24")] },
      { name: "CRM reads customer master", src: [G("crm-app")], dst: [G("corebanking-app")], svc: [S("HTTPS")] },
    ],
    trading: [
      { name: "SIX to FIX gateways (v4)", src: [G("ext-six-swiss-exchange")], dst: [G("trading-fixgw")], svc: [S("HPB-FIX")], logged: true, ipProtocol: "IPV4" },
      { name: "SIX to FIX gateways (v6)", src: [G("ext-six-swiss-exchange")], dst: [G("trading-fixgw")], svc: [S("HPB-FIX")], logged: true, ipProtocol: "IPV6" },
      { name: "FIX gateways to trading app", src: [G("trading-fixgw")], dst: [G("trading-app")], svc: [S("HPB-FIX")] },
      { name: "Market data feed", src: [G("trading-mktdata")], dst: [G("trading-app")], svc: [S("HPB-MarketData")] },
      { name: "Trading app to db", src: [G("trading-app")], dst: [G("trading-db")], svc: [S("PostgreSQL")] },
      { name: "Trading to core settlement", src: [G("trading-app")], dst: [G("corebanking-app")], svc: [S("HPB-Temenos-T24")], logged: true },
      { name: "Front line isolation", src: [G("trading-frontline")], dst: [G("trading-db")], svc: ["ANY"], action: "REJECT", logged: true },
    ],
    wealth: [
      { name: "Wealth web to app", src: [G("wealth-web")], dst: [G("wealth-app")], svc: [S("HTTPS")] },
      { name: "Wealth app to db", src: [G("wealth-app")], dst: [G("wealth-db")], svc: [S("MS-SQL-S")] },
      { name: "Advisors to wealth web", src: [G("zone-internal")], dst: [G("wealth-web")], svc: [S("HTTPS")] },
      { name: "Wealth to core positions", src: [G("wealth-app")], dst: [G("corebanking-app")], svc: [S("HPB-Temenos-T24")] },
    ],
    hr: [
      { name: "HR web to app", src: [G("hr-web")], dst: [G("hr-app")], svc: [S("HTTPS")] },
      { name: "HR app to db", src: [G("hr-app")], dst: [G("hr-db")], svc: [S("MS-SQL-S")] },
      { name: "Staff to HR portal", src: [G("zone-internal")], dst: [G("hr-web")], svc: [S("HTTPS")] },
      { name: "Personal data only from HR/wealth apps", src: [G("personal-data-db")], dst: ["ANY"], svc: ["ANY"], action: "REJECT", logged: true, direction: "OUT" },
    ],
  };
  let sequence = 10;
  for (const app of APPS) {
    const specs = [...flows[app]];
    // Per-VM administration: named admin access rules, as bank change tickets create them.
    for (const vm of VMS.filter((v) => v.tags.app === app && v.tags.env === "prod")) {
      specs.push({ name: `Admin ${vm.name}`, src: [G("infra-jump")], dst: [vm.ipv4], svc: [vm.os === "windows" ? S("RDP") : S("SSH")], logged: true, notes: `CHG-${1000 + VMS.indexOf(vm)}` });
      if (vm.ipv6) specs.push({ name: `Admin ${vm.name} v6`, src: [G("infra-jump")], dst: [vm.ipv6], svc: [S("SSH")], ipProtocol: "IPV6", logged: true });
      specs.push({ name: `Health ${vm.name}`, src: [G("infra-monitoring")], dst: [vm.ipv4], svc: [S("HPB-Ping")], disabled: vm.name.endsWith("01") && app === "hr" });
    }
    specs.push({ name: `${app}: deny rest`, src: ["ANY"], dst: [G(`app-${app}`)], svc: ["ANY"], action: "DROP", logged: true });
    policies.push(policy(`app-${app}`, `Application ${app}`, "Application", sequence, specs, [G(`app-${app}`)]));
    sequence += 10;
  }
  policies.push(
    policy("app-analytics-crm", "Application analytics and CRM", "Application", sequence, [
      { name: "DWH app to db", src: [G("analytics-app")], dst: [G("analytics-db")], svc: [S("PostgreSQL")] },
      { name: "Reports to analysts", src: [G("zone-internal")], dst: [G("analytics-app")], svc: [S("HTTPS")] },
      { name: "CRM to mail relay", src: [G("crm-app")], dst: [G("dmz-mail")], svc: [S("SMTP")] },
      { name: "CRM web UI", src: [G("zone-internal")], dst: [G("crm-app")], svc: [S("HTTPS")], profiles: ["/infra/context-profiles/SSL"] },
    ]),
  );
  policies.push(
    policy("app-default-deny", "Application default deny (logged)", "Application", 900, [
      { name: "Allow ICMP echo everywhere", src: ["ANY"], dst: ["ANY"], svc: [S("ICMP_Echo_Request"), S("IPv6-ICMP_Echo_Request")] },
      { name: "Default deny, logged", src: ["ANY"], dst: ["ANY"], svc: ["ANY"], action: "DROP", logged: true },
    ]),
  );
  // NSX's own default section: its single any-any rule is the estate's default action.
  policies.push({
    resource_type: "SecurityPolicy",
    id: "default-layer3-section",
    display_name: "Default Layer3 Section",
    path: `${DOMAIN}/security-policies/default-layer3-section`,
    parent_path: DOMAIN,
    category: "Application",
    sequence_number: 2147483647,
    scope: ["ANY"],
    stateful: true,
    rules: [
      {
        resource_type: "Rule",
        id: "default-layer3-rule",
        display_name: "Default Layer3 Rule",
        path: `${DOMAIN}/security-policies/default-layer3-section/rules/default-layer3-rule`,
        rule_id: 2,
        sequence_number: 2147483647,
        source_groups: ["ANY"],
        destination_groups: ["ANY"],
        services: ["ANY"],
        scope: ["ANY"],
        profiles: ["ANY"],
        action: "DROP",
        direction: "IN_OUT",
        ip_protocol: "IPV4_IPV6",
        logged: true,
        disabled: false,
      },
    ],
  });
  return policies;
}
