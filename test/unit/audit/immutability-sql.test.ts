/**
 * The append-only triggers of prisma/migrations/20261122000000_append_only_tables (the migration that makes
 * AuditSnapshot, SnapshotApproval and ActivityLog immutable), run against real PostgreSQL (PGlite, in-process).
 * The integration tier checks the same on the migrated application database.
 */
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const sql = readFileSync(new URL("../../../prisma/migrations/20261122000000_append_only_tables/migration.sql", import.meta.url), "utf8");
let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await db.exec(`
    CREATE TABLE "AuditSnapshot" (id text PRIMARY KEY, "estateId" text NOT NULL, sequence int NOT NULL, "merkleRoot" text NOT NULL, "previousRoot" text, parts jsonb NOT NULL);
    CREATE TABLE "SnapshotApproval" (id text PRIMARY KEY, "snapshotId" text NOT NULL REFERENCES "AuditSnapshot"(id), signature jsonb NOT NULL);
    CREATE TABLE "ActivityLog" (id bigserial PRIMARY KEY, action text NOT NULL);
  `);
  await db.exec(sql);
  await db.query(`INSERT INTO "AuditSnapshot" VALUES ('s1', 'e', 1, 'aa', NULL, '{}')`);
  await db.query(`INSERT INTO "SnapshotApproval" VALUES ('a1', 's1', '{}')`);
  await db.query(`INSERT INTO "ActivityLog" (action) VALUES ('snapshots.create')`);
}, 60_000);
afterAll(async () => db?.close());

describe("audit rows are immutable in PostgreSQL", () => {
  it("INSERT works (append-only)", async () => {
    await db.query(`INSERT INTO "AuditSnapshot" VALUES ('s2', 'e', 2, 'bb', 'aa', '{}')`);
    expect((await db.query(`SELECT count(*)::int AS n FROM "AuditSnapshot"`)).rows).toEqual([{ n: 2 }]);
  });
  it.each([
    [`UPDATE "AuditSnapshot" SET "merkleRoot" = 'cc' WHERE id = 's1'`, /AuditSnapshot is append-only: UPDATE/],
    [`DELETE FROM "AuditSnapshot" WHERE id = 's1'`, /AuditSnapshot is append-only: DELETE/],
    [`TRUNCATE "AuditSnapshot" CASCADE`, /append-only: TRUNCATE/],
    [`UPDATE "SnapshotApproval" SET signature = '{"x":1}'`, /SnapshotApproval is append-only: UPDATE/],
    [`DELETE FROM "SnapshotApproval"`, /SnapshotApproval is append-only: DELETE/],
    [`TRUNCATE "SnapshotApproval"`, /append-only: TRUNCATE/],
    [`UPDATE "ActivityLog" SET action = 'x'`, /ActivityLog is append-only: UPDATE/],
    [`DELETE FROM "ActivityLog"`, /ActivityLog is append-only: DELETE/],
  ])("%s fails", async (statement, message) => {
    await expect(db.query(statement)).rejects.toThrow(message);
  });
  it("the rows are unchanged afterwards", async () => {
    expect((await db.query(`SELECT "merkleRoot" FROM "AuditSnapshot" WHERE id = 's1'`)).rows).toEqual([{ merkleRoot: "aa" }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM "SnapshotApproval"`)).rows).toEqual([{ n: 1 }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM "ActivityLog"`)).rows).toEqual([{ n: 1 }]);
  });
});
