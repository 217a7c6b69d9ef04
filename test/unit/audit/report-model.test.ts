/** The report model's readers: emitted objects per rule (fast line scan = full YAML parse), flows and decisions in words. */
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { flowWords, objectsByRule, sideWords } from "../../../src/audit/report/report-model.ts";

describe("objectsByRule", () => {
  it("reads kind, namespace/name and the rule ids, block style or not", () => {
    const anp = stringify({
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "AdminNetworkPolicy",
      metadata: { name: "nsx-infra-1", annotations: { "parity.io/nsx-category": "Infrastructure", "parity.io/nsx-rule-ids": "3011,3012" } },
      spec: { priority: 10, subject: { namespaces: {} }, ingress: [{ name: "nsx-rule-ids: not this one", action: "Allow" }] },
    });
    const np = stringify({
      kind: "NetworkPolicy",
      metadata: { name: "allow-web", namespace: "ebanking", annotations: { "parity.io/nsx-rule-ids": "3011" } },
    });
    const flow = '{"kind":"NetworkPolicy","metadata":{"name":"flow","namespace":"x","annotations":{"parity.io/nsx-rule-ids":"42"}}}';
    const map = objectsByRule({ "admin/a.yaml": anp, "np/b.yaml": `${np}---\n${np.replace("allow-web", "allow-app")}`, "c.yaml": flow });
    expect(map.get("3011")).toEqual([
      "AdminNetworkPolicy/nsx-infra-1",
      "NetworkPolicy/ebanking/allow-web",
      "NetworkPolicy/ebanking/allow-app",
    ]);
    expect(map.get("3012")).toEqual(["AdminNetworkPolicy/nsx-infra-1"]);
    expect(map.get("42")).toEqual(["NetworkPolicy/x/flow"]);
    // The same part with its keys in another order (canonical JSON, PostgreSQL jsonb) gives the same lists.
    const reordered = objectsByRule({
      "np/b.yaml": `${np}---\n${np.replace("allow-web", "allow-app")}`,
      "c.yaml": flow,
      "admin/a.yaml": anp,
    });
    expect([...reordered.entries()]).toEqual([...map.entries()]);
  });
});

describe("words", () => {
  it("names flows as people say them", () => {
    expect(flowWords({ protocol: 1, icmpType: 8 })).toBe("ICMP echo request");
    expect(flowWords({ protocol: 6, dstPort: 443 })).toBe("TCP 443");
    expect(flowWords({ protocol: 47 })).toBe("IP protocol 47");
  });
  it("names the deciding rule on each side", () => {
    expect(
      sideWords("NSX", {
        verdict: "allow",
        decisions: [
          { verdict: "allow", isDefault: false, ruleId: "5092", rule: "PROD to PROD ping", policy: "Application", action: "ALLOW" },
        ],
      }),
    ).toBe("allowed by NSX rule 5092 'PROD to PROD ping' (policy Application)");
    expect(
      sideWords("Kubernetes", {
        verdict: "deny",
        decisions: [
          {
            verdict: "deny",
            isDefault: true,
            enforcementPoint: "egress:a/web[VirtualMachine]",
            summary: "egress:a/web[VirtualMachine]: denied by no NetworkPolicy rule allows it; selected by X",
          },
        ],
      }),
    ).toBe("denied by default in Kubernetes (no NetworkPolicy rule allows it, at egress:a/web)");
  });
});

describe("traceability", () => {
  it("takes owner and justification from the rule records part when the snapshot has one", async () => {
    const { parts } = await import("./fixtures.ts");
    const { buildReportModel } = await import("../../../src/audit/report/report-model.ts");
    const p = parts();
    const withRecords = {
      ...p,
      ruleRecords: {
        status: "provided",
        value: {
          rules: { "1001": { owner: "Payments team", justification: "Card clearing", source: "export", version: 0 } },
          missingOwner: [],
          missingJustification: [],
        },
      },
    };
    const model = buildReportModel({ parts: withRecords as typeof p }, []);
    expect(model.hasOwnership).toBe(true);
    const row = model.trace.find((r) => r.ruleId === "1001")!;
    expect(row).toMatchObject({ owner: "Payments team", justification: "Card clearing" });
    expect(model.trace.find((r) => r.ruleId === "1002")).toMatchObject({ owner: null, justification: null });
    // Without the part (and no owner fields on the rules), the table has no ownership columns.
    expect(buildReportModel({ parts: p }, []).hasOwnership).toBe(false);
  });
});
