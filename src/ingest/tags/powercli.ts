/**
 * PowerCLI `Get-TagAssignment | Export-Csv`, in its two common forms:
 * - raw objects: columns Uid, Tag, Entity, Id, Name, Client; `Tag` prints as `Category/Name`, `Entity` as
 *   the VM name, and `Uid` carries the moref (`.../VirtualMachine=VirtualMachine-vm-101/...`);
 * - flattened (`Select Entity, @{N='Tag';E={$_.Tag.Name}}, @{N='Category';E={$_.Tag.Category.Name}}`).
 */
import type { EstateFragment, VcenterObjectRef } from "../fragment.ts";
import { cellWhere, type CsvTable } from "../csv/read-csv.ts";

export function isPowerCliTagAssignment(table: CsvTable): boolean {
  const has = (name: string) => table.column(name) !== undefined;
  return has("Entity") && has("Tag") && (has("Uid") || has("Category"));
}

function objectFromUid(uid: string | undefined, entity: string): VcenterObjectRef {
  const match = uid ? /\/(\w+)=\1-((?:vm|host|domain|datastore|dvportgroup|network|group|resgroup|datacenter)-[\w.-]+)\//.exec(uid) : null;
  if (match) return { type: match[1], moref: match[2], name: entity };
  const type = uid ? /\/(\w+)=\w+-/.exec(uid)?.[1] : undefined;
  return { type: type ?? "VirtualMachine", name: entity };
}

export function parsePowerCliTagAssignment(table: CsvTable, fragment: EstateFragment): void {
  const entityColumn = table.column("Entity")!;
  const tagColumn = table.column("Tag")!;
  const categoryColumn = table.column("Category");
  const uidColumn = table.column("Uid");
  const skipped = new Set<string>();
  for (const row of table.rows) {
    const entity = row.cells[entityColumn]?.trim() ?? "";
    const tagText = row.cells[tagColumn]?.trim() ?? "";
    if (!entity) {
      fragment.error(cellWhere(row.line, entityColumn), "Entity is empty");
      continue;
    }
    let category: string;
    let name: string;
    if (categoryColumn !== undefined) {
      category = row.cells[categoryColumn]?.trim() ?? "";
      name = tagText;
      if (!category || !name) {
        fragment.error(cellWhere(row.line, category ? tagColumn : categoryColumn), "Tag and Category must both be set");
        continue;
      }
    } else {
      // Tag.ToString() is "Category/Name"; a tag name may itself contain "/", a category name may not.
      const slash = tagText.indexOf("/");
      if (slash <= 0 || slash === tagText.length - 1) {
        fragment.error(cellWhere(row.line, tagColumn), `Tag "${tagText}" is not in the Category/Name form`);
        continue;
      }
      category = tagText.slice(0, slash);
      name = tagText.slice(slash + 1);
    }
    const object = objectFromUid(uidColumn !== undefined ? row.cells[uidColumn] : undefined, entity);
    if (object.type !== "VirtualMachine") {
      if (!skipped.has(object.type)) {
        skipped.add(object.type);
        fragment.warn("ignored", `line ${row.line}`, `tags on ${object.type} objects do not apply to VM traffic; skipped`);
      }
      continue;
    }
    fragment.tagAttachments.push({ object, tag: { scope: category, tag: name }, source: fragment.ref(`line ${row.line}`) });
  }
}
