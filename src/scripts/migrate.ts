/** `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (offline-capable, see src/scripts/lib/migrate.ts). */
import { applyMigrations } from "./lib/migrate.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(2);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
process.exit(0);
