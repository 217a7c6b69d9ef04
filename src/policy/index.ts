/**
 * The engine's public surface: everything the other libraries, the server, the CLI and the scripts use of
 * src/policy. ESLint (eslint.config.js, NO_POLICY_DEEP_IMPORTS) forbids importing src/policy/<area>/… from
 * outside src/policy, so the engine's inside can change without touching its users. Tests of the engine's
 * own modules may import them directly. Add a name here when another library needs it.
 */
export { clusterModelOf } from "./bench/cluster-model-of.ts";
export { syntheticEstate } from "./bench/synthetic-estate.ts";
export { BENCH_SHAPES, benchShape, type BenchShape, type ShapeOptions } from "./bench/shapes/index.ts";
export { bankAppsEstate } from "./bench/shapes/bank-apps.ts";
export { judgeNetpolAnalyzerCase, type OracleVerdict } from "./connlist/oracle-case.ts";
export { annotationCorrespondence } from "./equivalence/annotation-correspondence.ts";
export {
  checkEquivalence,
  compareEnforcementPoints,
  mergePointDifferences,
  type PointDifferences,
} from "./equivalence/check-equivalence.ts";
export { correspond, type CorrespondenceMap, type MatchedVm } from "./equivalence/correspondence.ts";
export { type ClassMembers, type ExcludedFlows } from "./equivalence/difference.ts";
export { buildEndpointSpace, type CommonVmClass, type EndpointSpace, type ExternalAtom } from "./equivalence/endpoint-space.ts";
export { K8sEnforcement } from "./equivalence/k8s-enforcement.ts";
export { contains, NsxEnforcement, type PreparedDirection } from "./equivalence/nsx-enforcement.ts";
export { PairTable } from "./equivalence/pair-table.ts";
export { TrafficInterner } from "./equivalence/traffic-interner.ts";
export { normaliseAdminPolicy } from "./k8s/admin-network-policy.ts";
export { buildClusterModel, DEFAULT_NAMESPACE, NAMESPACE_NAME_LABEL, orderPolicies, samePriorityErrors } from "./k8s/cluster-model.ts";
export { computeConnectivity, endpointParties } from "./k8s/connectivity.ts";
export { applicationHeatmap, appOf, type HeatmapCell } from "./heatmap/application-heatmap.ts";
export { evaluateDirection, policySelects } from "./k8s/evaluate-direction.ts";
export { explainFlow, UnknownEndpointError as K8sUnknownEndpointError } from "./k8s/explain-flow.ts";
export { externalBlocks } from "./k8s/external-blocks.ts";
export { jsonPointer, ManifestError, type ManifestFile, readManifestObjects } from "./k8s/manifest-documents.ts";
export {
  type ClusterModel,
  type Direction,
  type IgnoredObject,
  type K8sEndpoint,
  type K8sNamespace,
  type Labels,
  type LabelSelector,
  type NormalisedPolicy,
  type SourcePlace,
} from "./k8s/model.ts";
export { normaliseNetworkPolicy } from "./k8s/network-policy.ts";
export { type Party, partyName, peerMatches } from "./k8s/party.ts";
export {
  ZAdminNetworkPolicy,
  ZBaselineAdminNetworkPolicy,
  ZClusterNetworkPolicy,
  ZNamespace,
  ZNetworkPolicy,
  ZVirtualMachine,
} from "./k8s/schemas.ts";
export { type EndpointDraft, foldEndpoints, WORKLOAD_KINDS } from "./k8s/workloads.ts";
export { type LintItem } from "./lint/lint-item.ts";
export { lintNsx } from "./lint/lint-rules.ts";
export { familySpace, familyTraffic, ruleCoversFamily } from "./nsx/address-family.ts";
export { type CompiledNsx, type CompileOptions, compileNsx } from "./nsx/compile.ts";
export { splitTagValue } from "./nsx/condition.ts";
export { nsxConnectivity } from "./nsx/connectivity.ts";
export { type ExternalClass, internalSpace } from "./nsx/endpoint-classes.ts";
export { type Endpoint, vmEndpoint, type VmEndpoint, vmTakesPart } from "./nsx/endpoint.ts";
export { explainNsxFlow, UnknownEndpointError as NsxUnknownEndpointError } from "./nsx/explain-flow.ts";
export { GroupResolver } from "./nsx/group-membership.ts";
export {
  type ConditionOperator,
  type GroupExpression,
  NSX_CATEGORIES,
  type NsxAction,
  type NsxCategory,
  type NsxDirection,
  type NsxEstate,
  type NsxGroup,
  type NsxIpProtocol,
  type NsxPolicy,
  type NsxRule,
  type NsxSegment,
  type NsxService,
  type NsxTag,
  type NsxVm,
  type PortRange,
  type ServiceEntry,
  type SourceRef,
} from "./nsx/model.ts";
export { compareWithVmwareAnalyzer } from "./nsx/oracle/vmware-analyzer-compare.ts";
export { type NsxProblem, ProblemLog } from "./nsx/problems.ts";
export { type CompiledRule, compileRuleTable } from "./nsx/rule-table.ts";
export { buildPeerSelector, buildScopeSelector, isAny, type Selector, selectorMatches } from "./nsx/selector.ts";
export { ServiceResolver } from "./nsx/services.ts";
export { allowedAtVnic, type VnicDirection } from "./nsx/vnic-evaluation.ts";
export { IntervalSet } from "./sets/interval-set.ts";
export { IpSet } from "./sets/ip-set.ts";
export { AddressIndex } from "./sets/address-index.ts";
export { type Flow, type L4ProtocolName, protocolNumber, TrafficSet, ZTrafficSetJson } from "./sets/traffic-set.ts";
