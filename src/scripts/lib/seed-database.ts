/**
 * Seeds demo accounts and estates, and imports the demo estate from imports/demo through the same import
 * job the upload uses (so the dashboard starts with real data).
 */
import fs from "node:fs";
import path from "node:path";
import { createPrismaClient } from "../../server/db.ts";
import { JOB_HANDLERS } from "../../server/jobs/handlers.ts";
import { runJob } from "../../server/jobs/run-job.ts";
import { createImportJob } from "../../server/services/imports.ts";
import { seedDemo } from "../../server/services/seed.ts";
import { ROOT } from "./database.ts";

export const DEMO_IMPORT_DIR = path.join(ROOT, "imports/demo");

export function demoFiles(): { name: string; bytes: Uint8Array }[] {
  return fs
    .readdirSync(DEMO_IMPORT_DIR)
    .filter((name) => !name.startsWith(".") && !name.endsWith(".md"))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(DEMO_IMPORT_DIR, name))) }));
}

export async function seedDatabase(url: string, log: (line: string) => void = () => {}, options: { importDemo?: boolean } = {}) {
  const prisma = createPrismaClient(url);
  try {
    const result = await seedDemo(prisma);
    log(`seeded ${result.users.length} demo accounts, estates "${result.demoEstate.name}" and "${result.otherEstate.name}"`);
    const alreadyImported = await prisma.estateImport.count({ where: { estateId: result.demoEstate.id } });
    if ((options.importDemo ?? true) && alreadyImported === 0) {
      const admin = result.users.find((u) => u.role === "security_engineer") ?? result.users[0];
      const jobId = await createImportJob(prisma, { estateId: result.demoEstate.id, createdBy: admin.id, files: demoFiles() });
      await runJob(prisma, jobId, JOB_HANDLERS);
      const job = await prisma.job.findUniqueOrThrow({ where: { id: jobId } });
      if (job.state !== "succeeded") throw new Error(`demo import failed: ${job.error}\n${JSON.stringify(job.result).slice(0, 2000)}`);
      const counts = (job.result as { counts: Record<string, number> }).counts;
      log(`imported the demo estate from imports/demo: ${counts.rules} rules, ${counts.groups} groups, ${counts.vms} VMs`);
    }
    return result;
  } finally {
    await prisma.$disconnect();
  }
}
