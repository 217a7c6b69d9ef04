/**
 * `govc tags.attached.ls -json` (and `-l`): `[{tag_id, tag?, object_ids: [{Type, Value}]}]`, the
 * vSphere `list-attached-objects-on-tags` shape with govc's ManagedObjectReference spelling. The shared
 * reader handles both spellings; this module names the format for detection and the report.
 */
import type { EstateFragment } from "../fragment.ts";
import { parseVsphereTagging, unwrapValue } from "./vsphere-automation.ts";

/** govc writes object references as `{Type, Value}`; the vSphere API as `{type, id}`. */
export function isGovcAttached(root: unknown): boolean {
  const { value } = unwrapValue(root);
  if (!Array.isArray(value) || value.length === 0) return false;
  const first = value[0] as { tag_id?: unknown; object_ids?: unknown };
  if (typeof first !== "object" || first === null || typeof first.tag_id !== "string") return false;
  const objects = Array.isArray(first.object_ids) ? (first.object_ids as Record<string, unknown>[]) : [];
  return objects.length > 0 && typeof objects[0] === "object" && objects[0] !== null && "Value" in objects[0];
}

export function parseGovcAttached(root: unknown, fragment: EstateFragment): void {
  parseVsphereTagging(root, "attached-objects-on-tags", fragment);
}
