/**
 * A raw HTTP client for the security tier: speaks tRPC's wire format (superjson) directly with fetch, so
 * every test sends exactly the bytes an attacker would. The server trusts one proxy hop, and this client
 * plays that proxy: `from` is the address it appends to X-Forwarded-For, `forged` what the attacker wrote.
 */
import crypto from "node:crypto";
import { inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../src/server/db.ts";
import type { Role } from "../../src/generated/prisma/enums.ts";
import { hashPassword } from "../../src/server/auth/password.ts";

export const baseUrl = () => inject("securityBaseUrl");

let owner: PrismaClient | undefined;
/** The schema owner's connection: set-up and assertions only (the app itself runs as parity_app). */
export function ownerDb(): PrismaClient {
  owner ??= createPrismaClient(inject("securityOwnerUrl"));
  return owner;
}

export interface TCallOptions {
  cookie?: string;
  csrf?: string;
  /** Address the simulated proxy saw (appended last to X-Forwarded-For). */
  from?: string;
  /** What the client itself put into X-Forwarded-For. */
  forged?: string;
  headers?: Record<string, string>;
}

export function headersFor(options: TCallOptions = {}): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers };
  const chain = [options.forged, options.from ?? "192.0.2.1"].filter(Boolean).join(", ");
  headers["x-forwarded-for"] = chain;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers["x-parity-csrf"] = options.csrf;
  return headers;
}

export interface TCallResult {
  status: number;
  body: { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string; data?: Record<string, unknown> } } } & Record<
    string,
    unknown
  >;
  setCookies: string[];
  ms: number;
}

async function finish(response: Response, started: number): Promise<TCallResult> {
  const text = await response.text();
  let body: TCallResult["body"] = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body, setCookies: response.headers.getSetCookie(), ms: performance.now() - started };
}

export async function mutate(path: string, input: unknown, options: TCallOptions = {}): Promise<TCallResult> {
  const started = performance.now();
  const response = await fetch(`${baseUrl()}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headersFor(options) },
    body: JSON.stringify({ json: input }),
  });
  return finish(response, started);
}

export async function query(path: string, input: unknown, options: TCallOptions = {}): Promise<TCallResult> {
  const started = performance.now();
  const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await fetch(`${baseUrl()}/api/trpc/${path}${search}`, { headers: headersFor(options) });
  return finish(response, started);
}

export const dataOf = <T>(result: TCallResult) => result.body.result?.data?.json as T;
export const messageOf = (result: TCallResult) => result.body.error?.json?.message ?? "";

/** `name=value` of a Set-Cookie whose name ends with `suffix` (the `__Host-` prefix is asserted elsewhere). */
export function cookiePair(setCookies: string[], suffix: string): string | undefined {
  const found = setCookies.find((c) => c.split("=")[0].endsWith(suffix));
  return found?.split(";")[0];
}

export interface TSignedIn {
  cookie: string;
  csrf: string;
  device?: string;
  result: TCallResult;
}

export async function signIn(email: string, password: string, options: TCallOptions = {}): Promise<TSignedIn | TCallResult> {
  const result = await mutate("auth.signIn", { email, password }, options);
  if (result.status !== 200) return result;
  const session = cookiePair(result.setCookies, "parity_session")!;
  const device = cookiePair(result.setCookies, "parity_device");
  const csrf = dataOf<{ csrfToken: string }>(result).csrfToken;
  return { cookie: session, csrf, device, result };
}

export function isSignedIn(value: TSignedIn | TCallResult): value is TSignedIn {
  return "csrf" in value;
}

/** A fresh account (so tests never share throttle buckets), member of every estate. */
export async function createAccount(role: Role = "security_engineer"): Promise<{ id: string; email: string; password: string }> {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@security.test`;
  const password = `pw-${crypto.randomBytes(9).toString("base64url")}`;
  const db = ownerDb();
  const user = await db.user.create({ data: { email, name: email, role, passwordHash: await hashPassword(password) } });
  for (const estate of await db.estate.findMany({ select: { id: true } })) {
    await db.membership.create({ data: { userId: user.id, estateId: estate.id } });
  }
  return { id: user.id, email, password };
}

export async function demoEstateId(): Promise<string> {
  const estate = await ownerDb().estate.findUniqueOrThrow({ where: { slug: "helvetia-private-bank" } });
  return estate.id;
}

/** Times `auth.me` for a signed-in bystander: the web process must stay responsive during an attack. */
export async function bystanderLatencies(session: TSignedIn, until: Promise<unknown>, from = "192.0.2.250"): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const result = await query("auth.me", undefined, { cookie: session.cookie, from });
    if (result.status !== 200) throw new Error(`auth.me answered ${result.status}`);
    latencies.push(result.ms);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return latencies;
}
