import { describe, expect, it } from "vitest";
import { buildClusterModel } from "../../../../src/policy/k8s/cluster-model.ts";
import { ManifestError } from "../../../../src/policy/k8s/manifest-documents.ts";
import { model, obj } from "./helpers.ts";

describe("manifest reading", () => {
  it("workloads are one endpoint with template labels; owned pods fold into their owner; default namespace", () => {
    const m = model(
      obj({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web" },
        spec: {
          template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ ports: [{ name: "http", containerPort: 80 }] }] } },
        },
      }) +
        obj({
          apiVersion: "batch/v1",
          kind: "CronJob",
          metadata: { name: "job", namespace: "ops" },
          spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: "job" } } } } } },
        }) +
        obj({
          apiVersion: "v1",
          kind: "Pod",
          metadata: {
            name: "rs-1",
            namespace: "x",
            labels: { a: "1" },
            ownerReferences: [{ kind: "ReplicaSet", name: "rs", controller: true }],
          },
        }) +
        obj({
          apiVersion: "v1",
          kind: "Pod",
          metadata: {
            name: "rs-2",
            namespace: "x",
            labels: { a: "1" },
            ownerReferences: [{ kind: "ReplicaSet", name: "rs", controller: true }],
          },
        }),
    );
    expect(m.endpoints.map((e) => e.id)).toEqual(["default/web[Deployment]", "ops/job[CronJob]", "x/rs[ReplicaSet]"]);
    expect(m.endpoints[0].namedPorts).toEqual([{ name: "http", protocol: "TCP", port: 80 }]);
    expect(m.namespaces.get("ops")!.labels).toEqual({ "kubernetes.io/metadata.name": "ops" });
  });

  it("KubeVirt VirtualMachine takes spec.template.metadata.labels", () => {
    const m = model(
      obj({
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        metadata: { name: "vm1", namespace: "v", labels: { ignored: "yes" } },
        spec: { template: { metadata: { labels: { kubevirt: "vm" } } } },
      }),
    );
    expect(m.endpoints[0]).toMatchObject({ id: "v/vm1[VirtualMachine]", labels: { kubevirt: "vm" } });
  });

  it("typed List items may omit kind; unsupported kinds are ignored with a reason", () => {
    const m = model(
      obj({ apiVersion: "v1", kind: "NamespaceList", items: [{ metadata: { name: "n1", labels: { env: "p" } } }] }) +
        obj({ apiVersion: "v1", kind: "Service", metadata: { name: "s" } }),
    );
    expect(m.namespaces.get("n1")!.labels).toEqual({ env: "p", "kubernetes.io/metadata.name": "n1" });
    expect(m.ignored).toMatchObject([{ kind: "Service", name: "s", source: { file: "test.yaml", documentIndex: 1 } }]);
  });

  it("validation errors name the file, document and JSON pointer", () => {
    const bad =
      obj({ apiVersion: "v1", kind: "Pod", metadata: { name: "ok" } }) +
      obj({
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "n" },
        spec: { ingress: [{ ports: [{ protocol: "ICMP" }] }] },
      });
    expect(() => buildClusterModel([{ file: "f.yaml", text: bad }])).toThrow(ManifestError);
    expect(() => buildClusterModel([{ file: "f.yaml", text: bad }])).toThrow("f.yaml document 1 at /spec/ingress/0/ports/0/protocol");
    const badCidr = obj({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "n" },
      spec: { ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/40" } }] }] },
    });
    expect(() => buildClusterModel([{ file: "g.yaml", text: badCidr }])).toThrow(
      /g\.yaml document 0 at \/spec\/ingress\/0\/from\/0\/ipBlock\/cidr.*10\.0\.0\.0\/40/,
    );
  });
});
