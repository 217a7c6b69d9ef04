import { describe, expect, it } from "vitest";
import { builtInServices } from "../../../../src/ingest/services/built-in-services.ts";
import { ProblemLog } from "../../../../src/policy/nsx/problems.ts";
import { ServiceResolver } from "../../../../src/policy/nsx/services.ts";
import { TrafficSet } from "../../../../src/policy/sets/traffic-set.ts";

function resolver(extra: ConstructorParameters<typeof ServiceResolver>[0] = []) {
  const log = new ProblemLog();
  return { services: new ServiceResolver([...builtInServices(), ...extra], log), log };
}

describe("NSX services", () => {
  it("ships the 412 built-in services", () => {
    expect(builtInServices()).toHaveLength(412);
  });

  it("resolves built-in L4, ICMP and IGMP services exactly", () => {
    const { services } = resolver();
    expect(services.serviceTraffic("/infra/services/HTTPS", "t").equals(TrafficSet.l4("TCP", [{ from: 443, to: 443 }]))).toBe(true);
    expect(services.serviceTraffic("/infra/services/ICMP_Echo_Request", "t").equals(TrafficSet.icmp(4, 8, 0))).toBe(true);
    expect(services.serviceTraffic("/infra/services/ICMP-ALL", "t").equals(TrafficSet.icmp(4).union(TrafficSet.icmp(6)))).toBe(true);
    expect(services.serviceTraffic("/infra/services/IGMP_Leave_Group", "t").equals(TrafficSet.ipProtocol(2))).toBe(true);
  });

  it("models an ALG's control port and reports its dynamic data channel", () => {
    const { services, log } = resolver();
    expect(services.serviceTraffic("/infra/services/FTP", "t").equals(TrafficSet.l4("TCP", [{ from: 21, to: 21 }]))).toBe(true);
    expect(log.problems.some((p) => p.code === "alg-data-channel")).toBe(true);
  });

  it("follows nested services and detects cycles", () => {
    const { services, log } = resolver([
      {
        path: "/infra/services/web",
        name: "web",
        entries: [
          { kind: "NestedService", servicePath: "/infra/services/HTTP" },
          { kind: "NestedService", servicePath: "/infra/services/HTTPS" },
        ],
      },
      { path: "/infra/services/x", name: "x", entries: [{ kind: "NestedService", servicePath: "/infra/services/y" }] },
      { path: "/infra/services/y", name: "y", entries: [{ kind: "NestedService", servicePath: "/infra/services/x" }] },
    ]);
    expect(
      services.serviceTraffic("/infra/services/web", "t").equals(
        TrafficSet.l4("TCP", [
          { from: 80, to: 80 },
          { from: 443, to: 443 },
        ]),
      ),
    ).toBe(true);
    expect(services.serviceTraffic("/infra/services/x", "t").isEmpty()).toBe(true);
    expect(log.problems.some((p) => p.code === "service-cycle")).toBe(true);
  });

  it("reports EtherType entries as outside the L3 model", () => {
    const { services, log } = resolver();
    expect(services.entryTraffic({ kind: "EtherType", etherType: 0x0806 }, "t").isEmpty()).toBe(true);
    expect(log.problems.some((p) => p.code === "ethertype-service")).toBe(true);
  });
});
