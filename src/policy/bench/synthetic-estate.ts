/**
 * A seeded synthetic bank estate for benchmarks and property tests, with its own exact Kubernetes
 * counterpart. NSX: VMs tagged app × tier × env (plus a few quarantined), groups by tag conditions, IP-set
 * groups for external services, policies in every L3 category (Emergency quarantine, Infrastructure shared
 * services, Environment isolation with JUMP_TO_APPLICATION, Application per-app flows, some Applied-To and
 * disabled rules) and a default DROP. Kubernetes: one namespace per env, each VM a KubeVirt VirtualMachine
 * labelled with its tags; non-Application rules become AdminNetworkPolicies (one per direction half, in
 * rule order; JUMP → Pass), Application ALLOW rules become allow-only NetworkPolicies, the default DROP an
 * isolating NetworkPolicy per namespace. Pure and deterministic for a seed.
 */
import type { GroupExpression, NsxEstate, NsxGroup, NsxPolicy, NsxRule, NsxVm, PortRange } from "../nsx/model.ts";
import { SeededRandom } from "./random.ts";

export interface SyntheticEstateOptions {
  seed: number;
  rules: number;
  vms: number;
}

/** Plain Kubernetes objects (VirtualMachines, Namespaces, NetworkPolicies, AdminNetworkPolicies). */
export type K8sObject = Record<string, unknown>;

export interface SyntheticEstate {
  estate: NsxEstate;
  manifests: K8sObject[];
}

const TIERS = ["web", "app", "db"] as const;
const ENVS = ["prod", "test", "dev"] as const;
const ALL_NAMESPACES = {};

type Labels = Record<string, string>;

/** A rule end as both sides see it: a tag-labelled VM group, an external address group, or ANY. */
type End =
  | { kind: "vms"; path: string; labels: Labels; envs: readonly string[] }
  | { kind: "addresses"; path: string; cidrs: string[] }
  | { kind: "any" };

interface RuleSpec {
  src: End;
  dst: End;
  ports?: { protocol: "TCP" | "UDP"; port: number };
  action: "ALLOW" | "DROP" | "JUMP_TO_APPLICATION";
  appliedToDst?: boolean;
  disabled?: boolean;
}

function ipOf(index: number): string {
  const n = index + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function tagCondition(scope: string, tag: string): GroupExpression {
  return { kind: "condition", memberType: "VirtualMachine", key: "Tag", operator: "EQUALS", value: `${scope}|${tag}` };
}

function labelGroup(path: string, labels: Labels): NsxGroup {
  const conditions = Object.entries(labels).map(([scope, tag]) => tagCondition(scope, tag));
  const expression: GroupExpression =
    conditions.length === 1
      ? conditions[0]
      : { kind: "conjunction", operands: conditions, operators: conditions.slice(1).map(() => "AND" as const) };
  return { path, name: path.split("/").pop()!, expression };
}

export function syntheticEstate(options: SyntheticEstateOptions): SyntheticEstate {
  const random = new SeededRandom(options.seed);
  const appCount = Math.max(2, Math.round(options.rules / 32));
  const apps = Array.from({ length: appCount }, (_, i) => `app${String(i).padStart(4, "0")}`);
  const appEnvs = apps.map(() => ENVS.filter((_, e) => e === 0 || random.next() < 0.6));

  // VMs: round-robin over the app × env × tier combinations that exist, a few quarantined.
  const combos = apps.flatMap((app, a) => appEnvs[a].flatMap((env) => TIERS.map((tier) => ({ app, env, tier }))));
  const vms: NsxVm[] = [];
  for (let i = 0; i < options.vms; i++) {
    const { app, env, tier } = combos[i % combos.length];
    const tags = [
      { scope: "app", tag: app },
      { scope: "tier", tag: tier },
      { scope: "env", tag: env },
    ];
    if (random.next() < 0.002) tags.push({ scope: "state", tag: "quarantine" });
    const name = `vm-${String(i).padStart(6, "0")}`;
    vms.push({ id: name, name, ips: [ipOf(i)], tags });
  }

  const groups = new Map<string, NsxGroup>();
  const vmsEnd = (labels: Labels): End => {
    const path = `/infra/domains/default/groups/${Object.values(labels).join("-")}`;
    if (!groups.has(path)) groups.set(path, labelGroup(path, labels));
    return { kind: "vms", path, labels, envs: labels.env ? [labels.env] : labels.app ? appEnvs[apps.indexOf(labels.app)] : ENVS };
  };
  const externalCount = Math.max(2, Math.round(appCount / 16));
  const externals: End[] = Array.from({ length: externalCount }, (_, k) => {
    const path = `/infra/domains/default/groups/ext-${k}`;
    const cidrs = [`172.${16 + (k >> 8)}.${k & 255}.0/24`];
    groups.set(path, { path, name: `ext-${k}`, expression: { kind: "ipAddresses", addresses: cidrs } });
    return { kind: "addresses", path, cidrs };
  });
  const ANY: End = { kind: "any" };

  const emergency: RuleSpec[] = [{ src: vmsEnd({ state: "quarantine" }), dst: ANY, action: "DROP" }];
  const infrastructure: RuleSpec[] = [];
  const infraCount = Math.max(2, Math.round(options.rules * 0.04));
  for (let i = 0; i < infraCount; i++) {
    if (i % 2 === 0)
      infrastructure.push({ src: ANY, dst: externals[i % externalCount], ports: { protocol: "UDP", port: 53 + (i % 7) }, action: "ALLOW" });
    else
      infrastructure.push({
        src: vmsEnd({ app: apps[i % appCount], tier: "app" }),
        dst: ANY,
        ports: { protocol: "TCP", port: 9100 + (i % 50) },
        action: "ALLOW",
      });
  }
  const environment: RuleSpec[] = [];
  for (const env of ENVS) {
    environment.push({ src: vmsEnd({ env }), dst: vmsEnd({ env }), action: "JUMP_TO_APPLICATION" });
    for (const other of ENVS) if (other !== env) environment.push({ src: vmsEnd({ env }), dst: vmsEnd({ env: other }), action: "DROP" });
  }
  const application: RuleSpec[] = [];
  const remaining = Math.max(0, options.rules - emergency.length - infrastructure.length - environment.length);
  for (let i = 0; i < remaining; i++) {
    const a = i % appCount;
    const round = Math.floor(i / appCount);
    const app = apps[a];
    const tier = (t: string) => vmsEnd({ app, tier: t });
    const port = (base: number) => ({ protocol: "TCP" as const, port: base + (round % 200) });
    switch (round % 6) {
      case 0:
        application.push({ src: ANY, dst: tier("web"), ports: { protocol: "TCP", port: 443 }, action: "ALLOW" });
        break;
      case 1:
        application.push({ src: tier("web"), dst: tier("app"), ports: port(8080), action: "ALLOW" });
        break;
      case 2:
        application.push({ src: tier("app"), dst: tier("db"), ports: port(5432), action: "ALLOW", appliedToDst: random.next() < 0.3 });
        break;
      case 3:
        application.push({
          src: tier("app"),
          dst: externals[a % externalCount],
          ports: port(443),
          action: "ALLOW",
          disabled: random.next() < 0.05,
        });
        break;
      case 4:
        application.push({
          src: tier("web"),
          dst: vmsEnd({ app: apps[(a + 1) % appCount], tier: "web" }),
          ports: port(8443),
          action: "ALLOW",
        });
        break;
      default:
        application.push({
          src: externals[(a + 3) % externalCount],
          dst: tier("web"),
          ports: { protocol: "TCP", port: 22 },
          action: "ALLOW",
        });
    }
  }

  const policies: NsxPolicy[] = [];
  let ruleNumber = 0;
  const nsxEnd = (end: End): string[] => (end.kind === "any" ? ["ANY"] : [end.path]);
  const toRule = (spec: RuleSpec, sequenceNumber: number): NsxRule => {
    const id = `rule-${++ruleNumber}`;
    const ports: PortRange[] = spec.ports ? [{ from: spec.ports.port, to: spec.ports.port }] : [];
    return {
      id,
      name: id,
      sequenceNumber,
      action: spec.action,
      direction: "IN_OUT",
      ipProtocol: "IPV4_IPV6",
      sources: nsxEnd(spec.src),
      sourcesExcluded: false,
      destinations: nsxEnd(spec.dst),
      destinationsExcluded: false,
      services: spec.ports ? [] : ["ANY"],
      serviceEntries: spec.ports ? [{ kind: "L4PortSet", protocol: spec.ports.protocol, destinationPorts: ports, sourcePorts: [] }] : [],
      scope: spec.appliedToDst && spec.dst.kind !== "any" ? [spec.dst.path] : ["ANY"],
      profiles: [],
      disabled: spec.disabled ?? false,
      logged: false,
    };
  };
  const addPolicy = (name: string, category: NsxPolicy["category"], specs: RuleSpec[], perPolicy: number) => {
    for (let start = 0, n = 0; start < specs.length; start += perPolicy, n++) {
      const chunk = specs.slice(start, start + perPolicy);
      policies.push({
        id: `${name}-${n}`,
        name: `${name}-${n}`,
        category,
        sequenceNumber: n * 10,
        scope: ["ANY"],
        stateful: true,
        rules: chunk.map((s, i) => toRule(s, i * 10)),
      });
    }
  };
  addPolicy("quarantine", "Emergency", emergency, 50);
  addPolicy("shared-services", "Infrastructure", infrastructure, 50);
  addPolicy("environments", "Environment", environment, 50);
  addPolicy("apps", "Application", application, 40);

  const estate: NsxEstate = {
    name: `synthetic-${options.seed}-${options.rules}x${options.vms}`,
    vms,
    segments: [],
    groups: [...groups.values()],
    services: [],
    policies,
    defaultAction: "DROP",
  };
  const manifests = kubernetesCounterpart(vms, [...emergency, ...infrastructure, ...environment], application);
  return { estate, manifests };
}

/* ---------- The Kubernetes counterpart ---------- */

function adminPeers(end: End): object[] {
  if (end.kind === "any") return [{ namespaces: ALL_NAMESPACES }, { networks: ["0.0.0.0/0", "::/0"] }];
  if (end.kind === "addresses") return [{ networks: end.cidrs }];
  return [{ pods: { namespaceSelector: ALL_NAMESPACES, podSelector: { matchLabels: end.labels } } }];
}

function adminSubject(end: End): object {
  return end.kind === "vms"
    ? { pods: { namespaceSelector: ALL_NAMESPACES, podSelector: { matchLabels: end.labels } } }
    : { namespaces: ALL_NAMESPACES };
}

function npPeers(end: End): object[] {
  if (end.kind === "any") return [{ namespaceSelector: ALL_NAMESPACES }, { ipBlock: { cidr: "0.0.0.0/0" } }, { ipBlock: { cidr: "::/0" } }];
  if (end.kind === "addresses") return end.cidrs.map((cidr) => ({ ipBlock: { cidr } }));
  return [{ namespaceSelector: ALL_NAMESPACES, podSelector: { matchLabels: end.labels } }];
}

function kubernetesCounterpart(vms: readonly NsxVm[], ordered: readonly RuleSpec[], application: readonly RuleSpec[]): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const env of ENVS) objects.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: env, labels: { env } } });
  for (const vm of vms) {
    const labels = Object.fromEntries(vm.tags.map((t) => [t.scope, t.tag]));
    objects.push({
      apiVersion: "kubevirt.io/v1",
      kind: "VirtualMachine",
      metadata: { name: vm.name, namespace: labels.env },
      spec: { template: { metadata: { labels } } },
    });
  }
  const ports = (spec: RuleSpec) => (spec.ports ? [{ portNumber: { protocol: spec.ports.protocol, port: spec.ports.port } }] : undefined);
  const action = (spec: RuleSpec) => (spec.action === "ALLOW" ? "Allow" : spec.action === "DROP" ? "Deny" : "Pass");
  let priority = 0;
  ordered.forEach((spec, i) => {
    if (spec.disabled) return;
    // Egress half at the source's vNIC (a VM source or ANY); ingress half at a VM destination.
    if (spec.src.kind !== "addresses") {
      objects.push({
        apiVersion: "policy.networking.k8s.io/v1alpha1",
        kind: "AdminNetworkPolicy",
        metadata: { name: `r${i}-egress` },
        spec: {
          priority: priority++,
          subject: adminSubject(spec.src),
          egress: [{ name: `r${i}`, action: action(spec), to: adminPeers(spec.dst), ports: ports(spec) }],
        },
      });
    }
    if (spec.dst.kind === "vms" || (spec.dst.kind === "any" && spec.src.kind === "vms")) {
      objects.push({
        apiVersion: "policy.networking.k8s.io/v1alpha1",
        kind: "AdminNetworkPolicy",
        metadata: { name: `r${i}-ingress` },
        spec: {
          priority: priority++,
          subject: adminSubject(spec.dst),
          ingress: [{ name: `r${i}`, action: action(spec), from: adminPeers(spec.src), ports: ports(spec) }],
        },
      });
    }
  });

  // Application: allow-only rules merged per (namespace, subject, direction): NetworkPolicy rules are a union.
  const policies = new Map<string, { namespace: string; podSelector: object; direction: "ingress" | "egress"; rules: object[] }>();
  const add = (namespace: string, labels: Labels | undefined, direction: "ingress" | "egress", rule: object) => {
    const key = `${namespace}|${direction}|${JSON.stringify(labels ?? {})}`;
    let policy = policies.get(key);
    if (!policy) {
      policy = { namespace, podSelector: labels ? { matchLabels: labels } : {}, direction, rules: [] };
      policies.set(key, policy);
    }
    policy.rules.push(rule);
  };
  for (const spec of application) {
    if (spec.disabled) continue;
    const ports = spec.ports ? [{ protocol: spec.ports.protocol, port: spec.ports.port }] : undefined;
    if (spec.src.kind !== "addresses" && !spec.appliedToDst) {
      const namespaces = spec.src.kind === "vms" ? spec.src.envs : ENVS;
      for (const ns of namespaces)
        add(ns, spec.src.kind === "vms" ? spec.src.labels : undefined, "egress", { to: npPeers(spec.dst), ...(ports ? { ports } : {}) });
    }
    if (spec.dst.kind === "vms") {
      for (const ns of spec.dst.envs) add(ns, spec.dst.labels, "ingress", { from: npPeers(spec.src), ...(ports ? { ports } : {}) });
    } else if (spec.dst.kind === "any" && spec.src.kind === "vms") {
      for (const ns of ENVS) add(ns, undefined, "ingress", { from: npPeers(spec.src), ...(ports ? { ports } : {}) });
    }
  }
  let n = 0;
  for (const policy of policies.values()) {
    objects.push({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `app-${n++}`, namespace: policy.namespace },
      spec: {
        podSelector: policy.podSelector,
        policyTypes: [policy.direction === "ingress" ? "Ingress" : "Egress"],
        [policy.direction]: policy.rules,
      },
    });
  }
  for (const env of ENVS) {
    objects.push({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "default-deny", namespace: env },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    });
  }
  return objects;
}
