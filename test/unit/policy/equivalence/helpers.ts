/** Builders for equivalence tests: KubeVirt VMs and policies as manifest objects. */
import { buildClusterModel } from "../../../../src/policy/k8s/cluster-model.ts";
import type { ClusterModel } from "../../../../src/policy/k8s/model.ts";

export function virtualMachine(namespace: string, name: string, labels: Record<string, string>): object {
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name, namespace },
    spec: { template: { metadata: { labels }, spec: { domain: { devices: {} } } } },
  };
}

export function networkPolicy(namespace: string, name: string, spec: object): object {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec };
}

export function adminNetworkPolicy(name: string, priority: number, spec: object): object {
  return { apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "AdminNetworkPolicy", metadata: { name }, spec: { priority, ...spec } };
}

/** Deny everything not otherwise allowed, in one namespace, both directions. */
export function isolateNamespace(namespace: string): object {
  return networkPolicy(namespace, "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
}

export function k8sModel(objects: readonly object[]): ClusterModel {
  return buildClusterModel([{ file: "test.yaml", text: objects.map((o) => `---\n${JSON.stringify(o)}\n`).join("") }]);
}
