import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Trace, verdictWords } from "../../../src/features/equivalence/flow-trace.tsx";
import { compileNsx } from "../../../src/policy/nsx/compile.ts";
import { explainNsxFlow } from "../../../src/policy/nsx/explain-flow.ts";
import { estate, policy, rule, vm, vmGroup } from "../policy/nsx/estate-builder.ts";

/** "Can A reach B?" over a set of flows shows the split and each part's deciding rules. */
const echo = {
  path: "/infra/services/echo",
  name: "echo",
  entries: [{ kind: "ICMPType" as const, protocol: "ICMPv4" as const, icmpType: 8, icmpCode: 0 }],
};
const compiled = compileNsx(
  estate({
    vms: [vm("a", ["10.0.0.1"]), vm("b", ["10.0.0.2"])],
    groups: [vmGroup("A", ["a"]), vmGroup("B", ["b"])],
    services: [echo],
    policies: [
      policy("app", "Application", [rule({ id: "1001", name: "ping", sources: ["A"], destinations: ["B"], services: [echo.path] })]),
    ],
  }),
);

describe("flow trace for a set of flows", () => {
  const result = explainNsxFlow(compiled, "a", "b", { protocol: 1, icmpType: 8 });

  it("says which part is allowed and which denied", () => {
    expect(verdictWords(result)).toBe("decides it in parts: allows ICMP type 8 code 0; denies ICMP type 8 code 1-255");
    expect(verdictWords(explainNsxFlow(compiled, "a", "b", { protocol: 1, icmpType: 8, icmpCode: 0 }))).toBe("allows it");
  });

  it("renders each part with its verdict and deciding rules", () => {
    const html = renderToStaticMarkup(createElement(Trace, { result, title: "NSX" }));
    expect(html).toContain(">partial<");
    expect(html.match(/data-testid="trace-part"/g)).toHaveLength(2);
    expect(html).toContain("ICMP type 8 code 0");
    expect(html).toContain("ICMP type 8 code 1-255");
    expect(html).toContain("rule ping");
    expect(html).toContain("default");
  });
});
