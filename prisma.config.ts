import { defineConfig } from "prisma/config";

// The datasource URL lives here in Prisma 7. Offline machines apply migrations with `npm run db:migrate`
// (src/scripts/migrate.ts); with internet access `npx prisma migrate deploy` works on the same SQL.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/parity" },
});
