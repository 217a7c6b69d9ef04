"use client";
/** The translation's findings, each with why and the remediation. */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert, LoadingBlock } from "../../ui/components.tsx";
import { FindingsTable } from "../../ui/findings-table.tsx";

export function FindingsList({ estateId, translationId }: { estateId: string; translationId: string }) {
  const trpc = useTRPC();
  const findings = useQuery(trpc.translations.findings.queryOptions({ estateId, translationId }));
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings</h2>
      {findings.isPending ? <LoadingBlock /> : null}
      {findings.error ? <ErrorAlert error={findings.error} /> : null}
      {findings.data ? <FindingsTable findings={findings.data} /> : null}
    </section>
  );
}
