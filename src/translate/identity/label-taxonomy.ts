/**
 * NSX tags → Kubernetes labels. A scope that every VM carries at most once becomes one label key
 * (`<prefix><scope>` = tag); a scope some VM carries several times, and scope-less tags, become one boolean
 * label per tag (`<prefix><scope>.<tag>` = "true"), since a label key holds one value. Names and values are
 * normalised to label syntax; normalisations and collisions are recorded for the findings.
 */
import type { NsxEstate, NsxVm } from "../../policy/index.ts";
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import { literal, MATCH_NONE, normaliseDnf, type Dnf } from "../selectors/label-requirement.ts";
import { normaliseLabelName, normaliseLabelValue, shortHash } from "./label-normalise.ts";
import { buildMtvTaxonomy } from "./mtv-taxonomy.ts";

export interface TagLabel {
  scope: string;
  tag: string;
  key: string;
  value: string;
}

export interface TaxonomyNote {
  kind: "normalised" | "collision";
  message: string;
}

export interface LabelTaxonomy {
  /** Label key per scope when single-valued, else undefined. */
  singleValued: ReadonlyMap<string, string>;
  labelsOf(vm: NsxVm): Record<string, string>;
  /** "The VM carries a tag in `scopes` (undefined = any scope) whose text satisfies `test`." */
  tagDnf(scopes: (scope: string) => boolean, test: (tag: string) => boolean, exactTag?: { scope: string; tag: string }): Dnf;
  mappings: readonly TagLabel[];
  notes: readonly TaxonomyNote[];
}

export function buildLabelTaxonomy(estate: NsxEstate, profile: TMappingProfile): LabelTaxonomy {
  return profile.taxonomy.preset === "mtv" ? buildMtvTaxonomy(estate, profile, buildParityTaxonomy) : buildParityTaxonomy(estate, profile);
}

function buildParityTaxonomy(estate: NsxEstate, profile: TMappingProfile): LabelTaxonomy {
  const prefix = profile.labelPrefix;
  const tagsByScope = new Map<string, Set<string>>();
  const multi = new Set<string>();
  for (const vm of estate.vms) {
    const perScope = new Map<string, number>();
    for (const t of vm.tags) {
      tagsByScope.set(t.scope, (tagsByScope.get(t.scope) ?? new Set()).add(t.tag));
      perScope.set(t.scope, (perScope.get(t.scope) ?? 0) + 1);
    }
    for (const [scope, n] of perScope) if (n > 1 || scope === "") multi.add(scope);
  }
  const notes: TaxonomyNote[] = [];
  const usedKeys = new Map<string, string>(); // key → what it stands for
  const claimKey = (raw: string, stands: string): string => {
    let key = prefix + normaliseLabelName(raw);
    const owner = usedKeys.get(key);
    if (owner !== undefined && owner !== stands) {
      const fixed = prefix + normaliseLabelName(`${raw}-${shortHash(stands)}`);
      notes.push({ kind: "collision", message: `label key ${key} would stand for both ${owner} and ${stands}; ${stands} uses ${fixed}` });
      key = fixed;
    }
    usedKeys.set(key, stands);
    return key;
  };
  const mappings: TagLabel[] = [];
  const singleValued = new Map<string, string>();
  const byTag = new Map<string, TagLabel>(); // `${scope}|${tag}`
  for (const scope of [...tagsByScope.keys()].sort()) {
    const tags = [...tagsByScope.get(scope)!].sort();
    if (!multi.has(scope)) {
      const key = claimKey(profile.taxonomy.rename[scope] ?? scope, `tag scope "${scope}"`);
      singleValued.set(scope, key);
      const valueOwner = new Map<string, string>();
      for (const tag of tags) {
        let value = normaliseLabelValue(tag);
        if (valueOwner.has(value) && valueOwner.get(value) !== tag) {
          const fixed = normaliseLabelValue(`${value}-${shortHash(tag)}`);
          notes.push({
            kind: "collision",
            message: `tags "${scope}|${valueOwner.get(value)}" and "${scope}|${tag}" both normalise to ${key}=${value}; the latter uses ${fixed}`,
          });
          value = fixed;
        }
        valueOwner.set(value, tag);
        if (value !== tag) notes.push({ kind: "normalised", message: `tag "${scope}|${tag}" → label ${key}=${value}` });
        const mapping = { scope, tag, key, value };
        mappings.push(mapping);
        byTag.set(`${scope}|${tag}`, mapping);
      }
    } else {
      for (const tag of tags) {
        const raw = scope === "" ? `tag.${tag}` : `${profile.taxonomy.rename[scope] ?? scope}.${tag}`;
        const key = claimKey(raw, `tag "${scope}|${tag}"`);
        if (key !== prefix + raw) notes.push({ kind: "normalised", message: `tag "${scope}|${tag}" → label ${key}=true` });
        const mapping = { scope, tag, key, value: "true" };
        mappings.push(mapping);
        byTag.set(`${scope}|${tag}`, mapping);
      }
    }
  }
  return {
    singleValued,
    mappings,
    notes,
    labelsOf(vm) {
      const labels: Record<string, string> = {};
      for (const t of vm.tags) {
        const m = byTag.get(`${t.scope}|${t.tag}`);
        if (m) labels[m.key] = m.value;
      }
      return labels;
    },
    tagDnf(scopes, test, exactTag) {
      const conjunctions: Dnf[] = [];
      for (const [scope, tags] of tagsByScope) {
        if (!scopes(scope)) continue;
        const matching = [...tags].filter(test);
        if (matching.length === 0) continue;
        const key = singleValued.get(scope);
        if (key)
          conjunctions.push([
            [
              literal(
                key,
                "In",
                matching.map((t) => byTag.get(`${scope}|${t}`)!.value),
              ),
            ],
          ]);
        else conjunctions.push(matching.map((t) => [literal(byTag.get(`${scope}|${t}`)!.key, "Exists")]));
      }
      // A tag no VM carries yet still gets its label requirement, so the selector keeps the intent.
      if (exactTag && !byTag.has(`${exactTag.scope}|${exactTag.tag}`) && exactTag.scope !== "") {
        const key =
          singleValued.get(exactTag.scope) ??
          (tagsByScope.has(exactTag.scope)
            ? undefined
            : prefix + normaliseLabelName(profile.taxonomy.rename[exactTag.scope] ?? exactTag.scope));
        if (key) conjunctions.push([[literal(key, "In", [normaliseLabelValue(exactTag.tag)])]]);
      }
      return conjunctions.length === 0 ? MATCH_NONE : normaliseDnf(conjunctions.flat());
    },
  };
}
