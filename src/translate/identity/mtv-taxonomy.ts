/**
 * The `mtv` label preset: vCenter tags are selected by the labels MTV writes for them (mtv-labels.ts), so
 * the policies speak MTV's vocabulary. A tag keeps Parity's own label instead when MTV's label cannot stand
 * for it alone: NSX tags (MTV copies vCenter tags only), tags outside the plan's `labelTags`, names that
 * sanitise to nothing, and keys shared by two tags (MTV's key ignores the category, so `env|prod` and
 * `zone|prod` would both be `vsphere.forklift.konveyor.io/prod`). Selectors test MTV labels with Exists:
 * the key names the tag; the value is its description, which says nothing about membership.
 */
import type { NsxEstate, NsxTag, NsxVm } from "../../policy/index.ts";
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import { literal, normaliseDnf, orDnf, type Dnf } from "../selectors/label-requirement.ts";
import type { LabelTaxonomy, TagLabel, TaxonomyNote } from "./label-taxonomy.ts";
import { mtvLabelOf } from "./mtv-labels.ts";

type Fallback = (estate: NsxEstate, profile: TMappingProfile) => LabelTaxonomy;

const id = (t: { scope: string; tag: string }) => `${t.scope}|${t.tag}`;

export function buildMtvTaxonomy(estate: NsxEstate, profile: TMappingProfile, fallback: Fallback): LabelTaxonomy {
  const notes: TaxonomyNote[] = [];
  // Candidate MTV label per vCenter tag; descriptions may differ between exports of one tag: keep the first.
  const candidates = new Map<string, { tag: NsxTag; key: string; value: string }>();
  const refused = new Map<string, string>();
  for (const vm of estate.vms) {
    for (const t of vm.tags) {
      const tid = id(t);
      if (candidates.has(tid) || refused.has(tid)) continue;
      if (!t.vcenter || t.scope === "") {
        refused.set(tid, "an NSX tag (MTV copies vCenter tags only)");
        continue;
      }
      const label = mtvLabelOf({ name: t.tag, description: t.vcenter.description }, profile.taxonomy.mtvLabelTags);
      if (!label) {
        refused.set(
          tid,
          profile.taxonomy.mtvLabelTags.length > 0
            ? "not in the MTV plan's labelTags, or its name has no label characters"
            : "its name has no label characters",
        );
        continue;
      }
      candidates.set(tid, { tag: t, ...label });
    }
  }
  // A key two tags would share cannot tell them apart: both keep Parity's labels.
  const byKey = new Map<string, string[]>();
  for (const [tid, c] of candidates) byKey.set(c.key, [...(byKey.get(c.key) ?? []), tid]);
  for (const [key, tids] of byKey) {
    if (tids.length < 2) continue;
    for (const tid of tids) {
      candidates.delete(tid);
      refused.set(tid, `MTV writes one label ${key} for ${tids.join(", ")}`);
    }
  }
  for (const [tid, why] of [...refused].sort())
    notes.push({ kind: "normalised", message: `tag "${tid}" keeps Parity's label: ${why}; it needs the label patch` });
  for (const c of [...candidates.values()].sort((a, b) => (id(a.tag) < id(b.tag) ? -1 : 1))) {
    if (c.tag.vcenter?.description === undefined)
      notes.push({
        kind: "normalised",
        message: `tag "${id(c.tag)}" → ${c.key}; its description (MTV's label value) is not in the upload, so the patch writes ""`,
      });
  }

  const isMtv = (t: NsxTag) => candidates.has(id(t));
  const rest = fallback({ ...estate, vms: estate.vms.map((vm) => ({ ...vm, tags: vm.tags.filter((t) => !isMtv(t)) })) }, profile);
  const mtvTags = [...candidates.values()];
  const mappings: TagLabel[] = [
    ...mtvTags.map((c) => ({ scope: c.tag.scope, tag: c.tag.tag, key: c.key, value: c.value })),
    ...rest.mappings,
  ];
  return {
    singleValued: rest.singleValued,
    mappings,
    notes: [...notes, ...rest.notes],
    labelsOf(vm: NsxVm) {
      const labels = rest.labelsOf({ ...vm, tags: vm.tags.filter((t) => !isMtv(t)) });
      for (const t of vm.tags) {
        const c = candidates.get(id(t));
        if (c) labels[c.key] = c.value;
      }
      return labels;
    },
    tagDnf(scopes, test, exactTag) {
      const mtv: Dnf = mtvTags.filter((c) => scopes(c.tag.scope) && test(c.tag.tag)).map((c) => [literal(c.key, "Exists")]);
      const exactIsMtv = exactTag !== undefined && candidates.has(id(exactTag));
      return normaliseDnf(orDnf(mtv, rest.tagDnf(scopes, test, exactIsMtv ? undefined : exactTag)));
    },
  };
}
