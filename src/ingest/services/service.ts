/** A raw NSX Service object (`/infra/services/<id>`) parsed into the estate model's `NsxService`. */
import { z } from "zod";
import type { NsxService } from "../../policy/index.ts";
import { parseServiceEntries, type ServiceParseError } from "./service-entry.ts";

export const ZRawService = z.looseObject({
  id: z.string().optional(),
  path: z.string().min(1),
  display_name: z.string().optional(),
  is_default: z.boolean().optional(),
  service_entries: z.array(z.unknown()).nullish(),
});

export function parseService(raw: unknown, where: string, file: string): { service?: NsxService; errors: ServiceParseError[] } {
  const parsed = ZRawService.safeParse(raw);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => ({
        where: where + issue.path.map((p) => `/${String(p)}`).join(""),
        message: issue.message,
      })),
    };
  }
  const { entries, errors } = parseServiceEntries(parsed.data.service_entries, `${where}/service_entries`);
  const service: NsxService = {
    path: parsed.data.path,
    name: parsed.data.display_name ?? parsed.data.id ?? parsed.data.path,
    entries,
    ...(parsed.data.is_default ? { builtIn: true } : {}),
    source: { file, where },
  };
  return { service, errors };
}
