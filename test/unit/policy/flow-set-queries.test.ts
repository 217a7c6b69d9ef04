import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import { describeFlowParts } from "../../../src/policy/flow-parts.ts";
import { buildClusterModel } from "../../../src/policy/k8s/cluster-model.ts";
import { explainFlow } from "../../../src/policy/k8s/explain-flow.ts";
import { compileNsx } from "../../../src/policy/nsx/compile.ts";
import { endpointTraffic } from "../../../src/policy/nsx/connectivity.ts";
import { explainNsxFlow } from "../../../src/policy/nsx/explain-flow.ts";
import { TrafficSet, type Flow } from "../../../src/policy/sets/traffic-set.ts";
import { estate, policy, rule, vm, vmGroup } from "./nsx/estate-builder.ts";
import { obj, pod } from "./k8s/helpers.ts";

/**
 * A query over a set of flows (no --port, ICMP without a code) is answered per part: every part of the set
 * that the enforcement points decide by the same rules, with its verdict, and `partial` when they differ.
 */
const icmpEcho = {
  path: "/infra/services/echo",
  name: "echo",
  entries: [{ kind: "ICMPType" as const, protocol: "ICMPv4" as const, icmpType: 8, icmpCode: 0 }],
};
const https = {
  path: "/infra/services/https",
  name: "https",
  entries: [{ kind: "L4PortSet" as const, protocol: "TCP" as const, destinationPorts: [{ from: 443, to: 443 }], sourcePorts: [] }],
};

const nsxEstate = estate({
  vms: [vm("a", ["10.0.0.1"]), vm("b", ["10.0.0.2"])],
  groups: [vmGroup("A", ["a"]), vmGroup("B", ["b"])],
  services: [icmpEcho, https],
  policies: [
    policy("app", "Application", [
      rule({ id: "1001", name: "ping", sources: ["A"], destinations: ["B"], services: [icmpEcho.path] }),
      rule({ id: "1002", name: "web", sources: ["A"], destinations: ["B"], services: [https.path] }),
    ]),
  ],
  defaultAction: "DROP",
});

describe("flow-set queries on the NSX side", () => {
  const compiled = compileNsx(nsxEstate);

  it("ICMP type 8 without a code: allowed for code 0 by the rule, denied for codes 1-255 by the default", () => {
    const r = explainNsxFlow(compiled, "a", "b", { protocol: 1, icmpType: 8 });
    expect(r.verdict).toBe("partial");
    expect(r.parts!.map((p) => [p.traffic, p.verdict, p.decisions.map((d) => d.ruleId ?? "default")])).toEqual([
      ["ICMP type 8 code 0", "allow", ["1001", "1001"]],
      ["ICMP type 8 code 1-255", "deny", ["default", "default"]],
    ]);
    expect(r.allowed).toBe("ICMP type 8 code 0");
    expect(describeFlowParts(r)).toMatch(
      /^allowed for ICMP type 8 code 0 \(.*ping.*\); denied for ICMP type 8 code 1-255 \(.*default rule/,
    );
  });

  it("TCP without a port: allowed for 443 only; a single flow stays a single allowed part", () => {
    const r = explainNsxFlow(compiled, "a", "b", { protocol: 6 });
    expect(r.verdict).toBe("partial");
    expect(r.parts!.map((p) => [p.traffic, p.verdict])).toEqual([
      ["TCP 443", "allow"],
      ["TCP 0-442,444-65535", "deny"],
    ]);
    const one = explainNsxFlow(compiled, "a", "b", { protocol: 6, dstPort: 443 });
    expect([one.verdict, one.parts!.length, one.decisions.map((d) => d.ruleId)]).toEqual(["allow", 1, ["1002", "1002"]]);
  });

  it("a set decided alike everywhere keeps a plain verdict", () => {
    expect(explainNsxFlow(compiled, "b", "a", { protocol: 17 }).verdict).toBe("deny");
  });
});

describe("flow-set queries on the Kubernetes side", () => {
  const model = buildClusterModel([
    {
      file: "t.yaml",
      text:
        pod("shop", "web", { app: "web" }) +
        pod("shop", "db", { app: "db" }) +
        obj({
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: "db-in", namespace: "shop" },
          spec: {
            podSelector: { matchLabels: { app: "db" } },
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ protocol: "TCP", port: 5432 }] }],
          },
        }),
    },
  ]);

  it("TCP without a port: allowed for 5432 by the NetworkPolicy rule, denied for the rest by isolation", () => {
    const r = explainFlow(model, "shop/web[Pod]", "shop/db[Pod]", { protocol: 6 });
    expect(r.verdict).toBe("partial");
    expect(r.parts!.map((p) => [p.traffic, p.verdict, p.decisions.map((d) => `${d.enforcementPoint}:${d.policy ?? "default"}`)])).toEqual([
      ["TCP 5432", "allow", ["egress:shop/web[Pod]:default", "ingress:shop/db[Pod]:NetworkPolicy/shop/db-in"]],
      ["TCP 0-5431,5433-65535", "deny", ["egress:shop/web[Pod]:default", "ingress:shop/db[Pod]:NetworkPolicy/shop/db-in"]],
    ]);
    expect(describeFlowParts(r)).toContain(
      "denied for TCP 0-5431,5433-65535 (ingress:shop/db[Pod]: denied by no NetworkPolicy rule allows it",
    );
  });
});

describe("parts are exact (demo estate, every protocol without port or code)", () => {
  const dir = path.resolve(import.meta.dirname, "../../../imports/demo");
  const imported = importEstate(
    readdirSync(dir)
      .sort()
      .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join(dir, f))) })),
  );
  if (!imported.ok) throw new Error("demo import failed");
  const compiled = compileNsx(imported.estate);
  const vms = compiled.vms.filter((v) => v.vm.ips.some((ip) => ip.includes(".")));
  const flows: Flow[] = [{ protocol: 6 }, { protocol: 17 }, { protocol: 1 }, { protocol: 1, icmpType: 8 }];

  it("parts partition the queried set, and their allowed union is the engine's connectivity", () => {
    let partial = 0;
    for (let i = 0; i < 40; i++) {
      const src = vms[(i * 7) % vms.length];
      const dst = vms[(i * 13 + 5) % vms.length];
      if (src === dst) continue;
      for (const flow of flows) {
        const r = explainNsxFlow(compiled, src.vm.id, dst.vm.id, flow);
        const queried = TrafficSet.fromFlow(flow);
        const expected = endpointTraffic(compiled, src, dst, 4).intersect(queried);
        expect(r.allowed).toBe(expected.toString());
        const verdicts = new Set(r.parts!.map((p) => p.verdict === "allow"));
        expect(r.verdict === "partial").toBe(verdicts.size === 2);
        if (r.verdict === "partial") partial += 1;
      }
    }
    expect(partial).toBeGreaterThan(0);
  });
});
