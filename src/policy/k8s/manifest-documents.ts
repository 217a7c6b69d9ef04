/**
 * Splits manifest files (YAML or JSON, multi-document, `List` kinds) into objects, each remembering
 * where it came from so validation errors can name the file, the document and the JSON pointer.
 */
import { parseAllDocuments } from "yaml";
import type { IgnoredObject, SourcePlace } from "./model.ts";
import { readPlainYaml } from "./plain-yaml.ts";

export interface ManifestFile {
  file: string;
  text: string;
}

export interface ManifestObject {
  object: Record<string, unknown>;
  kind: string;
  apiVersion: string;
  source: SourcePlace;
}

export class ManifestError extends Error {
  constructor(
    readonly source: SourcePlace,
    detail: string,
  ) {
    super(`${source.file} document ${source.documentIndex}${source.pointer ? ` at ${source.pointer}` : ""}: ${detail}`);
    this.name = "ManifestError";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON pointer (RFC 6901) of a path. */
export function jsonPointer(base: string, path: readonly PropertyKey[]): string {
  return base + path.map((part) => `/${String(part).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** Documents that are not Kubernetes objects (no kind, plain arrays of data) go to `skipped`, as kubectl tools skip them. */
export function readManifestObjects(files: readonly ManifestFile[], skipped: IgnoredObject[] = []): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const { file, text } of files) {
    // Plain block YAML (most manifests, and all the translator writes) is read directly; the rest by the library.
    const plain = readPlainYaml(text);
    if (plain) {
      plain.forEach((value, documentIndex) => collect(value, { file, documentIndex, pointer: "" }, objects, skipped));
      continue;
    }
    const documents = parseAllDocuments(text);
    const list = Array.isArray(documents) ? documents : [documents];
    list.forEach((document, documentIndex) => {
      if (document.errors.length > 0) {
        throw new ManifestError({ file, documentIndex, pointer: "" }, `YAML/JSON syntax: ${document.errors[0].message}`);
      }
      collect(document.toJS(), { file, documentIndex, pointer: "" }, objects, skipped);
    });
  }
  return objects;
}

function collect(value: unknown, source: SourcePlace, into: ManifestObject[], skipped: IgnoredObject[], itemKind?: string): void {
  if (value === null || value === undefined) return; // empty document (e.g. a trailing `---`)
  if (!isRecord(value)) {
    skipped.push({ kind: "", name: "", reason: "not a Kubernetes object", source });
    return;
  }
  // Items of a typed list (`PodList`, `NamespaceList`) may omit their own kind.
  const kind = typeof value.kind === "string" && value.kind ? value.kind : (itemKind ?? "");
  if (Array.isArray(value.items) && (kind === "List" || kind.endsWith("List"))) {
    const listItemKind = kind === "List" ? undefined : kind.slice(0, -"List".length);
    value.items.forEach((item, index) =>
      collect(item, { ...source, pointer: `${source.pointer}/items/${index}` }, into, skipped, listItemKind),
    );
    return;
  }
  if (!kind) {
    skipped.push({ kind: "", name: "", reason: "not a Kubernetes object (no kind)", source });
    return;
  }
  const apiVersion = typeof value.apiVersion === "string" ? value.apiVersion : "";
  into.push({ object: value, kind, apiVersion, source });
}
