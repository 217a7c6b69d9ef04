/**
 * `translateEstate`: NSX estate + mapping profile → Kubernetes manifests (file map), findings and a summary,
 * checked at once by the round trip. Pure: no I/O; the CLI writes the files (directory or ZIP).
 *
 * Pipeline: tags → labels and Namespaces; every rule's sources / destinations / Applied-To → exact label
 * selectors (or materialised membership labels); Emergency / Infrastructure / Environment → packed
 * AdminNetworkPolicies (or ClusterNetworkPolicies, v1alpha2); default rule → baseline; then the class-based
 * NetworkPolicy stage makes every VM's decision exactly NSX's; emit, validate, verify.
 */
import {
  NAMESPACE_NAME_LABEL,
  type K8sNamespace,
  type Labels,
  compileNsx,
  type CompiledNsx,
  type NsxEstate,
  selectorMatches,
  type ExternalClass,
  externalBlocks,
  IpSet,
  ruleCoversFamily,
} from "../policy/index.ts";
import { emitAdminNetworkPolicy } from "./emit/admin-network-policy.ts";
import { emitBaselineAdminNetworkPolicy } from "./emit/baseline-admin-network-policy.ts";
import { emitBaselineClusterNetworkPolicy, emitClusterNetworkPolicy } from "./emit/cluster-network-policy.ts";
import { emitKustomization } from "./emit/kustomization.ts";
import { emitNamespace } from "./emit/namespace.ts";
import { emitNetworkPolicy } from "./emit/network-policy.ts";
import { NameRegistry, slugOf } from "./emit/object-names.ts";
import type { BaselinePlan, NamedAdminPolicy, NetworkPolicyPlan, VmLabelPlan } from "./emit/plans.ts";
import { outputReadme } from "./emit/output-readme.ts";
import { emitVirtualMachineLabels } from "./emit/virtual-machine-labels.ts";
import { toYaml, type K8sObject } from "./emit/yaml-document.ts";
import { identityFindings, lostTrafficFindings, makeFinding, problemFindings, ruleFindings } from "./findings/build-findings.ts";
import type { TFinding } from "./findings/finding.ts";
import { buildLabelTaxonomy } from "./identity/label-taxonomy.ts";
import { namespaceOf } from "./identity/namespace-rule.ts";
import { assignVmNames } from "./identity/vm-names.ts";
import { planAdminTier, type AdminTierPlan } from "./plan/admin-tier.ts";
import { ClassDescriber } from "./plan/describe-classes.ts";
import { AdminRows, NsxRows, SharedNsxRows, spaceOf, TrafficInterner } from "./plan/class-space.ts";
import { classParty, planNetworkPolicyStage } from "./plan/network-policy-stage.ts";
import { buildTranslationClasses } from "./plan/translation-classes.ts";
import { parseMappingProfile, type TMappingProfile } from "./profile/mapping-profile.ts";
import { GroupSelectorCompiler } from "./selectors/group-to-selector.ts";
import { literalKey, type Dnf, type Literal } from "./selectors/label-requirement.ts";
import { MaterialisedLabels } from "./selectors/materialised-labels.ts";
import { RuleSelectorPlanner } from "./selectors/rule-selector.ts";
import { validateObjects } from "./validate/crd-constraints.ts";
import { clusterModelOfPlaced, type PlacedObject } from "./read-back.ts";

export type ApiVersion = "v1alpha1" | "v1alpha2";

export interface TranslateOptions {
  /** v1alpha1: AdminNetworkPolicy + BaselineAdminNetworkPolicy (default); v1alpha2: ClusterNetworkPolicy. */
  api?: ApiVersion;
  /** Pre-compiled estate (saves a compile when the caller has one). */
  compiled?: CompiledNsx;
  /** Called as each stage ends, with its wall time (for progress and the bench's stage breakdown). */
  onStage?: (stage: TranslationStage, elapsedMs: number) => void;
}

export type TranslationStage =
  "identity" | "selectors" | "admin" | "classes" | "nsx-rows" | "network-policies" | "emit" | "validate" | "findings";

export interface TranslationSummary {
  api: ApiVersion;
  vms: number;
  namespaces: number;
  adminNetworkPolicies: number;
  adminRules: number;
  baseline: boolean;
  networkPolicies: number;
  networkPolicyRules: number;
  materialisedLabels: number;
  translationClasses: number;
  externalBlocks: number;
  findings: Record<string, number>;
  adminOverflow?: string;
  /** Admin-stage decisions that contradict NSX: always empty unless the translator has a bug. */
  unsound: string[];
  elapsedMs: number;
}

export interface TranslationResult {
  /** Output path → file text, sorted by path; `kustomization.yaml` at the root. */
  files: Record<string, string>;
  objects: K8sObject[];
  /** The objects with their output paths, for `verifyTranslation(estate, { placed }, …)` without a YAML parse. */
  placed: PlacedObject[];
  /** The NSX rows computed here, for `verifyTranslation(…, { shared })` (same compiled estate) to reuse. */
  shared: SharedNsxRows;
  findings: TFinding[];
  summary: TranslationSummary;
  profile: TMappingProfile;
}

export class TranslationError extends Error {}

export function translateEstate(estate: NsxEstate, profileInput?: unknown, options: TranslateOptions = {}): TranslationResult {
  const started = Date.now();
  const api = options.api ?? "v1alpha1";
  const profile = parseMappingProfile(profileInput);
  const compiled = options.compiled ?? compileNsx(estate);
  let stageStart = performance.now();
  const stageDone = (stage: TranslationStage) => {
    const now = performance.now();
    options.onStage?.(stage, now - stageStart);
    stageStart = now;
  };

  // Identity: labels, Namespaces, names.
  const taxonomy = buildLabelTaxonomy(estate, profile);
  const tagLabels = new Map(estate.vms.map((vm) => [vm.id, taxonomy.labelsOf(vm)]));
  const ambiguous: string[] = [];
  const vmNamespace = new Map<string, string>();
  for (const vm of estate.vms) {
    const a = namespaceOf(vm, profile);
    vmNamespace.set(vm.id, a.namespace);
    if (a.ambiguous) ambiguous.push(`${vm.name}: ${a.ambiguous.join(", ")} → ${a.namespace}`);
  }
  const vmNames = assignVmNames(estate.vms.map((vm) => ({ vm, namespace: vmNamespace.get(vm.id)! })));
  stageDone("identity");

  // Selectors for every rule (IPv4 view), materialising what labels cannot express.
  const materialised = new MaterialisedLabels(profile.labelPrefix);
  const planner = new RuleSelectorPlanner(compiled, new GroupSelectorCompiler(estate.groups, taxonomy), materialised, tagLabels);
  const dnfs: Dnf[] = [];
  for (const rule of compiled.rules) {
    if (!ruleCoversFamily(rule.rule.ipProtocol, 4)) continue;
    const id = rule.rule.id;
    const scope =
      rule.policy.scope.length > 0 && !rule.policy.scope.some((s) => s.toUpperCase() === "ANY") ? rule.policy.scope : rule.rule.scope;
    dnfs.push(planner.peer(rule.rule.sources, rule.sources, `rule-${id}-sources`, id).pods);
    dnfs.push(planner.peer(rule.rule.destinations, rule.destinations, `rule-${id}-destinations`, id).pods);
    dnfs.push(planner.appliedTo(scope, rule.appliedTo, `rule-${id}-applied-to`, id));
  }

  stageDone("selectors");

  // Admin tier.
  const rulesPerDirection = api === "v1alpha2" ? profile.limits.cnpRulesPerDirection : profile.limits.anpRulesPerDirection;
  const admin: AdminTierPlan = planAdminTier(compiled, planner, profile, rulesPerDirection);
  const names = new NameRegistry();
  const adminPolicies: NamedAdminPolicy[] = admin.policies.map((p) => ({
    ...p,
    name: names.take("cluster", `nsx-${p.category.toLowerCase()}-${String(p.priority).padStart(2, "0")}-${slugOf(p.subject)}`),
  }));
  for (const p of admin.policies) {
    dnfs.push([p.subject]);
    for (const r of [...p.ingress, ...p.egress]) dnfs.push(r.peers.pods);
  }
  const baseline: BaselinePlan | undefined =
    estate.defaultAction === "ALLOW" ? undefined : { action: "Deny", ...(estate.defaultRuleId ? { ruleId: estate.defaultRuleId } : {}) };

  stageDone("admin");

  // Classes and Namespaces.
  const atoms = new Map<string, Literal>();
  for (const d of dnfs) for (const c of d) for (const l of c) atoms.set(literalKey(l), l);
  const labelsOf = (vmId: string): Labels => planner.labelsOf(vmId);
  const classes = buildTranslationClasses(
    compiled.vms,
    (id) => vmNamespace.get(id)!,
    labelsOf,
    new Set([...atoms.values()].map((l) => l.key)),
  );
  const nsScopeKey = profile.namespace.scope === null ? undefined : taxonomy.singleValued.get(profile.namespace.scope);
  const namespaceNames = [...new Set(vmNamespace.values())].sort();
  const namespaces = new Map<string, K8sNamespace>();
  const namespaceLabels = new Map<string, Record<string, string>>();
  const vmsIn = new Map<string, NsxEstate["vms"][number][]>();
  for (const vm of estate.vms) {
    const ns = vmNamespace.get(vm.id)!;
    const list = vmsIn.get(ns);
    if (list) list.push(vm);
    else vmsIn.set(ns, [vm]);
  }
  for (const ns of namespaceNames) {
    const labels: Record<string, string> = {};
    const members = vmsIn.get(ns) ?? [];
    const value = nsScopeKey && members.length > 0 ? tagLabels.get(members[0].id)![nsScopeKey] : undefined;
    // The Namespace carries the scope's label when every VM in it has the same value.
    if (nsScopeKey && value !== undefined && members.every((vm) => tagLabels.get(vm.id)![nsScopeKey] === value)) labels[nsScopeKey] = value;
    namespaceLabels.set(ns, labels);
    namespaces.set(ns, {
      name: ns,
      labels: { ...labels, [profile.managedNamespaceLabel.key]: profile.managedNamespaceLabel.value, [NAMESPACE_NAME_LABEL]: ns },
    });
  }

  // Admin objects, read back by the engine's own manifest reader for the NetworkPolicy stage.
  const internal = compiled.internal;
  const adminObjects: K8sObject[] = adminPolicies.map((p) =>
    api === "v1alpha2" ? emitClusterNetworkPolicy(p, profile, internal) : emitAdminNetworkPolicy(p, profile, internal),
  );
  if (baseline)
    adminObjects.push(
      api === "v1alpha2" ? emitBaselineClusterNetworkPolicy(baseline, profile) : emitBaselineAdminNetworkPolicy(baseline, profile),
    );
  const adminModel = clusterModelOfPlaced(adminObjects.map((object, i) => ({ file: `admin-${i}.yaml`, object })));

  // Class-based NetworkPolicy stage.
  // External blocks: NSX's IPv4 atoms cut at every address boundary the admin objects use, so each block is
  // wholly inside or outside every admin peer (an atom may be several ranges that straddle CIDR chunks).
  const { externals, sources: externalSources } = refineExternals(compiled.externalClasses, externalBlocks(adminModel.policies));
  const space = spaceOf(
    classes.map((c) => ({ nsx: c.representative, party: classParty(c, namespaces) })),
    externals.map((x) => x.endpoint.addresses),
  );
  stageDone("classes");
  const nsxRows = new NsxRows(compiled, space, new TrafficInterner());
  const shared = sharedRows(
    compiled,
    nsxRows,
    classes.map((c) => c.representative.vm.id),
    externalSources,
  );
  const adminRows = new AdminRows(adminModel.policies, space, nsxRows.interner, nsxRows.universeId);
  nsxRows.computeAll();
  stageDone("nsx-rows");
  const describer = new ClassDescriber(classes, [...atoms.values()]);
  const stage = planNetworkPolicyStage({
    classes,
    externals,
    nsx: nsxRows,
    admin: adminRows,
    adminPolicies: adminModel.policies,
    namespaces,
    describer,
    internal,
    defaultRuleId: estate.defaultRuleId,
  });
  const networkPolicies: NetworkPolicyPlan[] = stage.policies.map((p) => ({
    ...p,
    name: names.take(p.namespace, `nsx-${slugOf(p.subject)}`),
  }));

  stageDone("network-policies");

  // Logging: Namespaces where a logged rule is enforced.
  const loggedNamespaces = new Set<string>();
  for (const rule of compiled.rules) {
    if (!rule.rule.logged) continue;
    for (const vm of compiled.vms) {
      const enforced =
        (rule.appliedTo.any || rule.appliedTo.vmIds.has(vm.vm.id)) &&
        (selectorMatches(rule.sources, vm, 4) || selectorMatches(rule.destinations, vm, 4));
      if (enforced) loggedNamespaces.add(vmNamespace.get(vm.vm.id)!);
    }
  }

  // Emit.
  const files: Record<string, string> = {};
  const objects: K8sObject[] = [];
  const placed: PlacedObject[] = [];
  const put = (path: string, object: K8sObject) => {
    files[path] = toYaml(object);
    objects.push(object);
    placed.push({ file: path, object });
  };
  for (const ns of namespaceNames)
    put(`namespaces/${ns}.yaml`, emitNamespace({ name: ns, labels: namespaceLabels.get(ns)!, logged: loggedNamespaces.has(ns) }, profile));
  adminObjects.forEach((o, i) => {
    const isBaseline = i >= adminPolicies.length;
    put(isBaseline ? "admin/baseline.yaml" : `admin/${String(adminPolicies[i].priority).padStart(3, "0")}-${o.metadata.name}.yaml`, o);
  });
  for (const np of networkPolicies) put(`network-policies/${np.namespace}/${np.name}.yaml`, emitNetworkPolicy(np, profile));
  const vmFiles: string[] = [];
  for (const vm of [...estate.vms].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const plan: VmLabelPlan = {
      vmId: vm.id,
      vmName: vm.name,
      name: vmNames.get(vm.id)!,
      namespace: vmNamespace.get(vm.id)!,
      labels: { ...labelsOf(vm.id) },
    };
    const path = `vm-labels/${plan.namespace}/${plan.name}.yaml`;
    put(path, emitVirtualMachineLabels(plan, profile));
    vmFiles.push(path.slice("vm-labels/".length));
  }
  const policyFiles = Object.keys(files)
    .filter((f) => !f.startsWith("vm-labels/"))
    .sort();
  files["kustomization.yaml"] = emitKustomization(
    policyFiles,
    `Generated by parity from NSX estate "${estate.name}": Namespaces and policies (${api}).`,
  );
  files["vm-labels/kustomization.yaml"] = emitKustomization(
    vmFiles.sort(),
    "Labels for the migrated KubeVirt VirtualMachines; apply with: kubectl apply --server-side -k vm-labels/",
  );

  stageDone("emit");
  const errors = validateObjects(objects, { maxAdminPriority: profile.limits.maxAdminPolicies });
  if (errors.length > 0) throw new TranslationError(`emitted objects violate CRD constraints: ${errors.slice(0, 10).join("; ")}`);

  stageDone("validate");

  // Findings.
  const findings: TFinding[] = [
    ...problemFindings(compiled),
    ...ruleFindings(compiled),
    ...identityFindings(taxonomy.notes, materialised.labels, ambiguous),
    ...lostTrafficFindings(stage.lost, classes, externals),
  ];
  if (admin.bandOverflow) findings.push(makeFinding("admin-band-overflow", [], `${admin.bandOverflow}.`));
  if (admin.limitOverflow)
    findings.push(
      makeFinding(
        "admin-policy-limit",
        admin.dropped.flatMap((p) => [...p.ingress, ...p.egress].map((r) => r.ruleId)),
        `${admin.limitOverflow}.`,
      ),
    );
  findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.id < b.id ? -1 : 1));
  files["findings.json"] = `${JSON.stringify(findings, null, 2)}\n`;
  files["README.md"] = outputReadme({ estate: estate.name, api, findings, namespaces: namespaceNames.length });

  stageDone("findings");
  const sortedFiles = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
  const findingCounts: Record<string, number> = {};
  for (const f of findings) findingCounts[f.severity] = (findingCounts[f.severity] ?? 0) + 1;
  return {
    files: sortedFiles,
    objects,
    placed,
    shared,
    findings,
    profile,
    summary: {
      api,
      vms: estate.vms.length,
      namespaces: namespaceNames.length,
      adminNetworkPolicies: adminPolicies.length,
      adminRules: adminPolicies.reduce((n, p) => n + p.ingress.length + p.egress.length, 0),
      baseline: baseline !== undefined,
      networkPolicies: networkPolicies.length,
      networkPolicyRules: networkPolicies.reduce((n, p) => n + (p.ingress?.length ?? 0) + (p.egress?.length ?? 0), 0),
      materialisedLabels: materialised.labels.length,
      translationClasses: classes.length,
      externalBlocks: externals.length,
      findings: findingCounts,
      ...(admin.limitOverflow || admin.bandOverflow
        ? { adminOverflow: [admin.bandOverflow, admin.limitOverflow].filter(Boolean).join("; ") }
        : {}),
      unsound: stage.unsound,
      elapsedMs: Date.now() - started,
    },
  };
}

/** IPv4 NSX external classes cut at the blocks; `sources[i]`: the NSX external class index of `externals[i]`. */
function refineExternals(all: readonly ExternalClass[], blocks: readonly IpSet[]): { externals: ExternalClass[]; sources: number[] } {
  const v4 = blocks.filter((b) => !b.intersect(IpSet.allV4()).isEmpty());
  const externals: ExternalClass[] = [];
  const sources: number[] = [];
  all.forEach((atom, index) => {
    if (atom.family !== 4) return;
    if (v4.length === 0) {
      externals.push(atom);
      sources.push(index);
      return;
    }
    for (const block of v4) {
      const addresses = atom.endpoint.addresses.intersect(block);
      if (!addresses.isEmpty()) {
        externals.push({ id: `ext#${externals.length}`, kind: "external", family: 4, endpoint: { kind: "external", addresses } });
        sources.push(index);
      }
    }
  });
  return { externals, sources };
}

function sharedRows(
  compiled: CompiledNsx,
  rows: NsxRows,
  representatives: readonly string[],
  externalSources: readonly number[],
): SharedNsxRows {
  const vmClassOf = new Map<string, number>();
  compiled.vmClasses.forEach((c, i) => c.members.forEach((m) => vmClassOf.set(m.vm.id, i)));
  const subjectOfVmClass = new Int32Array(compiled.vmClasses.length).fill(-1);
  representatives.forEach((id, t) => {
    const k = vmClassOf.get(id);
    if (k !== undefined && subjectOfVmClass[k] < 0) subjectOfVmClass[k] = t;
  });
  const peerOfExternalClass = new Int32Array(compiled.externalClasses.length).fill(-1);
  externalSources.forEach((k, x) => {
    if (peerOfExternalClass[k] < 0) peerOfExternalClass[k] = representatives.length + x;
  });
  return new SharedNsxRows(compiled, rows, subjectOfVmClass, peerOfExternalClass);
}

function severityRank(s: TFinding["severity"]): number {
  return ["critical", "high", "medium", "low", "info"].indexOf(s);
}
