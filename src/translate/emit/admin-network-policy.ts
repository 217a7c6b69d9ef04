/** AdminNetworkPolicy, policy.networking.k8s.io/v1alpha1 (network-policy-api v0.1.7, what OVN-Kubernetes runs). */
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import { dnfIsAll } from "../selectors/dnf-facts.ts";
import type { AdminRulePlan } from "../plan/admin-tier.ts";
import { adminPodPeer, adminPorts, adminSubject, chunk, cidrsWithDontCare } from "./peers-and-ports.ts";
import type { NamedAdminPolicy } from "./plans.ts";
import { ruleIdList } from "./object-names.ts";
import type { IpSet } from "../../policy/index.ts";
import type { K8sObject } from "./yaml-document.ts";
import { aclLogging } from "./acl-logging.ts";

export const ANP_LIMITS = { rulesPerDirection: 100, peersPerRule: 100, networksPerPeer: 25, portsPerRule: 100 } as const;

export function adminPeers(rule: AdminRulePlan, internal: IpSet, networksPerPeer: number): Record<string, unknown>[] {
  const peers: Record<string, unknown>[] = dnfIsAll(rule.peers.pods) ? [{ namespaces: {} }] : rule.peers.pods.map(adminPodPeer);
  const networks = cidrsWithDontCare(rule.peers.networks, internal);
  for (const group of chunk(networks, networksPerPeer)) peers.push({ networks: group });
  return peers;
}

export function emitAdminNetworkPolicy(policy: NamedAdminPolicy, profile: TMappingProfile, internal: IpSet): K8sObject {
  const annotations: Record<string, string> = {
    [`${profile.annotationPrefix}nsx-category`]: policy.category,
    [`${profile.annotationPrefix}nsx-rule-ids`]: ruleIdList([...policy.ingress, ...policy.egress].map((r) => r.ruleId)),
  };
  if ([...policy.ingress, ...policy.egress].some((r) => r.logged)) annotations["k8s.ovn.org/acl-logging"] = aclLogging(profile, true);
  const rule = (r: AdminRulePlan, peersKey: "from" | "to") => {
    const ports = adminPorts(r.ports);
    return { name: r.name, action: r.action, [peersKey]: adminPeers(r, internal, ANP_LIMITS.networksPerPeer), ...(ports ? { ports } : {}) };
  };
  return {
    apiVersion: "policy.networking.k8s.io/v1alpha1",
    kind: "AdminNetworkPolicy",
    metadata: { name: policy.name, annotations },
    spec: {
      priority: policy.priority,
      subject: adminSubject(policy.subject, profile.managedNamespaceLabel),
      ...(policy.ingress.length > 0 ? { ingress: policy.ingress.map((r) => rule(r, "from")) } : {}),
      ...(policy.egress.length > 0 ? { egress: policy.egress.map((r) => rule(r, "to")) } : {}),
    },
  };
}
