/**
 * What changed between two snapshots, in the auditor's terms: rules added / removed / changed (by rule id,
 * field by field, including the rule's policy, category and resolved membership) and connections added /
 * removed / changed (per source–destination pair, as the engine computed connectivity for each snapshot).
 */
import { canonicalJson } from "./canonical-json.ts";
import type { TNormalisedPolicy, TSnapshotParts } from "./snapshot-model.ts";

export interface TConnection {
  src: string;
  dst: string;
  /** The engine's canonical text of the allowed connections, e.g. "TCP 443,8443; UDP 53". */
  conns: string;
}

export interface TFieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface TRuleView {
  id: string;
  policyId: string;
  category: string;
  [field: string]: unknown;
}

export interface TSemanticDiff {
  rules:
    | { available: true; added: TRuleView[]; removed: TRuleView[]; changed: { id: string; changes: TFieldChange[] }[] }
    | { available: false; reason: string };
  connections:
    | {
        available: true;
        added: TConnection[];
        removed: TConnection[];
        changed: { src: string; dst: string; before: string; after: string }[];
      }
    | { available: false; reason: string };
}

/** Flattens the estate's rules with their policy context so a move between policies counts as a change. */
export function ruleViews(policy: TNormalisedPolicy): Map<string, TRuleView> {
  const out = new Map<string, TRuleView>();
  for (const p of policy.estate.policies) {
    p.rules.forEach((r, index) => {
      const view: TRuleView = {
        ...(r as unknown as Record<string, unknown>),
        id: r.id,
        policyId: p.id,
        policyName: p.name,
        category: p.category,
        policySequenceNumber: p.sequenceNumber,
        policyScope: p.scope,
        positionInPolicy: index,
        membership: policy.ruleMembership[r.id] ?? null,
      };
      delete view.source; // provenance (file/line) is not a semantic change
      out.set(r.id, view);
    });
  }
  return out;
}

function fieldChanges(a: TRuleView, b: TRuleView): TFieldChange[] {
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const changes: TFieldChange[] = [];
  for (const field of fields) {
    if (canonicalJson(a[field] ?? null) !== canonicalJson(b[field] ?? null)) changes.push({ field, before: a[field], after: b[field] });
  }
  return changes;
}

export function diffRules(before: TNormalisedPolicy, after: TNormalisedPolicy): Extract<TSemanticDiff["rules"], { available: true }> {
  const a = ruleViews(before);
  const b = ruleViews(after);
  const added = [...b.values()].filter((r) => !a.has(r.id));
  const removed = [...a.values()].filter((r) => !b.has(r.id));
  const changed = [...b.values()]
    .filter((r) => a.has(r.id))
    .map((r) => ({ id: r.id, changes: fieldChanges(a.get(r.id)!, r) }))
    .filter((c) => c.changes.length > 0);
  return { available: true, added, removed, changed };
}

const pairKey = (c: { src: string; dst: string }) => JSON.stringify([c.src, c.dst]);

/** Compares connectivity per (src, dst); pairs with an empty `conns` count as no connection. */
export function diffConnections(before: TConnection[], after: TConnection[]): Extract<TSemanticDiff["connections"], { available: true }> {
  const index = (list: TConnection[]) => {
    const m = new Map<string, TConnection>();
    for (const c of list) {
      if (c.conns.trim() === "") continue;
      const k = pairKey(c);
      if (m.has(k)) throw new Error(`connectivity lists the pair ${c.src} → ${c.dst} twice`);
      m.set(k, c);
    }
    return m;
  };
  const a = index(before);
  const b = index(after);
  const byPair = (x: TConnection, y: TConnection) => (pairKey(x) < pairKey(y) ? -1 : 1);
  return {
    available: true,
    added: [...b.values()].filter((c) => !a.has(pairKey(c))).sort(byPair),
    removed: [...a.values()].filter((c) => !b.has(pairKey(c))).sort(byPair),
    changed: [...b.values()]
      .filter((c) => a.has(pairKey(c)) && a.get(pairKey(c))!.conns !== c.conns)
      .sort(byPair)
      .map((c) => ({ src: c.src, dst: c.dst, before: a.get(pairKey(c))!.conns, after: c.conns })),
  };
}

export function diffSnapshots(
  before: { parts: TSnapshotParts; connectivity?: TConnection[] },
  after: { parts: TSnapshotParts; connectivity?: TConnection[] },
): TSemanticDiff {
  const pa = before.parts.policy;
  const pb = after.parts.policy;
  const rules: TSemanticDiff["rules"] =
    pa.status === "provided" && pb.status === "provided"
      ? diffRules(pa.value, pb.value)
      : { available: false, reason: `normalised policy not provided in the ${pa.status !== "provided" ? "earlier" : "later"} snapshot` };
  const connections: TSemanticDiff["connections"] =
    before.connectivity && after.connectivity
      ? diffConnections(before.connectivity, after.connectivity)
      : { available: false, reason: "connectivity not provided for both snapshots" };
  return { rules, connections };
}
