/**
 * ClusterNetworkPolicy, policy.networking.k8s.io/v1alpha2 (network-policy-api v0.2.0): one kind with tiers
 * Admin and Baseline, actions Accept / Deny / Pass, ports as `protocols`, at most 25 rules per direction and
 * 25 peers per rule.
 */
import type { IpSet } from "../../policy/index.ts";
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import type { AdminRulePlan } from "../plan/admin-tier.ts";
import { adminPeers } from "./admin-network-policy.ts";
import { aclLogging } from "./acl-logging.ts";
import { baselineRules } from "./baseline-admin-network-policy.ts";
import { ruleIdList } from "./object-names.ts";
import { adminSubject, chunk, cnpProtocols } from "./peers-and-ports.ts";
import type { BaselinePlan, NamedAdminPolicy } from "./plans.ts";
import type { K8sObject } from "./yaml-document.ts";

export const CNP_LIMITS = { rulesPerDirection: 25, peersPerRule: 25, networksPerPeer: 25, protocolsPerRule: 25 } as const;
const CNP_ACTION = { Allow: "Accept", Deny: "Deny", Pass: "Pass" } as const;

function cnpRules(rules: readonly AdminRulePlan[], peersKey: "from" | "to", internal: IpSet): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const r of rules) {
    const protocols = cnpProtocols(r.ports);
    const peerGroups = chunk(adminPeers(r, internal, CNP_LIMITS.networksPerPeer), CNP_LIMITS.peersPerRule);
    // More than 25 peers: consecutive rules with the same action and ports decide exactly the same.
    peerGroups.forEach((peers, i) => {
      out.push({
        name: i === 0 ? r.name : `${r.name.slice(0, 94)} (${i + 1})`,
        action: CNP_ACTION[r.action],
        [peersKey]: peers,
        ...(protocols ? { protocols } : {}),
      });
    });
  }
  return out;
}

export function emitClusterNetworkPolicy(policy: NamedAdminPolicy, profile: TMappingProfile, internal: IpSet): K8sObject {
  const annotations: Record<string, string> = {
    [`${profile.annotationPrefix}nsx-category`]: policy.category,
    [`${profile.annotationPrefix}nsx-rule-ids`]: ruleIdList([...policy.ingress, ...policy.egress].map((r) => r.ruleId)),
  };
  if ([...policy.ingress, ...policy.egress].some((r) => r.logged)) annotations["k8s.ovn.org/acl-logging"] = aclLogging(profile, true);
  const ingress = cnpRules(policy.ingress, "from", internal);
  const egress = cnpRules(policy.egress, "to", internal);
  return {
    apiVersion: "policy.networking.k8s.io/v1alpha2",
    kind: "ClusterNetworkPolicy",
    metadata: { name: policy.name, annotations },
    spec: {
      tier: "Admin",
      priority: policy.priority,
      subject: adminSubject(policy.subject, profile.managedNamespaceLabel),
      ...(ingress.length > 0 ? { ingress } : {}),
      ...(egress.length > 0 ? { egress } : {}),
    },
  };
}

export function emitBaselineClusterNetworkPolicy(plan: BaselinePlan, profile: TMappingProfile): K8sObject {
  const annotations: Record<string, string> = { [`${profile.annotationPrefix}nsx-category`]: "Default" };
  if (plan.ruleId) annotations[`${profile.annotationPrefix}nsx-rule-ids`] = plan.ruleId;
  return {
    apiVersion: "policy.networking.k8s.io/v1alpha2",
    kind: "ClusterNetworkPolicy",
    metadata: { name: "nsx-default", annotations },
    spec: { tier: "Baseline", priority: 0, subject: adminSubject([], profile.managedNamespaceLabel), ...baselineRules(plan) },
  };
}
