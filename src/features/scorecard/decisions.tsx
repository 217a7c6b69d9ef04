"use client";
/**
 * Decision records: architects freeze the latest scorecard version as the decision (chosen platform,
 * rationale, dissent) and may seal it into the estate's audit chain; everyone reads and downloads them.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { TPlatformId } from "../../scorecard/platforms.ts";
import type { TScorecard } from "../../scorecard/scorecard.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock } from "../../ui/components.tsx";
import { platformName } from "./format.ts";

export function Decisions({
  scorecard,
  estateId,
  latestVersion,
  editable,
}: {
  scorecard: TScorecard;
  estateId: string;
  latestVersion: number;
  editable: boolean;
}) {
  const trpc = useTRPC();
  const decisions = useQuery(trpc.scorecard.decisions.list.queryOptions({ estateId }));
  const leader = scorecard.results.find((r) => r.rank === 1)?.platform ?? scorecard.platforms[0].id;
  const [draft, setDraft] = useState<{ chosenPlatform: TPlatformId; rationale: string; dissent: string }>({
    chosenPlatform: leader,
    rationale: "",
    dissent: "",
  });
  const create = useMutation(
    trpc.scorecard.decisions.create.mutationOptions({
      onSuccess: async () => {
        setDraft({ ...draft, rationale: "", dissent: "" });
        await decisions.refetch();
      },
    }),
  );
  const seal = useMutation(trpc.scorecard.decisions.seal.mutationOptions({ onSuccess: () => decisions.refetch() }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ estateId, ...draft, baseVersion: latestVersion });
  };
  const href = (n: number, format: string) => `/api/estates/${estateId}/scorecard/export?format=${format}&decision=${n}`;
  return (
    <div className="stack" data-testid="decisions">
      {decisions.isPending ? <LoadingBlock lines={2} /> : null}
      {decisions.error ? <ErrorAlert error={decisions.error} /> : null}
      {decisions.data && decisions.data.length === 0 ? (
        <EmptyState title="No decision recorded">
          {editable ? "Freeze the current version as the decision below." : "Architects record the decision here."}
        </EmptyState>
      ) : null}
      {decisions.data?.map((d) => (
        <section key={d.id} className="card" aria-label={`Decision ${d.number}`} data-testid="decision">
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h3 style={{ margin: 0 }}>
              Decision #{d.number}: {platformName(scorecard, d.chosenPlatform)}{" "}
              <span className="muted" style={{ fontWeight: 400 }}>
                (rank {d.chosenRank ?? "excluded"} in version {d.scorecardVersion})
              </span>
            </h3>
            <div className="row">
              <a className="btn secondary" href={href(d.number, "decision-pdf")} download data-testid="decision-pdf">
                PDF
              </a>
              <a className="btn secondary" href={href(d.number, "decision-csv")} download>
                CSV
              </a>
              <a className="btn secondary" href={href(d.number, "decision-json")} download>
                JSON
              </a>
            </div>
          </div>
          <p className="muted" style={{ margin: "4px 0", fontSize: 12.5 }}>
            Decided by {d.decidedBy.name} on {new Date(d.decidedAt).toLocaleString("de-CH")} · record SHA-256{" "}
            <span className="mono">{d.sha256.slice(0, 16)}…</span>{" "}
            {d.intact ? <Badge tone="ok">intact</Badge> : <Badge tone="bad">changed since recorded</Badge>}
          </p>
          <p style={{ margin: "4px 0", whiteSpace: "pre-wrap" }}>
            <strong>Rationale:</strong> {d.rationale}
          </p>
          <p style={{ margin: "4px 0", whiteSpace: "pre-wrap" }}>
            <strong>Dissent:</strong> {d.dissent || "none recorded"}
          </p>
          <p className="muted" style={{ margin: "4px 0", fontSize: 12.5 }}>
            {d.leadSentence}
          </p>
          <div data-testid="decision-seal">
            {d.seal ? (
              <Badge tone={d.seal.hashInSnapshot ? "ok" : "bad"}>
                Sealed in audit snapshot #{d.seal.sequence} (root {d.seal.merkleRoot.slice(0, 12)}…)
                {d.seal.hashInSnapshot ? "" : " — hash missing from the snapshot"}
              </Badge>
            ) : editable ? (
              <button
                type="button"
                className="btn secondary"
                disabled={seal.isPending}
                onClick={() => seal.mutate({ estateId, number: d.number })}
              >
                {seal.isPending ? "Sealing…" : "Seal in the audit chain"}
              </button>
            ) : (
              <Badge tone="neutral">not sealed</Badge>
            )}
          </div>
        </section>
      ))}
      {seal.error ? <ErrorAlert error={seal.error} /> : null}
      {editable ? (
        <form onSubmit={submit} aria-label="Record the decision" className="card stack">
          <h3 style={{ margin: 0 }}>Freeze version {latestVersion} as the decision</h3>
          <div className="field">
            <label htmlFor="dec-platform">Chosen platform</label>
            <select
              id="dec-platform"
              value={draft.chosenPlatform}
              onChange={(e) => setDraft({ ...draft, chosenPlatform: e.target.value as TPlatformId })}
            >
              {scorecard.platforms.map((p) => {
                const r = scorecard.results.find((x) => x.platform === p.id);
                return (
                  <option key={p.id} value={p.id}>
                    {p.name} ({r?.excluded ? "excluded" : `rank ${r?.rank}`})
                  </option>
                );
              })}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dec-rationale">Rationale</label>
            <textarea
              id="dec-rationale"
              rows={3}
              value={draft.rationale}
              onChange={(e) => setDraft({ ...draft, rationale: e.target.value })}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="dec-dissent">Dissent (who disagreed, and why; leave empty if none)</label>
            <textarea id="dec-dissent" rows={2} value={draft.dissent} onChange={(e) => setDraft({ ...draft, dissent: e.target.value })} />
          </div>
          {create.error ? <ErrorAlert error={create.error} /> : null}
          <div>
            <button type="submit" className="btn" disabled={create.isPending || !draft.rationale.trim()}>
              {create.isPending ? "Freezing…" : "Freeze as decision"}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
