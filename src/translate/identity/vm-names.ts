/**
 * VM → KubeVirt VirtualMachine name: the display name as an RFC 1123 label, unique per Namespace (a clash
 * appends a hash of the NSX VM id). Stable: the same estate always yields the same names.
 */
import type { NsxVm } from "../../policy/index.ts";
import { rfc1123Label, shortHash } from "./label-normalise.ts";

export function assignVmNames(vms: readonly { vm: NsxVm; namespace: string }[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const sorted = [...vms].sort((a, b) => (a.vm.id < b.vm.id ? -1 : a.vm.id > b.vm.id ? 1 : 0));
  const base = (vm: NsxVm) => rfc1123Label(vm.name);
  const counts = new Map<string, number>();
  for (const { vm, namespace } of sorted) counts.set(`${namespace}/${base(vm)}`, (counts.get(`${namespace}/${base(vm)}`) ?? 0) + 1);
  for (const { vm, namespace } of sorted) {
    let name = base(vm);
    if (counts.get(`${namespace}/${name}`)! > 1 || taken.has(`${namespace}/${name}`))
      name = rfc1123Label(`${name.slice(0, 54)}-${shortHash(vm.id)}`);
    taken.add(`${namespace}/${name}`);
    names.set(vm.id, name);
  }
  return names;
}
