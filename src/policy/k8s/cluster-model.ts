/**
 * Builds the ClusterModel from manifest files: validates each object with zod (errors name the file,
 * document and JSON pointer), derives endpoints and namespaces, normalises every policy kind and
 * orders them for evaluation. Kinds outside the model are kept as ignored-with-reason.
 */
import type { z } from "zod";
import { normaliseAdminPolicy } from "./admin-network-policy.ts";
import { jsonPointer, ManifestError, readManifestObjects, type ManifestFile, type ManifestObject } from "./manifest-documents.ts";
import type { ClusterModel, IgnoredObject, K8sNamespace, NormalisedPolicy } from "./model.ts";
import { normaliseNetworkPolicy } from "./network-policy.ts";
import {
  ZAdminNetworkPolicy,
  ZBaselineAdminNetworkPolicy,
  ZClusterNetworkPolicy,
  ZCronJob,
  ZNamespace,
  ZNetworkPolicy,
  ZPod,
  ZVirtualMachine,
  ZVirtualMachineInstance,
  ZWorkload,
} from "./schemas.ts";
import {
  controllingOwner,
  foldEndpoints,
  namedPortsOfPodSpec,
  VIRT_LAUNCHER_PREFIX,
  WORKLOAD_KINDS,
  type EndpointDraft,
} from "./workloads.ts";

export const DEFAULT_NAMESPACE = "default";
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** Why an object kind is outside the connectivity model. */
const IGNORED_REASONS: Record<string, string> = {
  Service: "Services do not change which pod-to-pod connections policies allow",
  Route: "OpenShift Routes (ingress-controller exposure) are not modelled",
  Ingress: "Ingress objects (ingress-controller exposure) are not modelled",
  UserDefinedNetwork: "user-defined networks (secondary/primary UDN) are not modelled",
  ClusterUserDefinedNetwork: "cluster user-defined networks are not modelled",
  NetworkAttachmentDefinition: "secondary networks (Multus NAD) are not modelled",
  MultiNetworkPolicy: "policies on secondary networks are not modelled",
};

function validate<T extends z.ZodType>(schema: T, item: ManifestObject): z.infer<T> {
  const result = schema.safeParse(item.object);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ManifestError({ ...item.source, pointer: jsonPointer(item.source.pointer, issue.path) }, `${item.kind}: ${issue.message}`);
}

export function buildClusterModel(files: readonly ManifestFile[]): ClusterModel {
  const warnings: string[] = [];
  const errors: string[] = [];
  const ignored: IgnoredObject[] = [];
  const objects = readManifestObjects(files, ignored);
  const declaredNamespaces = new Map<string, K8sNamespace>();
  const drafts: EndpointDraft[] = [];
  const policies: NormalisedPolicy[] = [];
  const at = (item: ManifestObject, path: string) => ({ ...item.source, pointer: item.source.pointer + path });

  for (const item of objects) {
    const kind = item.kind;
    if (kind === "Namespace") {
      const ns = validate(ZNamespace, item);
      declaredNamespaces.set(ns.metadata.name, {
        name: ns.metadata.name,
        labels: { ...(ns.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns.metadata.name },
      });
    } else if (kind === "Pod") {
      const pod = validate(ZPod, item);
      if (pod.metadata.name.startsWith(VIRT_LAUNCHER_PREFIX)) {
        ignored.push({
          kind,
          name: pod.metadata.name,
          source: item.source,
          reason: "virt-launcher pod: its VirtualMachine is the endpoint",
        });
        continue;
      }
      drafts.push({
        namespace: pod.metadata.namespace || DEFAULT_NAMESPACE,
        name: pod.metadata.name,
        kind: "Pod",
        labels: pod.metadata.labels ?? {},
        namedPorts: namedPortsOfPodSpec(pod.spec),
        source: item.source,
        owner: controllingOwner(pod.metadata.ownerReferences, "Pod"),
      });
    } else if ((WORKLOAD_KINDS as readonly string[]).includes(kind)) {
      const template =
        kind === "CronJob" ? validate(ZCronJob, item).spec.jobTemplate.spec?.template : validate(ZWorkload, item).spec?.template;
      const meta = validate(ZWorkload, item).metadata;
      drafts.push({
        namespace: meta.namespace || DEFAULT_NAMESPACE,
        name: meta.name,
        kind,
        labels: template?.metadata?.labels ?? {},
        namedPorts: namedPortsOfPodSpec(template?.spec),
        source: item.source,
      });
    } else if (kind === "VirtualMachine") {
      const vm = validate(ZVirtualMachine, item);
      drafts.push({
        namespace: vm.metadata.namespace || DEFAULT_NAMESPACE,
        name: vm.metadata.name,
        kind,
        labels: vm.spec?.template?.metadata?.labels ?? {},
        namedPorts: vmPorts(vm.spec?.template?.spec),
        source: item.source,
      });
    } else if (kind === "VirtualMachineInstance") {
      const vmi = validate(ZVirtualMachineInstance, item);
      drafts.push({
        namespace: vmi.metadata.namespace || DEFAULT_NAMESPACE,
        name: vmi.metadata.name,
        kind,
        labels: vmi.metadata.labels ?? {},
        namedPorts: vmPorts(vmi.spec),
        source: item.source,
        owner: controllingOwner(vmi.metadata.ownerReferences, "VirtualMachine"),
      });
    } else if (kind === "NetworkPolicy" && item.apiVersion.startsWith("networking.k8s.io")) {
      const np = validate(ZNetworkPolicy, item);
      policies.push(normaliseNetworkPolicy(np, np.metadata.namespace || DEFAULT_NAMESPACE, item.source));
    } else if (kind === "AdminNetworkPolicy") {
      const anp = validate(ZAdminNetworkPolicy, item);
      policies.push(
        normaliseAdminPolicy(
          {
            kind,
            name: anp.metadata.name,
            stage: "admin",
            priority: anp.spec.priority,
            subject: anp.spec.subject,
            ingress: anp.spec.ingress ?? [],
            egress: anp.spec.egress ?? [],
          },
          item.source,
          warnings,
        ),
      );
    } else if (kind === "BaselineAdminNetworkPolicy") {
      const banp = validate(ZBaselineAdminNetworkPolicy, item);
      if (banp.metadata.name !== "default")
        warnings.push(`BaselineAdminNetworkPolicy ${banp.metadata.name}: the API admits only the name "default"`);
      policies.push(
        normaliseAdminPolicy(
          {
            kind,
            name: banp.metadata.name,
            stage: "baseline",
            subject: banp.spec.subject,
            ingress: banp.spec.ingress ?? [],
            egress: banp.spec.egress ?? [],
          },
          item.source,
          warnings,
        ),
      );
    } else if (kind === "ClusterNetworkPolicy" && item.apiVersion.includes("v1alpha2")) {
      const cnp = validate(ZClusterNetworkPolicy, item);
      policies.push(
        normaliseAdminPolicy(
          {
            kind,
            name: cnp.metadata.name,
            stage: cnp.spec.tier === "Admin" ? "admin" : "baseline",
            priority: cnp.spec.priority,
            subject: cnp.spec.subject,
            ingress: cnp.spec.ingress ?? [],
            egress: cnp.spec.egress ?? [],
          },
          item.source,
          warnings,
        ),
      );
    } else {
      const name =
        typeof (item.object.metadata as { name?: unknown } | undefined)?.name === "string"
          ? String((item.object.metadata as { name: string }).name)
          : "";
      ignored.push({
        kind,
        name,
        reason: IGNORED_REASONS[kind] ?? `kind ${kind} (${item.apiVersion || "no apiVersion"}) does not affect connectivity in the model`,
        source: at(item, ""),
      });
    }
  }

  const endpoints = foldEndpoints(drafts, warnings);
  const namespaces = new Map(declaredNamespaces);
  const ensure = (name: string) => {
    if (!namespaces.has(name)) namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
  };
  for (const endpoint of endpoints) ensure(endpoint.namespace);
  for (const policy of policies) if (policy.subject.namespaces.kind === "names") policy.subject.namespaces.names.forEach(ensure);

  errors.push(...samePriorityErrors(policies));
  return { namespaces, endpoints, policies: orderPolicies(policies), ignored, warnings, errors };
}

function vmPorts(
  spec:
    | {
        domain?: {
          devices?: {
            interfaces?: { ports?: { name?: string | null; port: number; protocol?: "TCP" | "UDP" | "SCTP" | null }[] | null }[] | null;
          } | null;
        } | null;
      }
    | null
    | undefined,
) {
  return (spec?.domain?.devices?.interfaces ?? [])
    .flatMap((i) => i.ports ?? [])
    .filter((p) => p.name)
    .map((p) => ({ name: p.name!, protocol: p.protocol ?? ("TCP" as const), port: p.port }));
}

const STAGE_ORDER = { admin: 0, networkPolicy: 1, baseline: 2 } as const;

/** Admin stage by ascending priority (ties kept in input order, and reported), then NPs, then baseline. */
export function orderPolicies(policies: readonly NormalisedPolicy[]): NormalisedPolicy[] {
  return policies
    .map((policy, i) => ({ policy, i }))
    .sort(
      (a, b) =>
        STAGE_ORDER[a.policy.stage] - STAGE_ORDER[b.policy.stage] || (a.policy.priority ?? 0) - (b.policy.priority ?? 0) || a.i - b.i,
    )
    .map(({ policy }) => policy);
}

export function samePriorityErrors(policies: readonly NormalisedPolicy[]): string[] {
  const errors: string[] = [];
  for (const stage of ["admin", "baseline"] as const) {
    const byPriority = new Map<number, string[]>();
    for (const p of policies) {
      if (p.stage !== stage || p.priority === undefined) continue;
      byPriority.set(p.priority, [...(byPriority.get(p.priority) ?? []), p.id]);
    }
    for (const [priority, ids] of byPriority) {
      if (ids.length > 1) errors.push(`${ids.join(" and ")} have the same priority ${priority}: their relative order is undefined`);
    }
  }
  const baselineAnps = policies.filter((p) => p.id.startsWith("BaselineAdminNetworkPolicy/"));
  if (baselineAnps.length > 1) errors.push(`more than one BaselineAdminNetworkPolicy: ${baselineAnps.map((p) => p.id).join(", ")}`);
  return errors;
}
