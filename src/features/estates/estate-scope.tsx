"use client";
/**
 * The estate a page belongs to, for the rules that depend on it: an archived estate is read-only, so its
 * pages render no edit controls (the server refuses the writes anyway) and say why in one banner.
 */
import { useQuery } from "@tanstack/react-query";
import { createContext, useContext, type ReactNode } from "react";
import { can, type TPermission } from "../../auth/permissions.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { useCurrentUser } from "../shell/current-user.tsx";

const EstateArchivedContext = createContext(false);

export function EstateScope({ estateId, children }: { estateId: string; children: ReactNode }) {
  const trpc = useTRPC();
  const estate = useQuery(trpc.estates.get.queryOptions({ estateId }));
  const archivedAt = estate.data?.archivedAt ?? null;
  return (
    <EstateArchivedContext.Provider value={archivedAt !== null}>
      {archivedAt ? (
        <div className="alert warn" role="status" data-testid="estate-archived" style={{ marginBottom: 16 }}>
          <strong>Archived estate.</strong> Archived on {new Date(archivedAt).toLocaleDateString("de-CH")}: everything stays readable and
          verifiable, nothing can be changed. An administrator can restore it.
        </div>
      ) : null}
      {children}
    </EstateArchivedContext.Provider>
  );
}

/** Whether the signed-in user may do `permission` in the current estate (role, and the estate not archived). */
export function useEstateCan(permission: TPermission): boolean {
  const user = useCurrentUser();
  const archived = useContext(EstateArchivedContext);
  return can(user.role, permission) && !archived;
}
