/**
 * Exact set of IP addresses over IPv4 ∪ IPv6, the two families kept apart (an IPv4 address and its
 * IPv4-mapped IPv6 form are different addresses here, as they are on the wire). Immutable, canonical.
 */
import ipaddr from "ipaddr.js";
import { IntervalSet, type Interval } from "./interval-set.ts";

export class InvalidAddressError extends Error {
  constructor(
    readonly text: string,
    reason?: string,
  ) {
    super(`Invalid IP address, CIDR or range: "${text}"${reason ? ` (${reason})` : ""}`);
    this.name = "InvalidAddressError";
  }
}

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;

type Family = 4 | 6;

function bytesToBigint(bytes: number[]): bigint {
  return bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

function bigintToAddress(value: bigint, family: Family): string {
  const length = family === 4 ? 4 : 16;
  const bytes: number[] = [];
  for (let i = length - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

function parseAddress(text: string, whole: string): { family: Family; value: bigint } {
  // isValid accepts non-canonical IPv4 forms ("10.1" or octal); only strict dotted quads are addresses here.
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return { family: 4, value: bytesToBigint(ipaddr.IPv4.parse(text).toByteArray()) };
  if (ipaddr.IPv6.isValid(text)) return { family: 6, value: bytesToBigint(ipaddr.IPv6.parse(text).toByteArray()) };
  throw new InvalidAddressError(whole);
}

export class IpSet {
  private constructor(
    private readonly v4: IntervalSet<bigint>,
    private readonly v6: IntervalSet<bigint>,
  ) {}

  // Sets are immutable, so the constant ones are shared (hot paths ask for them per selector test).
  private static readonly EMPTY = new IpSet(IntervalSet.ofBigints(), IntervalSet.ofBigints());
  private static readonly ALL = new IpSet(IntervalSet.ofBigints([[0n, V4_MAX]]), IntervalSet.ofBigints([[0n, V6_MAX]]));
  private static readonly ALL_V4 = new IpSet(IntervalSet.ofBigints([[0n, V4_MAX]]), IntervalSet.ofBigints());
  private static readonly ALL_V6 = new IpSet(IntervalSet.ofBigints(), IntervalSet.ofBigints([[0n, V6_MAX]]));

  static empty(): IpSet {
    return IpSet.EMPTY;
  }

  static all(): IpSet {
    return IpSet.ALL;
  }

  static allV4(): IpSet {
    return IpSet.ALL_V4;
  }

  static allV6(): IpSet {
    return IpSet.ALL_V6;
  }

  /** Intervals given as bigint address numbers per family (used by partitioning and JSON). */
  static fromIntervals(v4: Iterable<Interval<bigint>>, v6: Iterable<Interval<bigint>>): IpSet {
    return new IpSet(IntervalSet.ofBigints(v4), IntervalSet.ofBigints(v6));
  }

  /** A single address, a CIDR (host bits are ignored, as Kubernetes and NSX do) or an `a-b` range. */
  static parse(text: string): IpSet {
    const trimmed = text.trim();
    if (trimmed.includes("/")) {
      const [addressText, prefixText, ...rest] = trimmed.split("/");
      if (rest.length > 0 || !/^\d{1,3}$/.test(prefixText)) throw new InvalidAddressError(text, "bad prefix");
      const { family, value } = parseAddress(addressText, text);
      const bits = family === 4 ? 32n : 128n;
      const prefix = BigInt(prefixText);
      if (prefix > bits) throw new InvalidAddressError(text, "prefix too long");
      const hostBits = bits - prefix;
      const lo = (value >> hostBits) << hostBits;
      const hi = lo + (1n << hostBits) - 1n;
      return IpSet.ofFamily(family, [[lo, hi]]);
    }
    const dash = trimmed.indexOf("-");
    if (dash > 0) {
      const from = parseAddress(trimmed.slice(0, dash).trim(), text);
      const to = parseAddress(trimmed.slice(dash + 1).trim(), text);
      if (from.family !== to.family) throw new InvalidAddressError(text, "range mixes IPv4 and IPv6");
      if (from.value > to.value) throw new InvalidAddressError(text, "range start after end");
      return IpSet.ofFamily(from.family, [[from.value, to.value]]);
    }
    const { family, value } = parseAddress(trimmed, text);
    return IpSet.ofFamily(family, [[value, value]]);
  }

  static fromList(texts: readonly string[]): IpSet {
    return texts.reduce((acc, text) => acc.union(IpSet.parse(text)), IpSet.empty());
  }

  private static ofFamily(family: Family, ranges: Interval<bigint>[]): IpSet {
    return family === 4
      ? new IpSet(IntervalSet.ofBigints(ranges), IntervalSet.ofBigints())
      : new IpSet(IntervalSet.ofBigints(), IntervalSet.ofBigints(ranges));
  }

  union(other: IpSet): IpSet {
    return new IpSet(this.v4.union(other.v4), this.v6.union(other.v6));
  }

  intersect(other: IpSet): IpSet {
    return new IpSet(this.v4.intersect(other.v4), this.v6.intersect(other.v6));
  }

  subtract(other: IpSet): IpSet {
    return new IpSet(this.v4.subtract(other.v4), this.v6.subtract(other.v6));
  }

  complement(): IpSet {
    return IpSet.all().subtract(this);
  }

  isEmpty(): boolean {
    return this.v4.isEmpty() && this.v6.isEmpty();
  }

  equals(other: IpSet): boolean {
    return this.v4.equals(other.v4) && this.v6.equals(other.v6);
  }

  isSubsetOf(other: IpSet): boolean {
    return this.v4.isSubsetOf(other.v4) && this.v6.isSubsetOf(other.v6);
  }

  contains(ip: string): boolean {
    const { family, value } = parseAddress(ip.trim(), ip);
    return family === 4 ? this.v4.contains(value) : this.v6.contains(value);
  }

  /** The lowest address of the set (IPv4 first), or undefined when empty. */
  sample(): string | undefined {
    const v4 = this.v4.min();
    if (v4 !== undefined) return bigintToAddress(v4, 4);
    const v6 = this.v6.min();
    return v6 === undefined ? undefined : bigintToAddress(v6, 6);
  }

  /** Address intervals per family, for partitioning the address space at policy boundaries. */
  intervals(): { v4: readonly Interval<bigint>[]; v6: readonly Interval<bigint>[] } {
    return { v4: this.v4.intervals(), v6: this.v6.intervals() };
  }

  /** Minimal CIDR cover of each interval, IPv4 first. */
  toCidrs(): string[] {
    const result: string[] = [];
    for (const [family, set] of [
      [4, this.v4],
      [6, this.v6],
    ] as const) {
      const bits = family === 4 ? 32n : 128n;
      for (const [lo, hi] of set.intervals()) {
        let cursor = lo;
        while (cursor <= hi) {
          // Largest aligned block starting at cursor that stays within hi.
          let size = 0n;
          while (size < bits) {
            const bigger = size + 1n;
            const blockMask = (1n << bigger) - 1n;
            if ((cursor & blockMask) !== 0n || cursor + blockMask > hi) break;
            size = bigger;
          }
          result.push(`${bigintToAddress(cursor, family)}/${bits - size}`);
          cursor += 1n << size;
        }
      }
    }
    return result;
  }

  /** Each interval as `first-last` (a single address prints alone), IPv4 first. */
  toRanges(): string[] {
    const result: string[] = [];
    for (const [family, set] of [
      [4, this.v4],
      [6, this.v6],
    ] as const) {
      for (const [lo, hi] of set.intervals()) {
        result.push(lo === hi ? bigintToAddress(lo, family) : `${bigintToAddress(lo, family)}-${bigintToAddress(hi, family)}`);
      }
    }
    return result;
  }

  toString(): string {
    return this.isEmpty() ? "(none)" : this.toRanges().join(",");
  }
}
