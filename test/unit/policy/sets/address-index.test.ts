import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AddressIndex } from "../../../../src/policy/sets/address-index.ts";
import { IpSet } from "../../../../src/policy/sets/ip-set.ts";
import { ipSetArb } from "./arbitraries.ts";

const V4 = IpSet.parse("0.0.0.0/0");
const V6 = IpSet.parse("::/0");

describe("AddressIndex", () => {
  it("lists exactly the entries whose addresses meet the query, per family and in any family (property)", () => {
    fc.assert(
      fc.property(fc.array(ipSetArb, { maxLength: 12 }), ipSetArb, (entries, query) => {
        const index = new AddressIndex(entries);
        const meets = (family: IpSet) => entries.flatMap((e, i) => (e.intersect(family).intersect(query).isEmpty() ? [] : [i]));
        expect(index.overlapping(query, 4)).toEqual(meets(V4));
        expect(index.overlapping(query, 6)).toEqual(meets(V6));
        expect(index.overlappingAny(query)).toEqual(entries.flatMap((e, i) => (e.intersect(query).isEmpty() ? [] : [i])));
      }),
      { numRuns: 400 },
    );
  });

  it("finds a long range that starts well before the query", () => {
    const index = new AddressIndex([IpSet.parse("10.0.0.0/8"), IpSet.parse("10.1.2.3"), IpSet.parse("192.168.0.1")]);
    expect(index.overlapping(IpSet.parse("10.200.0.0/16"), 4)).toEqual([0]);
    expect(index.overlapping(IpSet.parse("10.1.2.0/24"), 4)).toEqual([0, 1]);
    expect(index.overlapping(IpSet.parse("172.16.0.0/12"), 4)).toEqual([]);
  });
});
