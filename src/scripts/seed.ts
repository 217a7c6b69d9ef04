/** `npm run db:seed`: seeds the demo accounts and estates into DATABASE_URL. */
import { seedDatabase } from "./lib/seed-database.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(2);
}
await seedDatabase(url, console.log);
process.exit(0);
