/**
 * VM → Namespace: the value of a chosen tag scope (e.g. `app` or `env`) names the VM's Namespace; VMs
 * without that tag go to the fallback. A VM with several tags in that scope takes the first in sorted order
 * (reported). Names are RFC 1123 labels.
 */
import type { NsxVm } from "../../policy/index.ts";
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import { rfc1123Label } from "./label-normalise.ts";

export interface NamespaceAssignment {
  namespace: string;
  /** The tag value it came from, or undefined for the fallback. */
  from?: string;
  ambiguous?: string[];
}

export function namespaceOf(vm: NsxVm, profile: TMappingProfile): NamespaceAssignment {
  const { scope, fallback, prefix } = profile.namespace;
  const values = scope === null ? [] : [...new Set(vm.tags.filter((t) => t.scope === scope).map((t) => t.tag))].sort();
  if (values.length === 0) return { namespace: rfc1123Label(fallback) };
  return { namespace: rfc1123Label(`${prefix}${values[0]}`), from: values[0], ...(values.length > 1 ? { ambiguous: values } : {}) };
}
