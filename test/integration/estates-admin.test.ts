/**
 * Estate administration through the tRPC router: only admins create, rename and archive estates and add
 * people; an archived estate is read-only and hidden from the default list; a person added with a one-time
 * password can do nothing but choose a new one, which ends their other sessions.
 */
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../src/server/api/root.ts";
import { callerFor, seeded, testPrisma } from "./helpers.ts";

let demo: Awaited<ReturnType<typeof seeded>>;
beforeAll(async () => {
  demo = await seeded();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const unique = () => Math.random().toString(36).slice(2, 8);

/**
 * Signs in through auth.signIn and returns a caller on the session that sign-in created (the cookie token
 * goes to the HTTP response only, so the session is read back by user, newest first).
 */
async function signedIn(email: string, password: string) {
  const result = await callerFor(null).auth.signIn({ email, password });
  const session = await testPrisma().session.findFirstOrThrow({
    where: { user: { email } },
    orderBy: { createdAt: "desc" },
  });
  const user = await testPrisma().user.findUniqueOrThrow({ where: { email } });
  const context = {
    prisma: testPrisma(),
    session: {
      sessionId: session.id,
      csrfToken: session.csrfToken,
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      mustChangePassword: user.mustChangePassword,
    },
    ip: "10.0.0.9",
    csrfOk: true,
  };
  return { result, caller: createCaller(context), sessionId: session.id };
}

describe("estate administration is for admins only", () => {
  it("refuses every admin procedure to security engineers, auditors and architects", async () => {
    const estateId = demo.demoEstate.id;
    for (const user of [demo.security, demo.auditor, demo.architect]) {
      const caller = callerFor(user);
      expect(await codeOf(caller.admin.estates({ includeArchived: true }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.admin.createEstate({ slug: `x-${unique()}`, name: "X" }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.admin.renameEstate({ estateId, name: "Renamed" }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.admin.archiveEstate({ estateId, archived: true }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.admin.addPerson({ estateId, email: `p-${unique()}@bank.ch`, name: "P", role: "admin" }))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf(caller.admin.setMembership({ userId: user.id, estateId: demo.otherEstate.id, member: true }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.admin.setRole({ userId: user.id, role: "admin" }))).toBe("FORBIDDEN");
    }
    const estate = await testPrisma().estate.findUniqueOrThrow({ where: { id: estateId } });
    expect(estate.name).toBe("Helvetia Private Bank");
    expect(estate.archivedAt).toBeNull();
    expect(await codeOf(callerFor(null).admin.estates({ includeArchived: false }))).toBe("UNAUTHORIZED");
  });

  it("lets an admin create, rename, archive and restore an estate; archived means read-only and unlisted", async () => {
    const admin = callerFor(demo.admin);
    const slug = `test-estate-${unique()}`;
    const created = await admin.admin.createEstate({ slug, name: "Test Estate", description: "for the test" });
    await admin.admin.setMembership({ userId: demo.security.id, estateId: created.id, member: true });
    await admin.admin.renameEstate({ estateId: created.id, name: "Renamed Estate" });
    const security = callerFor(demo.security);
    expect((await security.estates.get({ estateId: created.id })).name).toBe("Renamed Estate");

    await admin.admin.archiveEstate({ estateId: created.id, archived: true });
    expect((await security.estates.list()).map((e) => e.id)).not.toContain(created.id);
    expect((await security.estates.list({ includeArchived: true })).map((e) => e.id)).toContain(created.id);
    expect((await admin.admin.estates({ includeArchived: false })).map((e) => e.id)).not.toContain(created.id);
    // Still readable, but every write is refused, including the admin's rename.
    expect((await security.estates.get({ estateId: created.id })).archivedAt).not.toBeNull();
    expect(await codeOf(security.estates.updateDetails({ estateId: created.id, name: "x", description: "" }))).toBe("FORBIDDEN");
    expect(await codeOf(security.translations.saveProfile({ estateId: created.id, profile: {}, baseVersion: 0 }))).toBe("FORBIDDEN");
    expect(await codeOf(admin.admin.renameEstate({ estateId: created.id, name: "While archived" }))).toBe("FORBIDDEN");

    await admin.admin.archiveEstate({ estateId: created.id, archived: false });
    expect((await security.estates.list()).map((e) => e.id)).toContain(created.id);
    await security.estates.updateDetails({ estateId: created.id, name: "Renamed Estate", description: "editable again" });
  });
});

describe("people added with a one-time password", () => {
  it("creates the member with the role, returns the password once, stores only its scrypt hash", async () => {
    const admin = callerFor(demo.admin);
    const email = `new-${unique()}@bank.ch`;
    const { user, oneTimePassword } = await admin.admin.addPerson({
      estateId: demo.demoEstate.id,
      email,
      name: "New Person",
      role: "auditor",
    });
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const row = await testPrisma().user.findUniqueOrThrow({ where: { id: user.id }, include: { memberships: true } });
    expect(row.role).toBe("auditor");
    expect(row.mustChangePassword).toBe(true);
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(oneTimePassword);
    expect(row.memberships.map((m) => m.estateId)).toEqual([demo.demoEstate.id]);
    const members = (await admin.admin.estates({ includeArchived: false })).find((e) => e.id === demo.demoEstate.id)!.members;
    expect(members.find((m) => m.id === user.id)).toMatchObject({ role: "auditor", mustChangePassword: true });
    expect(await codeOf(admin.admin.addPerson({ email, name: "Again", role: "auditor" }))).toBe("CONFLICT");
  });

  it("allows nothing but a password change until the person chooses one, then works normally", async () => {
    const email = `first-${unique()}@bank.ch`;
    const { oneTimePassword } = await callerFor(demo.admin).admin.addPerson({
      estateId: demo.demoEstate.id,
      email,
      name: "First Sign-in",
      role: "security_engineer",
    });
    const other = await signedIn(email, oneTimePassword);
    const { result, caller, sessionId } = await signedIn(email, oneTimePassword);
    expect(result.mustChangePassword).toBe(true);
    expect(await codeOf(caller.estates.list())).toBe("FORBIDDEN");
    expect(await codeOf(caller.estates.get({ estateId: demo.demoEstate.id }))).toBe("FORBIDDEN");

    expect(await codeOf(caller.auth.changePassword({ currentPassword: "wrong-password", newPassword: "a brand new passphrase" }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(caller.auth.changePassword({ currentPassword: oneTimePassword, newPassword: "short" }))).toBe("BAD_REQUEST");
    await caller.auth.changePassword({ currentPassword: oneTimePassword, newPassword: "a brand new passphrase" });

    const user = await testPrisma().user.findUniqueOrThrow({ where: { email } });
    expect(user.mustChangePassword).toBe(false);
    // The other session (opened with the one-time password) ended; this one lives on.
    expect(await testPrisma().session.count({ where: { id: other.sessionId } })).toBe(0);
    expect(await testPrisma().session.count({ where: { id: sessionId } })).toBe(1);
    expect(await codeOf(callerFor(null).auth.signIn({ email, password: oneTimePassword }))).toBe("UNAUTHORIZED");
    const again = await signedIn(email, "a brand new passphrase");
    expect(again.result.mustChangePassword).toBe(false);
    expect((await again.caller.estates.list()).map((e) => e.id)).toContain(demo.demoEstate.id);
  });
});
