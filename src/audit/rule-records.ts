/**
 * Rule ownership and business justification per NSX rule (PCI DSS v4.0.1 requirement 1.2.5: every allowed
 * service, protocol and port has a business justification and an owner). The first version comes from the
 * export: what src/ingest keeps of a rule is its `notes` (NSX-T notes / NSX-V <notes> / the CSV notes column)
 * and its `tag` (NSX-T's free-text rule tag). Notes written as "Owner: … ; Justification: …" (also
 * "justification:", "purpose:", "reason:", "business justification:") are split into the two fields;
 * otherwise the notes are the justification and the tag names the owner. Security engineers then edit
 * them with history (append-only versions in the database); a snapshot freezes the current version of each.
 */
import { z } from "zod";
import { type NsxEstate } from "../policy/index.ts";

export const ZRuleRecord = z.strictObject({
  owner: z.string().nullable(),
  justification: z.string().nullable(),
  /** "export": taken from the NSX export's notes/tag; "edited": written by a person in Parity. */
  source: z.enum(["export", "edited"]),
  /** 0 for the export's value; 1, 2, … for each edit. */
  version: z.int().nonnegative(),
  editedBy: z.string().optional(),
  editedAt: z.iso.datetime({ offset: true }).optional(),
});
export type TRuleRecord = z.infer<typeof ZRuleRecord>;

export const ZRuleRecords = z.strictObject({
  /** Rule id → its ownership record; every rule of the frozen policy has one. */
  rules: z.record(z.string(), ZRuleRecord),
  /** Rules without an owner or without a justification (PCI DSS 1.2.5 gaps), by id. */
  missingOwner: z.array(z.string()),
  missingJustification: z.array(z.string()),
});
export type TRuleRecords = z.infer<typeof ZRuleRecords>;

const OWNER_KEYS = /^(owner|rule owner|business owner|responsible)$/i;
const JUSTIFICATION_KEYS = /^(justification|business justification|purpose|reason|why)$/i;

/** Splits "Owner: Payments team; Justification: card clearing" into its fields; unkeyed text stays whole. */
export function parseNotes(notes: string | undefined): { owner: string | null; justification: string | null } {
  const text = (notes ?? "").trim();
  if (!text) return { owner: null, justification: null };
  let owner: string | null = null;
  let justification: string | null = null;
  const rest: string[] = [];
  for (const piece of text.split(/[;\n|]+/)) {
    const m = /^\s*([A-Za-z ]{2,30})\s*[:=]\s*(.+?)\s*$/.exec(piece);
    if (m && OWNER_KEYS.test(m[1].trim())) owner = m[2];
    else if (m && JUSTIFICATION_KEYS.test(m[1].trim())) justification = m[2];
    else if (piece.trim()) rest.push(piece.trim());
  }
  if (justification === null && rest.length > 0) justification = rest.join("; ");
  return { owner, justification };
}

export function exportRecord(rule: { notes?: string; tag?: string }): TRuleRecord {
  const parsed = parseNotes(rule.notes);
  const tag = rule.tag?.trim() || null;
  return { owner: parsed.owner ?? tag, justification: parsed.justification, source: "export", version: 0 };
}

export interface TRuleEdit {
  ruleId: string;
  version: number;
  owner: string | null;
  justification: string | null;
  editedBy: string;
  editedAt: string;
}

/** Every rule's current record: the latest edit if any, else the export's values. */
export function ruleRecordsOf(estate: NsxEstate, latestEdits: ReadonlyMap<string, TRuleEdit> = new Map()): TRuleRecords {
  const rules: Record<string, TRuleRecord> = {};
  for (const policy of estate.policies) {
    for (const rule of policy.rules) {
      const edit = latestEdits.get(rule.id);
      rules[rule.id] = edit
        ? {
            owner: edit.owner,
            justification: edit.justification,
            source: "edited",
            version: edit.version,
            editedBy: edit.editedBy,
            editedAt: edit.editedAt,
          }
        : exportRecord(rule);
    }
  }
  const ids = Object.keys(rules);
  return {
    rules,
    missingOwner: ids.filter((id) => !rules[id].owner),
    missingJustification: ids.filter((id) => !rules[id].justification),
  };
}
