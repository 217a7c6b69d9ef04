/**
 * NSX Manager inventory: `GET /api/v1/fabric/virtual-machines` (VMs with NSX tags and guest info) and
 * `GET /api/v1/fabric/vifs` (their vNICs with MACs and the addresses VMware Tools reports).
 */
import { z } from "zod";
import type { NsxVm } from "../../policy/index.ts";
import { addressProblem, isMacAddress, normaliseMac } from "../addresses.ts";
import type { EstateFragment } from "../fragment.ts";
import { displayPointer, pointer } from "../json/pointer.ts";
import { validate } from "../json/validate.ts";

export const ZFabricVm = z.object({
  resource_type: z.literal("VirtualMachine"),
  external_id: z.string().min(1),
  display_name: z.string().min(1),
  power_state: z.string().optional(),
  compute_ids: z.array(z.string()).nullish(),
  guest_info: z.object({ os_name: z.string().optional(), computer_name: z.string().optional() }).nullish(),
  tags: z.array(z.object({ scope: z.string().optional(), tag: z.string() })).nullish(),
});

export const ZFabricVif = z.object({
  resource_type: z.literal("VirtualNetworkInterface"),
  owner_vm_id: z.string().min(1),
  mac_address: z.string().optional(),
  lport_attachment_id: z.string().optional(),
  ip_address_info: z.array(z.object({ source: z.string().optional(), ip_addresses: z.array(z.string()).nullish() })).nullish(),
});

function computeId(ids: string[] | null | undefined, key: string): string | undefined {
  const found = ids?.find((id) => id.startsWith(`${key}:`));
  return found ? found.slice(key.length + 1) : undefined;
}

export function toFabricVm(raw: unknown, where: string, fragment: EstateFragment): NsxVm | undefined {
  const v = validate(ZFabricVm, raw, where, fragment);
  if (!v) return undefined;
  const vm: NsxVm = {
    id: v.external_id,
    name: v.display_name,
    ips: [],
    tags: (v.tags ?? []).map((t) => ({ scope: t.scope ?? "", tag: t.tag })),
    source: fragment.ref(displayPointer(where)),
  };
  const instanceUuid = computeId(v.compute_ids, "instanceUuid") ?? v.external_id;
  vm.instanceUuid = instanceUuid;
  if (v.guest_info?.os_name) vm.osName = v.guest_info.os_name;
  if (v.guest_info?.computer_name) vm.computerName = v.guest_info.computer_name;
  return vm;
}

export function toFabricVif(raw: unknown, where: string, fragment: EstateFragment): boolean {
  const v = validate(ZFabricVif, raw, where, fragment);
  if (!v) return false;
  const ips: string[] = [];
  let ok = true;
  (v.ip_address_info ?? []).forEach((info, i) =>
    (info.ip_addresses ?? []).forEach((ip, j) => {
      const problem = addressProblem(ip);
      if (problem || ip.includes("/") || ip.includes("-")) {
        fragment.error(pointer(where, "ip_address_info", i, "ip_addresses", j), problem ?? `"${ip}" is not a single address`);
        ok = false;
      } else if (!ips.includes(ip)) ips.push(ip);
    }),
  );
  const macs: string[] = [];
  if (v.mac_address) {
    if (!isMacAddress(v.mac_address)) {
      fragment.error(pointer(where, "mac_address"), `"${v.mac_address}" is not a MAC address`);
      ok = false;
    } else macs.push(normaliseMac(v.mac_address));
  }
  if (ok) fragment.vifs.push({ ownerVmId: v.owner_vm_id, ips, macs, source: fragment.ref(displayPointer(where)) });
  return ok;
}
