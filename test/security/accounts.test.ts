/**
 * Finding 7: no password change, no disabling, no session revocation. Accounts now have a lifecycle: sessions
 * are listed and revocable, a disabled user's sessions end at once, idle and absolute time-outs hold, and the
 * sign-in history shows every attempt.
 */
import { describe, expect, it } from "vitest";
import { createAccount, dataOf, isSignedIn, mutate, ownerDb, query, signIn, type TSignedIn } from "./client.ts";
import { hashToken } from "../../src/server/auth/session.ts";

const me = async (session: TSignedIn) =>
  dataOf<{ user: { email: string } } | null>(await query("auth.me", undefined, { cookie: session.cookie }));
const tokenOf = (session: TSignedIn) => session.cookie.split("=").slice(1).join("=");

describe("account lifecycle", () => {
  it("lists the user's sessions and revokes another one at once", async () => {
    const user = await createAccount("auditor");
    const laptop = (await signIn(user.email, user.password, { from: "192.0.2.60" })) as TSignedIn;
    const phone = (await signIn(user.email, user.password, { from: "192.0.2.61" })) as TSignedIn;
    const sessions = dataOf<{ id: string; current: boolean; ip: string }[]>(
      await query("auth.sessions", undefined, { cookie: laptop.cookie }),
    );
    expect(sessions).toHaveLength(2);
    expect(sessions.find((s) => s.current)?.ip).toBe("192.0.2.60");
    const other = sessions.find((s) => !s.current)!;
    expect(other.ip).toBe("192.0.2.61");
    const revoked = await mutate("auth.revokeSession", { sessionId: other.id }, { cookie: laptop.cookie, csrf: laptop.csrf });
    expect(revoked.status).toBe(200);
    expect(await me(phone)).toBeNull();
    expect((await me(laptop))?.user.email).toBe(user.email);
    // Nobody revokes another user's session.
    const other2 = await createAccount();
    const stranger = (await signIn(other2.email, other2.password, { from: "192.0.2.62" })) as TSignedIn;
    const current = sessions.find((s) => s.current)!;
    const refused = await mutate("auth.revokeSession", { sessionId: current.id }, { cookie: stranger.cookie, csrf: stranger.csrf });
    expect(refused.status).toBe(404);
    expect((await me(laptop))?.user.email).toBe(user.email);
  });

  it("disabling a user ends their sessions at once; re-enabling lets them back in", async () => {
    const admin = await createAccount("admin");
    const user = await createAccount("security_engineer");
    const adminSession = (await signIn(admin.email, admin.password, { from: "192.0.2.70" })) as TSignedIn;
    const userSession = (await signIn(user.email, user.password, { from: "192.0.2.71" })) as TSignedIn;
    expect((await me(userSession))?.user.email).toBe(user.email);
    const disable = await mutate(
      "admin.setDisabled",
      { userId: user.id, disabled: true },
      { cookie: adminSession.cookie, csrf: adminSession.csrf },
    );
    expect(disable.status).toBe(200);
    expect(await me(userSession)).toBeNull();
    const refused = await signIn(user.email, user.password, { from: "192.0.2.71" });
    expect(isSignedIn(refused)).toBe(false);
    await mutate("admin.setDisabled", { userId: user.id, disabled: false }, { cookie: adminSession.cookie, csrf: adminSession.csrf });
    expect(isSignedIn(await signIn(user.email, user.password, { from: "192.0.2.72" }))).toBe(true);
    // Only admins may do it, and not to themselves.
    const self = await mutate(
      "admin.setDisabled",
      { userId: admin.id, disabled: true },
      { cookie: adminSession.cookie, csrf: adminSession.csrf },
    );
    expect(self.status).toBe(400);
  });

  it("ends a session after the idle time-out and at its absolute expiry", async () => {
    const user = await createAccount("architect");
    const idle = (await signIn(user.email, user.password, { from: "192.0.2.80" })) as TSignedIn;
    const old = (await signIn(user.email, user.password, { from: "192.0.2.80" })) as TSignedIn;
    await ownerDb().session.update({ where: { id: hashToken(tokenOf(idle)) }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    await ownerDb().session.update({ where: { id: hashToken(tokenOf(old)) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await me(idle)).toBeNull();
    expect(await me(old)).toBeNull();
  });

  it("shows the sign-in history: successes, failures and throttled attempts", async () => {
    const user = await createAccount("auditor");
    for (let i = 0; i < 6; i++) await mutate("auth.signIn", { email: user.email, password: "wrong" }, { from: "192.0.2.90" });
    const session = (await signIn(user.email, user.password, { from: "192.0.2.91" })) as TSignedIn;
    const history = dataOf<{ outcome: string; ip: string }[]>(await query("auth.signInHistory", undefined, { cookie: session.cookie }));
    expect(history[0]).toMatchObject({ outcome: "success", ip: "192.0.2.91" });
    expect(history.filter((h) => h.outcome === "failure")).toHaveLength(5);
    expect(history.filter((h) => h.outcome === "throttled")).toHaveLength(1);
  });
});

describe("TOTP second factor", () => {
  it("once set up, a sign-in needs the current code, and a code works only once", async () => {
    const { totpCode, totpStep } = await import("../../src/server/auth/totp.ts");
    const user = await createAccount("architect");
    const session = (await signIn(user.email, user.password, { from: "192.0.2.120" })) as TSignedIn;
    const begun = dataOf<{ secret: string; uri: string }>(
      await mutate("auth.beginTwoFactor", null, { cookie: session.cookie, csrf: session.csrf }),
    );
    expect(begun.uri).toContain(`secret=${begun.secret}`);
    const wrong = await mutate(
      "auth.confirmTwoFactor",
      { code: "000000" === totpCode(begun.secret, totpStep()) ? "111111" : "000000" },
      { cookie: session.cookie, csrf: session.csrf },
    );
    expect(wrong.status).toBe(400);
    const confirmed = await mutate(
      "auth.confirmTwoFactor",
      { code: totpCode(begun.secret, totpStep()) },
      { cookie: session.cookie, csrf: session.csrf },
    );
    expect(confirmed.status).toBe(200);

    const withoutCode = await mutate("auth.signIn", { email: user.email, password: user.password }, { from: "192.0.2.121" });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body.error?.json?.data?.detail).toEqual({ secondFactor: "totp" });
    expect(withoutCode.setCookies).toEqual([]);
    // The step the confirmation used is burnt: the next step's code signs in, and only once.
    const next = totpCode(begun.secret, totpStep() + 1);
    const withCode = await mutate("auth.signIn", { email: user.email, password: user.password, totp: next }, { from: "192.0.2.121" });
    expect(withCode.status).toBe(200);
    const replay = await mutate("auth.signIn", { email: user.email, password: user.password, totp: next }, { from: "192.0.2.122" });
    expect(replay.status).toBe(401);
  });
});
