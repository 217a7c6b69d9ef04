import { describe, expect, it } from "vitest";
import { protocolName, protocolNumber, TrafficSet } from "../../../../src/policy/sets/traffic-set.ts";
import { trafficSetArb } from "./arbitraries.ts";
import { checkSetLaws } from "./set-laws.ts";
import fc from "fast-check";

describe("TrafficSet laws", () => {
  checkSetLaws(trafficSetArb, (set) => {
    const sample = set.sample();
    return sample === undefined ? set.isEmpty() : set.contains(sample);
  });
  it("has equal interning keys exactly when the sets are equal", () =>
    fc.assert(
      fc.property(trafficSetArb, trafficSetArb, (a, b) => {
        expect(a.key() === b.key()).toBe(a.equals(b));
        expect(a.union(b).key()).toBe(b.union(a).key());
      }),
    ));
  it("round-trips through JSON", () =>
    fc.assert(
      fc.property(trafficSetArb, (a) => {
        expect(TrafficSet.fromJSON(JSON.parse(JSON.stringify(a))).equals(a)).toBe(true);
      }),
    ));
});

describe("TrafficSet semantics", () => {
  it("keeps destination × source ports exact", () => {
    const set = TrafficSet.l4("TCP", [{ from: 80, to: 80 }], [{ from: 1024, to: 65535 }]);
    expect(set.contains({ protocol: 6, dstPort: 80, srcPort: 2000 })).toBe(true);
    expect(set.contains({ protocol: 6, dstPort: 80, srcPort: 100 })).toBe(false);
    expect(set.contains({ protocol: 6, dstPort: 80 })).toBe(false); // every source port is asked for
    expect(set.contains({ protocol: 17, dstPort: 80, srcPort: 2000 })).toBe(false);
  });
  it("ICMP type × code", () => {
    const echo = TrafficSet.icmp(4, 8, 0);
    expect(echo.contains({ protocol: 1, icmpType: 8, icmpCode: 0 })).toBe(true);
    expect(echo.contains({ protocol: 1, icmpType: 8, icmpCode: 1 })).toBe(false);
    expect(echo.contains({ protocol: 58, icmpType: 8, icmpCode: 0 })).toBe(false);
    expect(TrafficSet.icmp(6).equals(TrafficSet.ipProtocol(58))).toBe(true);
  });
  it("renders netpol-analyzer connlist strings", () => {
    const allButTcp80 = TrafficSet.all().subtract(TrafficSet.l4("TCP", [{ from: 80, to: 80 }]));
    expect(allButTcp80.toConnString("netpol-analyzer")).toBe("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535");
    expect(TrafficSet.all().toConnString("netpol-analyzer")).toBe("All Connections");
    expect(TrafficSet.empty().toConnString("netpol-analyzer")).toBe("No Connections");
    const web = TrafficSet.l4("TCP", [
      { from: 8080, to: 8080 },
      { from: 9090, to: 9090 },
    ]).union(TrafficSet.l4("UDP", [{ from: 8080, to: 8080 }]));
    expect(web.toConnString("netpol-analyzer")).toBe("TCP 8080,9090,UDP 8080");
    expect(web.toConnString()).toBe("TCP 8080,9090,UDP 8080");
    expect(TrafficSet.l4("TCP").union(TrafficSet.l4("UDP")).union(TrafficSet.l4("SCTP")).toConnString("netpol-analyzer")).toBe(
      "All Connections",
    );
  });
  it("renders exact strings with ICMP, source ports and other protocols", () => {
    expect(TrafficSet.icmp(4, 8).union(TrafficSet.ipProtocol(47)).toConnString()).toBe("ICMP type 8,protocols 47");
    expect(TrafficSet.l4("UDP", [{ from: 53, to: 53 }], [{ from: 1024, to: 65535 }]).toConnString()).toBe("UDP 53 src-ports 1024-65535");
  });
  it("samples readably: TCP first, lowest non-zero port", () => {
    expect(TrafficSet.all().sample()).toEqual({ protocol: 6, dstPort: 1, srcPort: 1 });
    expect(TrafficSet.l4("UDP", [{ from: 53, to: 53 }]).sample()).toEqual({ protocol: 17, dstPort: 53, srcPort: 1 });
    expect(TrafficSet.ipProtocol(47).sample()).toEqual({ protocol: 47 });
    expect(TrafficSet.empty().sample()).toBeUndefined();
  });
  it("names protocols", () => {
    expect(protocolNumber("tcp")).toBe(6);
    expect(protocolNumber("ICMPv6")).toBe(58);
    expect(protocolNumber("47")).toBe(47);
    expect(protocolName(132)).toBe("SCTP");
    expect(() => protocolNumber("bogus")).toThrow();
  });
});

describe("TrafficSet.sample regressions", () => {
  it("samples source port 0 when it is the only source port left (found by the property test, seed 1880723386)", () => {
    const udpFromPortZero = TrafficSet.l4("UDP", undefined, [{ from: 0, to: 0 }]);
    const sample = udpFromPortZero.sample();
    expect(sample).toEqual({ protocol: 17, dstPort: 1, srcPort: 0 });
    expect(udpFromPortZero.contains(sample!)).toBe(true);
  });

  it("samples destination port 0 when it is the only destination port", () => {
    const tcpToPortZero = TrafficSet.l4("TCP", [{ from: 0, to: 0 }]);
    expect(tcpToPortZero.contains(tcpToPortZero.sample()!)).toBe(true);
  });
});
