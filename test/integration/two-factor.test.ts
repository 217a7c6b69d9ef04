/** PARITY_REQUIRE_TOTP: admins and approvers without a second factor can do nothing but set one up. */
import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createSession, findSession } from "../../src/server/auth/session.ts";
import { totpCode, totpStep } from "../../src/server/auth/totp.ts";
import { callerFor, seeded, testPrisma } from "./helpers.ts";

process.env.PARITY_REQUIRE_TOTP = "true";

const code = (error: unknown) => (error instanceof TRPCError ? error.code : String(error));

describe("required second factor", () => {
  let demo: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    demo = await seeded();
    await testPrisma().user.updateMany({ data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpPendingSecret: null } });
  });

  it("flags approver roles' sessions until they enrol, not architects'", async () => {
    const auditor = await createSession(testPrisma(), demo.auditor.id);
    const architect = await createSession(testPrisma(), demo.architect.id);
    expect((await findSession(testPrisma(), auditor.token))?.mustEnrolSecondFactor).toBe(true);
    expect((await findSession(testPrisma(), architect.token))?.mustEnrolSecondFactor).toBe(false);
  });

  it("refuses everything but enrolment to such a session, then opens up once a code is confirmed", async () => {
    const token = (await createSession(testPrisma(), demo.auditor.id)).token;
    const session = (await findSession(testPrisma(), token))!;
    const caller = callerFor(demo.auditor, { session });
    expect(await caller.estates.list().then(() => "ok", code)).toBe("FORBIDDEN");
    const { secret } = await caller.auth.beginTwoFactor();
    await caller.auth.confirmTwoFactor({ code: totpCode(secret, totpStep()) });
    const after = (await findSession(testPrisma(), token))!;
    expect(after.mustEnrolSecondFactor).toBe(false);
    expect(
      await callerFor(demo.auditor, { session: after })
        .estates.list()
        .then(() => "ok", code),
    ).toBe("ok");
    // Required for the role: it cannot be turned off by its owner.
    expect(await caller.auth.disableTwoFactor({ code: totpCode(secret, totpStep() + 1) }).then(() => "ok", code)).toBe("FORBIDDEN");
    await testPrisma().user.update({ where: { id: demo.auditor.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  });
});
