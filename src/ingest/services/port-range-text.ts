import type { PortRange } from "../../policy/index.ts";

/** NSX writes ports as strings: "443" or "8000-8100" (some exports use plain numbers). */
export function parsePortRangeText(text: string | number): PortRange {
  const value = String(text).trim();
  const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(value);
  if (!match) throw new Error(`invalid port or port range "${value}"`);
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (from > 65535 || to > 65535 || from > to) throw new Error(`invalid port range "${value}"`);
  return { from, to };
}
