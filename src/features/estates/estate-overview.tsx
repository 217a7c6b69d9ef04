"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/client.tsx";
import { EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";

export function EstateOverview({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const estate = useQuery(trpc.estates.get.queryOptions({ estateId }));
  const activity = useQuery(trpc.estates.activity.queryOptions({ estateId }));
  if (estate.isPending) return <LoadingBlock />;
  if (estate.error) return <ErrorAlert error={estate.error} />;
  return (
    <>
      <PageHeader title={estate.data.name} subtitle={estate.data.description} />
      <section className="card">
        <h2>Activity</h2>
        {activity.isPending ? <LoadingBlock /> : null}
        {activity.data && activity.data.length === 0 ? <EmptyState title="No activity yet" /> : null}
        {activity.data && activity.data.length > 0 ? (
          <table className="data">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
              </tr>
            </thead>
            <tbody>
              {activity.data.map((entry) => (
                <tr key={entry.id}>
                  <td>{new Date(entry.at).toLocaleString("de-CH")}</td>
                  <td>{entry.userEmail}</td>
                  <td className="mono">{entry.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}
