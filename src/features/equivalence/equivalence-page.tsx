"use client";
/**
 * Equivalence: the verdict of the latest verification, its differences (flow classes with an example flow
 * and both sides' deciding rules), the "can A reach B on port P?" query with both traces, the connectivity
 * heatmap between applications (with a table fallback), the translation's findings and the engine checks.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { JobRunPanel, useJobRun } from "../../ui/job-run.tsx";
import { useEstateCan } from "../estates/estate-scope.tsx";
import { Heatmap } from "./connectivity-heatmap.tsx";
import { Differences } from "./differences-table.tsx";
import { EngineChecks } from "./engine-checks.tsx";
import { FlowQuery } from "./flow-query.tsx";
import { LintResults } from "./lint-results.tsx";
import { TranslationFindings } from "./translation-findings.tsx";
import { Verdict } from "./verdict-card.tsx";

export function EquivalencePage({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canEdit = useEstateCan("changeEstateData");
  const summary = useQuery(trpc.equivalence.summary.queryOptions({ estateId }));
  const translation = useQuery(trpc.translations.summary.queryOptions({ estateId }));
  const onFinished = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.equivalence.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.translations.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.estates.list.queryKey() });
  }, [queryClient, trpc]);
  const run = useJobRun(trpc.equivalence.run.mutationOptions(), onFinished);
  const v = summary.data;

  return (
    <>
      <PageHeader
        title="Equivalence"
        subtitle="Exact comparison on one engine: every flow NSX allows between corresponding workloads, and only those, is allowed by the Kubernetes manifests."
        actions={
          canEdit && translation.data ? (
            <button type="button" className="btn" disabled={run.mutation.isPending} onClick={() => run.mutation.mutate({ estateId })}>
              Verify latest translation
            </button>
          ) : null
        }
      />
      <JobRunPanel estateId={estateId} label="Verification" run={run} />
      {summary.isPending ? <LoadingBlock /> : null}
      {summary.error ? <ErrorAlert error={summary.error} /> : null}
      {summary.data === null ? (
        <div className="card">
          <EmptyState title="Not verified yet">
            {translation.data === null
              ? "Translate the estate first."
              : canEdit
                ? "Press “Verify latest translation”."
                : "A security engineer has not verified a translation yet."}
          </EmptyState>
        </div>
      ) : null}
      {v ? <Verdict result={v.result} stale={v.stale} createdAt={v.createdAt} /> : null}
      {v ? <Differences estateId={estateId} verificationId={v.id} result={v.result} /> : null}
      <FlowQuery estateId={estateId} />
      {v ? <Heatmap heatmap={v.result.heatmap} /> : null}
      {translation.data ? <TranslationFindings estateId={estateId} translationId={translation.data.id} /> : null}
      {v ? <LintResults items={v.result.lint} /> : null}
      {v ? <EngineChecks problems={v.result.problems} /> : null}
    </>
  );
}
