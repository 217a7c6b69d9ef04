/**
 * Bench shape "bank-apps": the estate of the issue that made the translation explode. About one application
 * of ~25 VMs per 25 VMs asked for (200 applications at 5,000 VMs) in web/app/db/cache/mq/batch tiers across
 * prod/test/dev; a shared-infrastructure block (DNS, NTP, AD, jump hosts, monitoring, backup, proxy, syslog);
 * ~10 % of the groups are IP sets (partner networks, and static lists of some applications' own VM addresses,
 * as banks keep them); ~90 % of the rules are Application rules in one policy per application, Applied-To the
 * application, with ALLOW, DROP and REJECT, after an Environment category that isolates the environments and
 * JUMPs to Application within each; custom services with port ranges. Deterministic for a seed.
 */
import type { NsxTag } from "../../nsx/model.ts";
import { EstateBuilder, vmAddress, type RuleInput } from "../estate-builder.ts";
import { SeededRandom } from "../random.ts";
import type { ShapeOptions } from "./shape.ts";

const ENVS = ["prod", "test", "dev"] as const;
const CORE_TIERS = ["web", "app", "db"] as const;
const OPTIONAL_TIERS = ["cache", "mq", "batch"] as const;
const INFRA_ROLES = ["dns", "ntp", "ad", "jump", "monitoring", "backup", "proxy", "syslog"] as const;
/** VMs per application, on average. */
export const BANK_APP_SIZE = 25;

export function bankAppsEstate(options: ShapeOptions) {
  const random = new SeededRandom(options.seed);
  const b = new EstateBuilder();
  const appCount = Math.max(2, Math.round(options.vms / BANK_APP_SIZE));
  const infraVms = Math.max(INFRA_ROLES.length, Math.round(options.vms * 0.02));

  // Shared infrastructure VMs, each with one role, in prod.
  for (let i = 0; i < infraVms; i++) {
    const role = INFRA_ROLES[i % INFRA_ROLES.length];
    b.addVm(`infra-${role}-${String(i).padStart(4, "0")}`, [
      { scope: "role", tag: role },
      { scope: "env", tag: "prod" },
    ]);
  }

  // Applications: tiers (web/app/db always, cache/mq/batch sometimes) × environments (prod always).
  interface App {
    name: string;
    tiers: string[];
    envs: string[];
    vmIndexes: number[];
  }
  const apps: App[] = Array.from({ length: appCount }, (_, a) => ({
    name: `app${String(a).padStart(4, "0")}`,
    tiers: [...CORE_TIERS, ...OPTIONAL_TIERS.filter(() => random.next() < 0.45)],
    envs: ENVS.filter((_, e) => e === 0 || random.next() < 0.7),
    vmIndexes: [],
  }));
  const appVms = Math.max(0, options.vms - infraVms);
  for (let i = 0; i < appVms; i++) {
    const app = apps[i % appCount];
    const k = Math.floor(i / appCount);
    const tier = app.tiers[k % app.tiers.length];
    const env = app.envs[Math.floor(k / app.tiers.length) % app.envs.length];
    const tags: NsxTag[] = [
      { scope: "app", tag: app.name },
      { scope: "tier", tag: tier },
      { scope: "env", tag: env },
    ];
    if (random.next() < 0.003) tags.push({ scope: "state", tag: "quarantine" });
    app.vmIndexes.push(b.vms.length);
    b.addVm(`${app.name}-${tier}-${env}-${String(k).padStart(3, "0")}`, tags);
  }

  // Services: the shared ones and one API range per application.
  const svc = {
    dns: [b.service("dns-udp", "UDP", [53]), b.service("dns-tcp", "TCP", [53])],
    ntp: [b.service("ntp", "UDP", [123])],
    ad: [b.service("ldap", "TCP", [389, 636, [3268, 3269]]), b.service("kerberos", "UDP", [88, 464])],
    jump: [b.service("ssh", "TCP", [22]), b.service("rdp", "TCP", [3389])],
    monitoring: [b.service("node-exporters", "TCP", [[9100, 9199]])],
    backup: [b.service("backup-agents", "TCP", [[10000, 10100]])],
    proxy: [b.service("http-proxy", "TCP", [3128, 8080])],
    syslog: [b.service("syslog", "UDP", [514]), b.service("syslog-tls", "TCP", [6514])],
    https: b.service("https", "TCP", [443]),
    db: [b.service("oracle", "TCP", [1521, [1522, 1530]]), b.service("postgres", "TCP", [5432])],
    cache: b.service("redis", "TCP", [6379, [26379, 26380]]),
    mq: b.service("amqp", "TCP", [
      [5671, 5672],
      [15671, 15672],
    ]),
  };
  const apiService = (a: number) => b.service(`api-${apps[a].name}`, "TCP", [[8000 + (a % 50) * 20, 8019 + (a % 50) * 20]]);

  // Groups: per application, per application tier, per environment, per infrastructure role; ~10 % IP sets.
  const appGroup = (a: number) => b.tagGroup(`${apps[a].name}`, { app: apps[a].name });
  const tierGroup = (a: number, tier: string) => b.tagGroup(`${apps[a].name}-${tier}`, { app: apps[a].name, tier });
  const envGroup = (env: string) => b.tagGroup(`env-${env}`, { env });
  const roleGroup = (role: string) => b.tagGroup(`infra-${role}`, { role });
  const partnerCount = Math.max(4, Math.round(appCount / 5));
  const partner = (k: number) =>
    b.ipGroup(`partner-${k}`, [`172.${16 + ((k >> 8) & 15)}.${k & 255}.0/24`, `198.51.${k & 255}.${(k >> 8) * 16}/28`]);
  /** A static IP list of one application's db VMs (how many banks describe "the database servers"). */
  const staticDbList = (a: number) =>
    b.ipGroup(
      `${apps[a].name}-db-ips`,
      apps[a].vmIndexes.filter((i) => b.vms[i].tags.some((t) => t.scope === "tier" && t.tag === "db")).map(vmAddress),
    );
  /** A third of the applications describe their databases by a static IP list, the rest by tags. */
  const dbTarget = (a: number) => (a % 3 === 0 ? staticDbList(a) : tierGroup(a, "db"));
  const corporate = b.ipGroup("corporate-clients", ["192.168.0.0/16"]);
  const internet = b.ipGroup("internet-egress", ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"]);

  // Emergency and Infrastructure (shared services), Environment (isolation, JUMP within an environment).
  const quarantine = b.tagGroup("quarantine", { state: "quarantine" });
  b.policy("emergency-quarantine", "Emergency", [
    { sources: [quarantine], destinations: ["ANY"], action: "DROP" },
    { sources: ["ANY"], destinations: [quarantine], action: "DROP" },
  ]);
  const infra: RuleInput[] = [
    { sources: ["ANY"], destinations: [roleGroup("dns")], services: svc.dns, action: "ALLOW" },
    { sources: ["ANY"], destinations: [roleGroup("ntp")], services: svc.ntp, action: "ALLOW" },
    { sources: ["ANY"], destinations: [roleGroup("ad")], services: svc.ad, action: "ALLOW" },
    { sources: [roleGroup("jump")], destinations: ["ANY"], services: svc.jump, action: "ALLOW" },
    { sources: [corporate], destinations: [roleGroup("jump")], services: svc.jump, action: "ALLOW" },
    { sources: [roleGroup("monitoring")], destinations: ["ANY"], services: svc.monitoring, action: "ALLOW" },
    { sources: [roleGroup("backup")], destinations: ["ANY"], services: svc.backup, action: "ALLOW" },
    { sources: ["ANY"], destinations: [roleGroup("proxy")], services: svc.proxy, action: "ALLOW" },
    { sources: [roleGroup("proxy")], destinations: [internet], services: [svc.https], action: "ALLOW" },
    { sources: ["ANY"], destinations: [roleGroup("syslog")], services: svc.syslog, action: "ALLOW" },
    { sources: ["ANY"], destinations: [roleGroup("jump")], services: svc.jump, action: "REJECT" },
  ];
  const emergencyRules = 2;
  const environmentRules = ENVS.length * ENVS.length;
  const infraTarget = Math.max(infra.length, Math.round(options.rules * 0.05));
  // More shared-service rules at size: one application's monitoring/backup exceptions each.
  for (let k = 0; infra.length < infraTarget; k++) {
    const a = k % appCount;
    infra.push(
      k % 2 === 0
        ? {
            sources: [roleGroup("monitoring")],
            destinations: [tierGroup(a, "db")],
            services: [b.service(`db-exporter-${a % 40}`, "TCP", [9187 + (a % 40)])],
            action: "ALLOW",
          }
        : { sources: [roleGroup("backup")], destinations: [dbTarget(a)], services: svc.db, action: "ALLOW" },
    );
  }
  b.policy("shared-services", "Infrastructure", infra);
  const environment: RuleInput[] = [];
  for (const env of ENVS) {
    environment.push({ sources: [envGroup(env)], destinations: [envGroup(env)], action: "JUMP_TO_APPLICATION" });
    for (const other of ENVS)
      if (other !== env)
        environment.push({ sources: [envGroup(env)], destinations: [envGroup(other)], action: env === "dev" ? "REJECT" : "DROP" });
  }
  b.policy("environment-isolation", "Environment", environment);

  // Application: one policy per application, Applied-To the application, ending in the application's fence.
  const appRuleBudget = Math.max(0, options.rules - emergencyRules - infra.length - environmentRules);
  for (let a = 0; a < appCount; a++) {
    const app = apps[a];
    const count = Math.floor(appRuleBudget / appCount) + (a < appRuleBudget % appCount ? 1 : 0);
    const has = (tier: string) => app.tiers.includes(tier);
    const templates: (() => RuleInput)[] = [
      () => ({
        sources: [corporate, partner(a % partnerCount)],
        destinations: [tierGroup(a, "web")],
        services: [svc.https],
        action: "ALLOW",
      }),
      () => ({ sources: [tierGroup(a, "web")], destinations: [tierGroup(a, "app")], services: [apiService(a)], action: "ALLOW" }),
      () => ({ sources: [tierGroup(a, "app")], destinations: [tierGroup(a, "db")], services: svc.db, action: "ALLOW" }),
      () => ({
        sources: [tierGroup(a, has("cache") ? "cache" : "app")],
        destinations: [tierGroup(a, "db")],
        services: svc.db,
        action: "REJECT",
      }),
      () => ({
        sources: [tierGroup(a, "app")],
        destinations: [tierGroup(a, has("cache") ? "cache" : "db")],
        services: [svc.cache],
        action: "ALLOW",
      }),
      () => ({
        sources: [tierGroup(a, has("batch") ? "batch" : "app")],
        destinations: [tierGroup(a, has("mq") ? "mq" : "app")],
        services: [svc.mq],
        action: "ALLOW",
      }),
      () => {
        // A dependency: another application's app tier calls this one's API.
        const caller = (a + 1 + random.below(appCount - 1)) % appCount;
        return { sources: [tierGroup(caller, "app")], destinations: [tierGroup(a, "app")], services: [apiService(a)], action: "ALLOW" };
      },
      () => ({ sources: [partner((a + 7) % partnerCount)], destinations: [tierGroup(a, "web")], services: [svc.https], action: "DROP" }),
      () => ({ sources: [tierGroup(a, has("batch") ? "batch" : "app")], destinations: [dbTarget(a)], services: svc.db, action: "ALLOW" }),
      () => ({ sources: [tierGroup(a, "web")], destinations: [tierGroup(a, "db")], action: "REJECT", appliedTo: [tierGroup(a, "db")] }),
      () => {
        const callee = (a + 1 + random.below(appCount - 1)) % appCount;
        return {
          sources: [tierGroup(a, "app")],
          destinations: [tierGroup(callee, "app")],
          services: [apiService(callee)],
          action: "ALLOW",
        };
      },
    ];
    const rules: RuleInput[] = [];
    for (let k = 0; k < count - 1; k++) rules.push(templates[k % templates.length]());
    // The fence: nothing else reaches the application.
    if (count > 0) rules.push({ sources: ["ANY"], destinations: [appGroup(a)], action: random.next() < 0.5 ? "DROP" : "REJECT" });
    if (count > 0) b.policy(`app-${app.name}`, "Application", rules, [appGroup(a)]);
  }
  return { estate: b.build(`bank-apps-${options.seed}-${options.rules}x${options.vms}`, "DROP") };
}
