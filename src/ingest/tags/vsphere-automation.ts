/**
 * vSphere Automation API tagging responses (REST `/api/...`; the older `/rest/...` wraps each in `{value}`):
 * - `POST /api/cis/tagging/tag-association?action=list-attached-tags-on-objects` → `[{object_id, tag_ids}]`
 * - `POST /api/cis/tagging/tag-association?action=list-attached-objects-on-tags` → `[{tag_id, object_ids}]`
 * - `GET /api/vcenter/tagging/associations` → `{associations: [{tag, object}], marker}`
 * - tag and category details (`GET /api/cis/tagging/tag/{id}`, `.../category/{id}`), collected as arrays
 * - `GET /api/vcenter/vm` → `[{vm, name, power_state, ...}]`, the moref ↔ name bridge to NSX VMs.
 * govc's `tags.attached.ls -json`, `tags.ls -json` and `tags.category.ls -json` print the same shapes
 * (object ids as `{Type, Value}`), so they are read here too.
 */
import { z } from "zod";
import type { EstateFragment, VcenterObjectRef } from "../fragment.ts";
import { displayPointer, pointer } from "../json/pointer.ts";
import { validate } from "../json/validate.ts";

const ZObjectId = z.union([
  z.object({ type: z.string().min(1), id: z.string().min(1) }).transform((o) => ({ type: o.type, moref: o.id })),
  z.object({ Type: z.string().min(1), Value: z.string().min(1) }).transform((o) => ({ type: o.Type, moref: o.Value })),
]);

export const ZAttachedTagsOnObjects = z.array(z.object({ object_id: ZObjectId, tag_ids: z.array(z.string().min(1)) }));
export const ZAttachedObjectsOnTags = z.array(
  z.object({
    tag_id: z.string().min(1),
    tag: z.object({ id: z.string(), name: z.string(), category_id: z.string(), description: z.string().nullish() }).nullish(),
    object_ids: z.array(ZObjectId).nullish(),
  }),
);
export const ZAssociations = z.object({
  associations: z.array(z.object({ tag: z.string().min(1), object: ZObjectId })),
  marker: z.string().nullish(),
});
export const ZTagList = z.array(
  z.object({ id: z.string().min(1), name: z.string().min(1), category_id: z.string().min(1), description: z.string().nullish() }),
);
export const ZCategoryList = z.array(
  z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    cardinality: z.string().optional(),
    associable_types: z.array(z.string()).nullish(),
    description: z.string().nullish(),
  }),
);
export const ZVmList = z.array(
  z.object({ vm: z.string().min(1), name: z.string().min(1), power_state: z.string().optional(), instance_uuid: z.string().optional() }),
);

export type VsphereShape =
  "attached-tags-on-objects" | "attached-objects-on-tags" | "associations" | "tag-list" | "category-list" | "vm-list";

/** `/rest/...` responses wrap the payload in `{value: ...}`. */
export function unwrapValue(root: unknown): { value: unknown; base: string } {
  if (typeof root === "object" && root !== null && !Array.isArray(root) && Object.keys(root).length === 1 && "value" in root) {
    return { value: (root as { value: unknown }).value, base: "/value" };
  }
  return { value: root, base: "" };
}

/** Recognises the shape from its first element's keys; undefined when it is none of them. */
export function vsphereShapeOf(root: unknown): VsphereShape | undefined {
  const { value } = unwrapValue(root);
  if (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as { associations?: unknown }).associations)
  )
    return "associations";
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const first = value[0] as Record<string, unknown>;
  if (typeof first !== "object" || first === null) return undefined;
  if ("object_id" in first && "tag_ids" in first) return "attached-tags-on-objects";
  if ("tag_id" in first && ("object_ids" in first || "tag" in first)) return "attached-objects-on-tags";
  if ("category_id" in first && "name" in first && "id" in first) return "tag-list";
  if (("cardinality" in first || "associable_types" in first) && "name" in first && "id" in first) return "category-list";
  if ("vm" in first && "name" in first && typeof first.vm === "string") return "vm-list";
  return undefined;
}

function attach(fragment: EstateFragment, object: VcenterObjectRef, tagId: string, where: string, skipped: Set<string>): void {
  if (object.type !== "VirtualMachine") {
    if (!skipped.has(object.type)) {
      skipped.add(object.type);
      fragment.warn("ignored", displayPointer(where), `tags on ${object.type} objects do not apply to VM traffic; skipped`);
    }
    return;
  }
  fragment.tagAttachments.push({ object, tagId, source: fragment.ref(displayPointer(where)) });
}

export function parseVsphereTagging(root: unknown, shape: VsphereShape, fragment: EstateFragment): void {
  const { value, base } = unwrapValue(root);
  const skipped = new Set<string>();
  switch (shape) {
    case "attached-tags-on-objects": {
      const list = validate(ZAttachedTagsOnObjects, value, base, fragment);
      list?.forEach((entry, i) =>
        entry.tag_ids.forEach((tagId, j) => attach(fragment, entry.object_id, tagId, pointer(base, i, "tag_ids", j), skipped)),
      );
      return;
    }
    case "attached-objects-on-tags": {
      const list = validate(ZAttachedObjectsOnTags, value, base, fragment);
      list?.forEach((entry, i) => {
        // govc -l carries the tag itself: it names the tag even without a tag listing.
        if (entry.tag)
          fragment.tagDefinitions.push({
            id: entry.tag.id,
            name: entry.tag.name,
            categoryId: entry.tag.category_id,
            ...(typeof entry.tag.description === "string" ? { description: entry.tag.description } : {}),
            source: fragment.ref(displayPointer(pointer(base, i, "tag"))),
          });
        (entry.object_ids ?? []).forEach((object, j) => attach(fragment, object, entry.tag_id, pointer(base, i, "object_ids", j), skipped));
      });
      return;
    }
    case "associations": {
      const list = validate(ZAssociations, value, base, fragment);
      list?.associations.forEach((a, i) => attach(fragment, a.object, a.tag, pointer(base, "associations", i), skipped));
      return;
    }
    case "tag-list": {
      const list = validate(ZTagList, value, base, fragment);
      list?.forEach((t, i) =>
        fragment.tagDefinitions.push({
          id: t.id,
          name: t.name,
          categoryId: t.category_id,
          ...(typeof t.description === "string" ? { description: t.description } : {}),
          source: fragment.ref(displayPointer(pointer(base, i))),
        }),
      );
      return;
    }
    case "category-list": {
      const list = validate(ZCategoryList, value, base, fragment);
      list?.forEach((c, i) =>
        fragment.categoryDefinitions.push({ id: c.id, name: c.name, source: fragment.ref(displayPointer(pointer(base, i))) }),
      );
      return;
    }
    case "vm-list": {
      const list = validate(ZVmList, value, base, fragment);
      list?.forEach((v, i) => {
        const record = { name: v.name, moref: v.vm, ips: [], macs: [], source: fragment.ref(displayPointer(pointer(base, i))) };
        fragment.vcenterVms.push(v.instance_uuid ? { ...record, instanceUuid: v.instance_uuid } : record);
      });
      return;
    }
  }
}
