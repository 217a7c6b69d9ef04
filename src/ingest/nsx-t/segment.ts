/** NSX Policy API `Segment` → model NsxSegment; subnets given as gateway CIDRs become network CIDRs. */
import ipaddr from "ipaddr.js";
import { z } from "zod";
import type { NsxSegment } from "../../policy/index.ts";
import type { EstateFragment } from "../fragment.ts";
import { displayPointer, pointer } from "../json/pointer.ts";
import { validate } from "../json/validate.ts";

export const ZSegment = z.object({
  resource_type: z.literal("Segment").optional(),
  id: z.string().min(1),
  display_name: z.string().optional(),
  path: z.string().optional(),
  subnets: z.array(z.object({ gateway_address: z.string().optional(), network: z.string().optional() })).nullish(),
});

function networkOf(cidr: string): string | undefined {
  try {
    const [address, prefix] = ipaddr.parseCIDR(cidr);
    const network = address.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
    return `${network.toString()}/${prefix}`;
  } catch {
    return undefined;
  }
}

export function toSegment(raw: unknown, where: string, fragment: EstateFragment, parentPath: string): NsxSegment | undefined {
  const s = validate(ZSegment, raw, where, fragment);
  if (!s) return undefined;
  const subnets: string[] = [];
  let ok = true;
  (s.subnets ?? []).forEach((subnet, i) => {
    const text = subnet.network ?? subnet.gateway_address;
    if (!text) return;
    const network = networkOf(text);
    if (!network) {
      fragment.error(pointer(where, "subnets", i), `"${text}" is not a CIDR`);
      ok = false;
    } else subnets.push(network);
  });
  if (!ok) return undefined;
  return {
    path: s.path ?? `${parentPath}/segments/${s.id}`,
    name: s.display_name ?? s.id,
    subnets,
    source: fragment.ref(displayPointer(where)),
  };
}
