import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../src/server/api/root.ts";
import { DEMO_ACCOUNTS } from "../../src/server/demo-accounts.ts";
import { createHttpContextWith } from "./http-context.ts";
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

describe("roles and estate membership", () => {
  it("rejects an anonymous call as UNAUTHORIZED", async () => {
    expect(await codeOf(callerFor(null).estates.list())).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(null).estates.get({ estateId: demo.demoEstate.id }))).toBe("UNAUTHORIZED");
  });

  it("lets an auditor read everything in their estate", async () => {
    const auditor = callerFor(demo.auditor);
    const estate = await auditor.estates.get({ estateId: demo.demoEstate.id });
    expect(estate.name).toBe("Helvetia Private Bank");
    expect(await auditor.estates.activity({ estateId: demo.demoEstate.id })).toBeInstanceOf(Array);
  });

  it("rejects an auditor's mutation as FORBIDDEN and changes nothing", async () => {
    const auditor = callerFor(demo.auditor);
    const code = await codeOf(auditor.estates.updateDetails({ estateId: demo.demoEstate.id, name: "Hacked", description: "" }));
    expect(code).toBe("FORBIDDEN");
    const estate = await testPrisma().estate.findUniqueOrThrow({ where: { id: demo.demoEstate.id } });
    expect(estate.name).toBe("Helvetia Private Bank");
  });

  it("hides an estate from a non-member: not listed, and NOT_FOUND exactly like an estate that does not exist", async () => {
    const security = callerFor(demo.security);
    const listed = await security.estates.list();
    expect(listed.map((e) => e.id)).not.toContain(demo.otherEstate.id);
    const hidden = await codeOf(security.estates.get({ estateId: demo.otherEstate.id }));
    const missing = await codeOf(security.estates.get({ estateId: "00000000-0000-4000-8000-000000000000" }));
    expect(hidden).toBe("NOT_FOUND");
    expect(missing).toBe("NOT_FOUND");
    expect(await codeOf(security.estates.updateDetails({ estateId: demo.otherEstate.id, name: "x", description: "" }))).toBe("NOT_FOUND");
  });

  it("lets a security engineer edit their estate and logs the mutation append-only", async () => {
    const security = callerFor(demo.security);
    await security.estates.updateDetails({ estateId: demo.demoEstate.id, name: "Helvetia Private Bank", description: "Updated by test" });
    const log = await testPrisma().activityLog.findFirst({
      where: { action: "estates.updateDetails", estateId: demo.demoEstate.id },
      orderBy: { id: "desc" },
    });
    expect(log?.userEmail).toBe(demo.security.email);
    await expect(testPrisma().activityLog.update({ where: { id: log!.id }, data: { action: "rewritten" } })).rejects.toThrow(/append-only/);
    await expect(testPrisma().activityLog.delete({ where: { id: log!.id } })).rejects.toThrow(/append-only/);
  });

  it("keeps administration to admins", async () => {
    expect(await codeOf(callerFor(demo.security).admin.users())).toBe("FORBIDDEN");
    expect(
      await codeOf(
        callerFor(demo.architect).admin.setMembership({ userId: demo.architect.id, estateId: demo.otherEstate.id, member: true }),
      ),
    ).toBe("FORBIDDEN");
    const users = await callerFor(demo.admin).admin.users();
    expect(users.length).toBeGreaterThanOrEqual(4);
  });

  it("refuses a mutation whose CSRF token is missing", async () => {
    const code = await codeOf(
      callerFor(demo.security, { csrfOk: false }).estates.updateDetails({ estateId: demo.demoEstate.id, name: "x", description: "" }),
    );
    expect(code).toBe("FORBIDDEN");
  });
});

describe("sign-in over HTTP", () => {
  const account = DEMO_ACCOUNTS.find((a) => a.role === "architect")!;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req: new Request(`http://parity.test/api/trpc/${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          host: "parity.test",
          "x-forwarded-for": headers["x-forwarded-for"] ?? "192.0.2.10",
          ...headers,
        },
        body: JSON.stringify({ json: body }),
      }),
      createContext: ({ req, resHeaders }) => createHttpContextWith(testPrisma(), req, resHeaders),
    });

  it("signs in with the right password and sets an HTTP-only, SameSite=Strict session cookie", async () => {
    const response = await post("auth.signIn", { email: account.email, password: account.password });
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/parity_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const token = /parity_session=([^;]+)/.exec(cookie)![1];
    const stored = await testPrisma().session.findMany({ where: { id: token } });
    expect(stored).toHaveLength(0); // only the token's hash is stored
  });

  it("rejects a wrong password, then rate-limits even the right one", async () => {
    const ip = { "x-forwarded-for": "198.51.100.7" };
    const email = DEMO_ACCOUNTS.find((a) => a.role === "security_engineer")!.email;
    const wrong = await post("auth.signIn", { email, password: "not-the-password" }, ip);
    expect(wrong.status).toBe(401);
    for (let i = 0; i < 5; i++) await post("auth.signIn", { email, password: "still-wrong" }, ip);
    const right = await post("auth.signIn", { email, password: DEMO_ACCOUNTS.find((a) => a.role === "security_engineer")!.password }, ip);
    expect(right.status).toBe(429);
    await testPrisma().loginAttempt.deleteMany({ where: { email } });
  });

  it("rejects a mutation from another origin even with the session cookie", async () => {
    const signIn = await post("auth.signIn", { email: account.email, password: account.password }, { "x-forwarded-for": "192.0.2.99" });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
    const { result } = (await signIn.json()) as { result: { data: { json: { csrfToken: string } } } };
    const csrf = result.data.json.csrfToken;
    const forged = await post("auth.signOut", null, { cookie, "x-parity-csrf": csrf, origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    const genuine = await post("auth.signOut", null, { cookie, "x-parity-csrf": csrf, origin: "http://parity.test" });
    expect(genuine.status).toBe(200);
  });
});
