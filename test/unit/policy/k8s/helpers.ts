import { buildClusterModel } from "../../../../src/policy/k8s/cluster-model.ts";
import { computeConnectivity } from "../../../../src/policy/k8s/connectivity.ts";
import type { ClusterModel } from "../../../../src/policy/k8s/model.ts";

export function model(yaml: string): ClusterModel {
  return buildClusterModel([{ file: "test.yaml", text: yaml }]);
}

/** `src => dst` → netpol-analyzer connection string, for pairs with some connection. */
export function connections(yaml: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const c of computeConnectivity(model(yaml)).connections) result[`${c.src} => ${c.dst}`] = c.allowed.toConnString("netpol-analyzer");
  return result;
}

export const ns = (name: string, labels: Record<string, string> = {}) =>
  `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels: ${JSON.stringify(labels)}\n`;

export const pod = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ports: { name: string; containerPort: number; protocol?: string }[] = [],
) =>
  `---\n${JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace, labels }, spec: { containers: [{ name: "c", ports }] } })}\n`;

export const obj = (o: unknown) => `---\n${JSON.stringify(o)}\n`;
