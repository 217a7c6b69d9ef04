/**
 * The selector algebra translation works in: a literal is one Kubernetes label requirement, a conjunction
 * is one label selector (all literals hold), a DNF is a list of conjunctions (several peers, any holds).
 * Negation stays exact: `k In (v)` ↔ `k NotIn (v)` (NotIn also holds when the label is absent), `Exists` ↔
 * `DoesNotExist`, so a negated single-literal condition is still one selector.
 */
import type { LabelSelector, Labels } from "../../policy/index.ts";

export type LiteralOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface Literal {
  key: string;
  operator: LiteralOperator;
  /** Sorted, distinct; empty for Exists / DoesNotExist. */
  values: readonly string[];
}

export type Conjunction = readonly Literal[];
/** An empty DNF matches nothing; a DNF holding one empty conjunction matches everything. */
export type Dnf = readonly Conjunction[];

export const MATCH_ALL: Dnf = [[]];
export const MATCH_NONE: Dnf = [];

export function literal(key: string, operator: LiteralOperator, values: readonly string[] = []): Literal {
  return { key, operator, values: [...new Set(values)].sort() };
}

export function literalKey(l: Literal): string {
  return `${l.key} ${l.operator} ${l.values.join(",")}`;
}

export function literalHolds(l: Literal, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, l.key);
  switch (l.operator) {
    case "In":
      return has && l.values.includes(labels[l.key]);
    case "NotIn":
      return !has || !l.values.includes(labels[l.key]);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
  }
}

export function conjunctionHolds(c: Conjunction, labels: Labels): boolean {
  return c.every((l) => literalHolds(l, labels));
}

export function dnfHolds(d: Dnf, labels: Labels): boolean {
  return d.some((c) => conjunctionHolds(c, labels));
}

export function negateLiteral(l: Literal): Literal {
  const opposite: Record<LiteralOperator, LiteralOperator> = { In: "NotIn", NotIn: "In", Exists: "DoesNotExist", DoesNotExist: "Exists" };
  return { key: l.key, operator: opposite[l.operator], values: l.values };
}

/** Canonical conjunction: literals sorted and deduplicated; `undefined` when it can never hold. */
export function normaliseConjunction(c: Conjunction): Conjunction | undefined {
  const byKey = new Map<string, Literal[]>();
  for (const l of c) byKey.set(l.key, [...(byKey.get(l.key) ?? []), l]);
  const out: Literal[] = [];
  for (const [key, literals] of byKey) {
    // Reduce every key's literals to at most one In / one Exists-or-DoesNotExist / one NotIn.
    let allowed: Set<string> | undefined;
    let excluded = new Set<string>();
    let exists: boolean | undefined;
    for (const l of literals) {
      if (l.operator === "In") {
        allowed = allowed ? new Set(l.values.filter((v) => allowed!.has(v))) : new Set(l.values);
        if (exists === false) return undefined;
        exists = true;
      } else if (l.operator === "NotIn") excluded = new Set([...excluded, ...l.values]);
      else if (l.operator === "Exists") {
        if (exists === false) return undefined;
        exists = true;
      } else {
        if (exists === true) return undefined;
        exists = false;
      }
    }
    if (allowed) {
      const values = [...allowed].filter((v) => !excluded.has(v));
      if (values.length === 0) return undefined;
      out.push(literal(key, "In", values));
    } else {
      if (exists === true) out.push(literal(key, "Exists"));
      if (exists === false) out.push(literal(key, "DoesNotExist"));
      else if (excluded.size > 0) out.push(literal(key, "NotIn", [...excluded]));
    }
  }
  return out.sort((a, b) => (literalKey(a) < literalKey(b) ? -1 : 1));
}

function conjunctionKey(c: Conjunction): string {
  return c.map(literalKey).join(" & ");
}

export function normaliseDnf(d: Dnf): Dnf {
  const seen = new Map<string, Conjunction>();
  for (const c of d) {
    const n = normaliseConjunction(c);
    if (n) seen.set(conjunctionKey(n), n);
  }
  const all = [...seen.values()];
  // A conjunction whose literals include all of another's is redundant (the other already covers it).
  const keep = all.filter(
    (c) => !all.some((o) => o !== c && o.length < c.length && o.every((l) => c.some((m) => literalKey(m) === literalKey(l)))),
  );
  return keep.sort((a, b) => (conjunctionKey(a) < conjunctionKey(b) ? -1 : 1));
}

export function orDnf(...ds: Dnf[]): Dnf {
  return normaliseDnf(ds.flat());
}

/** Product of two DNFs; `undefined` when it would exceed `limit` conjunctions. */
export function andDnf(a: Dnf, b: Dnf, limit = 64): Dnf | undefined {
  if (a.length * b.length > limit * 4) return undefined;
  const out: Conjunction[] = [];
  for (const x of a) for (const y of b) out.push([...x, ...y]);
  const result = normaliseDnf(out);
  return result.length > limit ? undefined : result;
}

/** De Morgan; `undefined` when the result would be too large to be readable. */
export function notDnf(d: Dnf, limit = 64): Dnf | undefined {
  let result: Dnf | undefined = MATCH_ALL;
  for (const c of d) {
    const negated: Dnf = c.map((l) => [negateLiteral(l)]);
    result = andDnf(result, negated, limit);
    if (!result) return undefined;
  }
  return result;
}

export function toLabelSelector(c: Conjunction): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: { key: string; operator: LiteralOperator; values: string[] }[] = [];
  for (const l of c) {
    if (l.operator === "In" && l.values.length === 1 && matchLabels[l.key] === undefined) matchLabels[l.key] = l.values[0];
    else matchExpressions.push({ key: l.key, operator: l.operator, values: [...l.values] });
  }
  return { matchLabels, matchExpressions };
}

/** The YAML/JSON form of a selector, omitting empty parts (`{}` selects everything). */
export function selectorObject(c: Conjunction): Record<string, unknown> {
  const { matchLabels, matchExpressions } = toLabelSelector(c);
  const out: Record<string, unknown> = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (matchExpressions.length > 0) {
    out.matchExpressions = matchExpressions.map((e) =>
      e.values.length > 0 ? { key: e.key, operator: e.operator, values: e.values } : { key: e.key, operator: e.operator },
    );
  }
  return out;
}

export function describeConjunction(c: Conjunction): string {
  if (c.length === 0) return "(all)";
  return c
    .map((l) => {
      const key = l.key.replace(/^.*\//, "");
      switch (l.operator) {
        case "In":
          return l.values.length === 1 ? `${key}=${l.values[0]}` : `${key} in (${l.values.join(",")})`;
        case "NotIn":
          return l.values.length === 1 ? `${key}!=${l.values[0]}` : `${key} notin (${l.values.join(",")})`;
        case "Exists":
          return key;
        case "DoesNotExist":
          return `!${key}`;
      }
    })
    .join(",");
}
