/**
 * The NSX 4.x default service catalogue (`/infra/services/...`), shipped as data because exports usually
 * refer to these services by path without including them. Apache-2.0, np-guard authors: see ATTRIBUTION.md.
 */
import catalogue from "./nsx-default-catalogue.json" with { type: "json" };
import type { NsxService } from "../../policy/index.ts";
import { parseService } from "./service.ts";

const CATALOGUE_FILE = "nsx-default-catalogue.json";

let cached: NsxService[] | undefined;

/** Every built-in service, parsed once; a parse error here is a packaging bug, so it throws. */
export function builtInServices(): NsxService[] {
  if (cached) return cached;
  const services: NsxService[] = [];
  catalogue.services.forEach((raw, index) => {
    const { service, errors } = parseService(raw, `/services/${index}`, CATALOGUE_FILE);
    if (errors.length > 0 || !service) {
      throw new Error(`built-in service catalogue: ${errors.map((e) => `${e.where}: ${e.message}`).join("; ")}`);
    }
    services.push({ ...service, builtIn: true });
  });
  cached = services;
  return services;
}
