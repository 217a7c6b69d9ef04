/**
 * Integration tier: a real PostgreSQL. Uses DATABASE_URL's server when set (CI proves this path against
 * Debian's PostgreSQL 15), else an embedded server under .data/test-postgres. Always a fresh database.
 */
import type { TestProject } from "vitest/node";
import { prepareDatabase } from "../../src/scripts/lib/database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await prepareDatabase({ database: "parity_test", dataDir: ".data/test-postgres", recreate: true });
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.stop();
  };
}
