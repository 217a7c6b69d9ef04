import { describe, expect, it } from "vitest";
import { normaliseNetworkPolicy } from "../../../../src/policy/k8s/network-policy.ts";
import type { Peer } from "../../../../src/policy/k8s/model.ts";
import type { TNetworkPolicy } from "../../../../src/policy/k8s/schemas.ts";
import { connections, ns, obj, pod } from "./helpers.ts";

const np = (namespace: string, name: string, spec: unknown) =>
  obj({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec });
const cluster =
  ns("a", { team: "x" }) +
  ns("b", { team: "y" }) +
  pod("a", "web", { app: "web" }) +
  pod("a", "db", { app: "db" }) +
  pod("b", "web", { app: "web" });

describe("NetworkPolicy semantics", () => {
  it("namespaceSelector AND podSelector in one peer, OR across peers", () => {
    const and = connections(
      cluster +
        np("a", "p", {
          podSelector: { matchLabels: { app: "db" } },
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "y" } }, podSelector: { matchLabels: { app: "web" } } }] }],
        }),
    );
    expect(and["b/web[Pod] => a/db[Pod]"]).toBe("All Connections");
    expect(and["a/web[Pod] => a/db[Pod]"]).toBeUndefined();
    const or = connections(
      cluster +
        np("a", "p", {
          podSelector: { matchLabels: { app: "db" } },
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "y" } } }, { podSelector: { matchLabels: { app: "web" } } }] }],
        }),
    );
    expect(or["b/web[Pod] => a/db[Pod]"]).toBe("All Connections");
    expect(or["a/web[Pod] => a/db[Pod]"]).toBe("All Connections");
  });

  it("podSelector alone means the policy's own namespace", () => {
    const c = connections(
      cluster +
        np("a", "p", {
          podSelector: { matchLabels: { app: "db" } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }] }],
        }),
    );
    expect(c["a/web[Pod] => a/db[Pod]"]).toBe("All Connections");
    expect(c["b/web[Pod] => a/db[Pod]"]).toBeUndefined();
  });

  it("ipBlock with except splits the external space", () => {
    const c = connections(
      cluster +
        np("a", "p", {
          podSelector: { matchLabels: { app: "db" } },
          ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }] }],
        }),
    );
    expect(c["10.0.0.0-10.0.255.255[External] => a/db[Pod]"]).toBe("All Connections");
    expect(c["10.2.0.0-10.255.255.255[External] => a/db[Pod]"]).toBe("All Connections");
    expect(c["10.1.0.0-10.1.255.255[External] => a/db[Pod]"]).toBeUndefined();
    expect(c["0.0.0.0-9.255.255.255[External] => a/db[Pod]"]).toBeUndefined();
    expect(c["a/web[Pod] => a/db[Pod]"]).toBeUndefined(); // ipBlock never matches pods
  });

  it("port with endPort is a range; protocol defaults to TCP", () => {
    const c = connections(
      cluster +
        np("a", "p", {
          podSelector: { matchLabels: { app: "db" } },
          ingress: [
            {
              ports: [
                { port: 8080, endPort: 8082 },
                { protocol: "UDP", port: 53 },
              ],
            },
          ],
        }),
    );
    expect(c["a/web[Pod] => a/db[Pod]"]).toBe("TCP 8080-8082,UDP 53");
  });

  it("named ports resolve on the destination pod (ingress: the subject; egress: the peer)", () => {
    const base =
      ns("a") +
      pod("a", "client", { app: "client" }) +
      pod("a", "server", { app: "server" }, [
        { name: "http", containerPort: 8080 },
        { name: "dns", containerPort: 53, protocol: "UDP" },
      ]);
    const ingress = connections(
      base + np("a", "p", { podSelector: { matchLabels: { app: "server" } }, ingress: [{ ports: [{ port: "http" }, { port: "dns" }] }] }),
    );
    expect(ingress["a/client[Pod] => a/server[Pod]"]).toBe("TCP 8080"); // "dns" is UDP, the rule's protocol is TCP
    const egress = connections(
      base + np("a", "p", { podSelector: { matchLabels: { app: "client" } }, egress: [{ ports: [{ port: "dns", protocol: "UDP" }] }] }),
    );
    expect(egress["a/client[Pod] => a/server[Pod]"]).toBe("UDP 53");
    expect(Object.keys(egress).some((k) => k.startsWith("a/client[Pod] => ") && k.includes("External"))).toBe(false);
  });

  it("policyTypes default: Ingress always, Egress only when egress rules exist", () => {
    const egressOnly = connections(
      cluster + np("a", "p", { podSelector: { matchLabels: { app: "db" } }, egress: [{ ports: [{ port: 5432 }] }] }),
    );
    expect(egressOnly["a/web[Pod] => a/db[Pod]"]).toBeUndefined(); // ingress isolated by default
    expect(egressOnly["a/db[Pod] => a/web[Pod]"]).toBe("TCP 5432");
    const explicit = connections(cluster + np("a", "p", { podSelector: { matchLabels: { app: "db" } }, policyTypes: ["Egress"] }));
    expect(explicit["a/web[Pod] => a/db[Pod]"]).toBe("All Connections");
    expect(explicit["a/db[Pod] => a/web[Pod]"]).toBeUndefined();
  });

  it("several policies selecting a pod allow the union of their rules", () => {
    const c = connections(
      cluster +
        np("a", "p1", { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }) +
        np("a", "p2", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ ports: [{ port: 443 }] }] }),
    );
    expect(c["a/web[Pod] => a/db[Pod]"]).toBe("TCP 80,443");
    expect(c["a/db[Pod] => a/web[Pod]"]).toBe("TCP 80");
  });
});

describe("NetworkPolicy normaliser with written objects shared between policies (the translator's output)", () => {
  const source = { file: "memory.yaml", documentIndex: 0, pointer: "" };
  const bare = { podSelector: { matchLabels: { app: "web" } } };
  const qualified = { namespaceSelector: { matchLabels: { team: "y" } }, podSelector: { matchLabels: { app: "web" } } };
  const block = { ipBlock: { cidr: "10.0.0.0/8" } };
  const rules = [{ from: [bare] }, { from: [qualified, block] }];
  const policy = (namespace: string) =>
    ({
      metadata: { name: "p", namespace },
      spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: rules },
    }) as unknown as TNetworkPolicy;

  it("a shared bare podSelector still means each policy's own Namespace", () => {
    const [a, b] = [normaliseNetworkPolicy(policy("a"), "a", source), normaliseNetworkPolicy(policy("b"), "b", source)];
    const namesOf = (p: typeof a) => (p.ingress[0].peers[0] as Extract<Peer, { kind: "pods" }>).namespaces;
    expect(namesOf(a)).toEqual({ kind: "names", names: ["a"] });
    expect(namesOf(b)).toEqual({ kind: "names", names: ["b"] });
    expect(a.ingress[0].peers).not.toBe(b.ingress[0].peers);
  });

  it("peers that name their Namespaces (or are address blocks) normalise once for every Namespace", () => {
    const [a, b] = [normaliseNetworkPolicy(policy("a"), "a", source), normaliseNetworkPolicy(policy("b"), "b", source)];
    expect(a.ingress[1].peers).toBe(b.ingress[1].peers);
    expect(a.ingress[1].peers[0]).toMatchObject({ kind: "pods", namespaces: { kind: "selector" } });
  });
});
