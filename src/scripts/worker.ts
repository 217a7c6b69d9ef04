/** `npm run worker`: runs queued import / translate / verify jobs against DATABASE_URL until stopped. */
import { createPrismaClient } from "../server/db.ts";
import { startWorker } from "../server/jobs/worker.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(2);
}
const prisma = createPrismaClient(url);
const stop = await startWorker(prisma, url, (line) => console.log(`[worker] ${line}`));
console.log("[worker] ready");
const shutdown = async () => {
  await stop().catch(() => {});
  await prisma.$disconnect();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
