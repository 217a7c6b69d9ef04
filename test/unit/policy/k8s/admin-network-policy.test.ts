import { describe, expect, it } from "vitest";
import { connections, model, ns, obj, pod } from "./helpers.ts";

const cluster = ns("a", { team: "x" }) + ns("b", { team: "y" }) + pod("a", "web", { app: "web" }) + pod("b", "api", { app: "api" });
const anp = (name: string, priority: number, ingress: unknown[]) =>
  obj({
    apiVersion: "policy.networking.k8s.io/v1alpha1",
    kind: "AdminNetworkPolicy",
    metadata: { name },
    spec: { priority, subject: { namespaces: { matchLabels: { team: "y" } } }, ingress },
  });
const banp = (ingress: unknown[]) =>
  obj({
    apiVersion: "policy.networking.k8s.io/v1alpha1",
    kind: "BaselineAdminNetworkPolicy",
    metadata: { name: "default" },
    spec: { subject: { namespaces: {} }, ingress },
  });
const fromA = [{ namespaces: { matchLabels: { team: "x" } } }];

describe("AdminNetworkPolicy / BaselineAdminNetworkPolicy", () => {
  it("lower priority number wins; rules first-match in order", () => {
    const c = connections(
      cluster +
        anp("late", 20, [{ action: "Allow", from: fromA }]) +
        anp("early", 10, [
          { action: "Allow", from: fromA, ports: [{ portNumber: { protocol: "TCP", port: 80 } }] },
          { action: "Deny", from: fromA },
        ]),
    );
    expect(c["a/web[Pod] => b/api[Pod]"]).toBe("TCP 80");
  });

  it("Pass skips remaining admin rules and defers to NetworkPolicy, then the baseline", () => {
    const passAll = anp("pass", 10, [
      { action: "Pass", from: fromA, ports: [{ portRange: { protocol: "TCP", start: 1, end: 1000 } }] },
      { action: "Deny", from: fromA },
    ]);
    expect(connections(cluster + passAll)["a/web[Pod] => b/api[Pod]"]).toBe("TCP 1-1000");
    const withBaselineDeny = connections(
      cluster + passAll + banp([{ action: "Deny", from: fromA, ports: [{ portNumber: { protocol: "TCP", port: 22 } }] }]),
    );
    expect(withBaselineDeny["a/web[Pod] => b/api[Pod]"]).toBe("TCP 1-21,23-1000");
    const np = obj({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "n", namespace: "b" },
      spec: { podSelector: {}, ingress: [{ ports: [{ port: 443 }, { port: 8443 }] }] },
    });
    expect(connections(cluster + passAll + np)["a/web[Pod] => b/api[Pod]"]).toBe("TCP 443");
  });

  it("BaselineAdminNetworkPolicy applies only where nothing above decided", () => {
    const c = connections(cluster + banp([{ action: "Deny", from: fromA }]));
    expect(c["a/web[Pod] => b/api[Pod]"]).toBeUndefined();
    const np = obj({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "n", namespace: "b" },
      spec: { podSelector: {}, ingress: [{}] },
    });
    expect(connections(cluster + banp([{ action: "Deny", from: fromA }]) + np)["a/web[Pod] => b/api[Pod]"]).toBe("All Connections");
  });

  it("equal ANP priorities are reported as an error", () => {
    const m = model(cluster + anp("one", 5, []) + anp("two", 5, []));
    expect(m.errors).toEqual([
      "AdminNetworkPolicy/one and AdminNetworkPolicy/two have the same priority 5: their relative order is undefined",
    ]);
  });

  it("egress networks peers match external blocks; nodes peers match nothing and warn", () => {
    const egress = obj({
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "AdminNetworkPolicy",
      metadata: { name: "e" },
      spec: {
        priority: 1,
        subject: { namespaces: {} },
        egress: [
          { action: "Allow", to: [{ nodes: {} }] },
          { action: "Deny", to: [{ networks: ["192.168.0.0/16"] }] },
        ],
      },
    });
    const m = model(cluster + egress);
    expect(m.warnings.some((w) => w.includes("nodes"))).toBe(true);
    const c = connections(cluster + egress);
    expect(c["a/web[Pod] => 192.168.0.0-192.168.255.255[External]"]).toBeUndefined();
    expect(c["a/web[Pod] => 192.169.0.0-255.255.255.255[External]"]).toBe("All Connections");
  });
});

describe("ClusterNetworkPolicy v1alpha2", () => {
  const cnp = (name: string, tier: string, priority: number, ingress: unknown[]) =>
    obj({
      apiVersion: "policy.networking.k8s.io/v1alpha2",
      kind: "ClusterNetworkPolicy",
      metadata: { name },
      spec: { tier, priority, subject: { namespaces: { matchLabels: { team: "y" } } }, ingress },
    });
  it("Admin tier before NetworkPolicy before Baseline tier; Accept/Deny/Pass and protocols", () => {
    const c = connections(
      cluster +
        cnp("admin", "Admin", 1, [
          { action: "Accept", from: fromA, protocols: [{ tcp: { destinationPort: { number: 80 } } }] },
          { action: "Pass", from: fromA, protocols: [{ udp: { destinationPort: { range: { start: 50, end: 60 } } } }] },
          { action: "Deny", from: fromA, protocols: [{ tcp: {} }] },
        ]) +
        cnp("base", "Baseline", 1, [{ action: "Deny", from: fromA, protocols: [{ udp: { destinationPort: { number: 53 } } }] }]),
    );
    // TCP 80 accepted; other TCP denied; UDP 50-60 passed to baseline which denies 53; the rest default-allowed.
    expect(c["a/web[Pod] => b/api[Pod]"]).toBe("SCTP 1-65535,TCP 80,UDP 1-52,54-65535");
  });
});
