/**
 * A ClusterModel straight from trusted in-memory objects (the synthetic generator's own), through the
 * Kubernetes engine's normalisers — skipping only text parsing and schema validation, which cost more than
 * the check itself at benchmark sizes. Kinds: Namespace, VirtualMachine, NetworkPolicy, AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy.
 */
import { normaliseAdminPolicy, type AdminPolicyInput } from "../k8s/admin-network-policy.ts";
import { NAMESPACE_NAME_LABEL, orderPolicies, samePriorityErrors } from "../k8s/cluster-model.ts";
import type { ClusterModel, K8sNamespace, NormalisedPolicy } from "../k8s/model.ts";
import { normaliseNetworkPolicy } from "../k8s/network-policy.ts";
import type { TNetworkPolicy } from "../k8s/schemas.ts";
import { foldEndpoints, type EndpointDraft } from "../k8s/workloads.ts";
import type { K8sObject } from "./synthetic-estate.ts";

interface Meta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
}

export function clusterModelOf(objects: readonly K8sObject[], file = "synthetic"): ClusterModel {
  const namespaces = new Map<string, K8sNamespace>();
  const drafts: EndpointDraft[] = [];
  const policies: NormalisedPolicy[] = [];
  const warnings: string[] = [];
  objects.forEach((object, documentIndex) => {
    const source = { file, documentIndex, pointer: "" };
    const meta = object.metadata as Meta;
    const spec = object.spec as Record<string, unknown>;
    switch (object.kind) {
      case "Namespace":
        namespaces.set(meta.name, { name: meta.name, labels: { ...(meta.labels ?? {}), [NAMESPACE_NAME_LABEL]: meta.name } });
        break;
      case "VirtualMachine": {
        const template = spec.template as { metadata?: { labels?: Record<string, string> } } | undefined;
        drafts.push({
          namespace: meta.namespace ?? "default",
          name: meta.name,
          kind: "VirtualMachine",
          labels: template?.metadata?.labels ?? {},
          namedPorts: [],
          source,
        });
        break;
      }
      case "NetworkPolicy":
        policies.push(normaliseNetworkPolicy(object as unknown as TNetworkPolicy, meta.namespace ?? "default", source));
        break;
      case "AdminNetworkPolicy":
      case "BaselineAdminNetworkPolicy": {
        const input = {
          kind: object.kind,
          name: meta.name,
          stage: object.kind === "AdminNetworkPolicy" ? "admin" : "baseline",
          priority: spec.priority as number | undefined,
          subject: spec.subject,
          ingress: (spec.ingress as AdminPolicyInput["ingress"] | undefined) ?? [],
          egress: (spec.egress as AdminPolicyInput["egress"] | undefined) ?? [],
        } as AdminPolicyInput;
        policies.push(normaliseAdminPolicy(input, source, warnings));
        break;
      }
      default:
        throw new Error(`clusterModelOf: kind ${String(object.kind)} is not supported here`);
    }
  });
  const endpoints = foldEndpoints(drafts, warnings);
  for (const endpoint of endpoints) {
    if (!namespaces.has(endpoint.namespace))
      namespaces.set(endpoint.namespace, { name: endpoint.namespace, labels: { [NAMESPACE_NAME_LABEL]: endpoint.namespace } });
  }
  return { namespaces, endpoints, policies: orderPolicies(policies), ignored: [], warnings, errors: samePriorityErrors(policies) };
}
