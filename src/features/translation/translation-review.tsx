"use client";
/**
 * Translation review: run a translation (security engineers), its summary and bundle download, the mapping
 * profile (editable by security engineers, read-only for everyone else), every emitted object beside the
 * NSX rules it came from with its YAML, and the findings with their remediations.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { JobRunPanel, useJobRun } from "../../ui/job-run.tsx";
import { useEstateCan } from "../estates/estate-scope.tsx";
import { FindingsList } from "./findings-list.tsx";
import { ObjectsBrowser } from "./objects-browser.tsx";
import { ProfileEditor } from "./profile-editor.tsx";
import { TranslationSummary } from "./translation-summary.tsx";

export function TranslationReview({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canEdit = useEstateCan("changeEstateData");
  const summary = useQuery(trpc.translations.summary.queryOptions({ estateId }));
  const [api, setApi] = useState<"v1alpha1" | "v1alpha2">("v1alpha1");
  const onFinished = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.translations.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.estates.list.queryKey() });
  }, [queryClient, trpc]);
  const run = useJobRun(trpc.translations.run.mutationOptions(), onFinished);
  const t = summary.data;

  return (
    <>
      <PageHeader
        title="Translation"
        subtitle="NSX DFW → AdminNetworkPolicy / NetworkPolicy / BaselineAdminNetworkPolicy (or ClusterNetworkPolicy), each object annotated with the NSX rules it carries."
        actions={
          canEdit ? (
            <>
              <label htmlFor="api-version" className="sr-only">
                Policy API
              </label>
              <select
                id="api-version"
                value={api}
                onChange={(e) => setApi(e.target.value as "v1alpha1" | "v1alpha2")}
                style={{ width: "auto" }}
              >
                <option value="v1alpha1">ANP + BANP (v1alpha1)</option>
                <option value="v1alpha2">ClusterNetworkPolicy (v1alpha2)</option>
              </select>
              <button
                type="button"
                className="btn"
                disabled={run.mutation.isPending}
                onClick={() => run.mutation.mutate({ estateId, api })}
              >
                Translate
              </button>
            </>
          ) : null
        }
      />
      <JobRunPanel estateId={estateId} label="Translation" run={run} />
      {summary.isPending ? <LoadingBlock /> : null}
      {summary.error ? <ErrorAlert error={summary.error} /> : null}
      {summary.data === null ? (
        <div className="card">
          <EmptyState title="Not translated yet">
            {canEdit ? "Choose the policy API and press Translate." : "A security engineer has not translated this estate yet."}
          </EmptyState>
        </div>
      ) : null}
      {t ? <TranslationSummary estateId={estateId} translation={t} /> : null}
      <ProfileEditor
        estateId={estateId}
        canEdit={canEdit}
        onSaved={(rerun) => (rerun ? run.mutation.mutate({ estateId, api }) : undefined)}
      />
      {t ? <ObjectsBrowser estateId={estateId} translationId={t.id} /> : null}
      {t ? <FindingsList estateId={estateId} translationId={t.id} /> : null}
    </>
  );
}
