/**
 * Label patches for KubeVirt VirtualMachines: `spec.template.metadata.labels` is what the VM's launcher pod
 * carries, so it is what policies select. A partial VirtualMachine, applied with server-side apply onto the
 * VM the migration created (`kubectl apply --server-side -k vm-labels/`); the annotations name the NSX VM.
 */
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import type { VmLabelPlan } from "./plans.ts";
import type { K8sObject } from "./yaml-document.ts";

export function emitVirtualMachineLabels(plan: VmLabelPlan, profile: TMappingProfile): K8sObject {
  const labels = Object.fromEntries(Object.entries(plan.labels).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      annotations: { [`${profile.annotationPrefix}nsx-vm-id`]: plan.vmId, [`${profile.annotationPrefix}nsx-vm-name`]: plan.vmName },
    },
    spec: { template: { metadata: { labels } } },
  };
}
