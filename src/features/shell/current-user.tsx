"use client";
import { createContext, useContext } from "react";

export type TRole = "admin" | "security_engineer" | "auditor" | "architect";
export interface TCurrentUser {
  id: string;
  email: string;
  name: string;
  role: TRole;
}

export const ROLE_LABELS: Record<TRole, string> = {
  admin: "Administrator",
  security_engineer: "Security engineer",
  auditor: "Auditor",
  architect: "Architect",
};

export const CurrentUserContext = createContext<TCurrentUser | null>(null);

export function useCurrentUser(): TCurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser outside the signed-in shell");
  return user;
}

/** What the UI renders edit controls for; the server enforces the same rules independently. */
export function canEditEstate(user: TCurrentUser): boolean {
  return user.role === "admin" || user.role === "security_engineer";
}
export function canEditScorecard(user: TCurrentUser): boolean {
  return user.role === "admin" || user.role === "architect";
}
