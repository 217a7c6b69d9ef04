/**
 * Exact IPv4/IPv6 address sets as merged bigint intervals per family, with the minimal CIDR cover —
 * the fewest address prefixes that describe the set exactly, which is what an NSG rule needs.
 */
import ipaddr from "ipaddr.js";

type Interval = [bigint, bigint];
const MAX = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n } as const;
const BITS = { 4: 32, 6: 128 } as const;

export class AddressParseError extends Error {}

export class AddressSet {
  private constructor(
    readonly v4: readonly Interval[],
    readonly v6: readonly Interval[],
  ) {}

  static empty(): AddressSet {
    return new AddressSet([], []);
  }

  static all(): AddressSet {
    return new AddressSet([[0n, MAX[4]]], [[0n, MAX[6]]]);
  }

  /** Parses addresses, CIDRs ("10.0.0.0/24") and ranges ("10.0.0.1-10.0.0.9"), IPv4 or IPv6. */
  static parse(texts: readonly string[]): AddressSet {
    const v4: Interval[] = [];
    const v6: Interval[] = [];
    for (const raw of texts) {
      const { family, lo, hi } = parseOne(raw.trim());
      (family === 4 ? v4 : v6).push([lo, hi]);
    }
    return new AddressSet(merge(v4), merge(v6));
  }

  union(other: AddressSet): AddressSet {
    return new AddressSet(merge([...this.v4, ...other.v4]), merge([...this.v6, ...other.v6]));
  }

  intersect(other: AddressSet): AddressSet {
    return new AddressSet(intersect(this.v4, other.v4), intersect(this.v6, other.v6));
  }

  complement(): AddressSet {
    return new AddressSet(complement(this.v4, MAX[4]), complement(this.v6, MAX[6]));
  }

  onlyFamily(family: 4 | 6): AddressSet {
    return family === 4 ? new AddressSet(this.v4, []) : new AddressSet([], this.v6);
  }

  isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** Minimal number of CIDR prefixes per family that cover exactly this set. */
  prefixCount(): { v4: number; v6: number } {
    return { v4: this.v4.reduce((n, i) => n + cover(i, 4).length, 0), v6: this.v6.reduce((n, i) => n + cover(i, 6).length, 0) };
  }

  /** The minimal CIDR cover as text, IPv4 first. */
  prefixes(): string[] {
    return [...this.v4.flatMap((i) => cover(i, 4)), ...this.v6.flatMap((i) => cover(i, 6))];
  }
}

function parseOne(text: string): { family: 4 | 6; lo: bigint; hi: bigint } {
  if (text.includes("-")) {
    const [a, b] = text.split("-").map((s) => s.trim());
    const lo = parseAddr(a, text);
    const hi = parseAddr(b, text);
    if (lo.family !== hi.family || lo.value > hi.value) throw new AddressParseError(`Invalid address range "${text}"`);
    return { family: lo.family, lo: lo.value, hi: hi.value };
  }
  if (text.includes("/")) {
    const [a, lenText] = text.split("/");
    const { family, value } = parseAddr(a, text);
    const len = Number(lenText);
    if (!Number.isInteger(len) || len < 0 || len > BITS[family]) throw new AddressParseError(`Invalid prefix length in "${text}"`);
    const hostBits = BigInt(BITS[family] - len);
    const lo = (value >> hostBits) << hostBits; // NSX accepts host bits set; the network is what matches
    return { family, lo, hi: lo + (1n << hostBits) - 1n };
  }
  const { family, value } = parseAddr(text, text);
  return { family, lo: value, hi: value };
}

function parseAddr(text: string, whole: string): { family: 4 | 6; value: bigint } {
  const toBig = (bytes: number[]) => bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return { family: 4, value: toBig(ipaddr.IPv4.parse(text).toByteArray()) };
  if (ipaddr.IPv6.isValid(text)) return { family: 6, value: toBig(ipaddr.IPv6.parse(text).toByteArray()) };
  throw new AddressParseError(`Invalid IP address, CIDR or range "${whole}"`);
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = intervals.slice().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Interval[] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1n) last[1] = hi > last[1] ? hi : last[1];
    else out.push([lo, hi]);
  }
  return out;
}

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [alo, ahi] of a)
    for (const [blo, bhi] of b) {
      const lo = alo > blo ? alo : blo;
      const hi = ahi < bhi ? ahi : bhi;
      if (lo <= hi) out.push([lo, hi]);
    }
  return merge(out);
}

function complement(a: readonly Interval[], max: bigint): Interval[] {
  const out: Interval[] = [];
  let next = 0n;
  for (const [lo, hi] of a) {
    if (lo > next) out.push([next, lo - 1n]);
    next = hi + 1n;
  }
  if (next <= max) out.push([next, max]);
  return out;
}

/** Greedy largest aligned block from the low end: optimal for a single interval. */
function cover([lo, hi]: Interval, family: 4 | 6): string[] {
  const out: string[] = [];
  let cur = lo;
  while (cur <= hi) {
    let size = 0;
    while (size < BITS[family] && (cur & ((1n << BigInt(size + 1)) - 1n)) === 0n && cur + (1n << BigInt(size + 1)) - 1n <= hi) size++;
    out.push(`${format(cur, family)}/${BITS[family] - size}`);
    cur += 1n << BigInt(size);
  }
  return out;
}

function format(value: bigint, family: 4 | 6): string {
  const n = family === 4 ? 4 : 16;
  const bytes: number[] = [];
  for (let i = n - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}
