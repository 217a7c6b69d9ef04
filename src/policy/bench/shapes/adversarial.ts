/**
 * Bench shape "adversarial": almost every VM is its own endpoint class. Each VM carries many tags (app,
 * tier, env, owner, cost centre, patch window, OS) drawn independently; groups select by Name (one VM, or a
 * name prefix) and by pairs of those tags; most rules are per VM (one VM's Name group to another's), with
 * ALLOW, DROP and REJECT in Environment and Application, and some rules name a VM's address literally. The
 * worst case for any algorithm whose cost follows classes or class pairs. Deterministic for a seed.
 */
import type { NsxAction } from "../../nsx/model.ts";
import { EstateBuilder, vmAddress, type RuleInput } from "../estate-builder.ts";
import { SeededRandom } from "../random.ts";
import type { ShapeOptions } from "./shape.ts";

const ENVS = ["prod", "test", "dev"] as const;
const TIERS = ["web", "app", "db", "cache"] as const;
const OSES = ["rhel8", "rhel9", "win2019", "win2022", "ubuntu22", "sles15"] as const;

export function adversarialEstate(options: ShapeOptions) {
  const random = new SeededRandom(options.seed);
  const b = new EstateBuilder();
  const appCount = Math.max(2, Math.round(options.vms / 20));
  for (let i = 0; i < options.vms; i++) {
    b.addVm(`host-${String(i).padStart(6, "0")}`, [
      { scope: "app", tag: `a${random.below(appCount)}` },
      { scope: "tier", tag: TIERS[random.below(TIERS.length)] },
      { scope: "env", tag: ENVS[random.below(ENVS.length)] },
      { scope: "owner", tag: `team-${random.below(60)}` },
      { scope: "cost-centre", tag: `cc-${random.below(40)}` },
      { scope: "patch-window", tag: `w${random.below(12)}` },
      { scope: "os", tag: OSES[random.below(OSES.length)] },
    ]);
  }
  const vmName = (i: number) => b.vms[i % b.vms.length].name;
  const one = (i: number) => b.nameGroup(`vm-${vmName(i)}`, [{ operator: "EQUALS", value: vmName(i) }]);
  const prefix = (i: number) => {
    const p = vmName(i).slice(0, -2);
    return b.nameGroup(`prefix-${p}`, [{ operator: "STARTSWITH", value: p }]);
  };
  const pairGroup = () => {
    const owner = `team-${random.below(60)}`;
    const window = `w${random.below(12)}`;
    return b.tagGroup(`${owner}-${window}`, { owner, "patch-window": window });
  };
  const ports = Array.from({ length: 64 }, (_, k) => b.service(`tcp-${k}`, "TCP", [[1000 + k * 37, 1000 + k * 37 + (k % 5)]]));
  const port = () => ports[random.below(ports.length)];
  const action = (): NsxAction => {
    const x = random.next();
    return x < 0.7 ? "ALLOW" : x < 0.85 ? "DROP" : "REJECT";
  };

  // Environment: a tenth of the rules, per-VM and tag-pair exceptions; JUMP within each environment.
  const environment: RuleInput[] = [];
  const envCount = Math.max(ENVS.length, Math.round(options.rules * 0.1));
  let vm = 0;
  for (let k = 0; environment.length < envCount - ENVS.length; k++) {
    environment.push(
      k % 3 === 0
        ? { sources: [pairGroup()], destinations: [pairGroup()], services: [port()], action: action() }
        : { sources: [one(vm++)], destinations: [one(vm++)], services: [port()], action: action() },
    );
  }
  for (const e of ENVS) {
    const group = b.tagGroup(`env-${e}`, { env: e });
    environment.push({ sources: [group], destinations: [group], action: "JUMP_TO_APPLICATION" });
  }
  b.policy("exceptions", "Environment", environment);

  // Application: per-VM rules in policies of 50, Applied-To their destinations now and then.
  const application: RuleInput[] = [];
  const appRules = Math.max(0, options.rules - environment.length);
  for (let k = 0; k < appRules; k++) {
    const src = vm++;
    const dst = vm++;
    const kind = k % 10;
    if (kind === 9)
      application.push({ sources: [prefix(src)], destinations: [vmAddress(dst % b.vms.length)], services: [port()], action: action() });
    else if (kind === 8) application.push({ sources: [pairGroup()], destinations: [one(dst)], services: [port()], action: action() });
    else
      application.push({
        sources: [one(src)],
        destinations: [one(dst)],
        services: [port()],
        action: action(),
        ...(kind === 7 ? { appliedTo: [one(dst)] } : {}),
      });
  }
  for (let start = 0, n = 0; start < application.length; start += 50, n++)
    b.policy(`per-vm-${n}`, "Application", application.slice(start, start + 50));
  return { estate: b.build(`adversarial-${options.seed}-${options.rules}x${options.vms}`, "DROP") };
}
