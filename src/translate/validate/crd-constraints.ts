/**
 * The emitted objects against the constraints of their CRDs / API types (network-policy-api v0.1.7 for
 * v1alpha1, v0.2.0 for v1alpha2, networking.k8s.io/v1) and OVN-Kubernetes' own limits: names, priority
 * ranges, list lengths, one-of peers, port ranges, label syntax. Returns every violation.
 */
import { isRfc1123Label, isValidLabelKey, isValidLabelValue } from "../identity/label-normalise.ts";
import type { K8sObject } from "../emit/yaml-document.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function subdomain(name: string): boolean {
  return name.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name);
}

function checkLabels(labels: unknown, where: string, errors: string[]): void {
  if (!isObj(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    if (!isValidLabelKey(k)) errors.push(`${where}: invalid label key ${k}`);
    if (typeof v !== "string" || !isValidLabelValue(v)) errors.push(`${where}: invalid label value ${k}=${String(v)}`);
  }
}

function checkSelector(selector: unknown, where: string, errors: string[]): void {
  if (!isObj(selector)) return;
  checkLabels(selector.matchLabels, where, errors);
  for (const e of arr(selector.matchExpressions)) {
    if (!isObj(e)) continue;
    if (!isValidLabelKey(String(e.key))) errors.push(`${where}: invalid selector key ${String(e.key)}`);
    const values = arr(e.values);
    if ((e.operator === "In" || e.operator === "NotIn") && values.length === 0) errors.push(`${where}: ${String(e.operator)} needs values`);
    if ((e.operator === "Exists" || e.operator === "DoesNotExist") && values.length > 0)
      errors.push(`${where}: ${String(e.operator)} takes no values`);
    for (const v of values) if (!isValidLabelValue(String(v))) errors.push(`${where}: invalid selector value ${String(v)}`);
  }
}

function oneOf(peer: unknown, allowed: readonly string[], where: string, errors: string[]): void {
  if (!isObj(peer)) return void errors.push(`${where}: peer is not an object`);
  const keys = Object.keys(peer);
  if (keys.length !== 1 || !allowed.includes(keys[0]))
    errors.push(`${where}: a peer sets exactly one of ${allowed.join(", ")} (has ${keys.join(", ") || "none"})`);
  if (isObj(peer.namespaces)) checkSelector(peer.namespaces, where, errors);
  if (isObj(peer.pods)) {
    checkSelector(peer.pods.namespaceSelector, where, errors);
    checkSelector(peer.pods.podSelector, where, errors);
  }
  if (Array.isArray(peer.networks) && (peer.networks.length < 1 || peer.networks.length > 25))
    errors.push(`${where}: networks holds 1–25 CIDRs (has ${peer.networks.length})`);
}

function checkPort(p: number, where: string, errors: string[]): void {
  if (!Number.isInteger(p) || p < 1 || p > 65535) errors.push(`${where}: port ${p} outside 1–65535`);
}

function checkAdminRules(
  rules: unknown[],
  direction: "ingress" | "egress",
  limits: { rules: number; peers: number; ports: number },
  actions: readonly string[],
  cnp: boolean,
  where: string,
  errors: string[],
): void {
  if (rules.length > limits.rules) errors.push(`${where}.${direction}: ${rules.length} rules, at most ${limits.rules}`);
  rules.forEach((rule, i) => {
    const at = `${where}.${direction}[${i}]`;
    if (!isObj(rule)) return;
    if (typeof rule.name === "string" && rule.name.length > 100) errors.push(`${at}: rule name longer than 100`);
    if (!actions.includes(String(rule.action))) errors.push(`${at}: action ${String(rule.action)} not one of ${actions.join("/")}`);
    const peers = arr(direction === "ingress" ? rule.from : rule.to);
    if (peers.length < 1 || peers.length > limits.peers) errors.push(`${at}: ${peers.length} peers, 1–${limits.peers} allowed`);
    const kinds = direction === "ingress" ? ["namespaces", "pods"] : ["namespaces", "pods", "nodes", "networks"];
    peers.forEach((peer, j) => oneOf(peer, kinds, `${at}.peers[${j}]`, errors));
    const ports = arr(cnp ? rule.protocols : rule.ports);
    if (ports.length > limits.ports) errors.push(`${at}: ${ports.length} ports, at most ${limits.ports}`);
    for (const port of ports) {
      if (!isObj(port)) continue;
      const set = Object.keys(port);
      if (set.length !== 1) errors.push(`${at}: a port entry sets exactly one field (has ${set.join(", ")})`);
      const entry = port[set[0]];
      if (!cnp) {
        if (isObj(port.portNumber)) checkPort(Number(port.portNumber.port), at, errors);
        if (isObj(port.portRange)) {
          checkPort(Number(port.portRange.start), at, errors);
          checkPort(Number(port.portRange.end), at, errors);
          if (Number(port.portRange.start) >= Number(port.portRange.end)) errors.push(`${at}: portRange start must be less than end`);
        }
      } else if (isObj(entry) && isObj(entry.destinationPort)) {
        const dp = entry.destinationPort;
        if (dp.number !== undefined) checkPort(Number(dp.number), at, errors);
        if (isObj(dp.range)) {
          checkPort(Number(dp.range.start), at, errors);
          checkPort(Number(dp.range.end), at, errors);
          if (Number(dp.range.start) >= Number(dp.range.end)) errors.push(`${at}: range start must be less than end`);
        }
      }
    }
  });
}

export interface ConstraintLimits {
  /** OVN-Kubernetes: ANP priorities below this. */
  maxAdminPriority: number;
}

/** A NetworkPolicy rule's problems (without the object's name), once per rule object: emitters share rules. */
const ruleProblems = new WeakMap<object, Record<string, string[]>>();
const HERE = "\u0000";

function networkPolicyRuleProblems(rule: Record<string, unknown>, dir: "ingress" | "egress"): string[] {
  let byDirection = ruleProblems.get(rule);
  const known = byDirection?.[dir];
  if (known) return known;
  const found: string[] = [];
  for (const peer of arr(dir === "ingress" ? rule.from : rule.to)) {
    if (!isObj(peer)) continue;
    if (peer.ipBlock && (peer.podSelector || peer.namespaceSelector)) found.push(`${HERE}: ipBlock cannot be combined with selectors`);
    checkSelector(peer.podSelector, HERE, found);
    checkSelector(peer.namespaceSelector, HERE, found);
  }
  for (const port of arr(rule.ports)) {
    if (!isObj(port) || port.port === undefined) continue;
    checkPort(Number(port.port), HERE, found);
    if (port.endPort !== undefined && Number(port.endPort) < Number(port.port)) found.push(`${HERE}: endPort below port`);
  }
  const problems = found.map((m) => m.slice(`${HERE}: `.length));
  if (!byDirection) ruleProblems.set(rule, (byDirection = {}));
  byDirection[dir] = problems;
  return problems;
}

export function validateObjects(objects: readonly K8sObject[], limits: ConstraintLimits): string[] {
  const errors: string[] = [];
  const priorities = new Map<string, string>();
  for (const o of objects) {
    const where = `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`;
    const spec = isObj(o.spec) ? o.spec : {};
    switch (o.kind) {
      case "Namespace":
        if (!isRfc1123Label(o.metadata.name)) errors.push(`${where}: name is not an RFC 1123 label`);
        checkLabels(o.metadata.labels, where, errors);
        break;
      case "NetworkPolicy":
        if (!subdomain(o.metadata.name) || !isRfc1123Label(o.metadata.namespace ?? "")) errors.push(`${where}: invalid name or namespace`);
        checkSelector(spec.podSelector, where, errors);
        for (const dir of ["ingress", "egress"] as const) {
          for (const rule of arr(spec[dir]))
            if (isObj(rule)) for (const problem of networkPolicyRuleProblems(rule, dir)) errors.push(`${where}: ${problem}`);
        }
        break;
      case "AdminNetworkPolicy": {
        if (!subdomain(o.metadata.name)) errors.push(`${where}: name is not a DNS subdomain`);
        const priority = Number(spec.priority);
        if (!Number.isInteger(priority) || priority < 0 || priority > 1000) errors.push(`${where}: priority ${priority} outside 0–1000`);
        if (priority >= limits.maxAdminPriority)
          errors.push(`${where}: priority ${priority} beyond OVN-Kubernetes' 0–${limits.maxAdminPriority - 1}`);
        if (priorities.has(`anp|${priority}`))
          errors.push(`${where}: priority ${priority} also used by ${priorities.get(`anp|${priority}`)}`);
        priorities.set(`anp|${priority}`, where);
        oneOf(spec.subject, ["namespaces", "pods"], `${where}.subject`, errors);
        for (const dir of ["ingress", "egress"] as const)
          checkAdminRules(arr(spec[dir]), dir, { rules: 100, peers: 100, ports: 100 }, ["Allow", "Deny", "Pass"], false, where, errors);
        break;
      }
      case "BaselineAdminNetworkPolicy":
        if (o.metadata.name !== "default") errors.push(`${where}: the BaselineAdminNetworkPolicy must be named "default"`);
        oneOf(spec.subject, ["namespaces", "pods"], `${where}.subject`, errors);
        for (const dir of ["ingress", "egress"] as const)
          checkAdminRules(arr(spec[dir]), dir, { rules: 100, peers: 100, ports: 100 }, ["Allow", "Deny"], false, where, errors);
        break;
      case "ClusterNetworkPolicy": {
        if (!subdomain(o.metadata.name)) errors.push(`${where}: name is not a DNS subdomain`);
        const priority = Number(spec.priority);
        if (!["Admin", "Baseline"].includes(String(spec.tier))) errors.push(`${where}: tier must be Admin or Baseline`);
        if (!Number.isInteger(priority) || priority < 0 || priority > 1000) errors.push(`${where}: priority ${priority} outside 0–1000`);
        const key = `cnp|${String(spec.tier)}|${priority}`;
        if (priorities.has(key)) errors.push(`${where}: priority ${priority} also used by ${priorities.get(key)}`);
        priorities.set(key, where);
        oneOf(spec.subject, ["namespaces", "pods"], `${where}.subject`, errors);
        const actions = spec.tier === "Baseline" ? ["Accept", "Deny"] : ["Accept", "Deny", "Pass"];
        for (const dir of ["ingress", "egress"] as const)
          checkAdminRules(arr(spec[dir]), dir, { rules: 25, peers: 25, ports: 25 }, actions, true, where, errors);
        break;
      }
      case "VirtualMachine": {
        if (!isRfc1123Label(o.metadata.name)) errors.push(`${where}: name is not an RFC 1123 label`);
        const template = isObj(spec.template) && isObj(spec.template.metadata) ? spec.template.metadata : {};
        checkLabels(template.labels, where, errors);
        break;
      }
    }
  }
  return errors;
}
