/** IPv4 / IPv6 as separate evaluation worlds: rules restrict by `ip_protocol`, ICMP versions belong to one. */
import { IpSet } from "../sets/ip-set.ts";
import { TrafficSet } from "../sets/traffic-set.ts";
import type { NsxIpProtocol } from "./model.ts";

export type AddressFamily = 4 | 6;
export const FAMILIES: readonly AddressFamily[] = [4, 6];

export function familySpace(family: AddressFamily): IpSet {
  return family === 4 ? IpSet.allV4() : IpSet.allV6();
}

/** The traffic that can exist in a family: ICMPv6 never travels over IPv4 and ICMPv4 never over IPv6. */
export function familyTraffic(family: AddressFamily): TrafficSet {
  return TrafficSet.all().subtract(TrafficSet.icmp(family === 4 ? 6 : 4));
}

export function ruleCoversFamily(ipProtocol: NsxIpProtocol, family: AddressFamily): boolean {
  return ipProtocol === "IPV4_IPV6" || (ipProtocol === "IPV4" ? family === 4 : family === 6);
}
