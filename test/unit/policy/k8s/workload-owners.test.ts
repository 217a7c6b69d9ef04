import { describe, expect, it } from "vitest";
import { connections, model, obj } from "./helpers.ts";

/**
 * Workload naming per owner kind, as netpol-analyzer names them (pod.go `PodFromCoreObject`/`addPodOwner`,
 * peer.go `WorkloadPeer`, resources.go `insertWorkload`/`insertPod`): the controlling owner reference decides,
 * a Node is no owner, workload objects name themselves.
 */
const podOwnedBy = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  owner?: { kind: string; name: string; controller?: boolean },
) =>
  obj({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace,
      labels,
      ...(owner ? { ownerReferences: [{ apiVersion: "v1", uid: "u", controller: true, ...owner }] } : {}),
    },
    spec: { containers: [{ name: "c" }] },
  });

const workload = (kind: string, namespace: string, name: string, labels: Record<string, string>) => {
  const template = { metadata: { labels }, spec: { containers: [{ name: "c" }] } };
  const spec = kind === "CronJob" ? { schedule: "* * * * *", jobTemplate: { spec: { template } } } : { template };
  return obj({
    apiVersion: kind === "Job" || kind === "CronJob" ? "batch/v1" : kind === "ReplicationController" ? "v1" : "apps/v1",
    kind,
    metadata: { name, namespace },
    spec,
  });
};

const ids = (yaml: string) => model(yaml).endpoints.map((e) => e.id);

describe("workload naming per owner kind (netpol-analyzer's rules)", () => {
  it("Node-owned (static/mirror) pods are each their own Pod workload, never folded into the node", () => {
    const yaml =
      podOwnedBy("kube-system", "etcd-node-a", { component: "etcd" }, { kind: "Node", name: "node-a" }) +
      podOwnedBy("kube-system", "kube-apiserver-node-a", { component: "kube-apiserver" }, { kind: "Node", name: "node-a" }) +
      podOwnedBy("kube-system", "etcd-node-b", { component: "etcd" }, { kind: "Node", name: "node-b" });
    expect(ids(yaml)).toEqual(["kube-system/etcd-node-a[Pod]", "kube-system/etcd-node-b[Pod]", "kube-system/kube-apiserver-node-a[Pod]"]);
    // No policies: every ordered pair of distinct workloads has all connections.
    const conns = connections(yaml);
    expect(conns["kube-system/etcd-node-a[Pod] => kube-system/etcd-node-b[Pod]"]).toBe("All Connections");
    expect(conns["kube-system/etcd-node-b[Pod] => kube-system/kube-apiserver-node-a[Pod]"]).toBe("All Connections");
    expect(Object.keys(conns).some((k) => k.includes("[Node]"))).toBe(false);
  });

  it("pods owned by a ReplicaSet are named by the ReplicaSet (the analyzer does not follow it to its Deployment)", () => {
    const yaml =
      podOwnedBy("shop", "web-7d9f-abcde", { app: "web" }, { kind: "ReplicaSet", name: "web-7d9f" }) +
      podOwnedBy("shop", "web-7d9f-fghij", { app: "web" }, { kind: "ReplicaSet", name: "web-7d9f" });
    expect(ids(yaml)).toEqual(["shop/web-7d9f[ReplicaSet]"]);
  });

  it("a Deployment object is its own workload; its ReplicaSet's pods stay a separate ReplicaSet workload", () => {
    const yaml =
      workload("Deployment", "shop", "web", { app: "web" }) +
      podOwnedBy("shop", "web-7d9f-abcde", { app: "web" }, { kind: "ReplicaSet", name: "web-7d9f" });
    expect(ids(yaml)).toEqual(["shop/web-7d9f[ReplicaSet]", "shop/web[Deployment]"]);
  });

  it.each(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController", "Job", "CronJob"])(
    "a %s object is one workload named by itself with its template's labels",
    (kind) => {
      const m = model(workload(kind, "apps", "w1", { tier: "app" }));
      expect(m.endpoints.map((e) => [e.id, e.labels])).toEqual([[`apps/w1[${kind}]`, { tier: "app" }]]);
    },
  );

  it.each(["StatefulSet", "DaemonSet", "ReplicationController", "Job"])("pods controlled by a %s fold into it", (kind) => {
    const yaml =
      podOwnedBy("apps", "w1-0", { tier: "app" }, { kind, name: "w1" }) + podOwnedBy("apps", "w1-1", { tier: "app" }, { kind, name: "w1" });
    expect(ids(yaml)).toEqual([`apps/w1[${kind}]`]);
  });

  it("a CronJob's run pods are controlled by its Job and take the Job's name", () => {
    const yaml =
      workload("CronJob", "ops", "backup", { app: "backup" }) +
      podOwnedBy("ops", "backup-29001-x1", { app: "backup" }, { kind: "Job", name: "backup-29001" });
    expect(ids(yaml)).toEqual(["ops/backup-29001[Job]", "ops/backup[CronJob]"]);
  });

  it("bare pods, and pods whose owner references are not controllers, are their own Pod workload", () => {
    const yaml =
      podOwnedBy("default", "debug", { run: "debug" }) +
      podOwnedBy("default", "adopted", { run: "x" }, { kind: "ReplicaSet", name: "old", controller: false });
    expect(ids(yaml)).toEqual(["default/adopted[Pod]", "default/debug[Pod]"]);
  });

  it("the controlling reference wins over earlier non-controller references", () => {
    const yaml = obj({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "db-0",
        namespace: "data",
        labels: { app: "db" },
        ownerReferences: [
          { kind: "ConfigMap", name: "cfg", controller: false },
          { kind: "StatefulSet", name: "db", controller: true },
        ],
      },
    });
    expect(ids(yaml)).toEqual(["data/db[StatefulSet]"]);
  });

  it("KubeVirt: a VirtualMachine is the endpoint; its VMI folds into it; virt-launcher pods are skipped", () => {
    const yaml =
      obj({
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        metadata: { name: "app1", namespace: "vms" },
        spec: { template: { metadata: { labels: { app: "app1" } } } },
      }) +
      obj({
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachineInstance",
        metadata: {
          name: "app1",
          namespace: "vms",
          labels: { app: "app1" },
          ownerReferences: [{ kind: "VirtualMachine", name: "app1", controller: true }],
        },
      }) +
      podOwnedBy("vms", "virt-launcher-app1-qr48r", { "vm.kubevirt.io/name": "app1" }, { kind: "VirtualMachineInstance", name: "app1" });
    const m = model(yaml);
    expect(m.endpoints.map((e) => e.id)).toEqual(["vms/app1[VirtualMachine]"]);
    expect(m.ignored.map((i) => [i.kind, i.name])).toEqual([["Pod", "virt-launcher-app1-qr48r"]]);
  });

  it("KubeVirt: a VirtualMachineInstance without a controlling VM is its own workload", () => {
    const yaml = obj({
      apiVersion: "kubevirt.io/v1",
      kind: "VirtualMachineInstance",
      metadata: { name: "adhoc", namespace: "vms", labels: { app: "adhoc" } },
    });
    expect(ids(yaml)).toEqual(["vms/adhoc[VirtualMachineInstance]"]);
  });
});
