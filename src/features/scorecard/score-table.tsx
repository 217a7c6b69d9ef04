"use client";
/** Scores per criterion × platform; a cell opens its rationale, evidence, sources, history and (for architects) the editor. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { TPlatformId } from "../../scorecard/platforms.ts";
import type { TEffectiveScore, TScorecard, TScorecardCriterion } from "../../scorecard/scorecard.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, ErrorAlert, LoadingBlock } from "../../ui/components.tsx";
import { EVIDENCE_LABELS, EVIDENCE_TONES, GROUP_LABELS, num, pct, platformName } from "./format.ts";
import type { TWorkshopAnswerOption } from "./workshops.tsx";

/** Workshop sessions as the list query returns them (only what the score detail shows). */
type TSessionView = {
  platform: string;
  date: string;
  title: string;
  answers: { id: string; questionTitle: string; answer: string; criterionIds: string[]; superseded: boolean }[];
};

const EVIDENCE = ["tested", "documented", "vendor-claim", "assumption"] as const;
const ORIGIN_MARK = { catalogue: "", estate: "◆", override: "✎", custom: "★" } as const;

function scoreBackground(score: number) {
  // 0 → light red, 5 → light green, through neutral.
  const hue = (score / 5) * 130;
  return `hsl(${hue} 60% 92%)`;
}

export function ScoreTable({
  scorecard,
  estateId,
  editable,
  onSaved,
  answers,
  sessions,
}: {
  scorecard: TScorecard;
  estateId: string;
  editable: boolean;
  onSaved: () => void;
  answers: TWorkshopAnswerOption[];
  sessions: TSessionView[];
}) {
  const [selected, setSelected] = useState<{ criterionId: string; platform: TPlatformId } | null>(null);
  const criterion = selected ? scorecard.criteria.find((c) => c.id === selected.criterionId) : undefined;
  const cell = criterion?.scores.find((s) => s.platform === selected?.platform);
  return (
    <div className="stack">
      <p className="muted" style={{ margin: 0 }}>
        Scores 0–5 per criterion and platform. ◆ computed from the estate, ✎ set by an architect, ★ an architects&apos; own criterion; the
        rest from the seeded catalogue. Select a score for its rationale, sources and history{editable ? ", and to change it" : ""}.
      </p>
      <div style={{ overflowX: "auto" }}>
        <table className="data" data-testid="score-table">
          <thead>
            <tr>
              <th>Criterion</th>
              <th style={{ textAlign: "right" }}>Weight</th>
              {scorecard.platforms.map((p) => (
                <th key={p.id} style={{ textAlign: "center" }}>
                  {p.shortName}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scorecard.criteria.map((c) => (
              <tr key={c.id}>
                <td>
                  <div style={{ fontWeight: 600 }}>{c.name}</div>
                  <div className="muted" style={{ fontSize: 12 }}>
                    {GROUP_LABELS[c.group]}
                    {c.knockOut ? <> · knock-out below {c.knockOut.minScore}</> : null}
                    {c.workshopQuestions.length ? <> · {c.workshopQuestions.length} workshop question(s)</> : null}
                  </div>
                </td>
                <td style={{ textAlign: "right" }} className="mono">
                  {pct(c.weight)}
                </td>
                {c.scores.map((s) => {
                  const active = selected?.criterionId === c.id && selected.platform === s.platform;
                  const failed = c.knockOut && s.score < c.knockOut.minScore;
                  return (
                    <td key={s.platform} style={{ textAlign: "center", padding: 3 }}>
                      <button
                        type="button"
                        onClick={() => setSelected(active ? null : { criterionId: c.id, platform: s.platform })}
                        aria-pressed={active}
                        aria-label={`${c.name}, ${platformName(scorecard, s.platform)}: ${num(s.score, 2)} (${s.origin})`}
                        data-testid={`score-${c.id}-${s.platform}`}
                        style={{
                          width: "100%",
                          minWidth: 64,
                          padding: "6px 4px",
                          border: active ? "2px solid var(--brand)" : failed ? "2px solid var(--bad)" : "1px solid var(--border)",
                          borderRadius: 6,
                          background: scoreBackground(s.score),
                          font: "inherit",
                          cursor: "pointer",
                        }}
                      >
                        <span className="mono">{num(s.score, s.score % 1 ? 2 : 0)}</span> {ORIGIN_MARK[s.origin]}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {criterion && cell ? (
        <ScoreDetail
          key={`${criterion.id}-${cell.platform}-${cell.score}-${cell.origin}`}
          scorecard={scorecard}
          criterion={criterion}
          cell={cell}
          estateId={estateId}
          editable={editable && criterion.kind !== "custom"}
          onSaved={onSaved}
          answers={answers.filter((a) => a.platform === cell.platform)}
          linked={sessions
            .filter((s) => s.platform === cell.platform)
            .flatMap((s) =>
              s.answers.filter((a) => !a.superseded && a.criterionIds.includes(criterion.id)).map((a) => ({ ...a, session: s })),
            )}
        />
      ) : null}
    </div>
  );
}

function ScoreDetail({
  scorecard,
  criterion,
  cell,
  estateId,
  editable,
  onSaved,
  answers,
  linked,
}: {
  scorecard: TScorecard;
  criterion: TScorecardCriterion;
  cell: TEffectiveScore;
  estateId: string;
  editable: boolean;
  onSaved: () => void;
  answers: TWorkshopAnswerOption[];
  linked: (TSessionView["answers"][number] & { session: TSessionView })[];
}) {
  const trpc = useTRPC();
  const history = useQuery(trpc.scorecard.scoreHistory.queryOptions({ estateId, criterionId: criterion.id, platform: cell.platform }));
  const save = useMutation(trpc.scorecard.saveScore.mutationOptions({ onSuccess: () => (onSaved(), history.refetch()) }));
  const reset = useMutation(trpc.scorecard.resetScore.mutationOptions({ onSuccess: () => (onSaved(), history.refetch()) }));
  const [draft, setDraft] = useState({
    score: cell.score,
    rationale: cell.origin === "override" ? cell.rationale : "",
    evidence: cell.evidence,
    date: new Date().toISOString().slice(0, 10),
    answerId: cell.origin === "override" ? (cell.answerId ?? "") : "",
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { answerId, ...rest } = draft;
    save.mutate({ estateId, criterionId: criterion.id, platform: cell.platform, ...rest, ...(answerId ? { answerId } : {}) });
  };
  const platform = platformName(scorecard, cell.platform);
  return (
    <section className="card" aria-label={`${criterion.name} for ${platform}`} data-testid="score-detail">
      <div className="grid cols-2">
        <div className="stack">
          <div>
            <h3>
              {criterion.name} · {platform}
            </h3>
            <p className="muted" style={{ margin: 0 }}>
              {criterion.description}
            </p>
          </div>
          <div className="row">
            <span className="stat">{num(cell.score, 2)}</span>
            <Badge tone={EVIDENCE_TONES[cell.evidence]}>{EVIDENCE_LABELS[cell.evidence]}</Badge>
            <Badge tone={cell.origin === "override" ? "info" : "neutral"}>
              {cell.origin === "override" ? `architect: ${cell.author ?? "?"}` : cell.origin}
            </Badge>
            <span className="muted">as of {cell.date}</span>
          </div>
          <p style={{ margin: 0 }}>{cell.rationale}</p>
          <ul className="muted" style={{ margin: 0, paddingLeft: 18, fontSize: 12.5 }}>
            {cell.sources.map((s) => (
              <li key={`${s.document}-${s.section}`}>
                {s.document} — {s.section}
              </li>
            ))}
          </ul>
          {linked.length > 0 ? (
            <div data-testid="linked-answers">
              <h3>Workshop answers on this criterion</h3>
              {linked.map((a) => (
                <p key={a.id} style={{ margin: "0 0 6px", fontSize: 13 }}>
                  <strong>
                    {a.session.date} {a.session.title} · {a.questionTitle}
                    {cell.answerId === a.id ? " (cited by this score)" : ""}:
                  </strong>{" "}
                  {a.answer}
                </p>
              ))}
            </div>
          ) : null}
          {criterion.knockOut ? (
            <div className={`alert ${cell.score < criterion.knockOut.minScore ? "error" : "info"}`}>
              Knock-out below {criterion.knockOut.minScore}: {criterion.knockOut.reason}
            </div>
          ) : null}
          {criterion.workshopQuestions.length > 0 ? (
            <div>
              <h3>Workshop questions</h3>
              {criterion.workshopQuestions.map((q) => (
                <details key={q.id} style={{ marginBottom: 6 }}>
                  <summary>{q.title}</summary>
                  <p style={{ margin: "6px 0" }}>{q.question}</p>
                  <p className="muted" style={{ margin: 0, fontSize: 12.5 }}>
                    {q.purpose}
                  </p>
                  <p className="muted" style={{ margin: 0, fontSize: 12 }}>
                    {q.source.document} — {q.source.section}
                  </p>
                </details>
              ))}
            </div>
          ) : null}
        </div>
        <div className="stack">
          {editable ? (
            <form onSubmit={submit} aria-label="Change this score">
              <h3>Change this score</h3>
              <div className="grid cols-3" style={{ gap: 8 }}>
                <div className="field">
                  <label htmlFor="score-value">Score (0–5)</label>
                  <input
                    id="score-value"
                    type="number"
                    min={0}
                    max={5}
                    step={0.5}
                    value={draft.score}
                    onChange={(e) => setDraft({ ...draft, score: Number(e.target.value) })}
                    required
                  />
                </div>
                <div className="field">
                  <label htmlFor="score-evidence">Evidence</label>
                  <select
                    id="score-evidence"
                    value={draft.evidence}
                    onChange={(e) => setDraft({ ...draft, evidence: e.target.value as (typeof EVIDENCE)[number] })}
                  >
                    {EVIDENCE.map((e) => (
                      <option key={e} value={e}>
                        {EVIDENCE_LABELS[e]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="score-date">Evidence date</label>
                  <input
                    id="score-date"
                    type="text"
                    pattern="\d{4}-\d{2}-\d{2}"
                    placeholder="YYYY-MM-DD"
                    value={draft.date}
                    onChange={(e) => setDraft({ ...draft, date: e.target.value })}
                    required
                  />
                </div>
              </div>
              <div className="field">
                <label htmlFor="score-answer">Cites workshop answer</label>
                <select id="score-answer" value={draft.answerId} onChange={(e) => setDraft({ ...draft, answerId: e.target.value })}>
                  <option value="">— none</option>
                  {answers.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="score-rationale">Rationale and evidence</label>
                <textarea
                  id="score-rationale"
                  rows={3}
                  value={draft.rationale}
                  onChange={(e) => setDraft({ ...draft, rationale: e.target.value })}
                  required
                  placeholder="What was tested or read, and where"
                />
              </div>
              {save.error ? <ErrorAlert error={save.error} /> : null}
              {reset.error ? <ErrorAlert error={reset.error} /> : null}
              <div className="row">
                <button type="submit" className="btn" disabled={save.isPending || !draft.rationale.trim()}>
                  {save.isPending ? "Saving…" : "Save as new version"}
                </button>
                {cell.origin === "override" ? (
                  <button
                    type="button"
                    className="btn secondary"
                    disabled={reset.isPending}
                    onClick={() => reset.mutate({ estateId, criterionId: criterion.id, platform: cell.platform })}
                  >
                    Back to the {criterion.kind === "estate" ? "computed" : "catalogue"} score
                  </button>
                ) : null}
              </div>
            </form>
          ) : null}
          <div>
            <h3>History of this score</h3>
            {history.isPending ? <LoadingBlock lines={2} /> : null}
            {history.error ? <ErrorAlert error={history.error} /> : null}
            {history.data && history.data.length === 0 ? (
              <p className="muted">Never changed: the {cell.origin === "estate" ? "computed" : "catalogue"} score.</p>
            ) : null}
            {history.data && history.data.length > 0 ? (
              <table className="data">
                <thead>
                  <tr>
                    <th>Version</th>
                    <th>When</th>
                    <th>Who</th>
                    <th>Score</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.map((h) => (
                    <tr key={h.version}>
                      <td>{h.version}</td>
                      <td>{new Date(h.createdAt).toLocaleString("de-CH")}</td>
                      <td>{h.author?.name ?? "unknown"}</td>
                      <td>
                        {h.override ? (
                          <>
                            <strong>{h.override.score}</strong> ({EVIDENCE_LABELS[h.override.evidence]}, {h.override.date}):{" "}
                            {h.override.rationale}
                          </>
                        ) : (
                          <span className="muted">reset to the catalogue/computed score</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
        </div>
      </div>
    </section>
  );
}
