/**
 * The class-based NetworkPolicy stage (translation-pitfalls.md): for every direction and subject class the
 * NSX decision over every peer class and external block is an exact traffic set. Where the admin stage
 * (AdminNetworkPolicies + baseline) already yields exactly that decision for every peer, nothing is emitted;
 * otherwise the class gets allow-only NetworkPolicy rows equal to the NSX decision — traffic the admin stage
 * decides is don't-care, which keeps port lists short. Classes with identical rows share policies; peers
 * with identical traffic share a rule; selectors are greedy covers over the rules' own label requirements.
 */
import type { ExternalClass } from "../../policy/nsx/endpoint-classes.ts";
import type { Direction, K8sNamespace, NormalisedPolicy } from "../../policy/k8s/model.ts";
import type { Party } from "../../policy/k8s/party.ts";
import type { IpSet } from "../../policy/sets/ip-set.ts";
import { TrafficSet } from "../../policy/sets/traffic-set.ts";
import type { Conjunction } from "../selectors/label-requirement.ts";
import { comparisonUniverse, expressUnder, specKey, type PortsSpec } from "../services/service-to-ports.ts";
import { ipBlocks } from "../emit/peers-and-ports.ts";
import type { NetworkPolicyPlan, NetworkPolicyRulePlan } from "../emit/plans.ts";
import type { ClassDescriber } from "./describe-classes.ts";
import type { NsxRowEvaluator } from "./nsx-rows.ts";
import { K8sDirectionCache } from "./k8s-direction-cache.ts";
import type { TranslationClass } from "./translation-classes.ts";

export interface LostTraffic {
  subject: number;
  direction: Direction;
  /** Index into classes, or classes.length + external index. */
  peer: number;
  traffic: TrafficSet;
  ruleIds: string[];
}

export interface NetworkPolicyStage {
  policies: Omit<NetworkPolicyPlan, "name">[];
  lost: LostTraffic[];
  /** Admin-stage decisions that contradict NSX (must be empty; a translator bug otherwise). */
  unsound: string[];
  rowsEvaluated: number;
}

const NSX_DIRECTION = { egress: "OUT", ingress: "IN" } as const;

export function classParty(c: TranslationClass, namespaces: ReadonlyMap<string, K8sNamespace>): Party & { kind: "endpoint" } {
  return {
    kind: "endpoint",
    endpoint: { id: `${c.namespace}/class-${c.index}[VirtualMachine]`, namespace: c.namespace, name: `class-${c.index}`, kind: "VirtualMachine", labels: c.labels, namedPorts: [] },
    namespace: namespaces.get(c.namespace)!,
  };
}

export function planNetworkPolicyStage(input: {
  classes: readonly TranslationClass[];
  externals: readonly ExternalClass[];
  rows: NsxRowEvaluator;
  adminPolicies: readonly NormalisedPolicy[];
  namespaces: ReadonlyMap<string, K8sNamespace>;
  describer: ClassDescriber;
  internal: IpSet;
  defaultRuleId?: string;
}): NetworkPolicyStage {
  const { classes, externals, rows, adminPolicies, namespaces, describer, internal } = input;
  const universe = comparisonUniverse();
  const nC = classes.length;
  const parties: Party[] = [...classes.map((c) => classParty(c, namespaces)), ...externals.map((x): Party => ({ kind: "external", addresses: x.endpoint.addresses }))];
  const lost: LostTraffic[] = [];
  const unsound: string[] = [];
  let rowsEvaluated = 0;
  interface Row {
    subject: number;
    direction: Direction;
    specs: (PortsSpec | undefined)[];
    key: string;
  }
  const emittedRows: Row[] = [];

  const k8s = new K8sDirectionCache(adminPolicies);
  const inUniverse = new WeakMap<TrafficSet, TrafficSet>();
  const restrict = (x: TrafficSet) => {
    let r = inUniverse.get(x);
    if (!r) inUniverse.set(x, (r = x.intersect(universe)));
    return r;
  };
  const expressed = new WeakMap<TrafficSet, WeakMap<TrafficSet, ReturnType<typeof expressUnder>>>();
  const express = (F: TrafficSet, decided: TrafficSet) => {
    let inner = expressed.get(F);
    if (!inner) expressed.set(F, (inner = new WeakMap()));
    let r = inner.get(decided);
    if (!r) inner.set(decided, (r = expressUnder(F, decided)));
    return r;
  };
  const checked = new WeakMap<object, WeakSet<TrafficSet>>();
  for (const direction of ["egress", "ingress"] as const) {
    for (const t of classes) {
      const subject = parties[t.index];
      let needed = false;
      const wanted: { F: TrafficSet; decided: TrafficSet }[] = [];
      for (let p = 0; p < parties.length; p++) {
        rowsEvaluated++;
        const F = restrict(rows.allowed(t.index, NSX_DIRECTION[direction], p));
        const outcome = k8s.evaluate(direction, subject, parties[p]);
        const K = restrict(outcome.allowed);
        let checkedFor = checked.get(outcome);
        if (!checkedFor) checked.set(outcome, (checkedFor = new WeakSet()));
        if (!checkedFor.has(F)) for (const step of outcome.adminSteps) {
          const wrong = step.outcome === "allow" ? step.traffic.intersect(universe).subtract(F) : step.traffic.intersect(F);
          if (!wrong.isEmpty()) unsound.push(`${step.policy} ${step.rule}: ${step.outcome} ${wrong} for class ${t.index} (${t.representative.vm.name}) ${direction} peer ${p}`);
        }
        checkedFor.add(F);
        if (K !== F && !K.equals(F)) needed = true;
        wanted.push({ F, decided: outcome.decidedByAdmin });
      }
      if (!needed) continue;
      const specs = wanted.map(({ F, decided }, p) => {
        const { spec, lost: missing } = express(F, decided);
        if (!missing.isEmpty()) {
          const ruleIds = rows.applying(t.index, NSX_DIRECTION[direction], p).filter((r) => r.rule.action === "ALLOW" && !r.traffic.intersect(missing).isEmpty()).map((r) => r.rule.id);
          lost.push({ subject: t.index, direction, peer: p, traffic: missing, ruleIds: ruleIds.length > 0 ? ruleIds : input.defaultRuleId ? [input.defaultRuleId] : [] });
        }
        return spec.all || spec.ports.length > 0 ? spec : undefined;
      });
      emittedRows.push({ subject: t.index, direction, specs, key: specs.map((s) => (s ? specKey(s) : "-")).join("|") });
    }
  }

  // Group subjects with identical rows per Namespace and direction.
  const groups = new Map<string, Row[]>();
  for (const row of emittedRows) {
    const k = `${classes[row.subject].namespace}\u0000${row.direction}\u0000${row.key}`;
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  const bySubject = new Map<string, Omit<NetworkPolicyPlan, "name">>();
  for (const group of [...groups.values()]) {
    const namespace = classes[group[0].subject].namespace;
    const direction = group[0].direction;
    const specs = group[0].specs;
    const rules = rulesOfRow(specs, nC, externals, describer, internal);
    const ruleIds = new Set<string>();
    for (const row of group) {
      for (let p = 0; p < parties.length; p++) for (const r of rows.applying(row.subject, NSX_DIRECTION[direction], p)) ruleIds.add(r.rule.id);
    }
    if (input.defaultRuleId) ruleIds.add(input.defaultRuleId);
    const members = describer.bitsOf(group.map((r) => r.subject));
    const others = describer.bitsOf(classes.filter((c) => c.namespace === namespace && !group.some((r) => r.subject === c.index)).map((c) => c.index));
    for (const subjectConj of describer.describe(members, others)) {
      const subject = subjectConj.filter((l) => l.key !== "@namespace");
      const key = `${namespace}\u0000${JSON.stringify(subject)}`;
      const existing = bySubject.get(key) ?? { namespace, subject, ruleIds: [] };
      existing[direction] = [...(existing[direction] ?? []), ...rules];
      existing.ruleIds = [...new Set([...existing.ruleIds, ...ruleIds])];
      bySubject.set(key, existing);
    }
  }
  const policies = [...bySubject.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : JSON.stringify(a.subject) < JSON.stringify(b.subject) ? -1 : 1));
  return { policies, lost, unsound, rowsEvaluated };
}

function rulesOfRow(specs: readonly (PortsSpec | undefined)[], nC: number, externals: readonly ExternalClass[], describer: ClassDescriber, internal: IpSet): NetworkPolicyRulePlan[] {
  const bySpec = new Map<string, { spec: PortsSpec; peers: number[] }>();
  specs.forEach((spec, p) => {
    if (!spec) return;
    const k = specKey(spec);
    const entry = bySpec.get(k) ?? { spec, peers: [] };
    entry.peers.push(p);
    bySpec.set(k, entry);
  });
  const out: NetworkPolicyRulePlan[] = [];
  for (const [, { spec, peers }] of [...bySpec.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const classPeers = peers.filter((p) => p < nC);
    const extPeers = peers.filter((p) => p >= nC).map((p) => externals[p - nC]);
    const any = classPeers.length === nC && extPeers.length === externals.length;
    let pods: Conjunction[] = [];
    if (!any && classPeers.length > 0) {
      const wanted = describer.bitsOf(classPeers);
      const unwanted = describer.bitsOf([...Array(nC).keys()].filter((i) => !classPeers.includes(i)));
      pods = describer.describe(wanted, unwanted);
    }
    const addresses = extPeers.reduce((acc, x) => acc.union(x.endpoint.addresses), internal.subtract(internal));
    out.push({ pods, ipBlocks: any || addresses.isEmpty() ? [] : ipBlocks(addresses, internal), any, ports: spec });
  }
  return out;
}
