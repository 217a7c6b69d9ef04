/** Deterministic YAML: fixed key order as built, no line folding, one document per file. */
import { stringify } from "yaml";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export function toYaml(object: unknown): string {
  return stringify(object, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}
