/**
 * Address literals as NSX writes them in groups and rules: IPv4/IPv6 addresses, CIDRs and `a-b` ranges.
 * Validated with the engine's own parser so ingest never accepts what the engine would reject later.
 */
import { IpSet } from "../policy/index.ts";

export function addressProblem(text: string): string | undefined {
  try {
    IpSet.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A rule's source/destination entry is an address literal when it is not a path and not ANY. */
export function looksLikeAddress(text: string): boolean {
  return !text.startsWith("/") && text !== "ANY" && /^[0-9a-fA-F:.\-/ ]+$/.test(text) && /[.:]/.test(text);
}

const MAC = /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/;

export function isMacAddress(text: string): boolean {
  return MAC.test(text);
}

/** MACs compared case-insensitively with colons, as NSX prints them. */
export function normaliseMac(text: string): string {
  return text.toLowerCase().replace(/-/g, ":");
}
