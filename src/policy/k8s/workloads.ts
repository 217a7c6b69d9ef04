/**
 * Endpoints from Pods, pod-owning workloads and KubeVirt VMs. A workload is one endpoint carrying its pod
 * template's labels and container ports; a Pod owned by something folds into its owner, as
 * netpol-analyzer does, so the owner appears once however many replicas exist.
 *
 * Naming follows netpol-analyzer's own rules (pkg/netpol/eval/internal/k8s/pod.go and peer.go, resources.go):
 * a pod's owner is its first ownerReference with `controller: true` (others are bookkeeping, not ownership);
 * a `Node` controller (static/mirror pods) is no owner, so such a pod is its own `ns/<pod>[Pod]`; any other
 * controller names the workload `ns/<owner>[<owner kind>]` as written (a ReplicaSet stays a ReplicaSet: the
 * analyzer does not follow the chain to its Deployment); `virt-launcher-*` pods are skipped, their VM is the
 * endpoint.
 */
import type { z } from "zod";
import type { K8sEndpoint, Labels, NamedPort, SourcePlace } from "./model.ts";
import type { ZContainerPort, ZObjectMeta, ZPodSpec } from "./schemas.ts";

export const WORKLOAD_KINDS = ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController"] as const;

type TPodSpec = z.infer<typeof ZPodSpec>;
type TOwnerReference = NonNullable<z.infer<typeof ZObjectMeta>["ownerReferences"]>[number];

/** Pods KubeVirt runs a VM in: the VM (or VMI) is the endpoint, the wrapper pod never talks itself. */
export const VIRT_LAUNCHER_PREFIX = "virt-launcher-";

/**
 * The workload a pod (or VMI) folds into: its controlling owner, unless that is a Node (static pods are
 * their own workload). Undefined when the object is its own workload.
 */
export function controllingOwner(
  refs: readonly TOwnerReference[] | null | undefined,
  defaultKind: string,
): { name: string; kind: string } | undefined {
  const controller = refs?.find((r) => r.controller === true);
  if (!controller || controller.kind === "Node") return undefined;
  return { name: controller.name, kind: controller.kind || defaultKind };
}
type TContainerPort = z.infer<typeof ZContainerPort>;

export function endpointId(namespace: string, name: string, kind: string): string {
  return `${namespace}/${name}[${kind}]`;
}

export function namedPortsOfPodSpec(spec: TPodSpec | null | undefined): NamedPort[] {
  const ports: TContainerPort[] = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].flatMap((c) => c.ports ?? []);
  return ports
    .filter((p) => p.name && p.containerPort !== undefined && p.containerPort !== null)
    .map((p) => ({ name: p.name!, protocol: p.protocol ?? "TCP", port: p.containerPort! }));
}

export interface EndpointDraft {
  namespace: string;
  name: string;
  kind: string;
  labels: Labels;
  namedPorts: NamedPort[];
  source: SourcePlace;
  /** Set for Pods/VMIs owned by another object: they fold into that owner. */
  owner?: { name: string; kind: string };
}

/**
 * Merges drafts into endpoints: owned pods join their owner (the owner's own template wins for labels
 * when the owner object is present; otherwise the first pod's labels), named ports are united.
 */
export function foldEndpoints(drafts: readonly EndpointDraft[], warnings: string[]): K8sEndpoint[] {
  const byId = new Map<string, K8sEndpoint & { fromOwnerObject: boolean }>();
  const ordered = [...drafts.filter((d) => !d.owner), ...drafts.filter((d) => d.owner)];
  for (const draft of ordered) {
    const name = draft.owner?.name ?? draft.name;
    const kind = draft.owner?.kind ?? draft.kind;
    const id = endpointId(draft.namespace, name, kind);
    const existing = byId.get(id);
    if (!existing) {
      byId.set(id, {
        id,
        namespace: draft.namespace,
        name,
        kind,
        labels: draft.labels,
        namedPorts: draft.namedPorts,
        source: draft.source,
        fromOwnerObject: !draft.owner,
      });
      continue;
    }
    if (!draft.owner && existing.fromOwnerObject) {
      warnings.push(`duplicate object ${id} (${draft.source.file} document ${draft.source.documentIndex}); the first one is used`);
      continue;
    }
    if (JSON.stringify(sorted(existing.labels)) !== JSON.stringify(sorted(draft.labels)) && !existing.fromOwnerObject) {
      warnings.push(`pods of ${id} carry different labels; the first pod's labels represent the workload`);
    }
    const ports = [...existing.namedPorts];
    for (const port of draft.namedPorts) {
      if (!ports.some((p) => p.name === port.name && p.protocol === port.protocol && p.port === port.port)) ports.push(port);
    }
    byId.set(id, { ...existing, namedPorts: ports });
  }
  return [...byId.values()]
    .map(({ fromOwnerObject: _ignored, ...endpoint }) => endpoint)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sorted(labels: Labels): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
}
