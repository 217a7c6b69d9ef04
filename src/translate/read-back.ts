/**
 * The emitted objects read back by the Kubernetes engine without a YAML round trip: each object is validated
 * with the engine's own schemas and normalised by its own normalisers, exactly as `buildClusterModel` does
 * for the kinds the translator emits (Namespace, VirtualMachine, NetworkPolicy, AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy, ClusterNetworkPolicy). Anything else goes through `buildClusterModel` on the
 * object's YAML, so the result never differs from reading the written files. (A `buildClusterModel` that
 * accepted parsed objects would make this adapter a one-liner.)
 */
import type { z } from "zod";
import {
  normaliseAdminPolicy,
  buildClusterModel,
  DEFAULT_NAMESPACE,
  NAMESPACE_NAME_LABEL,
  orderPolicies,
  samePriorityErrors,
  jsonPointer,
  ManifestError,
  type ClusterModel,
  type IgnoredObject,
  type K8sNamespace,
  type NormalisedPolicy,
  type SourcePlace,
  normaliseNetworkPolicy,
  ZAdminNetworkPolicy,
  ZBaselineAdminNetworkPolicy,
  ZClusterNetworkPolicy,
  ZNamespace,
  ZNetworkPolicy,
  ZVirtualMachine,
  foldEndpoints,
  WORKLOAD_KINDS,
  type EndpointDraft,
} from "../policy/index.ts";
import { toYaml, type K8sObject } from "./emit/yaml-document.ts";

export interface PlacedObject {
  /** Output path (the file the object is written to). */
  file: string;
  object: K8sObject;
}

/** An object to read back, with where it came from (file, document). */
export interface SourcedObject {
  object: Record<string, unknown>;
  kind: string;
  apiVersion: string;
  source: SourcePlace;
}

function validate<T extends z.ZodType>(schema: T, object: unknown, source: SourcePlace, kind: string): z.infer<T> {
  const result = schema.safeParse(object);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ManifestError({ ...source, pointer: jsonPointer(source.pointer, issue.path) }, `${kind}: ${issue.message}`);
}

const HANDLED = new Set([
  "Namespace",
  "VirtualMachine",
  "NetworkPolicy",
  "AdminNetworkPolicy",
  "BaselineAdminNetworkPolicy",
  "ClusterNetworkPolicy",
]);

/** Kinds `buildClusterModel` derives endpoints from that this adapter does not (they take the slow path). */
const ENDPOINT_KINDS = new Set<string>(["Pod", "VirtualMachineInstance", ...WORKLOAD_KINDS]);

function needsFullReader(o: SourcedObject): boolean {
  if (ENDPOINT_KINDS.has(o.kind)) return true;
  if (o.kind === "VirtualMachine") {
    // Label patches carry no interfaces (named ports); anything richer takes the full reader.
    const template = (o.object.spec as { template?: { spec?: unknown } } | undefined)?.template;
    return template?.spec !== undefined && template?.spec !== null;
  }
  return false;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
}

/** A VirtualMachine that is exactly a label patch (name, namespace, template labels), else undefined. */
function labelPatch(object: Record<string, unknown>): { name: string; namespace?: string; labels: Record<string, string> } | undefined {
  const meta = object.metadata as { name?: unknown; namespace?: unknown } | undefined;
  const labels = (object.spec as { template?: { metadata?: { labels?: unknown } } } | undefined)?.template?.metadata?.labels;
  if (
    !meta ||
    typeof meta.name !== "string" ||
    meta.name === "" ||
    (meta.namespace !== undefined && typeof meta.namespace !== "string") ||
    !isStringRecord(labels)
  )
    return undefined;
  return { name: meta.name, ...(meta.namespace !== undefined ? { namespace: meta.namespace as string } : {}), labels };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const absentOr = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || v === null || check(v);
const arrayOf =
  (check: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    Array.isArray(v) && v.every(check);
const isString = (v: unknown): boolean => typeof v === "string";
const isInt = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v);
const EXPRESSION_OPERATORS = new Set(["In", "NotIn", "Exists", "DoesNotExist"]);
const PROTOCOLS = new Set(["TCP", "UDP", "SCTP"]);
const POLICY_TYPES = new Set(["Ingress", "Egress"]);

function isSelector(v: unknown): boolean {
  return (
    isObject(v) &&
    absentOr(v.matchLabels, isStringRecord) &&
    absentOr(
      v.matchExpressions,
      arrayOf(
        (e) => isObject(e) && isString(e.key) && EXPRESSION_OPERATORS.has(e.operator as string) && absentOr(e.values, arrayOf(isString)),
      ),
    )
  );
}

function isNetworkPolicyPeer(v: unknown): boolean {
  return (
    isObject(v) &&
    absentOr(v.podSelector, isSelector) &&
    absentOr(v.namespaceSelector, isSelector) &&
    absentOr(v.ipBlock, (b) => isObject(b) && isString(b.cidr) && absentOr(b.except, arrayOf(isString)))
  );
}

const isNetworkPolicyPort = (v: unknown): boolean =>
  isObject(v) &&
  absentOr(v.protocol, (p) => PROTOCOLS.has(p as string)) &&
  absentOr(v.port, (p) => isInt(p) || isString(p)) &&
  absentOr(v.endPort, isInt);

/** Rule objects already found in parsed form, per side: the translator shares one rule object between policies. */
const parsedRules = { from: new WeakSet<object>(), to: new WeakSet<object>() };

function isParsedRule(r: unknown, side: "from" | "to"): boolean {
  if (!isObject(r)) return false;
  if (parsedRules[side].has(r)) return true;
  const parsed = absentOr(r[side], arrayOf(isNetworkPolicyPeer)) && absentOr(r.ports, arrayOf(isNetworkPolicyPort));
  if (parsed) parsedRules[side].add(r);
  return parsed;
}

/**
 * A NetworkPolicy whose every field `ZNetworkPolicy` reads already has its parsed form (string labels, no
 * transform to apply), so parsing would return an equal object; else undefined (and zod decides). For the
 * translator's own objects: thousands at scale, where the schema walk costs more than the normalisation.
 */
function parsedNetworkPolicy(object: Record<string, unknown>): z.infer<typeof ZNetworkPolicy> | undefined {
  const meta = object.metadata;
  const spec = object.spec;
  if (
    !isObject(meta) ||
    typeof meta.name !== "string" ||
    meta.name === "" ||
    !absentOr(meta.namespace, isString) ||
    !absentOr(meta.labels, isStringRecord)
  )
    return undefined;
  if (
    !absentOr(
      meta.ownerReferences,
      arrayOf((r) => isObject(r) && absentOr(r.kind, isString) && isString(r.name)),
    )
  )
    return undefined;
  if (
    !isObject(spec) ||
    !absentOr(spec.podSelector, isSelector) ||
    !absentOr(
      spec.policyTypes,
      arrayOf((t) => POLICY_TYPES.has(t as string)),
    )
  )
    return undefined;
  const rules = (list: unknown, side: "from" | "to") =>
    absentOr(
      list,
      arrayOf((r) => isParsedRule(r, side)),
    );
  if (!rules(spec.ingress, "from") || !rules(spec.egress, "to")) return undefined;
  return object as z.infer<typeof ZNetworkPolicy>;
}

/** The translator's own objects (trusted to be what the files say: the files are their YAML). */
export function clusterModelOfPlaced(placed: readonly PlacedObject[]): ClusterModel {
  return clusterModelOfObjects(
    placed.map(({ file, object }) => ({
      object: object as Record<string, unknown>,
      kind: object.kind,
      apiVersion: object.apiVersion,
      source: { file, documentIndex: 0, pointer: "" },
    })),
    () => buildClusterModel(placed.map((p) => ({ file: p.file, text: toYaml(p.object) }))),
    true,
  );
}

/** `fullReader` is used instead when an object needs what only `buildClusterModel` does (pods, workloads). */
export function clusterModelOfObjects(
  objects: readonly SourcedObject[],
  fullReader: () => ClusterModel,
  ownLabelPatches = false,
): ClusterModel {
  if (objects.some(needsFullReader)) return fullReader();
  const warnings: string[] = [];
  const declaredNamespaces = new Map<string, K8sNamespace>();
  const drafts: EndpointDraft[] = [];
  const policies: NormalisedPolicy[] = [];
  const ignored: IgnoredObject[] = [];
  for (const { object, kind, apiVersion, source } of objects) {
    if (
      (kind === "NetworkPolicy" && !apiVersion.startsWith("networking.k8s.io")) ||
      (kind === "ClusterNetworkPolicy" && !apiVersion.includes("v1alpha2")) ||
      !HANDLED.has(kind)
    ) {
      const name =
        typeof (object.metadata as { name?: unknown } | undefined)?.name === "string"
          ? String((object.metadata as { name: string }).name)
          : "";
      ignored.push({
        kind,
        name,
        reason: `kind ${kind} (${apiVersion || "no apiVersion"}) does not affect connectivity in the model`,
        source,
      });
      continue;
    }
    switch (kind) {
      case "Namespace": {
        const ns = validate(ZNamespace, object, source, kind);
        declaredNamespaces.set(ns.metadata.name, {
          name: ns.metadata.name,
          labels: { ...(ns.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns.metadata.name },
        });
        break;
      }
      case "VirtualMachine": {
        // The translator's own label patches (thousands at scale) only need their shape checked.
        const own = ownLabelPatches ? labelPatch(object) : undefined;
        if (own) {
          drafts.push({
            namespace: own.namespace || DEFAULT_NAMESPACE,
            name: own.name,
            kind: "VirtualMachine",
            labels: own.labels,
            namedPorts: [],
            source,
          });
          break;
        }
        const vm = validate(ZVirtualMachine, object, source, kind);
        drafts.push({
          namespace: vm.metadata.namespace || DEFAULT_NAMESPACE,
          name: vm.metadata.name,
          kind: "VirtualMachine",
          labels: vm.spec?.template?.metadata?.labels ?? {},
          namedPorts: [],
          source,
        });
        break;
      }
      case "NetworkPolicy": {
        const np = (ownLabelPatches ? parsedNetworkPolicy(object) : undefined) ?? validate(ZNetworkPolicy, object, source, kind);
        policies.push(normaliseNetworkPolicy(np, np.metadata.namespace || DEFAULT_NAMESPACE, source));
        break;
      }
      case "AdminNetworkPolicy": {
        const anp = validate(ZAdminNetworkPolicy, object, source, kind);
        policies.push(
          normaliseAdminPolicy(
            {
              kind: "AdminNetworkPolicy",
              name: anp.metadata.name,
              stage: "admin",
              priority: anp.spec.priority,
              subject: anp.spec.subject,
              ingress: anp.spec.ingress ?? [],
              egress: anp.spec.egress ?? [],
            },
            source,
            warnings,
          ),
        );
        break;
      }
      case "BaselineAdminNetworkPolicy": {
        const banp = validate(ZBaselineAdminNetworkPolicy, object, source, kind);
        if (banp.metadata.name !== "default")
          warnings.push(`BaselineAdminNetworkPolicy ${banp.metadata.name}: the API admits only the name "default"`);
        policies.push(
          normaliseAdminPolicy(
            {
              kind: "BaselineAdminNetworkPolicy",
              name: banp.metadata.name,
              stage: "baseline",
              subject: banp.spec.subject,
              ingress: banp.spec.ingress ?? [],
              egress: banp.spec.egress ?? [],
            },
            source,
            warnings,
          ),
        );
        break;
      }
      case "ClusterNetworkPolicy": {
        const cnp = validate(ZClusterNetworkPolicy, object, source, kind);
        policies.push(
          normaliseAdminPolicy(
            {
              kind: "ClusterNetworkPolicy",
              name: cnp.metadata.name,
              stage: cnp.spec.tier === "Admin" ? "admin" : "baseline",
              priority: cnp.spec.priority,
              subject: cnp.spec.subject,
              ingress: cnp.spec.ingress ?? [],
              egress: cnp.spec.egress ?? [],
            },
            source,
            warnings,
          ),
        );
        break;
      }
    }
  }
  const endpoints = foldEndpoints(drafts, warnings);
  const namespaces = new Map(declaredNamespaces);
  const ensure = (name: string) => {
    if (!namespaces.has(name)) namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
  };
  for (const endpoint of endpoints) ensure(endpoint.namespace);
  for (const policy of policies) if (policy.subject.namespaces.kind === "names") policy.subject.namespaces.names.forEach(ensure);
  return { namespaces, endpoints, policies: orderPolicies(policies), ignored, warnings, errors: samePriorityErrors(policies) };
}
