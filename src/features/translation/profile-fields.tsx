"use client";
/** The mapping profile's editable fields: priority bands, Namespace rule, label prefix and taxonomy. */
import type { TMappingProfile } from "../../translate/profile/mapping-profile.ts";
import { BAND_NAMES, renameText } from "./profile-format.ts";

type Bands = TMappingProfile["bands"];

export function ProfileFields({
  profile,
  edit,
}: {
  profile: TMappingProfile;
  edit: (change: (p: TMappingProfile) => TMappingProfile) => void;
}) {
  const setBand = (name: keyof Bands, end: "from" | "to", value: number) =>
    edit((p) => ({ ...p, bands: { ...p.bands, [name]: { ...p.bands[name], [end]: value } } }));
  return (
    <>
      <fieldset className="chips" style={{ gap: 16 }}>
        <legend>AdminNetworkPolicy priority bands (0–99 honoured by OVN-Kubernetes)</legend>
        {BAND_NAMES.map((name) => (
          <div key={name} className="row" style={{ gap: 6 }}>
            <strong style={{ minWidth: 110 }}>{name}</strong>
            <label htmlFor={`band-${name}-from`} className="sr-only">
              {name} from
            </label>
            <input
              id={`band-${name}-from`}
              type="number"
              min={0}
              max={999}
              value={profile.bands[name].from}
              onChange={(e) => setBand(name, "from", Number(e.target.value))}
              style={{ width: 80 }}
            />
            <span aria-hidden="true">–</span>
            <label htmlFor={`band-${name}-to`} className="sr-only">
              {name} to
            </label>
            <input
              id={`band-${name}-to`}
              type="number"
              min={0}
              max={999}
              value={profile.bands[name].to}
              onChange={(e) => setBand(name, "to", Number(e.target.value))}
              style={{ width: 80 }}
            />
          </div>
        ))}
      </fieldset>
      <div className="grid cols-3">
        <div className="field">
          <label htmlFor="ns-scope">Namespace from tag scope</label>
          <input
            id="ns-scope"
            type="text"
            value={profile.namespace.scope ?? ""}
            onChange={(e) =>
              edit((p) => ({ ...p, namespace: { ...p.namespace, scope: e.target.value.trim() === "" ? null : e.target.value.trim() } }))
            }
          />
          <div className="hint">Empty: every VM in the fallback Namespace.</div>
        </div>
        <div className="field">
          <label htmlFor="ns-fallback">Fallback Namespace</label>
          <input
            id="ns-fallback"
            type="text"
            value={profile.namespace.fallback}
            onChange={(e) => edit((p) => ({ ...p, namespace: { ...p.namespace, fallback: e.target.value } }))}
          />
        </div>
        <div className="field">
          <label htmlFor="ns-prefix">Namespace prefix</label>
          <input
            id="ns-prefix"
            type="text"
            value={profile.namespace.prefix}
            onChange={(e) => edit((p) => ({ ...p, namespace: { ...p.namespace, prefix: e.target.value } }))}
          />
        </div>
        <div className="field">
          <label htmlFor="label-prefix">Label prefix</label>
          <input
            id="label-prefix"
            type="text"
            value={profile.labelPrefix}
            onChange={(e) => edit((p) => ({ ...p, labelPrefix: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor="include-scopes">Tag scopes carried as labels</label>
          <input
            id="include-scopes"
            type="text"
            value={profile.taxonomy.includeScopes.join(", ")}
            onChange={(e) =>
              edit((p) => ({
                ...p,
                taxonomy: {
                  ...p.taxonomy,
                  includeScopes: e.target.value
                    .split(",")
                    .map((s) => s.trim())
                    .filter(Boolean),
                },
              }))
            }
          />
          <div className="hint">Comma-separated; empty = every scope. Scopes a rule needs are always carried.</div>
        </div>
        <div className="field">
          <label htmlFor="rename">Label names (scope=label, one per line)</label>
          <textarea
            id="rename"
            rows={3}
            value={renameText(profile)}
            onChange={(e) =>
              edit((p) => ({
                ...p,
                taxonomy: {
                  ...p.taxonomy,
                  rename: Object.fromEntries(
                    e.target.value
                      .split("\n")
                      .map((line) => line.split("=").map((s) => s.trim()))
                      .filter(([k, v]) => k && v),
                  ),
                },
              }))
            }
          />
        </div>
      </div>
    </>
  );
}
