/**
 * The client's address, which login throttling and the sign-in history rely on. X-Forwarded-For is written by
 * whoever sends the request, so it is believed only as far as PARITY_TRUSTED_PROXIES says:
 *
 *   unset          the socket address; the header is ignored (never logged, never a throttle key)
 *   a hop count N  N reverse proxies stand in front: the address N hops back along [...X-Forwarded-For, socket]
 *   CIDRs          walk [...X-Forwarded-For, socket] from the right, skipping addresses inside the trusted
 *                  networks; the first other address is the client
 *
 * The socket address reaches the app in PEER_HEADER, which Parity's HTTP server (src/server/http/serve.ts)
 * always overwrites; a server that did not set it (e.g. plain `next dev`) yields "unknown", so one shared
 * bucket rather than a spoofable one.
 */
import ipaddr from "ipaddr.js";
import { serverEnv } from "../env.ts";

export const PEER_HEADER = "x-parity-peer";
/** Set in process.env by serve.ts before Next.js loads: the PEER_HEADER of a request is then the socket's. */
export const PEER_TRUSTED_FLAG = "PARITY_PEER_HEADER_TRUSTED";

export type TTrustedProxies =
  { kind: "none" } | { kind: "hops"; hops: number } | { kind: "cidrs"; ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] };

export function parseTrustedProxies(value: string | undefined): TTrustedProxies {
  const text = value?.trim();
  if (!text) return { kind: "none" };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Number(text) };
  const ranges = text.split(",").map((part) => {
    const cidr = part.trim();
    try {
      return ipaddr.parseCIDR(cidr.includes("/") ? cidr : `${cidr}/${ipaddr.parse(cidr).kind() === "ipv4" ? 32 : 128}`);
    } catch {
      throw new Error(`PARITY_TRUSTED_PROXIES: "${cidr}" is neither a hop count nor an address or CIDR`);
    }
  });
  return { kind: "cidrs", ranges };
}

/** Normalises an address (IPv4-mapped IPv6 to IPv4); undefined when it is not an IP address. */
export function normaliseAddress(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  let text = value.trim();
  if (text.startsWith("[") && text.includes("]")) text = text.slice(1, text.indexOf("]"));
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  if (!ipaddr.isValid(text)) return undefined;
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  return parsed.toString();
}

function inRanges(address: string, ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][]): boolean {
  const parsed = ipaddr.parse(address);
  return ranges.some(([range, bits]) => parsed.kind() === range.kind() && parsed.match([range, bits] as never));
}

/** The client address given the socket peer (undefined when unknown) and the X-Forwarded-For header. */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | null, trusted: TTrustedProxies): string {
  const socket = normaliseAddress(peer);
  if (trusted.kind === "none") return socket ?? "unknown";
  const forwarded = (forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  // Each proxy appends the address it received the request from; the socket peer is the last proxy itself.
  const chain = socket ? [...forwarded, socket] : forwarded;
  if (trusted.kind === "hops") {
    const index = socket ? chain.length - 1 - trusted.hops : chain.length - trusted.hops;
    const candidate = chain[Math.max(0, index)];
    return normaliseAddress(candidate) ?? socket ?? "unknown";
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = normaliseAddress(chain[i]);
    if (!address) return socket ?? "unknown"; // garbage in the trusted part of the chain: do not go further
    if (!inRanges(address, trusted.ranges)) return address;
  }
  return normaliseAddress(chain[0]) ?? socket ?? "unknown";
}

let cachedTrust: TTrustedProxies | undefined;

/** The client address of an HTTP request under this installation's configuration. */
export function clientAddress(headers: Headers): string {
  cachedTrust ??= parseTrustedProxies(serverEnv().PARITY_TRUSTED_PROXIES);
  const peer = process.env[PEER_TRUSTED_FLAG] === "1" ? (headers.get(PEER_HEADER) ?? undefined) : undefined;
  return resolveClientAddress(peer, headers.get("x-forwarded-for"), cachedTrust);
}
