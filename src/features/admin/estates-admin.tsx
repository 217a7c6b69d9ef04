"use client";
/**
 * Estate administration (admins): create estates, rename and archive them, and manage who belongs to
 * each with which role. Archived estates are listed only on request.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { CreateEstateForm } from "./create-estate-form.tsx";
import { EstateAdminCard } from "./estate-admin-card.tsx";

export function EstatesAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [includeArchived, setIncludeArchived] = useState(false);
  const estates = useQuery(trpc.admin.estates.queryOptions({ includeArchived }));
  const people = useQuery(trpc.admin.users.queryOptions());
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.estates.pathKey() });
  };
  return (
    <>
      <PageHeader
        title="Manage estates"
        subtitle="Create estates, rename or archive them, and decide who belongs to each. Archived estates stay readable and verifiable, and take no changes."
        actions={
          <label className="chip">
            <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} /> Show archived
          </label>
        }
      />
      <div className="stack">
        <CreateEstateForm onCreated={refresh} />
        {estates.isPending || people.isPending ? <LoadingBlock /> : null}
        {estates.error ? <ErrorAlert error={estates.error} /> : null}
        {people.error ? <ErrorAlert error={people.error} /> : null}
        {estates.data && estates.data.length === 0 ? <EmptyState title="No estates yet">Create the first one above.</EmptyState> : null}
        {estates.data && people.data
          ? estates.data.map((estate) => <EstateAdminCard key={estate.id} estate={estate} people={people.data} onChanged={refresh} />)
          : null}
      </div>
    </>
  );
}
