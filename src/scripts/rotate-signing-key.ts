/**
 * `npm run rotate-key -- "reason"`: replaces the installation's snapshot-signing key under PARITY_KEY_DIR and
 * records the rotation (signed by the old and the new key) in DATABASE_URL; later snapshots carry it, so
 * auditors who pinned the old key verify them offline. Run it while no snapshot is being sealed.
 */
import { createPrismaClient } from "../server/db.ts";
import { rotateSigningKey } from "../server/services/key-rotation.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(2);
}
const reason = process.argv.slice(2).join(" ").trim() || "scheduled rotation";
const prisma = createPrismaClient(url);
try {
  const r = await rotateSigningKey(prisma, reason);
  console.log(`signing key rotated at ${r.rotatedAt.toISOString()}: ${r.oldKeyId} → ${r.newKeyId}`);
  console.log("running web and worker processes pick up the new key on their next signature (the key files are re-read when they change)");
} finally {
  await prisma.$disconnect();
}
