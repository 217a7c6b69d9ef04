/**
 * The candidate platforms compared by the scorecard. VMware NSX is the incumbent baseline the bank is
 * leaving; the other three are the replacement candidates named in the seed documents.
 */
import { z } from "zod";

export const PLATFORM_IDS = ["vmware-nsx", "ove", "azure-local", "swisscom-esc"] as const;
export const ZPlatformId = z.enum(PLATFORM_IDS);
export type TPlatformId = z.infer<typeof ZPlatformId>;

export const ZPlatform = z.object({
  id: ZPlatformId,
  name: z.string(),
  shortName: z.string(),
  /** Who runs the network and security stack day to day. */
  operatedBy: z.enum(["bank", "provider"]),
  description: z.string(),
});
export type TPlatform = z.infer<typeof ZPlatform>;

export const PLATFORMS: readonly TPlatform[] = [
  {
    id: "vmware-nsx",
    name: "VMware NSX (incumbent)",
    shortName: "NSX",
    operatedBy: "bank",
    description: "Today's vSphere + NSX-T estate with the Distributed Firewall, run by the bank.",
  },
  {
    id: "ove",
    name: "OpenShift Virtualization Engine (OVE)",
    shortName: "OVE",
    operatedBy: "bank",
    description: "KubeVirt on OpenShift with OVN-Kubernetes; policy as NetworkPolicy / AdminNetworkPolicy.",
  },
  {
    id: "azure-local",
    name: "Azure Local",
    shortName: "Azure Local",
    operatedBy: "bank",
    description: "Hyper-V with Microsoft SDN (Network Controller, VFP); NSG-style rules.",
  },
  {
    id: "swisscom-esc",
    name: "Swisscom Enterprise Service Cloud (ESC)",
    shortName: "ESC",
    operatedBy: "provider",
    description: "Provider-managed VMware + NSX-T operated by Swisscom; rules via the service portal.",
  },
];

export function platformName(id: TPlatformId): string {
  return PLATFORMS.find((p) => p.id === id)?.name ?? id;
}
