/**
 * Resolves the database for dev and tests: DATABASE_URL when set, otherwise an embedded PostgreSQL under
 * `.data/` (started here, stopped by the returned function).
 */
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations } from "./migrate.ts";

export const ROOT = path.resolve(import.meta.dirname, "../../..");

export async function prepareDatabase(options: {
  database: string;
  dataDir: string;
  port?: number;
  recreate?: boolean;
  log?: (line: string) => void;
}): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  const log = options.log ?? (() => {});
  const external = process.env.DATABASE_URL;
  if (external) {
    if (options.recreate) {
      const adminUrl = external.replace(/\/[^/?]+(\?|$)/, "/postgres$1");
      await ensureDatabase(adminUrl, options.database, { recreate: true });
      const url = external.replace(/\/[^/?]+(\?|$)/, `/${options.database}$1`);
      await applyMigrations(url);
      return { url, embedded: false, stop: async () => {} };
    }
    await applyMigrations(external);
    return { url: external, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({ baseDir: path.join(ROOT, options.dataDir), port: options.port, log });
  await ensureDatabase(server.url("postgres"), options.database, { recreate: options.recreate });
  const url = server.url(options.database);
  const applied = await applyMigrations(url);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  return { url, embedded: true, stop: server.stop };
}
