"use client";
import { createContext, useContext } from "react";
import { can, type TRole } from "../../auth/permissions.ts";

export { ROLE_LABELS, type TRole } from "../../auth/permissions.ts";
export interface TCurrentUser {
  id: string;
  email: string;
  name: string;
  role: TRole;
}

export const CurrentUserContext = createContext<TCurrentUser | null>(null);

export function useCurrentUser(): TCurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser outside the signed-in shell");
  return user;
}

/** What the UI renders edit controls for: the permission table the server enforces (src/auth/permissions.ts). */
export function canEditEstate(user: TCurrentUser): boolean {
  return can(user.role, "changeEstateData");
}
export function canEditScorecard(user: TCurrentUser): boolean {
  return can(user.role, "changeScorecard");
}
export function canApproveSnapshots(user: TCurrentUser): boolean {
  return can(user.role, "approveSnapshot");
}
export function canAdminister(user: TCurrentUser): boolean {
  return can(user.role, "administer");
}
