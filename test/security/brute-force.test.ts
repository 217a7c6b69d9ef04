/**
 * Finding 1: one POST batching 31 `auth.signIn` calls checked 30 wrong passwords and then signed in.
 * Now: authentication calls are refused inside any batch, batches are capped, and the throttle's check and
 * record are one atomic step, so even 30 parallel requests get at most PARITY_LOGIN_MAX_FAILURES checks.
 */
import { describe, expect, it } from "vitest";
import { baseUrl, createAccount, headersFor, isSignedIn, mutate, ownerDb, signIn } from "./client.ts";

describe("brute force in one request", () => {
  it("refuses a batch of 31 auth.signIn calls without checking a single password", async () => {
    const account = await createAccount();
    const calls = Array.from({ length: 31 }, (_, i) => ({
      json: { email: account.email, password: i < 30 ? `wrong-${i}` : account.password },
    }));
    const body = Object.fromEntries(calls.map((call, i) => [i, call]));
    const started = performance.now();
    const response = await fetch(`${baseUrl()}/api/trpc/${Array(31).fill("auth.signIn").join(",")}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headersFor({ from: "198.51.100.1" }) },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await ownerDb().loginAttempt.count({ where: { email: account.email } })).toBe(0);
  });

  it("refuses a sign-in hidden in a small batch too, and any batch over 16 calls", async () => {
    const account = await createAccount();
    const response = await fetch(`${baseUrl()}/api/trpc/auth.me,auth.signIn?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headersFor() },
      body: JSON.stringify({ 0: { json: null }, 1: { json: { email: account.email, password: account.password } } }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
    const big = await fetch(`${baseUrl()}/api/trpc/${Array(17).fill("auth.me").join(",")}?batch=1&input=${encodeURIComponent("{}")}`, {
      headers: headersFor(),
    });
    expect(big.status).toBe(400);
  });

  it("checks at most 5 passwords out of 30 parallel attempts, then refuses even the right one", async () => {
    const account = await createAccount();
    const from = "198.51.100.2";
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => mutate("auth.signIn", { email: account.email, password: `wrong-${i}` }, { from })),
    );
    const statuses = attempts.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
    const checked = await ownerDb().loginAttempt.count({
      where: { email: account.email, outcome: { in: ["failure", "pending", "success"] } },
    });
    expect(checked).toBeLessThanOrEqual(5);
    const right = await signIn(account.email, account.password, { from });
    expect(isSignedIn(right)).toBe(false);
    expect((right as { status: number }).status).toBe(429);
  });
});
