/**
 * Finding 8: no CSP, HSTS or Permissions-Policy; no `__Host-` cookie; insecure cookies accepted in production;
 * the application's database role owned the tables (and could disable the append-only triggers); unexpected
 * errors reached the client verbatim.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { ROOT } from "../../src/scripts/lib/database.ts";
import { baseUrl, createAccount, demoEstateId, headersFor, isSignedIn, messageOf, query, signIn, type TSignedIn } from "./client.ts";

describe("headers and cookies", () => {
  it("serves pages with a nonce-based CSP and the other security headers", async () => {
    const first = await fetch(`${baseUrl()}/login`, { headers: headersFor() });
    const second = await fetch(`${baseUrl()}/login`, { headers: headersFor() });
    const csp = first.headers.get("content-security-policy") ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce).toBeTruthy();
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(second.headers.get("content-security-policy")).not.toContain(nonce!);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(first.headers.get("permissions-policy")).toContain("camera=()");
    expect(first.headers.get("referrer-policy")).toBe("same-origin");
    expect(first.headers.get("x-frame-options")).toBe("DENY");
  });

  it("sets __Host- session and device cookies: Secure, HttpOnly, SameSite=Strict, no Domain", async () => {
    const user = await createAccount("auditor");
    const session = await signIn(user.email, user.password, { from: "192.0.2.100" });
    expect(isSignedIn(session)).toBe(true);
    const cookies = (session as TSignedIn).result.setCookies;
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^__Host-parity_(session|device)=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
    }
  });

  it("refuses to start in production with PARITY_SECURE_COOKIES=false", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src/scripts/serve.ts"), "--port", "1"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", PARITY_SECURE_COOKIES: "false", DATABASE_URL: inject("securityAppUrl") },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("PARITY_SECURE_COOKIES=false is refused in production");
  });
});

describe("unexpected errors", () => {
  const owner = () => new pg.Client({ connectionString: inject("securityOwnerUrl") });

  afterAll(async () => {
    const client = owner();
    await client.connect();
    await client.query(`GRANT SELECT ON "Job" TO parity_app`);
    await client.end();
  });

  it("answers a generic message with a correlation id and logs the detail under that id", async () => {
    const user = await createAccount("auditor");
    const session = (await signIn(user.email, user.password, { from: "192.0.2.110" })) as TSignedIn;
    const estateId = await demoEstateId();
    const client = owner();
    await client.connect();
    await client.query(`REVOKE SELECT ON "Job" FROM parity_app`);
    await client.end();
    const result = await query("jobs.list", { estateId }, { cookie: session.cookie });
    expect(result.status).toBe(500);
    const message = messageOf(result);
    const id = /^Internal error \(reference ([0-9a-f-]{36})\)$/.exec(message)?.[1];
    expect(id).toBeTruthy();
    expect(JSON.stringify(result.body)).not.toMatch(/permission denied|"Job"|prisma/i);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = fs.readFileSync(inject("securityLogFile"), "utf8");
    const line = log.split("\n").findIndex((l) => l.includes(id!));
    expect(line).toBeGreaterThanOrEqual(0);
    expect(log.slice(log.indexOf(id!), log.indexOf(id!) + 4000)).toMatch(/permission denied/);
  });
});

describe("least privilege in PostgreSQL", () => {
  it("the application role can append to the evidence tables but not rewrite them or disable their triggers", async () => {
    const app = new pg.Client({ connectionString: inject("securityAppUrl") });
    await app.connect();
    const failure = async (sql: string) => {
      try {
        await app.query(sql);
        return "succeeded";
      } catch (error) {
        return (error as Error).message;
      }
    };
    try {
      await app.query(`INSERT INTO "ActivityLog" ("action") VALUES ('security-tier probe')`);
      expect(await failure(`UPDATE "ActivityLog" SET "action" = 'rewritten'`)).toMatch(/permission denied for table "?ActivityLog/);
      expect(await failure(`DELETE FROM "AuditSnapshot"`)).toMatch(/permission denied/);
      expect(await failure(`DELETE FROM "SnapshotApproval"`)).toMatch(/permission denied/);
      expect(await failure(`TRUNCATE "ActivityLog"`)).toMatch(/permission denied/);
      expect(await failure(`ALTER TABLE "ActivityLog" DISABLE TRIGGER ALL`)).toMatch(/must be owner/);
      expect(await failure(`DROP TABLE "AuditSnapshot"`)).toMatch(/must be owner/);
      expect(await failure(`SELECT * FROM "_prisma_migrations"`)).toMatch(/permission denied/);
      // Ordinary tables stay usable.
      expect(await failure(`UPDATE "User" SET "name" = "name" WHERE false`)).toBe("succeeded");
    } finally {
      await app.end();
    }
  });
});
