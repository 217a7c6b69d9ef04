/** NSX `Service` objects of an export, parsed by the shared service parser (src/ingest/services). */
import type { NsxService } from "../../policy/index.ts";
import type { EstateFragment } from "../fragment.ts";
import { parseService } from "../services/service.ts";

export function toService(raw: unknown, where: string, fragment: EstateFragment): NsxService | undefined {
  const { service, errors } = parseService(raw, where, fragment.file);
  for (const e of errors) fragment.error(e.where, e.message);
  if (!service || errors.length > 0) return undefined;
  // The export's copy of a default service is the export's truth; only catalogue fallbacks are "built in".
  const { builtIn: _builtIn, ...exported } = service;
  return exported;
}
