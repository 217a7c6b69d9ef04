/**
 * Correspondence recorded in the manifests themselves: a translation annotates each KubeVirt
 * VirtualMachine with the NSX VM id it came from (default annotation `parity.io/nsx-vm-id`), which
 * survives renaming to DNS-1123 names. Returns NSX VM id → `namespace/name[VirtualMachine]`.
 */
import { readManifestObjects, type ManifestFile } from "../k8s/manifest-documents.ts";
import { endpointId } from "../k8s/workloads.ts";

export const DEFAULT_VM_ID_ANNOTATION = "parity.io/nsx-vm-id";

export function annotationCorrespondence(files: readonly ManifestFile[], annotation = DEFAULT_VM_ID_ANNOTATION): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of readManifestObjects(files)) {
    if (item.kind !== "VirtualMachine") continue;
    const meta = item.object.metadata as { name?: string; namespace?: string; annotations?: Record<string, string> } | undefined;
    const vmId = meta?.annotations?.[annotation];
    if (vmId && meta?.name) map.set(vmId, endpointId(meta.namespace || "default", meta.name, "VirtualMachine"));
  }
  return map;
}
