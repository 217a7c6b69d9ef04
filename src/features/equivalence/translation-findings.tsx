"use client";
/** The latest translation's findings with their remediations, shown beside the verdict they explain. */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert, LoadingBlock } from "../../ui/components.tsx";
import { FindingsTable } from "../../ui/findings-table.tsx";

export function TranslationFindings({ estateId, translationId }: { estateId: string; translationId: string }) {
  const trpc = useTRPC();
  const findings = useQuery(trpc.translations.findings.queryOptions({ estateId, translationId }));
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="eq-findings-heading">
      <h2 id="eq-findings-heading">Findings and remediations</h2>
      {findings.isPending ? <LoadingBlock /> : null}
      {findings.error ? <ErrorAlert error={findings.error} /> : null}
      {findings.data ? <FindingsTable findings={findings.data} /> : null}
    </section>
  );
}
