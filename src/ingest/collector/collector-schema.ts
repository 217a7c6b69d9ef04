/**
 * zod schemas for the np-guard vmware-analyzer collector layout. Only the fields Parity reads are named;
 * everything else (NSX system metadata, tier0/tier1, gateway policies) is tolerated and ignored.
 * NSX writes absent lists as `null` as often as it omits them, hence `nullish` throughout.
 */
import { z } from "zod";

const ZStringList = z.array(z.string()).nullish();

export const ZCollectorTag = z.looseObject({ scope: z.string().nullish(), tag: z.string() });

export const ZCollectorVm = z.looseObject({
  display_name: z.string().nullish(),
  external_id: z.string().nullish(),
  tags: z.array(ZCollectorTag).nullish(),
  guest_info: z.looseObject({ os_name: z.string().nullish(), computer_name: z.string().nullish() }).nullish(),
});

export const ZCollectorVnic = z.looseObject({
  owner_vm_id: z.string().nullish(),
  lport_attachment_id: z.string().nullish(),
  mac_address: z.string().nullish(),
  ip_address_info: z.array(z.looseObject({ ip_addresses: ZStringList })).nullish(),
});

export const ZCollectorSegment = z.looseObject({
  path: z.string().nullish(),
  unique_id: z.string().nullish(),
  display_name: z.string().nullish(),
  subnets: z.array(z.looseObject({ network: z.string().nullish(), gateway_address: z.string().nullish() })).nullish(),
  segment_ports: z
    .array(z.looseObject({ attachment: z.looseObject({ id: z.string().nullish() }).nullish(), path: z.string().nullish() }))
    .nullish(),
});

export const ZCollectorRule = z.looseObject({
  action: z.enum(["ALLOW", "DROP", "REJECT", "JUMP_TO_APPLICATION"]),
  direction: z.enum(["IN", "OUT", "IN_OUT"]).nullish(),
  ip_protocol: z.enum(["IPV4", "IPV6", "IPV4_IPV6"]).nullish(),
  id: z.string().nullish(),
  path: z.string().nullish(),
  display_name: z.string().nullish(),
  rule_id: z.number().int().nullish(),
  sequence_number: z.number().int().nullish(),
  source_groups: ZStringList,
  destination_groups: ZStringList,
  sources_excluded: z.boolean().nullish(),
  destinations_excluded: z.boolean().nullish(),
  services: ZStringList,
  service_entries: z.array(z.unknown()).nullish(),
  scope: ZStringList,
  profiles: ZStringList,
  disabled: z.boolean().nullish(),
  logged: z.boolean().nullish(),
  tag: z.string().nullish(),
  notes: z.string().nullish(),
});
export type TCollectorRule = z.infer<typeof ZCollectorRule>;

export const ZCollectorPolicy = z.looseObject({
  category: z.enum(["Ethernet", "Emergency", "Infrastructure", "Environment", "Application"]),
  id: z.string().nullish(),
  path: z.string().nullish(),
  display_name: z.string().nullish(),
  sequence_number: z.number().int().nullish(),
  scope: ZStringList,
  stateful: z.boolean().nullish(),
  rules: z.array(z.unknown()).nullish(),
  default_rule: z.unknown().nullish(),
  default_rule_id: z.number().int().nullish(),
  connectivity_preference: z.string().nullish(),
});

export const ZCollectorGroup = z.looseObject({
  id: z.string().nullish(),
  path: z.string().nullish(),
  display_name: z.string().nullish(),
  expression: z.array(z.unknown()).nullish(),
  vm_members: z.array(z.looseObject({ id: z.string().nullish(), display_name: z.string().nullish() })).nullish(),
});

export const ZCollectorDomain = z.looseObject({
  display_name: z.string().nullish(),
  resources: z
    .looseObject({
      security_policies: z.array(z.unknown()).nullish(),
      groups: z.array(z.unknown()).nullish(),
    })
    .nullish(),
});

export const ZCollectorExport = z.looseObject({
  virtual_machines: z.array(z.unknown()).nullish(),
  virtual_network_interface: z.array(z.unknown()).nullish(),
  segments: z.array(z.unknown()).nullish(),
  services: z.array(z.unknown()).nullish(),
  domains: z.array(z.unknown()).nullish(),
});
