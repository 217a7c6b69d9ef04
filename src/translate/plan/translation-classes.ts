/**
 * The Kubernetes view of the VMs: a class is a Namespace plus the values of the label keys some selector
 * uses. VMs in one class are indistinguishable to every emitted selector, and — because every NSX selector
 * became an exact label selector or membership label — they also behave alike in NSX (IPv4), which the
 * round trip checks.
 */
import type { VmEndpoint, Labels } from "../../policy/index.ts";

export interface TranslationClass {
  index: number;
  namespace: string;
  /** Labels restricted to the relevant keys. */
  labels: Labels;
  members: VmEndpoint[];
  representative: VmEndpoint;
}

export function buildTranslationClasses(
  vms: readonly VmEndpoint[],
  namespaceOf: (vmId: string) => string,
  labelsOf: (vmId: string) => Labels,
  relevantKeys: ReadonlySet<string>,
): TranslationClass[] {
  const byKey = new Map<string, TranslationClass>();
  for (const vm of vms) {
    const all = labelsOf(vm.vm.id);
    const labels: Record<string, string> = {};
    // The VM's own relevant keys, in sorted order (a VM has few labels; an estate can have thousands of keys).
    const keys = Object.keys(all)
      .filter((k) => relevantKeys.has(k))
      .sort();
    for (const k of keys) labels[k] = all[k];
    const namespace = namespaceOf(vm.vm.id);
    const key = JSON.stringify([namespace, labels]);
    const existing = byKey.get(key);
    if (existing) existing.members.push(vm);
    else byKey.set(key, { index: 0, namespace, labels, members: [vm], representative: vm });
  }
  // Stable order: by namespace, then by the first member's VM id.
  const classes = [...byKey.values()].sort((a, b) =>
    a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.representative.vm.id < b.representative.vm.id ? -1 : 1,
  );
  classes.forEach((c, i) => (c.index = i));
  return classes;
}
