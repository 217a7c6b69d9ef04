/** The emit-ready plan of every object, independent of API version (shared by the emitters). */
import type { IpSet } from "../../policy/index.ts";
import type { Conjunction } from "../selectors/label-requirement.ts";
import type { PortsSpec } from "../services/service-to-ports.ts";
import type { AdminPolicyPlan } from "../plan/admin-tier.ts";

export interface NamedAdminPolicy extends AdminPolicyPlan {
  name: string;
}

export interface NetworkPolicyRulePlan {
  /** Conjunctions over pod labels and `@namespace`; an empty list with `any` = every peer. */
  pods: Conjunction[];
  ipBlocks: { cidr: string; except?: string[] }[];
  any: boolean;
  ports: PortsSpec;
}

export interface NetworkPolicyPlan {
  namespace: string;
  name: string;
  subject: Conjunction;
  /** Undefined: the policy does not govern that direction. Empty list: deny all in that direction. */
  ingress?: NetworkPolicyRulePlan[];
  egress?: NetworkPolicyRulePlan[];
  ruleIds: string[];
}

export interface NamespacePlan {
  name: string;
  labels: Record<string, string>;
  logged: boolean;
}

export interface VmLabelPlan {
  vmId: string;
  vmName: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
}

export interface BaselinePlan {
  action: "Deny";
  ruleId?: string;
}

export type { IpSet };
