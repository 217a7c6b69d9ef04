/**
 * Bench shape "small-apps": many small applications (about 6 VMs each) that each bring their own groups
 * (application, front and back tier) and their own IP sets (their clients' networks, and a static list of
 * their back-end VMs' addresses), in one Application policy each, Applied-To the application: client
 * networks to the front, front to back, back to a shared database service, a few calls between
 * neighbouring applications, and each application's fence. A small Infrastructure block (DNS, NTP) and
 * environment isolation. Many groups and IP sets of a few members each: the class count follows the
 * application count. Deterministic for a seed.
 */
import { EstateBuilder, vmAddress, type RuleInput } from "../estate-builder.ts";
import { SeededRandom } from "../random.ts";
import type { ShapeOptions } from "./shape.ts";

const ENVS = ["prod", "test", "dev"] as const;
/** VMs per application, on average. */
export const SMALL_APP_SIZE = 6;

export function smallAppsEstate(options: ShapeOptions) {
  const random = new SeededRandom(options.seed);
  const b = new EstateBuilder();
  const sharedVms = Math.max(4, Math.round(options.vms * 0.01));
  for (let i = 0; i < sharedVms; i++) {
    const role = ["dns", "ntp", "shared-db", "shared-db"][i % 4];
    b.addVm(`shared-${role}-${String(i).padStart(4, "0")}`, [
      { scope: "role", tag: role },
      { scope: "env", tag: "prod" },
    ]);
  }
  const appCount = Math.max(2, Math.round((options.vms - sharedVms) / SMALL_APP_SIZE));
  const apps = Array.from({ length: appCount }, (_, a) => ({
    name: `svc${String(a).padStart(5, "0")}`,
    env: ENVS[random.below(ENVS.length)],
    back: [] as number[],
  }));
  for (let i = 0; i < options.vms - sharedVms; i++) {
    const a = i % appCount;
    const k = Math.floor(i / appCount);
    const tier = k % 3 === 0 ? "front" : "back";
    if (tier === "back") apps[a].back.push(b.vms.length);
    b.addVm(`${apps[a].name}-${tier}-${k}`, [
      { scope: "app", tag: apps[a].name },
      { scope: "tier", tag: tier },
      { scope: "env", tag: apps[a].env },
    ]);
  }

  const dns = b.service("dns", "UDP", [53]);
  const ntp = b.service("ntp", "UDP", [123]);
  const sharedDb = b.service("shared-db", "TCP", [5432, [6432, 6439]]);
  const appPort = (a: number) => b.service(`port-${apps[a].name}`, "TCP", [[9000 + (a % 500), 9000 + (a % 500) + random.below(4)]]);
  const appGroup = (a: number) => b.tagGroup(apps[a].name, { app: apps[a].name });
  const tier = (a: number, t: string) => b.tagGroup(`${apps[a].name}-${t}`, { app: apps[a].name, tier: t });
  const clients = (a: number) => b.ipGroup(`${apps[a].name}-clients`, [`100.${64 + ((a >> 8) & 63)}.${a & 255}.0/${24 + (a % 4)}`]);
  const backIps = (a: number) => b.ipGroup(`${apps[a].name}-back-ips`, apps[a].back.map(vmAddress));
  const role = (r: string) => b.tagGroup(`role-${r}`, { role: r });
  const env = (e: string) => b.tagGroup(`env-${e}`, { env: e });

  b.policy("shared", "Infrastructure", [
    { sources: ["ANY"], destinations: [role("dns")], services: [dns], action: "ALLOW" },
    { sources: ["ANY"], destinations: [role("ntp")], services: [ntp], action: "ALLOW" },
  ]);
  const environment: RuleInput[] = [];
  for (const e of ENVS) {
    environment.push({ sources: [env(e)], destinations: [env(e)], action: "JUMP_TO_APPLICATION" });
    for (const o of ENVS) if (o !== e) environment.push({ sources: [env(e)], destinations: [env(o)], action: "DROP" });
  }
  b.policy("environments", "Environment", environment);

  const budget = Math.max(0, options.rules - 2 - environment.length);
  for (let a = 0; a < appCount; a++) {
    const count = Math.floor(budget / appCount) + (a < budget % appCount ? 1 : 0);
    const templates: (() => RuleInput)[] = [
      () => ({ sources: [clients(a)], destinations: [tier(a, "front")], services: [appPort(a)], action: "ALLOW" }),
      () => ({ sources: [tier(a, "front")], destinations: [backIps(a)], services: [appPort(a)], action: "ALLOW" }),
      () => ({ sources: [backIps(a)], destinations: [role("shared-db")], services: [sharedDb], action: "ALLOW" }),
      () => ({
        sources: [tier((a + appCount - 1) % appCount, "back")],
        destinations: [tier(a, "front")],
        services: [appPort(a)],
        action: random.next() < 0.8 ? "ALLOW" : "REJECT",
      }),
    ];
    const rules: RuleInput[] = [];
    for (let k = 0; k < count - 1; k++) rules.push(templates[k % templates.length]());
    if (count > 0) rules.push({ sources: ["ANY"], destinations: [appGroup(a)], action: "DROP" });
    if (count > 0) b.policy(`app-${apps[a].name}`, "Application", rules, [appGroup(a)]);
  }
  return { estate: b.build(`small-apps-${options.seed}-${options.rules}x${options.vms}`, "DROP") };
}
