import { describe, expect, it } from "vitest";
import { InvalidAddressError, IpSet } from "../../../../src/policy/sets/ip-set.ts";
import { ipSetArb } from "./arbitraries.ts";
import { checkSetLaws } from "./set-laws.ts";

describe("IpSet laws", () => {
  checkSetLaws(ipSetArb, (set) => {
    const sample = set.sample();
    return sample === undefined ? set.isEmpty() : set.contains(sample) && !set.isEmpty();
  });
});

describe("IpSet parsing and rendering", () => {
  it("parses addresses, CIDRs (host bits ignored) and ranges", () => {
    expect(IpSet.parse("10.0.0.5").toRanges()).toEqual(["10.0.0.5"]);
    expect(IpSet.parse("10.0.0.5/24").toRanges()).toEqual(["10.0.0.0-10.0.0.255"]);
    expect(IpSet.parse("10.0.0.1-10.0.0.3").toCidrs()).toEqual(["10.0.0.1/32", "10.0.0.2/31"]);
    expect(IpSet.parse("2001:db8::/126").toRanges()).toEqual(["2001:db8::-2001:db8::3"]);
    expect(IpSet.parse("0.0.0.0/0").equals(IpSet.allV4())).toBe(true);
    expect(IpSet.parse("::/0").equals(IpSet.allV6())).toBe(true);
  });
  it("keeps IPv4 and IPv6 apart", () => {
    expect(IpSet.allV4().intersect(IpSet.allV6()).isEmpty()).toBe(true);
    expect(IpSet.allV4().union(IpSet.allV6()).equals(IpSet.all())).toBe(true);
    expect(IpSet.parse("::ffff:10.0.0.1").contains("10.0.0.1")).toBe(false);
  });
  it("splits a range into its minimal CIDR cover", () => {
    expect(IpSet.parse("0.0.0.0-9.255.255.255").toCidrs()).toEqual(["0.0.0.0/5", "8.0.0.0/7"]);
    expect(IpSet.allV4().subtract(IpSet.parse("10.0.0.0/8")).toRanges()).toEqual(["0.0.0.0-9.255.255.255", "11.0.0.0-255.255.255.255"]);
  });
  it.each(["10.0.0", "10.0.0.256", "10.0.0.1/33", "10.0.0.2-10.0.0.1", "10.0.0.1-::1", "host", ""])("rejects %j", (text) => {
    expect(() => IpSet.parse(text)).toThrow(InvalidAddressError);
  });
  it("fromList unions", () => {
    expect(IpSet.fromList(["10.0.0.0/25", "10.0.0.128/25"]).toCidrs()).toEqual(["10.0.0.0/24"]);
  });
});
