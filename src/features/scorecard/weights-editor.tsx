"use client";
/**
 * Weights: direct sliders/number inputs (normalised live) or AHP pairwise comparisons on Saaty's scale,
 * hierarchical by criterion group, with each matrix's consistency ratio; CR ≥ 0.10 cannot be applied.
 */
import { useMemo, useState } from "react";
import { AHP_CR_THRESHOLD, ahpPriorities, matrixFromJudgements } from "../../scorecard/ahp.ts";
import type { TScorecard } from "../../scorecard/scorecard.ts";
import type { TAhpComparison, TWeightSpec } from "../../scorecard/weights.ts";
import { Badge } from "../../ui/components.tsx";
import { GROUP_LABELS, num, pct } from "./format.ts";

export function DirectWeights({
  scorecard,
  spec,
  editable,
  onChange,
}: {
  scorecard: TScorecard;
  spec: TWeightSpec | null;
  editable: boolean;
  onChange: (spec: TWeightSpec) => void;
}) {
  // Raw (un-normalised) values: the spec's own numbers when direct, else today's weights in percent.
  const raw: Record<string, number> =
    spec?.kind === "direct" ? spec.weights : Object.fromEntries(scorecard.criteria.map((c) => [c.id, Math.round(c.weight * 1000) / 10]));
  const max = Math.max(100, ...Object.values(raw));
  const set = (id: string, value: number) => {
    if (!Number.isFinite(value) || value < 0) return;
    onChange({ kind: "direct", weights: { ...Object.fromEntries(scorecard.criteria.map((c) => [c.id, raw[c.id] ?? 0])), [id]: value } });
  };
  return (
    <table className="data" data-testid="direct-weights">
      <thead>
        <tr>
          <th>Criterion</th>
          {editable ? <th style={{ width: "40%" }}>Raw weight</th> : null}
          <th style={{ textAlign: "right" }}>Normalised</th>
        </tr>
      </thead>
      <tbody>
        {scorecard.criteria.map((c) => (
          <tr key={c.id}>
            <td>
              {c.name}
              {c.kind === "estate" ? (
                <>
                  {" "}
                  <Badge tone="info">from the estate</Badge>
                </>
              ) : null}
            </td>
            {editable ? (
              <td>
                <div className="row" style={{ flexWrap: "nowrap" }}>
                  <input
                    type="range"
                    min={0}
                    max={max}
                    step={0.5}
                    value={raw[c.id] ?? 0}
                    aria-label={`Weight of ${c.name}`}
                    onChange={(e) => set(c.id, Number(e.target.value))}
                    style={{ flex: 1 }}
                  />
                  <input
                    type="number"
                    min={0}
                    step={0.5}
                    value={raw[c.id] ?? 0}
                    aria-label={`Weight of ${c.name} (number)`}
                    data-testid={`weight-input-${c.id}`}
                    onChange={(e) => set(c.id, Number(e.target.value))}
                    style={{ width: 80 }}
                  />
                </div>
              </td>
            ) : null}
            <td style={{ textAlign: "right" }} className="mono" data-testid={`weight-normalised-${c.id}`}>
              {pct(c.weight)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Saaty's scale as options: "a is v times as important as b" (v ≥ 1) or its reciprocal. */
const SAATY = [9, 8, 7, 6, 5, 4, 3, 2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9];
const VERBAL: Record<number, string> = { 1: "equal", 3: "moderately", 5: "strongly", 7: "very strongly", 9: "extremely" };
const keyOf = (v: number) => (v >= 1 ? String(Math.round(v)) : `1/${Math.round(1 / v)}`);
function optionLabel(v: number, a: string, b: string): string {
  if (v === 1) return "equal importance";
  const n = Math.round(v >= 1 ? v : 1 / v);
  return `${v >= 1 ? a : b} ${n}× ${VERBAL[n] ? `(${VERBAL[n]})` : ""}`.trim();
}

type Judgements = Record<string, number>; // "a|b" → value
const pairKey = (a: string, b: string) => `${a}|${b}`;

interface AhpState {
  groups: Judgements;
  within: Record<string, Judgements>;
}

function fromSpec(spec: TWeightSpec | null): AhpState {
  const state: AhpState = { groups: {}, within: {} };
  if (spec?.kind !== "ahp-hierarchical") return state;
  const read = (c: TAhpComparison): Judgements => {
    const out: Judgements = {};
    if (c.judgements) for (const j of c.judgements) out[pairKey(j.a, j.b)] = j.value;
    else if (c.matrix) c.items.forEach((a, i) => c.items.forEach((b, k) => k > i && (out[pairKey(a, b)] = c.matrix![i][k])));
    return out;
  };
  state.groups = read(spec.groups);
  for (const [g, c] of Object.entries(spec.within)) state.within[g] = read(c);
  return state;
}

function comparison(items: string[], judgements: Judgements): TAhpComparison {
  const list = [];
  for (let i = 0; i < items.length; i++)
    for (let k = i + 1; k < items.length; k++) {
      const stored =
        judgements[pairKey(items[i], items[k])] ??
        (judgements[pairKey(items[k], items[i])] ? 1 / judgements[pairKey(items[k], items[i])] : 1);
      list.push({ a: items[i], b: items[k], value: stored });
    }
  return { items, judgements: list };
}

function evaluate(c: TAhpComparison) {
  try {
    const r = ahpPriorities(matrixFromJudgements(c.items, c.judgements ?? []));
    return { weights: r.weights, cr: r.cr, lambdaMax: r.lambdaMax, error: undefined };
  } catch (error) {
    return { weights: c.items.map(() => NaN), cr: NaN, lambdaMax: NaN, error: String(error) };
  }
}

export function AhpEditor({
  scorecard,
  spec,
  editable,
  onApply,
}: {
  scorecard: TScorecard;
  spec: TWeightSpec | null;
  editable: boolean;
  onApply: (spec: TWeightSpec) => void;
}) {
  const [state, setState] = useState<AhpState>(() => fromSpec(spec));
  const groupIds = useMemo(() => [...new Set(scorecard.criteria.map((c) => c.group))], [scorecard.criteria]);
  const members = (g: string) => scorecard.criteria.filter((c) => c.group === g).map((c) => c.id);
  const name = (id: string) => GROUP_LABELS[id] ?? scorecard.criteria.find((c) => c.id === id)?.name ?? id;
  const groupsComparison = comparison(groupIds, state.groups);
  const withinComparisons = Object.fromEntries(groupIds.map((g) => [g, comparison(members(g), state.within[g] ?? {})]));
  const matrices = [
    { key: "groups", label: "Criterion groups", comparison: groupsComparison, result: evaluate(groupsComparison) },
    ...groupIds.map((g) => ({
      key: g,
      label: `Within ${GROUP_LABELS[g] ?? g}`,
      comparison: withinComparisons[g],
      result: evaluate(withinComparisons[g]),
    })),
  ];
  const inconsistent = matrices.filter((m) => !(m.result.cr < AHP_CR_THRESHOLD));
  const setJudgement = (matrix: string, a: string, b: string, value: number) =>
    setState((s) =>
      matrix === "groups"
        ? { ...s, groups: { ...s.groups, [pairKey(a, b)]: value } }
        : { ...s, within: { ...s.within, [matrix]: { ...(s.within[matrix] ?? {}), [pairKey(a, b)]: value } } },
    );

  return (
    <div className="stack" data-testid="ahp-editor">
      <p className="muted" style={{ margin: 0 }}>
        Compare each pair on Saaty&apos;s 1–9 scale: first the criterion groups, then the criteria within each group. A criterion&apos;s
        weight is its group&apos;s weight × its weight within the group. A matrix with a consistency ratio CR ≥{" "}
        {AHP_CR_THRESHOLD.toFixed(2)} is refused: revise circular or extreme judgements.
      </p>
      {matrices.map((m) => (
        <section key={m.key} className="card" style={{ padding: 12 }} aria-label={`AHP ${m.label}`}>
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h3 style={{ margin: 0 }}>{m.label}</h3>
            <span data-testid={`ahp-cr-${m.key}`}>
              {m.comparison.items.length <= 2 ? (
                <Badge tone="ok">CR 0 (≤ 2 items)</Badge>
              ) : m.result.cr < AHP_CR_THRESHOLD ? (
                <Badge tone="ok">CR {num(m.result.cr, 3)} &lt; 0.10</Badge>
              ) : (
                <Badge tone="bad">CR {Number.isFinite(m.result.cr) ? num(m.result.cr, 3) : "?"} ≥ 0.10: inconsistent</Badge>
              )}
            </span>
          </div>
          {m.comparison.judgements!.length > 0 ? (
            <table className="data" style={{ marginTop: 8 }}>
              <tbody>
                {m.comparison.judgements!.map((j) => (
                  <tr key={pairKey(j.a, j.b)}>
                    <td style={{ width: "32%" }}>{name(j.a)}</td>
                    <td>
                      {editable ? (
                        <select
                          aria-label={`${name(j.a)} compared with ${name(j.b)}`}
                          value={keyOf(j.value)}
                          onChange={(e) => setJudgement(m.key, j.a, j.b, SAATY.find((v) => keyOf(v) === e.target.value) ?? 1)}
                        >
                          {SAATY.map((v) => (
                            <option key={keyOf(v)} value={keyOf(v)}>
                              {optionLabel(v, name(j.a), name(j.b))}
                            </option>
                          ))}
                        </select>
                      ) : (
                        optionLabel(j.value, name(j.a), name(j.b))
                      )}
                    </td>
                    <td style={{ width: "32%" }}>{name(j.b)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="row muted" style={{ fontSize: 12.5, marginTop: 6 }}>
            {m.comparison.items.map((id, i) => (
              <span key={id}>
                {name(id)}: <span className="mono">{Number.isFinite(m.result.weights[i]) ? pct(m.result.weights[i]) : "—"}</span>
              </span>
            ))}
            {Number.isFinite(m.result.lambdaMax) && m.comparison.items.length > 2 ? <span>λmax {num(m.result.lambdaMax, 3)}</span> : null}
          </div>
        </section>
      ))}
      {editable ? (
        <div className="row">
          <button
            type="button"
            className="btn"
            disabled={inconsistent.length > 0}
            onClick={() => onApply({ kind: "ahp-hierarchical", groups: groupsComparison, within: withinComparisons })}
          >
            Use AHP weights
          </button>
          {inconsistent.length > 0 ? (
            <span className="alert error" role="alert" data-testid="ahp-refused">
              Refused: CR ≥ 0.10 in {inconsistent.map((m) => m.label).join(", ")}.
            </span>
          ) : (
            <span className="muted">The preview updates; save to store a new version.</span>
          )}
        </div>
      ) : null}
    </div>
  );
}
