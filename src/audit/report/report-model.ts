/**
 * What the report says, computed once from a sealed snapshot: the verdict, the findings, the differences
 * grouped by the finding that accounts for them (each worded as a sentence), the rule-by-rule traceability
 * and the people. The PDF prints a bounded summary of it; the bundle carries all of it as CSV and JSON
 * (`report-files.ts`). Pure: reads only the snapshot's parts (loosely, since the parts keep the engine's
 * result verbatim), so a part this version does not know is skipped, never guessed.
 */
import { parseAllDocuments } from "yaml";
import type { TApproval } from "../approval.ts";
import type { TSealedSnapshot } from "../snapshot.ts";
import { SEVERITIES, type TFinding } from "../snapshot-model.ts";
import { countsOfEquivalencePart, verdictOf, type TVerdict } from "../verdict.ts";

export type TSeverity = (typeof SEVERITIES)[number];

export interface TReportFinding {
  /** The translation's finding id ("F-3"), or `lint-<n>` for lint items. */
  id: string;
  source: "translation" | "lint";
  severity: TSeverity;
  title: string;
  code?: string;
  kind?: string;
  ruleIds: string[];
  why?: string;
  remediation?: string;
  effect?: string;
  raw: TFinding;
}

export interface TDifferenceView {
  status: "unexplained" | "explained-by-finding";
  findingIds: string[];
  /** One sentence: the example flow, both sides' decisions, the finding. */
  sentence: string;
  /** The same without the finding (printed under the finding's own heading). */
  example: string;
  family?: number;
  srcClass: string;
  dstClass: string;
  flow: string;
  nsx: string;
  k8s: string;
}

export interface TDifferenceGroup {
  /** "unexplained" or the sorted finding ids joined by "+". */
  key: string;
  findings: TReportFinding[];
  count: number;
  examples: TDifferenceView[];
}

export type TCarried = "carried" | "partly carried" | "not carried" | "not carried (disabled)" | "not needed (never decides)";

export interface TTraceRow {
  ruleId: string;
  ruleName: string;
  policy: string;
  category: string;
  action: string;
  objects: string[];
  status: TCarried;
  findingIds: string[];
  owner: string | null;
  justification: string | null;
}

export interface TPerson {
  who: string;
  role: string | null;
  at: string;
  decision: "approve" | "reject";
  changeRef: string | null;
  reason: string | null;
}

export interface TReportModel {
  verdict: TVerdict;
  findings: TReportFinding[];
  differences: TDifferenceView[];
  /** Differences detailed in the part (the verification stores at most a few hundred; counts cover all). */
  differencesStored: number;
  /** The group counts cover every detailed difference (the verification stored them per group), not only the stored. */
  groupCountsComplete: boolean;
  groups: TDifferenceGroup[];
  trace: TTraceRow[];
  /** Rule data carries an owner or justification column (PCI DSS 1.2.5). */
  hasOwnership: boolean;
  approvals: TPerson[];
  stats: Record<string, number>;
  unmatchedVms: { name: string; reason: string }[];
}

const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const ICMP_NAMES: Record<number, string> = { 0: "echo reply", 3: "destination unreachable", 8: "echo request", 11: "time exceeded" };
const ICMP6_NAMES: Record<number, string> = { 1: "destination unreachable", 128: "echo request", 129: "echo reply" };
const PROTOCOLS: Record<number, string> = { 1: "ICMP", 6: "TCP", 17: "UDP", 58: "ICMPv6", 132: "SCTP" };

/** "ICMP echo request", "TCP 443", "UDP 53 from source port 5353", "protocol 47". */
export function flowWords(flow: unknown): string {
  const f = obj(flow);
  if (!f || typeof f.protocol !== "number") return "a flow";
  const name = PROTOCOLS[f.protocol] ?? `IP protocol ${f.protocol}`;
  if (typeof f.icmpType === "number") {
    const known = (f.protocol === 58 ? ICMP6_NAMES : ICMP_NAMES)[f.icmpType];
    return `${name} ${known ?? `type ${f.icmpType}`}${typeof f.icmpCode === "number" ? ` code ${f.icmpCode}` : ""}`;
  }
  if (typeof f.dstPort === "number") return `${name} ${f.dstPort}${typeof f.srcPort === "number" ? ` from source port ${f.srcPort}` : ""}`;
  return name;
}

/** How one side decided an example flow, in words: "allowed by NSX rule 5092 'PROD to PROD ping'". */
export function sideWords(side: "NSX" | "Kubernetes", result: unknown): string {
  const r = obj(result);
  if (!r) return `${side}: not recorded`;
  const verdict = str(r.verdict) ?? "unknown";
  const verb = verdict === "allow" ? "allowed" : verdict === "reject" ? "rejected" : "denied";
  const decisions = arr(r.decisions)
    .map(obj)
    .filter((d): d is Record<string, unknown> => d !== null);
  // The decision that settled it: for a deny the point that denied, for an allow the first rule that allowed.
  const deciding =
    verdict === "allow"
      ? (decisions.find((d) => d.isDefault !== true) ?? decisions[0])
      : (decisions.find((d) => d.verdict !== "allow") ?? decisions[0]);
  if (!deciding) return `${verb} by ${side}`;
  if (deciding.isDefault === true) return `${verb} by default in ${side} (${defaultWords(deciding)})`;
  if (side === "NSX") {
    const id = str(deciding.ruleId);
    const name = str(deciding.rule);
    return `${verb} by NSX rule ${id ?? ""}${name && name !== id ? ` '${name}'` : ""}${str(deciding.policy) ? ` (policy ${str(deciding.policy)})` : ""}`.replace(
      "rule  ",
      "rule ",
    );
  }
  return `${verb} by ${str(deciding.policy) ?? "a Kubernetes policy"}${str(deciding.rule) ? ` rule '${str(deciding.rule)}'` : ""}`;
}

/** The engine's one-line summary of a default decision, without its enforcement point and trace tail. */
function defaultWords(decision: Record<string, unknown>): string {
  let text = str(decision.summary) ?? "no rule matched";
  const point = str(decision.enforcementPoint);
  if (point && text.startsWith(`${point}: `)) text = text.slice(point.length + 2);
  text = text
    .replace(/^(denied|allowed|rejected) by /, "")
    .split(";")[0]
    .trim();
  return point ? `${text}, at ${point.replace(/\[[^\]]*\]$/, "")}` : text;
}

function classWords(side: unknown, fallback: string): string {
  const s = obj(side);
  if (!s) return fallback;
  const names = arr(s.names).filter((n): n is string => typeof n === "string");
  const total = typeof s.total === "number" ? s.total : names.length;
  if (names.length === 0) return fallback;
  const shown = names.slice(0, 3).join(", ");
  return total > 3 ? `${shown} and ${total - 3} more` : shown;
}

function readFindings(parts: TSealedSnapshot["parts"]): TReportFinding[] {
  const out: TReportFinding[] = [];
  if (parts.equivalence.status === "provided") {
    parts.equivalence.value.findings.forEach((f, i) => {
      const x = f as Record<string, unknown>;
      const ruleIds = arr(x.ruleIds).filter((r): r is string => typeof r === "string");
      out.push({
        id: str(x.id) ?? `T-${i + 1}`,
        source: "translation",
        severity: f.severity,
        title: f.title,
        code: str(x.code),
        kind: f.kind,
        ruleIds: ruleIds.length > 0 ? ruleIds : f.ruleId ? f.ruleId.split(/,\s*/) : [],
        why: str(x.why),
        remediation: f.remediation,
        effect: str(x.effect),
        raw: f,
      });
    });
  }
  if (parts.lint.status === "provided") {
    parts.lint.value.findings.forEach((f, i) => {
      const x = f as Record<string, unknown>;
      out.push({
        id: `L-${i + 1}`,
        source: "lint",
        severity: f.severity,
        title: f.title,
        kind: f.kind,
        ruleIds: f.ruleId ? [f.ruleId] : [],
        why: str(x.message),
        remediation: f.remediation,
        raw: f,
      });
    });
  }
  const rank = (s: string) => SEVERITIES.indexOf(s as TSeverity);
  return out.sort((a, b) => rank(a.severity) - rank(b.severity));
}

function readDifferences(value: Record<string, unknown>, findingTitle: (id: string) => string): TDifferenceView[] {
  const view = (d: Record<string, unknown>, status: TDifferenceView["status"], findingIds: string[]): TDifferenceView => {
    const example = obj(d.example);
    // Stored verification: example + both FlowResults. Round trip (CLI): strings per side and a sample flow.
    const src = str(example?.src) ?? str(d.src) ?? "?";
    const dst = str(example?.dst) ?? str(d.dst) ?? "?";
    const family = typeof d.family === "number" ? d.family : undefined;
    const flow = `${example ? flowWords(example.flow) : d.sample ? flowWords(d.sample) : "traffic"}${family === 6 ? " over IPv6" : ""}`;
    const nsx = typeof d.nsx === "string" ? `NSX allows ${d.nsx}` : sideWords("NSX", d.nsx);
    const k8s = typeof d.k8s === "string" ? `Kubernetes allows ${d.k8s}` : sideWords("Kubernetes", d.k8s);
    const tail =
      status === "unexplained"
        ? "no finding accounts for it"
        : `accounted for by ${findingIds.map((id) => `finding ${id} '${findingTitle(id)}'`).join(" and ")}`;
    return {
      status,
      findingIds,
      sentence: `${flow}, ${src} -> ${dst}: ${nsx}; ${k8s}; ${tail}.`,
      example: `${flow}, ${src} -> ${dst}: ${nsx}; ${k8s}.`,
      family,
      srcClass: classWords(d.src, src),
      dstClass: classWords(d.dst, dst),
      flow,
      nsx,
      k8s,
    };
  };
  if (Array.isArray(value.explainedDifferences)) {
    return [
      ...arr(value.differences).map((d) => view(obj(d) ?? {}, "unexplained", [])),
      ...arr(value.explainedDifferences).map((d) => {
        const x = obj(d) ?? {};
        return view(
          x,
          "explained-by-finding",
          arr(x.explainedBy).filter((i): i is string => typeof i === "string"),
        );
      }),
    ];
  }
  return arr(value.differences).map((d) => {
    const x = obj(d) ?? {};
    const ids = arr(x.findingIds).filter((i): i is string => typeof i === "string");
    return view(x, x.status === "explained-by-finding" ? "explained-by-finding" : "unexplained", ids);
  });
}

/**
 * Differences grouped by the findings that account for them. Counts come from the verification's per-group
 * counts over every detailed difference when it stored them (`accountedByFindings`), else from the stored ones.
 */
function groupDifferences(
  diffs: TDifferenceView[],
  findings: TReportFinding[],
  examples: number,
  counted: { key: string; count: number }[] | null,
  unexplained: number,
): TDifferenceGroup[] {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const groups = new Map<string, TDifferenceGroup>();
  const group = (key: string, ids: string[]) => {
    let g = groups.get(key);
    if (!g) {
      g = { key, findings: ids.map((id) => byId.get(id)).filter((f): f is TReportFinding => f !== undefined), count: 0, examples: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const d of diffs) {
    const ids = [...new Set(d.findingIds)].sort();
    const g = group(d.status === "unexplained" ? "unexplained" : ids.join("+"), ids);
    g.count++;
    if (g.examples.length < examples) g.examples.push(d);
  }
  if (counted) {
    for (const c of counted) group(c.key, c.key.split("+")).count = c.count;
    if (unexplained > 0) group("unexplained", []).count = unexplained;
  }
  return [...groups.values()].sort((a, b) => (a.key === "unexplained" ? -1 : b.key === "unexplained" ? 1 : b.count - a.count));
}

/** The YAML scalar as text: plain, "double" or 'single' quoted (block scalars are left to the full parser). */
function scalar(raw: string): string | undefined {
  const v = raw.trim();
  if (v === "" || v === "|" || v === ">" || v.startsWith("|") || v.startsWith(">")) return undefined;
  if (v.startsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return undefined;
    }
  }
  if (v.startsWith("'")) return v.endsWith("'") ? v.slice(1, -1).replace(/''/g, "'") : undefined;
  return v.replace(/\s+#.*$/, "");
}

/**
 * kind, namespace/name and the `…nsx-rule-ids` annotation of one block-style YAML document, by lines: the
 * emitted manifests are block style, and reading thousands of them with a full YAML parser dominated the
 * report of a 3,200-rule estate. Anything unexpected returns undefined and the document is parsed in full.
 */
function scanDocument(text: string): { name: string; ids: string } | null | undefined {
  let kind: string | undefined;
  let name: string | undefined;
  let namespace: string | undefined;
  let ids: string | undefined;
  let inMetadata = false;
  let inAnnotations = false;
  for (const line of text.split("\n")) {
    if (/^\S/.test(line)) {
      inMetadata = line.startsWith("metadata:");
      inAnnotations = false;
      if (line.startsWith("kind:")) kind = scalar(line.slice(5));
      continue;
    }
    if (!inMetadata) continue;
    const m = /^( +)([^:#]+):(.*)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length;
    const key = m[2].trim().replace(/^["']|["']$/g, "");
    if (depth === 2) {
      inAnnotations = key === "annotations";
      if (key === "name") name = scalar(m[3]);
      else if (key === "namespace") namespace = scalar(m[3]);
    } else if (inAnnotations && key.endsWith("nsx-rule-ids")) {
      ids = scalar(m[3]);
      if (ids === undefined) return undefined;
    }
  }
  if (ids === undefined) return text.includes("nsx-rule-ids") ? undefined : null;
  if (!kind || !name) return undefined;
  return { name: `${kind}/${namespace ? `${namespace}/` : ""}${name}`, ids };
}

function parseDocument(doc: unknown, file: string): { name: string; ids: string } | null {
  const o = obj(doc);
  const meta = obj(o?.metadata);
  const annotations = obj(meta?.annotations);
  if (!o || !meta || !annotations) return null;
  const key = Object.keys(annotations).find((k) => k.endsWith("nsx-rule-ids"));
  const ids = key ? str(annotations[key]) : undefined;
  if (!ids) return null;
  return { name: `${str(o.kind) ?? "object"}/${str(meta.namespace) ? `${str(meta.namespace)}/` : ""}${str(meta.name) ?? file}`, ids };
}

/** Emitted object names per NSX rule id, from the `…nsx-rule-ids` annotation every emitted object carries. */
export function objectsByRule(manifests: Record<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (found: { name: string; ids: string } | null) => {
    if (!found) return;
    for (const id of found.ids.split(",").map((x) => x.trim())) {
      if (!id) continue;
      const list = out.get(id);
      if (list) list.push(found.name);
      else out.set(id, [found.name]);
    }
  };
  // By file name: the same part read back from canonical JSON or from PostgreSQL jsonb has its keys in another
  // order, and the bundle's report lists must regenerate byte for byte from the signed parts.
  const files = Object.entries(manifests).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [file, text] of files) {
    if (!text.includes("nsx-rule-ids")) continue;
    for (const docText of text.split(/^---[ \t]*$/m)) {
      const scanned = scanDocument(docText);
      if (scanned !== undefined) add(scanned);
      else for (const doc of parseAllDocuments(docText)) add(parseDocument(doc.toJSON(), file));
    }
  }
  return out;
}

function readTrace(sealed: Pick<TSealedSnapshot, "parts">, findings: TReportFinding[]): { rows: TTraceRow[]; hasOwnership: boolean } {
  const { parts } = sealed;
  if (parts.policy.status !== "provided") return { rows: [], hasOwnership: false };
  const objects = parts.manifests.status === "provided" ? objectsByRule(parts.manifests.value) : new Map<string, string[]>();
  const findingsByRule = new Map<string, TReportFinding[]>();
  for (const f of findings) for (const id of f.ruleIds) findingsByRule.set(id, [...(findingsByRule.get(id) ?? []), f]);
  const records = obj(obj(obj((parts as Record<string, unknown>).ruleRecords)?.value)?.rules);
  let hasOwnership = records !== null;
  const rows: TTraceRow[] = [];
  for (const policy of parts.policy.value.estate.policies) {
    for (const rule of policy.rules) {
      const r = rule as unknown as Record<string, unknown>;
      const record = obj(records?.[rule.id]);
      const owner = str(record?.owner) ?? str(r.owner) ?? null;
      const justification = str(record?.justification) ?? str(r.justification) ?? null;
      if (owner || justification) hasOwnership = true;
      const ruleFindings = findingsByRule.get(rule.id) ?? [];
      const emitted = objects.get(rule.id) ?? [];
      const neverDecides = ruleFindings.some((f) => f.source === "lint" && /lint-(shadowed|redundant)/.test(f.kind ?? ""));
      const changesReach = ruleFindings.some((f) => f.source === "translation" && (f.effect === "lost" || f.effect === "added"));
      const status: TCarried = rule.disabled
        ? "not carried (disabled)"
        : emitted.length === 0
          ? neverDecides
            ? "not needed (never decides)"
            : "not carried"
          : changesReach
            ? "partly carried"
            : "carried";
      rows.push({
        ruleId: rule.id,
        ruleName: rule.name,
        policy: policy.name,
        category: policy.category,
        action: rule.action,
        objects: emitted,
        status,
        findingIds: ruleFindings.map((f) => f.id),
        owner,
        justification,
      });
    }
  }
  return { rows, hasOwnership };
}

/** Approvals as people: role, decision, change reference and reason where the record has them. */
export function readApprovals(approvals: readonly TApproval[]): TPerson[] {
  return approvals.map((a) => {
    const x = a as unknown as Record<string, unknown>;
    return {
      who: a.approvedBy,
      role: str(x.role) ?? null,
      at: a.approvedAt,
      decision: x.decision === "reject" ? "reject" : "approve",
      changeRef: str(x.changeRef) ?? null,
      reason: str(x.reason) ?? (a.comment || null),
    };
  });
}

export function buildReportModel(
  sealed: Pick<TSealedSnapshot, "parts">,
  approvals: readonly TApproval[],
  options: { examples?: number } = {},
): TReportModel {
  const { parts } = sealed;
  const verdict = verdictOf(countsOfEquivalencePart(parts.equivalence));
  const findings = readFindings(parts);
  const titleOf = new Map(findings.map((f) => [f.id, f.title]));
  const value = parts.equivalence.status === "provided" ? (parts.equivalence.value as Record<string, unknown>) : null;
  const differences = value ? readDifferences(value, (id) => titleOf.get(id) ?? "unknown finding") : [];
  const { rows, hasOwnership } = readTrace(sealed, findings);
  const stats = obj(value?.stats) ?? {};
  return {
    verdict,
    findings,
    differences,
    differencesStored: differences.length,
    groupCountsComplete: Array.isArray(value?.accountedByFindings) || differences.length >= verdict.accounted + verdict.unexplained,
    groups: groupDifferences(
      differences,
      findings,
      options.examples ?? 3,
      Array.isArray(value?.accountedByFindings)
        ? arr(value.accountedByFindings)
            .map(obj)
            .filter((g): g is Record<string, unknown> => g !== null && typeof g.count === "number")
            .map((g) => ({
              key: arr(g.findingIds)
                .filter((i): i is string => typeof i === "string")
                .sort()
                .join("+"),
              count: g.count as number,
            }))
        : null,
      verdict.unexplained,
    ),
    trace: rows,
    hasOwnership,
    approvals: readApprovals(approvals),
    stats: Object.fromEntries(Object.entries(stats).filter((e): e is [string, number] => typeof e[1] === "number")),
    unmatchedVms: arr(value?.unmatchedVms)
      .map(obj)
      .filter((v): v is Record<string, unknown> => v !== null)
      .map((v) => ({ name: str(v.name) ?? "?", reason: str(v.reason) ?? "" })),
  };
}
