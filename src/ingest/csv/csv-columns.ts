/**
 * The columns each CSV format is recognised by, so a CSV that is *almost* one of them is refused with the
 * columns it lacks ("missing its Category column") instead of a bare "unrecognised columns".
 */
import type { CsvTable } from "./read-csv.ts";

interface CsvVariant {
  format: string;
  /** Names as written in the export's header (matching is case- and separator-insensitive). */
  columns: readonly string[];
}

const VARIANTS: readonly CsvVariant[] = [
  { format: "NSX rule export", columns: ["Sources", "Destinations", "Services", "Action"] },
  { format: "PowerCLI Get-TagAssignment (flattened: Entity, Tag, Category)", columns: ["Entity", "Tag", "Category"] },
  { format: "PowerCLI Get-TagAssignment (raw objects: Uid, Tag, Entity)", columns: ["Uid", "Tag", "Entity"] },
  { format: "RVTools vInfo", columns: ["VM", "Powerstate"] },
  { format: "RVTools vNetwork", columns: ["VM", "Mac Address"] },
];

export interface CsvNearMiss {
  format: string;
  missing: string[];
  present: string[];
}

/**
 * The formats this header comes closest to (most of a variant's columns present, at least two), best
 * first; empty when nothing is close.
 */
export function csvNearMisses(table: CsvTable): CsvNearMiss[] {
  const scored = VARIANTS.map((v) => {
    const present = v.columns.filter((c) => table.column(c) !== undefined);
    return { format: v.format, present, missing: v.columns.filter((c) => !present.includes(c)), share: present.length / v.columns.length };
  }).filter((s) => s.present.length >= 2 && s.share >= 0.5 && s.missing.length > 0);
  const best = Math.max(0, ...scored.map((s) => s.share));
  return scored.filter((s) => s.share === best).map(({ format, present, missing }) => ({ format, present, missing }));
}

const list = (names: readonly string[]) => names.join(", ");
const columnWord = (names: readonly string[]) => (names.length === 1 ? `its ${names[0]} column` : `its columns ${list(names)}`);

/** The refusal for a CSV no reader recognises, naming what is missing when the header is a near miss. */
export function unrecognisedCsvMessage(table: CsvTable): string {
  const found = `found columns ${list(table.header.slice(0, 8))}${table.header.length > 8 ? ", …" : ""}`;
  const [first, ...others] = csvNearMisses(table);
  if (!first)
    return `CSV with unrecognised columns (${list(table.header.slice(0, 8))}): expected a rule export, RVTools vInfo/vNetwork, or PowerCLI Get-TagAssignment`;
  const alternatives = others.map((o) => ` or, as ${o.format}, ${columnWord(o.missing)}`).join("");
  return `CSV is missing ${columnWord(first.missing)} for ${first.format}${alternatives}; ${found}`;
}
