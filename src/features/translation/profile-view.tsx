"use client";
/** The mapping profile read-only, for roles that may not change it. */
import type { TMappingProfile } from "../../translate/profile/mapping-profile.ts";
import { BAND_NAMES, renameText } from "./profile-format.ts";

export function ProfileView({ profile }: { profile: TMappingProfile }) {
  return (
    <dl className="kv">
      {BAND_NAMES.map((name) => (
        <div key={name} style={{ display: "contents" }}>
          <dt>{name} band</dt>
          <dd>
            {profile.bands[name].from}–{profile.bands[name].to}
          </dd>
        </div>
      ))}
      <dt>Namespace rule</dt>
      <dd>
        {profile.namespace.scope ? `tag scope "${profile.namespace.scope}"` : "one Namespace"}, prefix “{profile.namespace.prefix}”,
        fallback {profile.namespace.fallback}
      </dd>
      <dt>Label prefix</dt>
      <dd className="mono">{profile.labelPrefix}</dd>
      <dt>Label taxonomy</dt>
      <dd>
        {profile.taxonomy.includeScopes.length > 0 ? profile.taxonomy.includeScopes.join(", ") : "every tag scope"}
        {Object.keys(profile.taxonomy.rename).length > 0 ? ` · renamed: ${renameText(profile).replace(/\n/g, ", ")}` : ""}
      </dd>
    </dl>
  );
}
