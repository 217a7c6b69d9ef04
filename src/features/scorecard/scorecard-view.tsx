"use client";
/**
 * The platform scorecard page. The server builds the scorecard from the stored version and the estate; while
 * an architect edits weights, the browser recomputes totals, ranks, sensitivity and Monte Carlo with the same
 * pure library (reweighScorecard), and "Save" stores the weights as a new version.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useMemo, useState } from "react";
import { reweighScorecard, type TScorecard } from "../../scorecard/scorecard.ts";
import type { TWeightSpec } from "../../scorecard/weights.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { canEditScorecard, useCurrentUser } from "../shell/current-user.tsx";
import { ContributionBars, MonteCarloBars, ScoreRadar, Tornado } from "./charts.tsx";
import { EstateCriteria } from "./estate-criteria.tsx";
import { criterionName, num, pct, platformName, PLATFORM_COLORS } from "./format.ts";
import { ScoreTable } from "./score-table.tsx";
import { CustomCriteria } from "./custom-criteria.tsx";
import { Decisions } from "./decisions.tsx";
import { RankingInWords } from "./explanation.tsx";
import { answerOptions, useWorkshops, Workshops } from "./workshops.tsx";
import { AhpEditor, DirectWeights } from "./weights-editor.tsx";

export function ScorecardView({ estateId }: { estateId: string }) {
  const user = useCurrentUser();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [viewVersion, setViewVersion] = useState<number | undefined>(undefined);
  const card = useQuery(trpc.scorecard.get.queryOptions({ estateId, version: viewVersion }));
  const versions = useQuery(trpc.scorecard.versions.queryOptions({ estateId }));
  const workshops = useWorkshops(estateId);
  const [draft, setDraft] = useState<TWeightSpec | null>(null);
  const [mode, setMode] = useState<"direct" | "ahp" | null>(null);
  const deferredDraft = useDeferredValue(draft);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.scorecard.get.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.scorecard.versions.queryKey() }),
    ]);
  };
  const saveWeights = useMutation(
    trpc.scorecard.saveWeights.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setDraft(null);
      },
    }),
  );

  const preview = useMemo((): { scorecard: TScorecard; error?: unknown } | undefined => {
    if (!card.data) return undefined;
    if (!deferredDraft) return { scorecard: card.data.scorecard };
    try {
      return { scorecard: reweighScorecard(card.data.scorecard, deferredDraft) };
    } catch (error) {
      return { scorecard: card.data.scorecard, error };
    }
  }, [card.data, deferredDraft]);

  if (card.isPending) return <LoadingBlock lines={6} label="Building the scorecard" />;
  if (card.error) return <ErrorAlert error={card.error} />;
  if (!preview) return null;
  const data = card.data;
  const scorecard = preview.scorecard;
  const viewingOld = viewVersion !== undefined && viewVersion !== data.latestVersion;
  const editable = canEditScorecard(user) && !viewingOld;
  const savedSpec = data.input.weights;
  const spec = draft ?? savedSpec;
  const weightMode = mode ?? (spec?.kind === "direct" || spec === null ? "direct" : "ahp");
  const exportHref = (format: string) =>
    `/api/estates/${estateId}/scorecard/export?format=${format}${viewVersion ? `&version=${viewVersion}` : ""}`;

  return (
    <>
      <PageHeader
        title="Platform scorecard"
        subtitle="VMware NSX vs OpenShift Virtualization Engine vs Azure Local vs Swisscom ESC, grounded in this estate's own rules."
        actions={
          <>
            <a className="btn secondary" href={exportHref("pdf")} download>
              Export PDF
            </a>
            <a className="btn secondary" href={exportHref("csv")} download>
              Export CSV
            </a>
            <a className="btn secondary" href={exportHref("details-csv")} download>
              CSV with rationale
            </a>
          </>
        }
      />

      <div className="stack" style={{ marginBottom: 16 }}>
        <div className="alert info" data-testid="version-banner">
          {data.version ? (
            <>
              Version {data.version.version}
              {viewingOld ? ` (of ${data.latestVersion}, read-only)` : ""} saved by{" "}
              <strong>{data.version.author?.name ?? "unknown"}</strong> on {new Date(data.version.createdAt).toLocaleString("de-CH")}:{" "}
              {data.version.change.summary}.
            </>
          ) : (
            <>No version saved yet: the seeded catalogue with equal weights.</>
          )}{" "}
          Weights: {scorecard.weights.method}
          {scorecard.weights.ahp.length ? ` (max CR ${num(Math.max(...scorecard.weights.ahp.map((a) => a.cr)), 3)})` : ""}.
          {!canEditScorecard(user) ? " You can read this scorecard; architects change it." : ""}
          {viewingOld ? (
            <>
              {" "}
              <button type="button" className="btn secondary" onClick={() => setViewVersion(undefined)}>
                Back to the latest version
              </button>
            </>
          ) : null}
        </div>
        {draft ? (
          <div className="alert info row" role="status" data-testid="unsaved-banner" style={{ justifyContent: "space-between" }}>
            <span>
              <Badge tone="warn">Preview</Badge> Unsaved weights: totals, ranks and charts show the preview, computed in your browser.
              Exports show the saved version.
            </span>
            <span className="row">
              <button
                type="button"
                className="btn"
                disabled={saveWeights.isPending || !!preview.error}
                onClick={() => saveWeights.mutate({ estateId, weights: draft, baseVersion: data.latestVersion })}
              >
                {saveWeights.isPending ? "Saving…" : "Save weights as new version"}
              </button>
              <button type="button" className="btn secondary" onClick={() => setDraft(null)}>
                Discard
              </button>
            </span>
          </div>
        ) : null}
        {preview.error ? <ErrorAlert error={preview.error} /> : null}
        {saveWeights.error ? <ErrorAlert error={saveWeights.error} /> : null}
        {scorecard.notes.map((n) => (
          <div key={n} className="muted" style={{ fontSize: 12.5 }}>
            {n}
          </div>
        ))}
      </div>

      <div className="grid cols-2" style={{ marginBottom: 16 }}>
        <section className="card">
          <h2>Totals and ranks</h2>
          <Results scorecard={scorecard} />
          <RankingInWords scorecard={scorecard} />
        </section>
        <section className="card">
          <h2>Probability of rank 1 (Monte Carlo)</h2>
          <MonteCarloBars scorecard={scorecard} />
        </section>
      </div>

      <div className="grid cols-2" style={{ marginBottom: 16 }}>
        <section className="card">
          <h2>Scores by criterion</h2>
          <ScoreRadar scorecard={scorecard} />
        </section>
        <section className="card">
          <h2>Weighted contributions</h2>
          <ContributionBars scorecard={scorecard} />
        </section>
      </div>

      <section className="card" style={{ marginBottom: 16 }} aria-label="Weights">
        <div className="row" style={{ justifyContent: "space-between", marginBottom: 8 }}>
          <h2 style={{ margin: 0 }}>Weights</h2>
          <div className="row" role="tablist" aria-label="Weighting method">
            <button
              type="button"
              role="tab"
              aria-selected={weightMode === "direct"}
              className={`btn ${weightMode === "direct" ? "" : "secondary"}`}
              onClick={() => setMode("direct")}
            >
              Direct
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={weightMode === "ahp"}
              className={`btn ${weightMode === "ahp" ? "" : "secondary"}`}
              onClick={() => setMode("ahp")}
            >
              AHP pairwise
            </button>
          </div>
        </div>
        {weightMode === "direct" ? (
          <DirectWeights scorecard={scorecard} spec={spec} editable={editable} onChange={setDraft} />
        ) : (
          <AhpEditor key={data.version?.version ?? 0} scorecard={scorecard} spec={spec} editable={editable} onApply={setDraft} />
        )}
      </section>

      <section className="card" style={{ marginBottom: 16 }}>
        <h2>Sensitivity</h2>
        <div className="grid cols-2">
          <Tornado scorecard={scorecard} />
          <RankFlips scorecard={scorecard} />
        </div>
      </section>

      <section className="card" style={{ marginBottom: 16 }}>
        <h2>Criteria computed from the estate</h2>
        <EstateCriteria scorecard={scorecard} source={data.source} />
      </section>

      <section className="card" style={{ marginBottom: 16 }} aria-label="Custom criteria">
        <h2>Our own criteria</h2>
        <CustomCriteria
          scorecard={scorecard}
          stored={data.input.customCriteria}
          estateId={estateId}
          editable={editable}
          answers={answerOptions(workshops.data)}
          onSaved={refresh}
        />
      </section>

      <section className="card" style={{ marginBottom: 16 }}>
        <h2>Scores, evidence and workshop questions</h2>
        <ScoreTable
          scorecard={scorecard}
          estateId={estateId}
          editable={editable}
          onSaved={refresh}
          answers={answerOptions(workshops.data)}
          sessions={workshops.data?.sessions ?? []}
        />
      </section>

      <section className="card" style={{ marginBottom: 16 }} aria-label="Vendor workshops">
        <h2>Vendor workshops</h2>
        <Workshops scorecard={scorecard} estateId={estateId} editable={editable} onChanged={refresh} />
      </section>

      <section className="card" style={{ marginBottom: 16 }} aria-label="Decision record">
        <h2>Decision record</h2>
        <Decisions scorecard={data.scorecard} estateId={estateId} latestVersion={data.latestVersion} editable={editable && !draft} />
      </section>

      <section className="card" aria-label="Version history">
        <h2>Version history</h2>
        {versions.isPending ? <LoadingBlock lines={2} /> : null}
        {versions.error ? <ErrorAlert error={versions.error} /> : null}
        {versions.data && versions.data.length === 0 ? (
          <EmptyState title="No versions yet">Every saved weight or score change becomes a new version with who and when.</EmptyState>
        ) : null}
        {versions.data && versions.data.length > 0 ? (
          <table className="data" data-testid="version-history">
            <thead>
              <tr>
                <th>Version</th>
                <th>When</th>
                <th>Who</th>
                <th>Change</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.id}>
                  <td>{v.version}</td>
                  <td>{new Date(v.createdAt).toLocaleString("de-CH")}</td>
                  <td>
                    {v.author?.name ?? "unknown"} <span className="muted">{v.author?.email}</span>
                  </td>
                  <td>{v.change.summary}</td>
                  <td>
                    {(viewVersion ?? data.latestVersion) === v.version ? (
                      <Badge tone="info">shown</Badge>
                    ) : (
                      <button
                        type="button"
                        className="btn secondary"
                        onClick={() => (setDraft(null), setViewVersion(v.version === data.latestVersion ? undefined : v.version))}
                      >
                        View
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}

function Results({ scorecard }: { scorecard: TScorecard }) {
  const sorted = [...scorecard.results].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99) || b.total - a.total);
  return (
    <table className="data" data-testid="results-table">
      <thead>
        <tr>
          <th>Rank</th>
          <th>Platform</th>
          <th style={{ textAlign: "right" }}>Total (0–5)</th>
          <th style={{ textAlign: "right" }}>P(rank 1)</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => {
          const reasons = scorecard.knockOuts.filter((k) => k.platform === r.platform);
          return (
            <tr key={r.platform} data-testid={`result-${r.platform}`}>
              <td data-testid={`rank-${r.platform}`}>{r.excluded ? <Badge tone="bad">excluded</Badge> : <strong>{r.rank}</strong>}</td>
              <td>
                <span
                  aria-hidden
                  style={{
                    display: "inline-block",
                    width: 10,
                    height: 10,
                    borderRadius: 5,
                    background: PLATFORM_COLORS[r.platform],
                    marginRight: 6,
                  }}
                />
                {platformName(scorecard, r.platform)}
                {reasons.map((k) => (
                  <div key={k.criterionId} className="muted" style={{ fontSize: 12.5 }}>
                    Knock-out on {criterionName(scorecard, k.criterionId)}
                    {k.score !== undefined ? ` (score ${num(k.score)} < ${k.minScore})` : ""}: {k.reason}
                  </div>
                ))}
              </td>
              <td style={{ textAlign: "right" }} className="mono" data-testid={`total-${r.platform}`}>
                {num(r.total, 3)}
              </td>
              <td style={{ textAlign: "right" }} className="mono">
                {pct(scorecard.monteCarlo.probabilityTop[r.platform] ?? 0)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RankFlips({ scorecard }: { scorecard: TScorecard }) {
  const flip = scorecard.sensitivity.rankFlip;
  if (!flip.top) return <EmptyState title="No leader">No eligible platform, so no rank flip to compute.</EmptyState>;
  const rows = flip.criteria
    .map((c) => ({
      ...c,
      nearest: Math.min(c.increase ? Math.abs(c.increase.change) : Infinity, c.decrease ? Math.abs(c.decrease.change) : Infinity),
    }))
    .sort((a, b) => a.nearest - b.nearest);
  const most = flip.mostSensitive;
  return (
    <div data-testid="rank-flips">
      <p className="muted" style={{ margin: "0 0 8px" }}>
        {most ? (
          <>
            Smallest change that changes the leader ({platformName(scorecard, flip.top, true)}):{" "}
            {most.direction === "increase" ? "raise" : "lower"} <strong>{criterionName(scorecard, most.criterion)}</strong> from{" "}
            {pct(most.flip.weight - most.flip.change)} to {pct(most.flip.weight)} → {platformName(scorecard, most.flip.newTop, true)} leads.
          </>
        ) : (
          <>No single weight change, from 0 to 100 %, changes the leader ({platformName(scorecard, flip.top, true)}).</>
        )}
      </p>
      <div style={{ maxHeight: 420, overflow: "auto" }}>
        <table className="data">
          <thead>
            <tr>
              <th>Criterion</th>
              <th style={{ textAlign: "right" }}>Weight</th>
              <th>Leader changes if raised to</th>
              <th>… or lowered to</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.criterion}>
                <td>{criterionName(scorecard, c.criterion)}</td>
                <td style={{ textAlign: "right" }} className="mono">
                  {pct(c.weight)}
                </td>
                <td>
                  {c.increase ? (
                    `${pct(c.increase.weight)} → ${platformName(scorecard, c.increase.newTop, true)}`
                  ) : (
                    <span className="muted">never</span>
                  )}
                </td>
                <td>
                  {c.decrease ? (
                    `${pct(c.decrease.weight)} → ${platformName(scorecard, c.decrease.newTop, true)}`
                  ) : (
                    <span className="muted">never</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
