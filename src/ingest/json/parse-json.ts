/**
 * JSON.parse with a located error: "line L, column C" instead of a bare character offset,
 * because that is what a security engineer can find in an editor.
 */
import { locateJsonSyntaxError } from "./locate-syntax-error.ts";

export type JsonParseOutcome = { ok: true; value: unknown } | { ok: false; where: string; message: string };

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

export function parseJson(text: string): JsonParseOutcome {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : locateJsonSyntaxError(text);
    const { line, column } = lineColumnAt(text, offset);
    return { ok: false, where: `line ${line}, column ${column}`, message: `Invalid JSON: ${message}` };
  }
}
