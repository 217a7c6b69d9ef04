"use client";
/**
 * Vendor workshops: per platform the sessions (date, participants, vendor attendees) and the vendor's answer
 * to each seeded or custom question, with attachments (PDF or images; the server checks their content) and
 * the criteria each answer informs. Architects record; everyone else reads. Answers are never edited: a
 * correction is recorded as a new answer that supersedes the earlier one.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { TPlatformId } from "../../scorecard/platforms.ts";
import type { TScorecard } from "../../scorecard/scorecard.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock } from "../../ui/components.tsx";
import { criterionName, platformName } from "./format.ts";

export interface TWorkshopAnswerOption {
  id: string;
  platform: TPlatformId;
  label: string;
}

const splitNames = (s: string) =>
  s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The workshops query, shared by the panel and the editors that cite answers. */
export function useWorkshops(estateId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.scorecard.workshops.list.queryOptions({ estateId }));
}

export function answerOptions(data: ReturnType<typeof useWorkshops>["data"]): TWorkshopAnswerOption[] {
  return (data?.sessions ?? []).flatMap((s) =>
    s.answers
      .filter((a) => !a.superseded)
      .map((a) => ({
        id: a.id,
        platform: s.platform,
        label: `${s.date} ${s.title}: ${a.questionId ? `${a.questionId} ` : ""}${a.questionTitle}`,
      })),
  );
}

export function Workshops({
  scorecard,
  estateId,
  editable,
  onChanged,
}: {
  scorecard: TScorecard;
  estateId: string;
  editable: boolean;
  onChanged: () => Promise<void> | void;
}) {
  const trpc = useTRPC();
  const workshops = useWorkshops(estateId);
  const [platform, setPlatform] = useState<TPlatformId>("ove");
  const [session, setSession] = useState({ date: new Date().toISOString().slice(0, 10), title: "", participants: "", vendorAttendees: "" });
  const createSession = useMutation(
    trpc.scorecard.workshops.createSession.mutationOptions({
      onSuccess: async () => {
        setSession({ ...session, title: "", participants: "", vendorAttendees: "" });
        await workshops.refetch();
      },
    }),
  );
  if (workshops.isPending) return <LoadingBlock lines={3} />;
  if (workshops.error) return <ErrorAlert error={workshops.error} />;
  const sessions = workshops.data.sessions.filter((s) => s.platform === platform);

  const submitSession = (event: FormEvent) => {
    event.preventDefault();
    createSession.mutate({
      estateId,
      platform,
      date: session.date,
      title: session.title,
      participants: splitNames(session.participants),
      vendorAttendees: splitNames(session.vendorAttendees),
    });
  };

  return (
    <div className="stack" data-testid="workshops">
      <div className="row" role="tablist" aria-label="Workshop platform">
        {scorecard.platforms.map((p) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            aria-selected={platform === p.id}
            className={`btn ${platform === p.id ? "" : "secondary"}`}
            onClick={() => setPlatform(p.id)}
          >
            {p.shortName} ({workshops.data.sessions.filter((s) => s.platform === p.id).length})
          </button>
        ))}
      </div>
      {sessions.length === 0 ? (
        <EmptyState title={`No workshop with ${platformName(scorecard, platform, true)} recorded`}>
          {editable ? "Record a session below, then the vendor's answers." : "Architects record the sessions and the vendors' answers."}
        </EmptyState>
      ) : null}
      {sessions.map((s) => (
        <section key={s.id} className="card" aria-label={`Workshop ${s.title}`} data-testid="workshop-session">
          <h3 style={{ marginTop: 0 }}>
            {s.title} <span className="muted">· {s.date}</span>
          </h3>
          <p className="muted" style={{ margin: "0 0 8px", fontSize: 12.5 }}>
            Participants: {s.participants.join(", ")} · Vendor: {s.vendorAttendees.join(", ") || "—"} · recorded by {s.createdBy}
          </p>
          {s.answers.length === 0 ? <p className="muted">No answers recorded yet.</p> : null}
          {s.answers.map((a) => (
            <div
              key={a.id}
              className="stack"
              style={{ gap: 4, padding: "8px 0", borderTop: "1px solid var(--border)" }}
              data-testid="workshop-answer"
            >
              <div>
                <strong>
                  {a.questionId ? `${a.questionId} · ` : "Own question · "}
                  {a.questionTitle}
                </strong>{" "}
                {a.superseded ? <Badge tone="warn">superseded</Badge> : null}
                {a.supersedesId ? <Badge tone="info">correction</Badge> : null}
              </div>
              <details>
                <summary className="muted" style={{ fontSize: 12.5 }}>
                  Question
                </summary>
                <p style={{ margin: "4px 0" }}>{a.question}</p>
              </details>
              <p style={{ margin: 0, whiteSpace: "pre-wrap" }}>{a.answer}</p>
              <div className="muted" style={{ fontSize: 12.5 }}>
                Informs: {a.criterionIds.length ? a.criterionIds.map((id) => criterionName(scorecard, id)).join(", ") : "—"} · recorded by{" "}
                {a.createdBy} on {new Date(a.createdAt).toLocaleString("de-CH")}
              </div>
              {a.attachments.length ? (
                <ul style={{ margin: 0, paddingLeft: 18, fontSize: 12.5 }}>
                  {a.attachments.map((f) => (
                    <li key={f.id}>
                      <a href={`/api/estates/${estateId}/scorecard/attachments/${f.id}`} download data-testid="workshop-attachment">
                        {f.name}
                      </a>{" "}
                      <span className="muted mono">
                        {f.contentType}, {f.size.toLocaleString("de-CH")} bytes, SHA-256 {f.sha256.slice(0, 16)}…
                      </span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ))}
          {editable ? (
            <AnswerForm
              scorecard={scorecard}
              estateId={estateId}
              sessionId={s.id}
              questions={workshops.data.questions}
              earlier={s.answers.filter((a) => !a.superseded)}
              onSaved={async () => {
                await workshops.refetch();
                await onChanged();
              }}
            />
          ) : null}
        </section>
      ))}
      {editable ? (
        <form onSubmit={submitSession} aria-label="New workshop session" className="card stack">
          <h3 style={{ margin: 0 }}>New workshop with {platformName(scorecard, platform)}</h3>
          <div className="grid cols-2" style={{ gap: 8 }}>
            <div className="field">
              <label htmlFor="ws-title">Title</label>
              <input id="ws-title" value={session.title} onChange={(e) => setSession({ ...session, title: e.target.value })} required />
            </div>
            <div className="field">
              <label htmlFor="ws-date">Date</label>
              <input
                id="ws-date"
                pattern="\d{4}-\d{2}-\d{2}"
                value={session.date}
                onChange={(e) => setSession({ ...session, date: e.target.value })}
                required
              />
            </div>
            <div className="field">
              <label htmlFor="ws-participants">Participants (comma-separated)</label>
              <input
                id="ws-participants"
                value={session.participants}
                onChange={(e) => setSession({ ...session, participants: e.target.value })}
                required
              />
            </div>
            <div className="field">
              <label htmlFor="ws-vendor">Vendor attendees (comma-separated)</label>
              <input
                id="ws-vendor"
                value={session.vendorAttendees}
                onChange={(e) => setSession({ ...session, vendorAttendees: e.target.value })}
              />
            </div>
          </div>
          {createSession.error ? <ErrorAlert error={createSession.error} /> : null}
          <div>
            <button type="submit" className="btn" disabled={createSession.isPending}>
              {createSession.isPending ? "Saving…" : "Record session"}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

function AnswerForm({
  scorecard,
  estateId,
  sessionId,
  questions,
  earlier,
  onSaved,
}: {
  scorecard: TScorecard;
  estateId: string;
  sessionId: string;
  questions: { id: string; title: string; question: string }[];
  earlier: { id: string; questionTitle: string }[];
  onSaved: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const [questionId, setQuestionId] = useState(questions[0]?.id ?? "custom");
  const [custom, setCustom] = useState({ title: "", question: "" });
  const [answer, setAnswer] = useState("");
  const [criteria, setCriteria] = useState<string[]>([]);
  const [supersedes, setSupersedes] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [formKey, setFormKey] = useState(0);
  const record = useMutation(
    trpc.scorecard.workshops.recordAnswer.mutationOptions({
      onSuccess: async () => {
        setAnswer("");
        setCriteria([]);
        setFiles([]);
        setSupersedes("");
        setFormKey((k) => k + 1);
        await onSaved();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = new FormData();
    form.set("estateId", estateId);
    form.set(
      "answer",
      JSON.stringify({
        sessionId,
        ...(questionId === "custom" ? { questionTitle: custom.title, question: custom.question } : { questionId }),
        answer,
        criterionIds: criteria,
        ...(supersedes ? { supersedesId: supersedes } : {}),
      }),
    );
    for (const f of files) form.append("files", f);
    record.mutate(form);
  };
  return (
    <form
      key={formKey}
      onSubmit={submit}
      aria-label="Record an answer"
      className="stack"
      style={{ borderTop: "1px solid var(--border)", paddingTop: 8 }}
    >
      <h3 style={{ margin: 0, fontSize: 14 }}>Record an answer</h3>
      <div className="grid cols-2" style={{ gap: 8 }}>
        <div className="field">
          <label htmlFor={`wa-q-${sessionId}`}>Question</label>
          <select id={`wa-q-${sessionId}`} value={questionId} onChange={(e) => setQuestionId(e.target.value)}>
            {questions.map((q) => (
              <option key={q.id} value={q.id}>
                {q.id} · {q.title}
              </option>
            ))}
            <option value="custom">Our own question…</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`wa-s-${sessionId}`}>Corrects an earlier answer</label>
          <select id={`wa-s-${sessionId}`} value={supersedes} onChange={(e) => setSupersedes(e.target.value)}>
            <option value="">— (a new answer)</option>
            {earlier.map((a) => (
              <option key={a.id} value={a.id}>
                {a.questionTitle}
              </option>
            ))}
          </select>
        </div>
      </div>
      {questionId === "custom" ? (
        <div className="grid cols-2" style={{ gap: 8 }}>
          <div className="field">
            <label htmlFor={`wa-ct-${sessionId}`}>Question title</label>
            <input
              id={`wa-ct-${sessionId}`}
              value={custom.title}
              onChange={(e) => setCustom({ ...custom, title: e.target.value })}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`wa-cq-${sessionId}`}>Question asked</label>
            <input
              id={`wa-cq-${sessionId}`}
              value={custom.question}
              onChange={(e) => setCustom({ ...custom, question: e.target.value })}
              required
            />
          </div>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`wa-a-${sessionId}`}>Vendor&apos;s answer</label>
        <textarea id={`wa-a-${sessionId}`} rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} required />
      </div>
      <div className="grid cols-2" style={{ gap: 8 }}>
        <div className="field">
          <label htmlFor={`wa-c-${sessionId}`}>Informs the criteria</label>
          <select
            id={`wa-c-${sessionId}`}
            multiple
            size={5}
            value={criteria}
            onChange={(e) => setCriteria([...e.target.selectedOptions].map((o) => o.value))}
          >
            {scorecard.criteria.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`wa-f-${sessionId}`}>Attachments (PDF or images, ≤ 10 MiB each, up to 5)</label>
          <input
            id={`wa-f-${sessionId}`}
            type="file"
            multiple
            accept="application/pdf,image/png,image/jpeg,image/gif,image/webp"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </div>
      </div>
      {record.error ? <ErrorAlert error={record.error} /> : null}
      <div>
        <button type="submit" className="btn" disabled={record.isPending || !answer.trim()}>
          {record.isPending ? "Saving…" : "Record answer"}
        </button>
      </div>
    </form>
  );
}
