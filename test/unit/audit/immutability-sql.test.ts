/** The trigger file prisma/sql/audit-immutability.sql, run against real PostgreSQL (PGlite, in-process). */
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const sql = readFileSync(new URL("../../../prisma/sql/audit-immutability.sql", import.meta.url), "utf8");
let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await db.exec(`
    CREATE TABLE "AuditSnapshot" (id text PRIMARY KEY, "estateId" text NOT NULL, sequence int NOT NULL, "merkleRoot" text NOT NULL, "previousRoot" text, sealed jsonb NOT NULL);
    CREATE TABLE "AuditApproval" (id text PRIMARY KEY, "snapshotId" text NOT NULL REFERENCES "AuditSnapshot"(id), envelope jsonb NOT NULL);
  `);
  await db.exec(sql);
  await db.exec(sql); // idempotent: safe to include in more than one migration run
  await db.query(`INSERT INTO "AuditSnapshot" VALUES ('s1', 'e', 1, 'aa', NULL, '{}')`);
  await db.query(`INSERT INTO "AuditApproval" VALUES ('a1', 's1', '{}')`);
}, 60_000);
afterAll(async () => db?.close());

describe("audit rows are immutable in PostgreSQL", () => {
  it("INSERT works (append-only)", async () => {
    await db.query(`INSERT INTO "AuditSnapshot" VALUES ('s2', 'e', 2, 'bb', 'aa', '{}')`);
    expect((await db.query(`SELECT count(*)::int AS n FROM "AuditSnapshot"`)).rows).toEqual([{ n: 2 }]);
  });
  it.each([
    [`UPDATE "AuditSnapshot" SET "merkleRoot" = 'cc' WHERE id = 's1'`, /immutable: UPDATE on AuditSnapshot/],
    [`DELETE FROM "AuditSnapshot" WHERE id = 's1'`, /immutable: DELETE on AuditSnapshot/],
    [`TRUNCATE "AuditSnapshot" CASCADE`, /immutable: TRUNCATE/],
    [`UPDATE "AuditApproval" SET envelope = '{"x":1}'`, /immutable: UPDATE on AuditApproval/],
    [`DELETE FROM "AuditApproval"`, /immutable: DELETE on AuditApproval/],
  ])("%s fails", async (statement, message) => {
    await expect(db.query(statement)).rejects.toThrow(message);
  });
  it("the rows are unchanged afterwards", async () => {
    expect((await db.query(`SELECT "merkleRoot" FROM "AuditSnapshot" WHERE id = 's1'`)).rows).toEqual([{ merkleRoot: "aa" }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM "AuditApproval"`)).rows).toEqual([{ n: 1 }]);
  });
});
