/**
 * One netpol-analyzer oracle case, judged purely: scope from the input's content, then our connectivity
 * against the expected connlist, compared semantically.
 */
import { buildClusterModel } from "../k8s/cluster-model.ts";
import { computeConnectivity } from "../k8s/connectivity.ts";
import { readManifestObjects, type ManifestFile } from "../k8s/manifest-documents.ts";
import { compareConnlists, type ConnlistDifference } from "./compare.ts";
import { parseConnlist, type ConnlistLine } from "./parse.ts";

export type OracleVerdict =
  { status: "PASS" } | { status: "FAIL"; detail: string; differences: ConnlistDifference[] } | { status: "OUT-OF-SCOPE"; reason: string };

/** Features outside our model (the pod network only; no secondary networks or ingress controllers). */
const OUT_OF_SCOPE_KINDS: Record<string, string> = {
  UserDefinedNetwork: "user-defined networks (UDN) are outside the model",
  ClusterUserDefinedNetwork: "cluster user-defined networks (CUDN) are outside the model",
  NetworkAttachmentDefinition: "secondary networks (NetworkAttachmentDefinition) are outside the model",
  MultiNetworkPolicy: "secondary-network policies (MultiNetworkPolicy) are outside the model",
  Ingress: "Ingress (ingress-controller connectivity) is outside the model",
  Route: "OpenShift Routes (ingress-controller connectivity) are outside the model",
};

/** Decided from the kinds the input declares; a file our YAML reader rejects is scanned for `kind:` lines. */
export function outOfScopeReason(files: readonly ManifestFile[]): string | undefined {
  const reasons = new Set<string>();
  for (const file of files) {
    let kinds: string[];
    try {
      kinds = readManifestObjects([file]).map((o) => o.kind);
    } catch {
      kinds = [...file.text.matchAll(/^\s*"?kind"?\s*:\s*"?([A-Za-z]+)/gm)].map((m) => m[1]);
    }
    for (const kind of kinds) {
      const reason = OUT_OF_SCOPE_KINDS[kind];
      if (reason) reasons.add(reason);
    }
  }
  return reasons.size ? [...reasons].sort().join("; ") : undefined;
}

export function judgeNetpolAnalyzerCase(files: readonly ManifestFile[], expectedConnlist: string): OracleVerdict {
  const reason = outOfScopeReason(files);
  if (reason) return { status: "OUT-OF-SCOPE", reason };
  const model = buildClusterModel(files);
  const connectivity = computeConnectivity(model);
  const ours: ConnlistLine[] = connectivity.connections.map((c, i) => ({ src: c.src, dst: c.dst, traffic: c.allowed, lineNumber: i + 1 }));
  const differences = compareConnlists(ours, parseConnlist(expectedConnlist));
  if (differences.length === 0) return { status: "PASS" };
  const first = differences[0];
  return {
    status: "FAIL",
    detail: `${first.src} => ${first.dst}: ours "${first.ours}" vs expected "${first.expected}" (${differences.length} differing pair${differences.length === 1 ? "" : "s"})`,
    differences,
  };
}
