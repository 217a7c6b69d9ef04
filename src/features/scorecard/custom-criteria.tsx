"use client";
/**
 * The architects' own criteria: each with its direction, unit and normalisation rule in words, the values
 * per platform with evidence and source (optionally citing a workshop answer). Adding, changing or removing
 * one saves a new scorecard version; everyone else reads them.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { TScorecard, TScorecardCriterion } from "../../scorecard/scorecard.ts";
import type { TPlatformId } from "../../scorecard/platforms.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert } from "../../ui/components.tsx";
import { EVIDENCE_LABELS, GROUP_LABELS, num, pct } from "./format.ts";
import type { TWorkshopAnswerOption } from "./workshops.tsx";

const EVIDENCE = ["tested", "documented", "vendor-claim", "assumption"] as const;
type Evidence = (typeof EVIDENCE)[number];

interface Draft {
  id?: string;
  name: string;
  description: string;
  group: TScorecardCriterion["group"];
  direction: "higher-is-better" | "lower-is-better";
  unitKind: "score" | "number";
  unitLabel: string;
  normalisation: "min-max" | "ratio-to-best";
  values: Record<TPlatformId, { value: string; evidence: Evidence; source: string; date: string; answerId: string }>;
}

const today = () => new Date().toISOString().slice(0, 10);

function emptyDraft(s: TScorecard): Draft {
  return {
    name: "",
    description: "",
    group: "strategy-compliance",
    direction: "lower-is-better",
    unitKind: "number",
    unitLabel: "CHF/yr",
    normalisation: "min-max",
    values: Object.fromEntries(
      s.platforms.map((p) => [p.id, { value: "", evidence: "vendor-claim" as Evidence, source: "", date: today(), answerId: "" }]),
    ) as Draft["values"],
  };
}

function draftOf(
  c: TScorecardCriterion,
  values: { platform: TPlatformId; value: number; evidence: Evidence; source: string; date: string; answerId?: string }[],
): Draft {
  const unit = c.custom!.unit;
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    group: c.group,
    direction: c.custom!.direction,
    unitKind: unit.kind,
    unitLabel: unit.kind === "number" ? unit.label : "CHF/yr",
    normalisation: unit.kind === "number" ? unit.normalisation : "min-max",
    values: Object.fromEntries(
      values.map((v) => [
        v.platform,
        { value: String(v.value), evidence: v.evidence, source: v.source, date: v.date, answerId: v.answerId ?? "" },
      ]),
    ) as Draft["values"],
  };
}

export interface TStoredCustomCriterion {
  id: string;
  values: { platform: TPlatformId; value: number; evidence: Evidence; source: string; date: string; answerId?: string }[];
}

export function CustomCriteria({
  scorecard,
  stored,
  estateId,
  editable,
  answers,
  onSaved,
}: {
  scorecard: TScorecard;
  stored: TStoredCustomCriterion[];
  estateId: string;
  editable: boolean;
  answers: TWorkshopAnswerOption[];
  onSaved: () => Promise<void> | void;
}) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Draft | null>(null);
  const save = useMutation(trpc.scorecard.saveCriterion.mutationOptions({ onSuccess: async () => (await onSaved(), setDraft(null)) }));
  const remove = useMutation(trpc.scorecard.removeCriterion.mutationOptions({ onSuccess: () => onSaved() }));
  const custom = scorecard.criteria.filter((c) => c.kind === "custom");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    save.mutate({
      estateId,
      id: draft.id,
      name: draft.name,
      description: draft.description,
      group: draft.group,
      direction: draft.direction,
      unit: draft.unitKind === "score" ? { kind: "score" } : { kind: "number", label: draft.unitLabel, normalisation: draft.normalisation },
      values: scorecard.platforms.map((p) => {
        const v = draft.values[p.id];
        return {
          platform: p.id,
          value: Number(v.value),
          evidence: v.evidence,
          source: v.source,
          date: v.date,
          ...(v.answerId ? { answerId: v.answerId } : {}),
        };
      }),
    });
  };

  return (
    <div className="stack" data-testid="custom-criteria">
      {custom.length === 0 ? (
        <EmptyState title="No custom criteria yet">
          Licensing cost, support model, skills on the team, exit cost, data residency: architects add what the catalogue lacks.
        </EmptyState>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Criterion</th>
              <th>Rule</th>
              {scorecard.platforms.map((p) => (
                <th key={p.id} style={{ textAlign: "center" }}>
                  {p.shortName}
                </th>
              ))}
              <th style={{ textAlign: "right" }}>Weight</th>
              {editable ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {custom.map((c) => (
              <tr key={c.id} data-testid={`custom-${c.id}`}>
                <td>
                  <div style={{ fontWeight: 600 }}>{c.name}</div>
                  <div className="muted" style={{ fontSize: 12 }}>
                    {GROUP_LABELS[c.group]} · {c.custom?.direction === "lower-is-better" ? "lower is better" : "higher is better"} ·{" "}
                    {c.custom?.author ? `by ${c.custom.author}` : ""}
                  </div>
                </td>
                <td style={{ fontSize: 12.5, maxWidth: 360 }} data-testid={`custom-rule-${c.id}`}>
                  {c.custom?.rule}
                </td>
                {c.scores.map((s) => (
                  <td key={s.platform} style={{ textAlign: "center" }} className="mono">
                    {s.value ? <div style={{ fontSize: 12 }}>{s.value}</div> : null}
                    <strong>{num(s.score)}</strong> <Badge tone="neutral">{EVIDENCE_LABELS[s.evidence]}</Badge>
                    {s.answerId ? <div style={{ fontSize: 11 }}>cites workshop</div> : null}
                  </td>
                ))}
                <td style={{ textAlign: "right" }} className="mono">
                  {pct(c.weight)}
                </td>
                {editable ? (
                  <td>
                    <div className="row" style={{ flexWrap: "nowrap" }}>
                      <button
                        type="button"
                        className="btn secondary"
                        onClick={() => {
                          const s = stored.find((x) => x.id === c.id);
                          if (s) setDraft(draftOf(c, s.values));
                        }}
                      >
                        Change
                      </button>
                      <button
                        type="button"
                        className="btn secondary"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate({ estateId, criterionId: c.id })}
                      >
                        Remove
                      </button>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      {editable && !draft ? (
        <div>
          <button type="button" className="btn" onClick={() => setDraft(emptyDraft(scorecard))}>
            Add a criterion
          </button>
        </div>
      ) : null}
      {editable && draft ? (
        <form onSubmit={submit} aria-label="Custom criterion" className="card stack">
          <h3 style={{ margin: 0 }}>{draft.id ? `Change “${draft.name}”` : "New criterion"}</h3>
          <div className="grid cols-3" style={{ gap: 8 }}>
            <div className="field">
              <label htmlFor="cc-name">Name</label>
              <input id="cc-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required />
            </div>
            <div className="field">
              <label htmlFor="cc-group">Category</label>
              <select id="cc-group" value={draft.group} onChange={(e) => setDraft({ ...draft, group: e.target.value as Draft["group"] })}>
                {Object.entries(GROUP_LABELS).map(([id, label]) => (
                  <option key={id} value={id}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="cc-direction">Direction</label>
              <select
                id="cc-direction"
                value={draft.direction}
                onChange={(e) => setDraft({ ...draft, direction: e.target.value as Draft["direction"] })}
              >
                <option value="higher-is-better">Higher is better</option>
                <option value="lower-is-better">Lower is better</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="cc-unit">Unit</label>
              <select
                id="cc-unit"
                value={draft.unitKind}
                onChange={(e) => setDraft({ ...draft, unitKind: e.target.value as Draft["unitKind"] })}
              >
                <option value="number">A number (normalised to 0–5)</option>
                <option value="score">A score 0–5</option>
              </select>
            </div>
            {draft.unitKind === "number" ? (
              <>
                <div className="field">
                  <label htmlFor="cc-unit-label">Unit label</label>
                  <input
                    id="cc-unit-label"
                    value={draft.unitLabel}
                    onChange={(e) => setDraft({ ...draft, unitLabel: e.target.value })}
                    required
                  />
                </div>
                <div className="field">
                  <label htmlFor="cc-normalisation">Normalisation</label>
                  <select
                    id="cc-normalisation"
                    value={draft.normalisation}
                    onChange={(e) => setDraft({ ...draft, normalisation: e.target.value as Draft["normalisation"] })}
                  >
                    <option value="min-max">Min–max to 0–5 (best 5, worst 0)</option>
                    <option value="ratio-to-best">Ratio to the best (proportional)</option>
                  </select>
                </div>
              </>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="cc-description">Description (what is measured, what a good value is)</label>
            <textarea
              id="cc-description"
              rows={2}
              value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              required
            />
          </div>
          <table className="data">
            <thead>
              <tr>
                <th>Platform</th>
                <th>Value{draft.unitKind === "number" ? ` (${draft.unitLabel})` : " (0–5)"}</th>
                <th>Evidence</th>
                <th>Source</th>
                <th>Date</th>
                <th>Cites workshop answer</th>
              </tr>
            </thead>
            <tbody>
              {scorecard.platforms.map((p) => {
                const v = draft.values[p.id];
                const set = (patch: Partial<typeof v>) => setDraft({ ...draft, values: { ...draft.values, [p.id]: { ...v, ...patch } } });
                return (
                  <tr key={p.id}>
                    <td>{p.shortName}</td>
                    <td>
                      <input
                        type="number"
                        step="any"
                        aria-label={`Value for ${p.shortName}`}
                        value={v.value}
                        onChange={(e) => set({ value: e.target.value })}
                        required
                        style={{ width: 120 }}
                      />
                    </td>
                    <td>
                      <select
                        aria-label={`Evidence for ${p.shortName}`}
                        value={v.evidence}
                        onChange={(e) => set({ evidence: e.target.value as Evidence })}
                      >
                        {EVIDENCE.map((e) => (
                          <option key={e} value={e}>
                            {EVIDENCE_LABELS[e]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        aria-label={`Source for ${p.shortName}`}
                        value={v.source}
                        onChange={(e) => set({ source: e.target.value })}
                        required
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Date for ${p.shortName}`}
                        pattern="\d{4}-\d{2}-\d{2}"
                        value={v.date}
                        onChange={(e) => set({ date: e.target.value })}
                        required
                        style={{ width: 110 }}
                      />
                    </td>
                    <td>
                      <select
                        aria-label={`Workshop answer for ${p.shortName}`}
                        value={v.answerId}
                        onChange={(e) => set({ answerId: e.target.value })}
                      >
                        <option value="">—</option>
                        {answers
                          .filter((a) => a.platform === p.id)
                          .map((a) => (
                            <option key={a.id} value={a.id}>
                              {a.label}
                            </option>
                          ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <div className="row">
            <button type="submit" className="btn" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save criterion as new version"}
            </button>
            <button type="button" className="btn secondary" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
