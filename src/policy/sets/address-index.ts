/**
 * Many address sets indexed by interval, so "which of them have an address in these addresses" costs the
 * answer (a binary search and the overlapping intervals) instead of one set operation per entry: estates with
 * many IP-set groups made VMs × address selectors the compiler's and the engine's main cost.
 */
import type { AddressFamily } from "../nsx/address-family.ts";
import type { IpSet } from "./ip-set.ts";
import { upperBound } from "./sorted-search.ts";

interface FamilyIndex {
  lo: bigint[];
  hi: bigint[];
  entry: Int32Array;
  /** The longest interval's hi − lo: how far before a query's start an overlapping interval can begin. */
  longest: bigint;
}

export class AddressIndex {
  private readonly families: Record<AddressFamily, FamilyIndex>;

  constructor(entries: readonly IpSet[]) {
    const collect = (family: AddressFamily): FamilyIndex => {
      const items: { lo: bigint; hi: bigint; entry: number }[] = [];
      entries.forEach((ips, entry) => {
        for (const [lo, hi] of family === 4 ? ips.intervals().v4 : ips.intervals().v6) items.push({ lo, hi, entry });
      });
      items.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : a.entry - b.entry));
      let longest = 0n;
      for (const item of items) if (item.hi - item.lo > longest) longest = item.hi - item.lo;
      return { lo: items.map((i) => i.lo), hi: items.map((i) => i.hi), entry: Int32Array.from(items, (i) => i.entry), longest };
    };
    this.families = { 4: collect(4), 6: collect(6) };
  }

  /** Entries with an address of `family` in `ips`, ascending, each once. */
  overlapping(ips: IpSet, family: AddressFamily): number[] {
    const index = this.families[family];
    const found = new Set<number>();
    for (const [qlo, qhi] of family === 4 ? ips.intervals().v4 : ips.intervals().v6) {
      // Intervals starting at or before qhi, scanned back while they could still reach qlo.
      let at = upperBound(index.lo, qhi) - 1;
      const earliest = qlo - index.longest;
      for (; at >= 0 && index.lo[at] >= earliest; at--) if (index.hi[at] >= qlo) found.add(index.entry[at]);
    }
    return [...found].sort((a, b) => a - b);
  }

  /** Entries with an address in `ips` in any family, ascending, each once. */
  overlappingAny(ips: IpSet): number[] {
    return [...new Set([...this.overlapping(ips, 4), ...this.overlapping(ips, 6)])].sort((a, b) => a - b);
  }
}
