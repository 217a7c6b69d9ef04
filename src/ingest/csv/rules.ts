/**
 * A CSV rule export (one row per rule): policy, category, rule id, name, sources, destinations, services,
 * action, direction, applied-to, logged, disabled; optional: ip protocol, sources excluded, destinations
 * excluded, sequence, notes, tag, profiles. Headers match case-insensitively; multi-value cells split on `;`
 * or newlines. Members may be paths, addresses, ANY, or display names (resolved by name after merging).
 */
import {
  NSX_CATEGORIES,
  type NsxAction,
  type NsxCategory,
  type NsxDirection,
  type NsxIpProtocol,
  type NsxPolicy,
  type NsxRule,
} from "../../policy/index.ts";
import { addressProblem, looksLikeAddress } from "../addresses.ts";
import type { EstateFragment } from "../fragment.ts";
import { cellWhere, splitMulti, type CsvTable } from "./read-csv.ts";

const REQUIRED = ["policy", "category", "name", "sources", "destinations", "services", "action"] as const;

export function isCsvRuleExport(table: CsvTable): boolean {
  return ["sources", "destinations", "services", "action"].every((c) => table.column(c) !== undefined);
}

/** Display names in CSV members are marked so the merge step can resolve them against groups/services. */
export const NAME_PREFIX = "name:";

const ACTIONS: Record<string, NsxAction> = {
  allow: "ALLOW",
  drop: "DROP",
  deny: "DROP",
  reject: "REJECT",
  jumptoapplication: "JUMP_TO_APPLICATION",
};
const DIRECTIONS: Record<string, NsxDirection> = { in: "IN", out: "OUT", inout: "IN_OUT" };
const PROTOCOLS: Record<string, NsxIpProtocol> = { ipv4: "IPV4", ipv6: "IPV6", ipv4ipv6: "IPV4_IPV6", any: "IPV4_IPV6" };
const key = (text: string) => text.toLowerCase().replace(/[\s_\-/]+/g, "");

export function parseCsvRules(table: CsvTable, fragment: EstateFragment): void {
  const missing = REQUIRED.filter((c) => table.column(c) === undefined);
  if (missing.length > 0) {
    fragment.error("line 1", `missing column(s): ${missing.join(", ")} (found: ${table.header.join(", ")})`);
    return;
  }
  const col = (name: string) => table.column(name);
  const idColumn = col("rule id") ?? col("id");
  const policies = new Map<string, NsxPolicy>();
  for (const row of table.rows) {
    const cell = (index: number | undefined) => (index === undefined ? "" : (row.cells[index] ?? "").trim());
    let ok = true;
    const bad = (column: number | undefined, message: string) => {
      fragment.error(column === undefined ? `line ${row.line}` : cellWhere(row.line, column), message);
      ok = false;
    };
    const bool = (name: string): boolean => {
      const index = col(name);
      const text = cell(index).toLowerCase();
      if (text === "" || ["false", "no", "0", "n"].includes(text)) return false;
      if (["true", "yes", "1", "y"].includes(text)) return true;
      bad(index, `${name} must be true or false, found "${text}"`);
      return false;
    };
    const policyName = cell(col("policy"));
    if (!policyName) bad(col("policy"), "policy is empty");
    const categoryText = cell(col("category"));
    const category = NSX_CATEGORIES.find((c) => c.toLowerCase() === categoryText.toLowerCase()) as NsxCategory | undefined;
    if (!category) bad(col("category"), `category must be one of ${NSX_CATEGORIES.join(", ")}, found "${categoryText}"`);
    const actionText = cell(col("action"));
    const action = ACTIONS[key(actionText)];
    if (!action) bad(col("action"), `action must be ALLOW, DROP, REJECT or JUMP_TO_APPLICATION, found "${actionText}"`);
    const directionText = cell(col("direction"));
    const direction = directionText ? DIRECTIONS[key(directionText)] : "IN_OUT";
    if (!direction) bad(col("direction"), `direction must be IN, OUT or IN_OUT, found "${directionText}"`);
    const protocolText = cell(col("ip protocol"));
    const ipProtocol = protocolText ? PROTOCOLS[key(protocolText)] : "IPV4_IPV6";
    if (!ipProtocol) bad(col("ip protocol"), `ip protocol must be IPV4, IPV6 or IPV4_IPV6, found "${protocolText}"`);
    const members = (name: string, allowAddresses: boolean): string[] => {
      const index = col(name);
      const values = splitMulti(cell(index));
      if (values.length === 0) return ["ANY"];
      if (values.some((v) => v.toUpperCase() === "ANY")) {
        if (values.length > 1) bad(index, `"ANY" cannot be combined with other ${name}`);
        return ["ANY"];
      }
      return values.map((value) => {
        if (value.startsWith("/")) return value;
        if (allowAddresses && looksLikeAddress(value)) {
          const problem = addressProblem(value);
          if (problem) bad(index, problem);
          return value;
        }
        return NAME_PREFIX + value;
      });
    };
    const sources = members("sources", true);
    const destinations = members("destinations", true);
    const services = members("services", false);
    const scope =
      col("applied to") !== undefined ? members("applied to", false) : col("scope") !== undefined ? members("scope", false) : ["ANY"];
    const idText = cell(idColumn);
    if (idText && !/^\d+$/.test(idText)) bad(idColumn, `rule id must be a number, found "${idText}"`);
    const sequenceText = cell(col("sequence"));
    if (sequenceText && !/^-?\d+$/.test(sequenceText)) bad(col("sequence"), `sequence must be a number, found "${sequenceText}"`);
    const rule: NsxRule = {
      id: idText || `${policyName}/line-${row.line}`,
      name: cell(col("name")) || idText || `line ${row.line}`,
      sequenceNumber: sequenceText ? Number(sequenceText) : row.line,
      action: action ?? "DROP",
      direction: direction ?? "IN_OUT",
      ipProtocol: ipProtocol ?? "IPV4_IPV6",
      sources,
      sourcesExcluded: bool("sources excluded"),
      destinations,
      destinationsExcluded: bool("destinations excluded"),
      services,
      serviceEntries: [],
      scope,
      profiles: splitMulti(cell(col("profiles"))).filter((p) => p.toUpperCase() !== "ANY"),
      disabled: bool("disabled"),
      logged: bool("logged"),
      source: fragment.ref(`line ${row.line}`),
    };
    if (idText && /^\d+$/.test(idText)) rule.ruleId = Number(idText);
    const notes = cell(col("notes"));
    const tag = cell(col("tag"));
    if (notes) rule.notes = notes;
    if (tag) rule.tag = tag;
    if (rule.profiles.length > 0)
      fragment.warn(
        "l7Profile",
        `line ${row.line}`,
        `rule ${rule.name} uses context profiles ${rule.profiles.join(", ")}: outside the L3/L4 model`,
      );
    if (!ok || !category) continue;
    let policy = policies.get(policyName);
    if (!policy) {
      policy = {
        id: `csv:${policyName}`,
        name: policyName,
        category,
        sequenceNumber: policies.size,
        scope: ["ANY"],
        stateful: true,
        rules: [],
        source: fragment.ref(`line ${row.line}`),
      };
      policies.set(policyName, policy);
      if (category === "Ethernet")
        fragment.warn("ethernet", `line ${row.line}`, `policy ${policyName} is in the Ethernet category: outside the L3 model`);
    } else if (policy.category !== category) {
      bad(col("category"), `policy ${policyName} was ${policy.category} on an earlier row, ${category} here`);
      continue;
    }
    policy.rules.push(rule);
  }
  for (const policy of policies.values()) {
    policy.rules.sort((a, b) => a.sequenceNumber - b.sequenceNumber);
    fragment.policies.push(policy);
  }
}
