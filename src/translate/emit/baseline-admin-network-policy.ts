/**
 * The NSX default rule → BaselineAdminNetworkPolicy `default` (v1alpha1), scoped to the managed Namespaces so
 * a deny-all baseline never touches the platform's own namespaces. BANP ingress peers cannot be CIDRs: a
 * default DROP towards VMs from external addresses is enforced by the VMs' NetworkPolicies instead.
 */
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import { adminSubject } from "./peers-and-ports.ts";
import type { BaselinePlan } from "./plans.ts";
import type { K8sObject } from "./yaml-document.ts";

export function baselineRules(plan: BaselinePlan): { ingress: Record<string, unknown>[]; egress: Record<string, unknown>[] } {
  const name = "nsx default rule";
  return {
    ingress: [{ name, action: plan.action, from: [{ namespaces: {} }] }],
    egress: [{ name, action: plan.action, to: [{ namespaces: {} }, { networks: ["0.0.0.0/0", "::/0"] }] }],
  };
}

export function emitBaselineAdminNetworkPolicy(plan: BaselinePlan, profile: TMappingProfile): K8sObject {
  const annotations: Record<string, string> = { [`${profile.annotationPrefix}nsx-category`]: "Default" };
  if (plan.ruleId) annotations[`${profile.annotationPrefix}nsx-rule-ids`] = plan.ruleId;
  return {
    apiVersion: "policy.networking.k8s.io/v1alpha1",
    kind: "BaselineAdminNetworkPolicy",
    metadata: { name: "default", annotations },
    spec: { subject: adminSubject([], profile.managedNamespaceLabel), ...baselineRules(plan) },
  };
}
