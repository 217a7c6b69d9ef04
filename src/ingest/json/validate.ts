/**
 * zod validation that reports every issue with the JSON pointer of the offending value, so an error in a
 * 100 MB export points at `/children/0/children/3/expression/1/value`, not "invalid input".
 */
import type { z } from "zod";
import type { EstateFragment } from "../fragment.ts";
import { displayPointer, pointer } from "./pointer.ts";

export function validate<T>(schema: z.ZodType<T>, value: unknown, where: string, fragment: EstateFragment): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const at = pointer(where, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)));
    fragment.error(displayPointer(at), issue.message);
  }
  return undefined;
}
