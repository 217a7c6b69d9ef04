import { describe, expect, it } from "vitest";
import { compareConnlists } from "../../../../src/policy/connlist/compare.ts";
import { connlistEntries, formatConnlist } from "../../../../src/policy/connlist/format.ts";
import { parseConnlist, parseConnString } from "../../../../src/policy/connlist/parse.ts";
import { computeConnectivity } from "../../../../src/policy/k8s/connectivity.ts";
import { TrafficSet } from "../../../../src/policy/sets/traffic-set.ts";
import { model, ns, obj, pod } from "./helpers.ts";

describe("connlist", () => {
  const cluster =
    ns("a") +
    pod("a", "x", { app: "x" }) +
    pod("a", "y", { app: "y" }) +
    obj({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "n", namespace: "a" },
      spec: {
        podSelector: { matchLabels: { app: "y" } },
        ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }, { podSelector: {} }], ports: [{ port: 80 }] }],
      },
    });

  it("formats like netpol-analyzer: sorted, externals as ranges, self-pairs omitted", () => {
    expect(formatConnlist(computeConnectivity(model(cluster)))).toBe(
      [
        "0.0.0.0-9.255.255.255[External] => a/x[Pod] : All Connections",
        "10.0.0.0-10.255.255.255[External] => a/x[Pod] : All Connections",
        "10.0.0.0-10.255.255.255[External] => a/y[Pod] : TCP 80",
        "11.0.0.0-255.255.255.255[External] => a/x[Pod] : All Connections",
        "a/x[Pod] => 0.0.0.0-9.255.255.255[External] : All Connections",
        "a/x[Pod] => 10.0.0.0-10.255.255.255[External] : All Connections",
        "a/x[Pod] => 11.0.0.0-255.255.255.255[External] : All Connections",
        "a/x[Pod] => a/y[Pod] : TCP 80",
        "a/y[Pod] => 0.0.0.0-9.255.255.255[External] : All Connections",
        "a/y[Pod] => 10.0.0.0-10.255.255.255[External] : All Connections",
        "a/y[Pod] => 11.0.0.0-255.255.255.255[External] : All Connections",
        "a/y[Pod] => a/x[Pod] : All Connections",
      ].join("\n"),
    );
    expect(connlistEntries(computeConnectivity(model(cluster)))[2]).toMatchObject({ conn: "TCP 80" });
  });

  it("parses connection strings back exactly", () => {
    expect(
      parseConnString("SCTP 1-65535,TCP 1-79,81-65535,UDP 53").equals(
        TrafficSet.l4("SCTP", [{ from: 1, to: 65535 }])
          .union(
            TrafficSet.l4("TCP", [
              { from: 1, to: 79 },
              { from: 81, to: 65535 },
            ]),
          )
          .union(TrafficSet.l4("UDP", [{ from: 53, to: 53 }])),
      ),
    ).toBe(true);
    expect(() => parseConnString("ICMP")).toThrow(/cannot read/);
  });

  it("compares semantically: external blocks over their intersections, absent pairs as no connections", () => {
    const ours = parseConnlist("0.0.0.0-255.255.255.255[External] => a/x[Pod] : All Connections\na/x[Pod] => a/y[Pod] : TCP 80");
    const same = parseConnlist(
      "0.0.0.0/1[External] => a/x[Pod] : All Connections\n128.0.0.0-255.255.255.255[External] => a/x[Pod] : SCTP 1-65535,TCP 1-65535,UDP 1-65535\na/x[Pod] => a/y[Pod] : TCP 80",
    );
    expect(compareConnlists(ours, same)).toEqual([]);
    const differs = parseConnlist("0.0.0.0-9.255.255.255[External] => a/x[Pod] : All Connections\na/x[Pod] => a/y[Pod] : TCP 80,UDP 80");
    expect(compareConnlists(ours, differs)).toEqual([
      { src: "a/x[Pod]", dst: "a/y[Pod]", ours: "TCP 80", expected: "TCP 80,UDP 80" },
      { src: "10.0.0.0-255.255.255.255[External]", dst: "a/x[Pod]", ours: "All Connections", expected: "No Connections" },
    ]);
  });
});
