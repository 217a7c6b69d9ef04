/**
 * Least privilege in PostgreSQL. Migrations run as the schema owner; the application (web server and worker)
 * connects as its own role that owns nothing in the public schema:
 *
 *   - SELECT, INSERT, UPDATE, DELETE on the ordinary tables, USAGE on their sequences;
 *   - SELECT and INSERT only on the append-only tables (every table guarded by a `parity_reject_mutation`
 *     trigger: audit snapshots, approvals, the activity log, …), so the role can neither rewrite history nor
 *     disable the triggers (that needs ownership); the triggers stay as the second line;
 *   - nothing on `_prisma_migrations`;
 *   - ownership of the `pgboss` schema only: the job queue creates its queue partitions at run time.
 *
 * `grantApplicationRole` is idempotent and runs after every migration (`npm start` with
 * PARITY_MIGRATE_DATABASE_URL), so tables added by later migrations get their grants too.
 */
import pg from "pg";
import PgBoss from "pg-boss";

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Tables an append-only trigger guards (found from the triggers themselves, so new ones are covered). */
export async function appendOnlyTables(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ table: string }>(
    `SELECT DISTINCT c.relname AS table
       FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE n.nspname = 'public' AND p.proname = 'parity_reject_mutation' AND NOT t.tgisinternal
      ORDER BY 1`,
  );
  return result.rows.map((row) => row.table);
}

export async function grantApplicationRole(ownerUrl: string, role: string): Promise<{ appendOnly: string[] }> {
  if (!ROLE_NAME.test(role)) throw new Error(`application role name ${JSON.stringify(role)} is not a plain lower-case identifier`);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const r = quoteIdent(role);
    // The owner installs the job queue's schema (CREATE SCHEMA needs a right on the database the application
    // role does not get); the role then owns what is inside, so pg-boss can migrate and partition it.
    const installed = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss'`);
    if (installed.rowCount === 0) await client.query(PgBoss.getConstructionPlans("pgboss"));
    await client.query("BEGIN");
    await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await client.query(`REVOKE ALL ON "_prisma_migrations" FROM ${r}`);
    const appendOnly = await appendOnlyTables(client);
    for (const table of appendOnly) {
      await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdent(table)} FROM ${r}`);
    }
    // The job queue's own schema belongs to the application role (pg-boss creates partitions as queues appear).
    const boss = await client.query<{ owner: string }>(
      `SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'pgboss'`,
    );
    if (boss.rows[0].owner !== role) {
      await client.query(`ALTER SCHEMA pgboss OWNER TO ${r}`);
      await client.query(`
        DO $$ DECLARE item record; BEGIN
          FOR item IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = 'pgboss' AND c.relkind IN ('r', 'p', 'S', 'v') LOOP
            EXECUTE format('ALTER %s pgboss.%I OWNER TO %I',
              CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, item.relname, ${pg.escapeLiteral(role)});
          END LOOP;
          FOR item IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE n.nspname = 'pgboss' LOOP
            EXECUTE format('ALTER FUNCTION %s OWNER TO %I', item.fn, ${pg.escapeLiteral(role)});
          END LOOP;
          FOR item IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                       WHERE n.nspname = 'pgboss' AND t.typtype = 'e' LOOP
            EXECUTE format('ALTER TYPE pgboss.%I OWNER TO %I', item.typname, ${pg.escapeLiteral(role)});
          END LOOP;
        END $$`);
    }
    await client.query("COMMIT");
    return { appendOnly };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Creates (or updates the password of) a login role for the application and grants it; returns the owner's
 * URL rewritten to connect as that role. Used by the test tiers and for a quick single-host installation.
 */
export async function provisionApplicationRole(ownerUrl: string, role: string, password: string): Promise<string> {
  if (!ROLE_NAME.test(role)) throw new Error(`application role name ${JSON.stringify(role)} is not a plain lower-case identifier`);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    const verb = exists.rowCount === 0 ? "CREATE" : "ALTER";
    await client.query(`${verb} ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${pg.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  await grantApplicationRole(ownerUrl, role);
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}
