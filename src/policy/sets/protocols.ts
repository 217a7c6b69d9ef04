/** IP protocol numbers the engine names; everything else is referred to by number. */

export const PROTOCOL = { ICMP: 1, TCP: 6, UDP: 17, ICMPV6: 58, SCTP: 132 } as const;

const NAME_BY_NUMBER: Record<number, string> = {
  1: "ICMP",
  2: "IGMP",
  4: "IPIP",
  6: "TCP",
  17: "UDP",
  41: "IPv6",
  47: "GRE",
  50: "ESP",
  51: "AH",
  58: "ICMPv6",
  89: "OSPF",
  103: "PIM",
  112: "VRRP",
  132: "SCTP",
};

const NUMBER_BY_NAME: Record<string, number> = Object.fromEntries(
  Object.entries(NAME_BY_NUMBER).map(([number, name]) => [name.toLowerCase(), Number(number)]),
);
NUMBER_BY_NAME["icmpv4"] = 1;
NUMBER_BY_NAME["ipv6-icmp"] = 58;
NUMBER_BY_NAME["icmp6"] = 58;

export class UnknownProtocolError extends Error {
  constructor(readonly text: string) {
    super(`Unknown IP protocol: "${text}"`);
    this.name = "UnknownProtocolError";
  }
}

/** `tcp`, `TCP`, `ICMPv6`, `ipv6-icmp` or a decimal number 0–255. */
export function protocolNumber(name: string): number {
  const key = name.trim().toLowerCase();
  if (/^\d{1,3}$/.test(key) && Number(key) <= 255) return Number(key);
  const number = NUMBER_BY_NAME[key];
  if (number === undefined) throw new UnknownProtocolError(name);
  return number;
}

/** Upper-case well-known name (`TCP`, `ICMPv6`) or `protocol-<n>`. */
export function protocolName(number: number): string {
  return NAME_BY_NUMBER[number] ?? `protocol-${number}`;
}
