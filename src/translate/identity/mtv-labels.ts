/**
 * The labels the Migration Toolkit for Virtualization (MTV, upstream kubev2v/forklift) writes from vCenter
 * tags, reproduced exactly from its source (pkg/controller/plan/adapter/vsphere/builder.go,
 * `SourceVMLabelsAndAnnotations` and `sanitizeForK8sMetadata`):
 *
 * - every vCenter tag on the VM becomes one label; its category plays no part;
 * - key `vsphere.forklift.konveyor.io/<tag name>`, value `<tag description>`, both sanitised;
 * - sanitising keeps a text that already is a valid label value (≤ 63 of [A-Za-z0-9._-], alphanumeric at
 *   both ends, or empty); otherwise every run of characters outside [a-zA-Z0-9_.-] becomes one "_", then
 *   "_", "." and "-" are trimmed from both ends, then the text is cut to 63 characters and trimmed again
 *   at the end; a tag whose name sanitises to nothing gets no label;
 * - the plan's `tagMapping.labelTags` (tag names, case-insensitive) limits which tags become labels; empty
 *   means all of them; two tags whose keys coincide leave one label (the later tag wins).
 *
 * MTV writes these labels on the VirtualMachine object (`metadata.labels`), not on
 * `spec.template.metadata.labels`, which is what the VM's pod carries and policies select.
 */
export const MTV_LABEL_PREFIX = "vsphere.forklift.konveyor.io/";

const VALID_LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const OUTSIDE_NAME_CHARS = /[^a-zA-Z0-9_.-]+/g;
const MAX = 63;

/** MTV's `sanitizeForK8sMetadata`. Lengths count UTF-8 bytes as Go does; after replacement all are ASCII. */
export function mtvSanitize(text: string): string {
  if (text === "") return "";
  if (new TextEncoder().encode(text).length <= MAX && VALID_LABEL_VALUE.test(text)) return text;
  let sanitized = text.replace(OUTSIDE_NAME_CHARS, "_").replace(/^[_.-]+|[_.-]+$/g, "");
  if (sanitized.length > MAX) sanitized = sanitized.slice(0, MAX).replace(/[_.-]+$/, "");
  return sanitized;
}

/** The label MTV writes for one tag, or undefined when the name sanitises to nothing or the filter excludes it. */
export function mtvLabelOf(
  tag: { name: string; description?: string },
  labelTags: readonly string[] = [],
): { key: string; value: string } | undefined {
  if (labelTags.length > 0 && !labelTags.some((t) => t.toLowerCase() === tag.name.toLowerCase())) return undefined;
  const name = mtvSanitize(tag.name);
  if (name === "") return undefined;
  return { key: MTV_LABEL_PREFIX + name, value: mtvSanitize(tag.description ?? "") };
}
