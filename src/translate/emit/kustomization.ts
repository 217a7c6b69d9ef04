/** kustomization.yaml files: the policies and Namespaces at the root, the VM label patches in vm-labels/. */
import { toYaml } from "./yaml-document.ts";

export function emitKustomization(resources: readonly string[], comment: string): string {
  const body = toYaml({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: [...resources] });
  return `# ${comment}\n${body}`;
}
