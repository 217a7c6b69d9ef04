/**
 * `checkIntentEquivalence`: equivalence over every combination of the tag values the rules' groups test —
 * including combinations no VM carries yet — so a VM added tomorrow behaves the same on both platforms.
 * One hypothetical VM per combination (at most one tag per scope, as labels hold one value per key; no
 * address, so only group rules can match it) is added to both sides through the tag→label mapping, and the
 * exact inventory check runs on the augmented pair; differences touching a hypothetical VM are the intent
 * result. Above `maxCombinations` nothing is run and the result says the check was not exhaustive.
 */
import type { ClusterModel, K8sEndpoint, Labels } from "../../k8s/model.ts";
import { NAMESPACE_NAME_LABEL } from "../../k8s/cluster-model.ts";
import { endpointId } from "../../k8s/workloads.ts";
import type { NsxEstate, NsxTag, NsxVm } from "../../nsx/model.ts";
import { checkEquivalence, type EquivalenceOptions } from "../check-equivalence.ts";
import { correspond } from "../correspondence.ts";
import type { Difference } from "../difference.ts";
import { compileNsx } from "../../nsx/compile.ts";
import { defaultTagToLabel, intentAtoms, type TagToLabel } from "./intent-atoms.ts";

export const HYPOTHETICAL_PREFIX = "intent-combination-";
const UNLISTED = "unlisted-value";

export interface IntentOptions extends Pick<EquivalenceOptions, "exclusions" | "maxDifferences"> {
  tagToLabel?: TagToLabel;
  /** Namespace of a hypothetical VM from its labels; default: the single namespace the VMs live in. */
  namespaceFor?: (labels: Labels) => string;
  /** Default 4096. */
  maxCombinations?: number;
}

export interface HypotheticalVm {
  name: string;
  tags: NsxTag[];
  labels: Labels;
  namespace: string;
}

export interface IntentResult {
  /** False when the combinations were not all checked, or some group operator cannot be settled by enumeration. */
  exhaustive: boolean;
  ran: boolean;
  reasons: string[];
  combinations: number;
  scopes: { scope: string; values: string[] }[];
  equivalent: boolean;
  /** Differences that involve at least one hypothetical VM. */
  differences: Difference[];
  hypothetical: HypotheticalVm[];
  inventoryOnlyGroups: { path: string; reason: string }[];
}

export function checkIntentEquivalence(estate: NsxEstate, model: ClusterModel, options: IntentOptions = {}): IntentResult {
  const tagToLabel = options.tagToLabel ?? defaultTagToLabel;
  const bound = options.maxCombinations ?? 4096;
  const atoms = intentAtoms(estate, model, tagToLabel);
  const scopes = [...atoms.values].map(([scope, set]) => ({ scope, values: [...set].sort() }));
  const combinations = scopes.reduce((n, s) => n * (s.values.length + 2), 1);
  const base = { combinations, scopes, inventoryOnlyGroups: atoms.inventoryOnlyGroups };
  if (combinations > bound) {
    return {
      ...base,
      exhaustive: false,
      ran: false,
      reasons: [`${combinations} tag combinations exceed the bound of ${bound}: the intent check was not run`, ...atoms.caveats],
      equivalent: false,
      differences: [],
      hypothetical: [],
    };
  }

  let namespaceFor = options.namespaceFor;
  if (!namespaceFor) {
    const matched = correspond(compileNsx(estate).vms, model).matched;
    const namespaces = [...new Set(matched.map((m) => m.k8s.namespace))];
    if (namespaces.length !== 1) {
      return {
        ...base,
        exhaustive: false,
        ran: false,
        reasons: [`the VMs live in ${namespaces.length} namespaces; pass namespaceFor to place hypothetical VMs`],
        equivalent: false,
        differences: [],
        hypothetical: [],
      };
    }
    namespaceFor = () => namespaces[0];
  }

  const hypothetical: HypotheticalVm[] = [];
  const choose = (index: number, tags: NsxTag[]) => {
    if (index === scopes.length) {
      const labels: Record<string, string> = {};
      for (const t of tags) {
        const { key, value } = tagToLabel(t.scope, t.tag);
        labels[key] = value;
      }
      hypothetical.push({ name: `${HYPOTHETICAL_PREFIX}${hypothetical.length}`, tags, labels, namespace: namespaceFor!(labels) });
      return;
    }
    const { scope, values } = scopes[index];
    choose(index + 1, tags);
    for (const value of [...values, UNLISTED]) choose(index + 1, [...tags, { scope, tag: value }]);
  };
  choose(0, []);

  const vms: NsxVm[] = hypothetical.map((h) => ({ id: h.name, name: h.name, ips: [], tags: h.tags }));
  const endpoints: K8sEndpoint[] = hypothetical.map((h) => ({
    id: endpointId(h.namespace, h.name, "VirtualMachine"),
    namespace: h.namespace,
    name: h.name,
    kind: "VirtualMachine",
    labels: h.labels,
    namedPorts: [],
  }));
  const namespaces = new Map(model.namespaces);
  for (const h of hypothetical)
    if (!namespaces.has(h.namespace)) namespaces.set(h.namespace, { name: h.namespace, labels: { [NAMESPACE_NAME_LABEL]: h.namespace } });
  const result = checkEquivalence(
    { ...estate, vms: [...estate.vms, ...vms] },
    { ...model, namespaces, endpoints: [...model.endpoints, ...endpoints] },
    { ...options, maxDifferences: options.maxDifferences ?? 1000 },
  );
  const touchesHypothetical = (members: Difference["src"]) =>
    members.kind === "vms" && members.names.some((n) => n.startsWith(HYPOTHETICAL_PREFIX));
  const differences = result.differences.filter((d) => touchesHypothetical(d.src) || touchesHypothetical(d.dst));
  return {
    ...base,
    exhaustive: atoms.caveats.length === 0 && !result.truncated,
    ran: true,
    reasons: [...atoms.caveats, ...(result.truncated ? ["more differences than detailed (maxDifferences)"] : [])],
    equivalent: differences.length === 0 && !result.truncated,
    differences,
    hypothetical,
  };
}
