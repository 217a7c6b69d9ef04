/**
 * Finding 2: the per-address bucket was keyed on the client's own X-Forwarded-For, so every made-up value got a
 * fresh bucket and the forged address went into the append-only activity log. Now the server believes the
 * header only as far as PARITY_TRUSTED_PROXIES says (here: one proxy, the test client, which appends the
 * address it saw): whatever the client writes before that is ignored for throttling and never logged.
 */
import { describe, expect, it } from "vitest";
import { createAccount, mutate, ownerDb } from "./client.ts";

describe("spoofed X-Forwarded-For", () => {
  it("gives a forged address no fresh bucket and never logs it", async () => {
    const account = await createAccount();
    const real = "203.0.113.77";
    const forgedValues = Array.from({ length: 8 }, (_, i) => `10.66.${i}.${i + 1}`);
    const statuses: number[] = [];
    for (const forged of forgedValues) {
      statuses.push((await mutate("auth.signIn", { email: account.email, password: "wrong" }, { from: real, forged })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const attempts = await ownerDb().loginAttempt.findMany({ where: { email: account.email } });
    expect(new Set(attempts.map((a) => a.ip))).toEqual(new Set([real]));
    const logged = await ownerDb().activityLog.findMany({ where: { userEmail: account.email } });
    const text = JSON.stringify(logged.map((row) => ({ ...row, id: String(row.id) })));
    for (const forged of forgedValues) expect(text).not.toContain(forged);
    expect(text).toContain(real);
  });

  it("does not let failures under one address lock out the same account from another address", async () => {
    const account = await createAccount();
    for (let i = 0; i < 6; i++) await mutate("auth.signIn", { email: account.email, password: "wrong" }, { from: "203.0.113.90" });
    const elsewhere = await mutate("auth.signIn", { email: account.email, password: account.password }, { from: "203.0.113.91" });
    expect(elsewhere.status).toBe(200);
  });
});
