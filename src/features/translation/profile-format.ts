/** Shared by the mapping profile's form and read-only view. */
import type { TMappingProfile } from "../../translate/profile/mapping-profile.ts";

export const BAND_NAMES = ["Emergency", "Infrastructure", "Environment"] as const;

/** The label renames as "scope=label" lines (the textarea's format). */
export function renameText(profile: TMappingProfile): string {
  return Object.entries(profile.taxonomy.rename)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}
