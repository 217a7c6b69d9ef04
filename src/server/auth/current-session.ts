/** The session of the request being rendered (server components and route handlers). */
import { cookies } from "next/headers";
import { db } from "../db.ts";
import { findSession, sessionCookieName, type ActiveSession } from "./session.ts";

export async function currentSession(): Promise<ActiveSession | null> {
  const jar = await cookies();
  return findSession(db(), jar.get(sessionCookieName())?.value);
}
