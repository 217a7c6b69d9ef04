/**
 * The HTTP guard reads a multipart body only for the procedures it lists (role checked first). A procedure
 * whose input is FormData but missing from that list would be refused with 415 before it runs, as the
 * workshop attachments and the deployed-state check once were; this keeps the two in step, over the real
 * router (nested routers included).
 */
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { appRouter } from "../../../src/server/api/root.ts";
import { MULTIPART_PROCEDURES } from "../../../src/server/http/trpc-handler.ts";

function formDataProcedures(): string[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs?: unknown[] } }>;
  return (
    Object.entries(procedures)
      // FormData input: accepts a FormData and refuses a plain object (optional/empty inputs accept both).
      .filter(([, procedure]) =>
        (procedure._def.inputs ?? []).some((input) => {
          const schema = input as ZodType;
          return schema.safeParse?.(new FormData()).success && !schema.safeParse({}).success;
        }),
      )
      .map(([path]) => path)
      .sort()
  );
}

describe("multipart procedures", () => {
  it("every procedure that takes FormData is admitted by the HTTP guard, and nothing else", () => {
    const uploads = formDataProcedures();
    expect(uploads.length).toBeGreaterThan(3);
    expect(Object.keys(MULTIPART_PROCEDURES).sort()).toEqual(uploads);
  });
});
