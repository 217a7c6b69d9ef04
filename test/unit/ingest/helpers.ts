import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { ImportFile } from "../../../src/ingest/types.ts";

export const IMPORTS = path.resolve(import.meta.dirname, "../../../imports");

export function file(relative: string, name = relative): ImportFile {
  return { name, bytes: new Uint8Array(readFileSync(path.join(IMPORTS, relative))) };
}

export function dir(relative: string): ImportFile[] {
  return readdirSync(path.join(IMPORTS, relative))
    .sort()
    .map((f) => file(path.join(relative, f)));
}

export const text = (name: string, content: string): ImportFile => ({ name, bytes: new TextEncoder().encode(content) });
export const json = (name: string, value: unknown): ImportFile => text(name, JSON.stringify(value, null, 1));
