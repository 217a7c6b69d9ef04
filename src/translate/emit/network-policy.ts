/** networking.k8s.io/v1 NetworkPolicy: allow-only rows of the class-based stage. */
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import { describeConjunction, selectorObject, type Conjunction } from "../selectors/label-requirement.ts";
import { ruleIdList } from "./object-names.ts";
import { networkPolicyPeer, networkPolicyPorts } from "./peers-and-ports.ts";
import type { NetworkPolicyPlan, NetworkPolicyRulePlan } from "./plans.ts";
import type { K8sObject } from "./yaml-document.ts";

/**
 * Rule plans are shared by every NetworkPolicy with the same row (and the stage reuses them across
 * Namespaces), so the emitted rule object is made once per plan, direction and Namespace and shared: the
 * objects are never mutated after emission, and readers (YAML writer, read-back, engine) cache by identity.
 */
const emittedRules = new WeakMap<NetworkPolicyRulePlan, Map<string, Record<string, unknown>>>();

/** Peers likewise: one object per cover conjunction (shared by the stage's memo) and Namespace. */
const emittedPeers = new WeakMap<Conjunction, Map<string, Record<string, unknown>>>();

function sharedPeer(conj: Conjunction, namespace: string): Record<string, unknown> {
  let byNamespace = emittedPeers.get(conj);
  if (!byNamespace) emittedPeers.set(conj, (byNamespace = new Map()));
  let peer = byNamespace.get(namespace);
  if (!peer) byNamespace.set(namespace, (peer = networkPolicyPeer(conj, namespace)));
  return peer;
}

function rule(r: NetworkPolicyRulePlan, peersKey: "from" | "to", namespace: string): Record<string, unknown> {
  let byPlace = emittedRules.get(r);
  if (!byPlace) emittedRules.set(r, (byPlace = new Map()));
  const place = `${peersKey}\u0000${namespace}`;
  let emitted = byPlace.get(place);
  if (!emitted) {
    const ports = networkPolicyPorts(r.ports);
    const peers = r.any ? undefined : [...r.pods.map((c) => sharedPeer(c, namespace)), ...r.ipBlocks.map((b) => ({ ipBlock: b }))];
    emitted = { ...(peers ? { [peersKey]: peers } : {}), ...(ports ? { ports } : {}) };
    byPlace.set(place, emitted);
  }
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
      ...(plan.ingress && plan.ingress.length > 0 ? { ingress: plan.ingress.map((r) => rule(r, "from", plan.namespace)) } : {}),
      ...(plan.egress && plan.egress.length > 0 ? { egress: plan.egress.map((r) => rule(r, "to", plan.namespace)) } : {}),
    },
  };
}
