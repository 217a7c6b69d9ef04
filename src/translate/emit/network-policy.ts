/** networking.k8s.io/v1 NetworkPolicy: allow-only rows of the class-based stage. */
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import { describeConjunction, selectorObject, type Conjunction } from "../selectors/label-requirement.ts";
import { ruleIdList } from "./object-names.ts";
import { networkPolicyPeer, networkPolicyPorts, splitNamespace } from "./peers-and-ports.ts";
import type { NetworkPolicyPlan, NetworkPolicyRulePlan } from "./plans.ts";
import { writeOnce, type K8sObject } from "./yaml-document.ts";

/**
 * Rule plans are shared by every row with the same rule (the stage interns them), so the emitted rule object
 * is made once per plan, direction and — only where it matters — Namespace, and shared: the objects are never
 * mutated after emission, and readers (YAML writer, read-back, engine) cache by identity. A peer reads
 * differently in one Namespace only when its Namespace literal is that Namespace alone (a bare podSelector
 * there, a namespaceSelector elsewhere); every other peer is the same object in every Namespace.
 */
const emittedRules = new WeakMap<NetworkPolicyRulePlan, Map<string, Record<string, unknown>>>();

/** Peers likewise: one object per cover conjunction (shared by the stage's memo), and per own Namespace. */
const emittedPeers = new WeakMap<Conjunction, Map<string, Record<string, unknown>>>();

/** The one Namespace a conjunction names (where it reads as a bare podSelector), memoised per conjunction. */
const soleNamespaces = new WeakMap<Conjunction, string | null>();
function soleNamespace(conj: Conjunction): string | null {
  let name = soleNamespaces.get(conj);
  if (name === undefined) {
    const names = splitNamespace(conj).namespaceNames;
    soleNamespaces.set(conj, (name = names?.length === 1 ? names[0] : null));
  }
  return name;
}

/** `*`: the same in every Namespace; otherwise the Namespace it is specific to. */
const ANY_NAMESPACE = "*";
const placeOf = (conj: Conjunction, namespace: string) => (soleNamespace(conj) === namespace ? namespace : ANY_NAMESPACE);

function sharedPeer(conj: Conjunction, namespace: string): Record<string, unknown> {
  let byPlace = emittedPeers.get(conj);
  if (!byPlace) emittedPeers.set(conj, (byPlace = new Map()));
  const place = placeOf(conj, namespace);
  let peer = byPlace.get(place);
  if (!peer) byPlace.set(place, (peer = networkPolicyPeer(conj, namespace)));
  return peer;
}

/** Per rule plan, the Namespaces one of its peers names alone (null: none), found once. */
const soleNamespacesOfRule = new WeakMap<NetworkPolicyRulePlan, ReadonlySet<string> | null>();
function namedAlone(r: NetworkPolicyRulePlan): ReadonlySet<string> | null {
  let names = soleNamespacesOfRule.get(r);
  if (names === undefined) {
    const found = new Set<string>();
    for (const c of r.pods) {
      const name = soleNamespace(c);
      if (name !== null) found.add(name);
    }
    soleNamespacesOfRule.set(r, (names = found.size > 0 ? found : null));
  }
  return names;
}

function rule(r: NetworkPolicyRulePlan, peersKey: "from" | "to", namespace: string): Record<string, unknown> {
  let byPlace = emittedRules.get(r);
  if (!byPlace) emittedRules.set(r, (byPlace = new Map()));
  const place = namedAlone(r)?.has(namespace) ? `${peersKey}\u0000${namespace}` : peersKey;
  let emitted = byPlace.get(place);
  if (!emitted) {
    const ports = networkPolicyPorts(r.ports);
    const peers = r.any ? undefined : [...r.pods.map((c) => sharedPeer(c, namespace)), ...r.ipBlocks.map((b) => ({ ipBlock: b }))];
    emitted = { ...(peers ? { [peersKey]: peers } : {}), ...(ports ? { ports } : {}) };
    byPlace.set(place, writeOnce(emitted));
  }
  return emitted;
}

/** Emitted rule lists by plan list (rows share one) and place: most policies' lists are made once. */
const emittedLists = new WeakMap<readonly NetworkPolicyRulePlan[], Map<string, Record<string, unknown>[]>>();

function rules(list: readonly NetworkPolicyRulePlan[], peersKey: "from" | "to", namespace: string): Record<string, unknown>[] {
  let byPlace = emittedLists.get(list);
  if (!byPlace) emittedLists.set(list, (byPlace = new Map()));
  const place = list.some((r) => namedAlone(r)?.has(namespace)) ? `${peersKey}\u0000${namespace}` : peersKey;
  let emitted = byPlace.get(place);
  if (!emitted) byPlace.set(place, (emitted = list.map((r) => rule(r, peersKey, namespace))));
  return emitted;
}

export function emitNetworkPolicy(plan: NetworkPolicyPlan, profile: TMappingProfile): K8sObject {
  const policyTypes = [...(plan.ingress ? ["Ingress"] : []), ...(plan.egress ? ["Egress"] : [])];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      annotations: {
        [`${profile.annotationPrefix}nsx-rule-ids`]: ruleIdList(plan.ruleIds),
        [`${profile.annotationPrefix}selects`]: describeConjunction(plan.subject),
      },
    },
    spec: {
      podSelector: selectorObject(plan.subject),
      policyTypes,
      ...(plan.ingress && plan.ingress.length > 0 ? { ingress: rules(plan.ingress, "from", plan.namespace) } : {}),
      ...(plan.egress && plan.egress.length > 0 ? { egress: rules(plan.egress, "to", plan.namespace) } : {}),
    },
  };
}
