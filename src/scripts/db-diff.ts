/**
 * Developer tool: prints the SQL that creates the current prisma/schema.prisma from an empty database
 * (offline stand-in for `prisma migrate diff --from-empty`). With a name, writes it as the first migration;
 * later migrations are written as the difference between this output and the previous one.
 * Usage: DATABASE_URL=postgresql://… npx tsx src/scripts/db-diff.ts [migration_name]
 */
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR } from "./lib/migrate.ts";
import { openSchemaEngine } from "./lib/schema-engine.ts";

const name = process.argv[2];
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("usage: DATABASE_URL=postgresql://… npx tsx src/scripts/db-diff.ts [migration_name]");
  process.exit(2);
}
const { engine, schema } = await openSchemaEngine(serverUrl);
const result = await engine.diff({
  from: { tag: "empty" },
  to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
  script: true,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
} as never);
engine.free();
const sql = (result.stdout ?? "").trim() + "\n";
if (!name) {
  process.stdout.write(sql);
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}
process.exit(0);
