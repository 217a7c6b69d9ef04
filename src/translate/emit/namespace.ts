/** Namespaces for the migrated VMs, labelled as managed (admin policies select them) and ACL-logged where NSX logged. */
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import { aclLogging } from "./acl-logging.ts";
import type { NamespacePlan } from "./plans.ts";
import type { K8sObject } from "./yaml-document.ts";

export function emitNamespace(plan: NamespacePlan, profile: TMappingProfile): K8sObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: plan.name,
      labels: { ...plan.labels, [profile.managedNamespaceLabel.key]: profile.managedNamespaceLabel.value },
      ...(plan.logged ? { annotations: { "k8s.ovn.org/acl-logging": aclLogging(profile, false) } } : {}),
    },
  };
}
