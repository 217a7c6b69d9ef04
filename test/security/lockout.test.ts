/**
 * Finding 6: five failures locked an e-mail for 15 minutes and throttled attempts counted as failures, so
 * anyone could keep the administrator out. Now the limit is per (account, client); the account-wide back-off
 * is slower, applies only to browsers that never signed in to the account, and refused attempts never count.
 */
import { describe, expect, it } from "vitest";
import { createAccount, isSignedIn, messageOf, mutate, ownerDb, signIn, type TSignedIn } from "./client.ts";

describe("lock-out as a weapon", () => {
  it("an attacker hammering from many addresses cannot keep the owner's browser out", async () => {
    const admin = await createAccount("admin");
    // The owner has signed in from this browser before: it holds a trusted-device cookie.
    const earlier = (await signIn(admin.email, admin.password, { from: "203.0.113.10" })) as TSignedIn;
    expect(isSignedIn(earlier)).toBe(true);
    expect(earlier.device).toBeDefined();

    // Four addresses × five guesses: each address hits its own limit, the account reaches the back-off threshold.
    const attackers = ["198.18.0.1", "198.18.0.2", "198.18.0.3", "198.18.0.4"];
    for (const from of attackers) {
      for (let i = 0; i < 5; i++)
        expect((await mutate("auth.signIn", { email: admin.email, password: `guess-${i}` }, { from })).status).toBe(401);
    }
    // A fifth address now meets the account-wide back-off instead of a fresh budget: a short wait, not a lock-out.
    const fifth = await mutate("auth.signIn", { email: admin.email, password: "guess" }, { from: "198.18.0.5" });
    expect(fifth.status).toBe(429);
    const seconds = Number(/in (\d+) s/.exec(messageOf(fifth))?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    // The first attacker keeps going: refused unchecked, and the refusals do not count.
    for (let i = 0; i < 10; i++) {
      expect((await mutate("auth.signIn", { email: admin.email, password: "more" }, { from: attackers[0] })).status).toBe(429);
    }
    const counted = await ownerDb().loginAttempt.count({ where: { email: admin.email, ip: attackers[0], outcome: "failure" } });
    expect(counted).toBe(5);

    // The owner, from a new network but the same browser, gets in at once.
    const owner = await signIn(admin.email, admin.password, { from: "203.0.113.200", cookie: earlier.device });
    expect(isSignedIn(owner)).toBe(true);

    // Even an unrecognised browser gets in once the short back-off has passed.
    await new Promise((resolve) => setTimeout(resolve, (seconds + 1) * 1000));
    const stranger = await mutate("auth.signIn", { email: admin.email, password: admin.password }, { from: "203.0.113.201" });
    expect(stranger.status).toBe(200);
  });
});
