/**
 * Seeds demo accounts and estates, imports the demo estate from imports/demo through the same import job
 * the upload uses, then translates, verifies and seals + approves one snapshot of it (seed-showcase.ts), so
 * the first run shows every page with real data. Each step is skipped when its result exists.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { createPrismaClient } from "../../server/db.ts";
import { createImportJob } from "../../server/services/imports.ts";
import { seedDemo } from "../../server/services/seed.ts";
import { runJobInline, showcaseEstate } from "../../server/services/seed-showcase.ts";
import { ROOT } from "./database.ts";

const ZImportJobResult = z.object({ counts: z.record(z.string(), z.number()) });

export const DEMO_IMPORT_DIR = path.join(ROOT, "imports/demo");

export function demoFiles(): { name: string; bytes: Uint8Array }[] {
  return fs
    .readdirSync(DEMO_IMPORT_DIR)
    .filter((name) => !name.startsWith(".") && !name.endsWith(".md"))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(DEMO_IMPORT_DIR, name))) }));
}

export async function seedDatabase(
  url: string,
  log: (line: string) => void = () => {},
  options: { importDemo?: boolean; showcase?: boolean } = {},
) {
  const prisma = createPrismaClient(url);
  const started = performance.now();
  try {
    const result = await seedDemo(prisma);
    log(
      `seeded ${result.users.length} demo accounts, estates "${result.demoEstate.name}", "${result.uploadEstate.name}" (empty) and "${result.otherEstate.name}"`,
    );
    const engineer = result.users.find((u) => u.role === "security_engineer") ?? result.users[0];
    const auditor = result.users.find((u) => u.role === "auditor") ?? result.users[0];
    const alreadyImported = await prisma.estateImport.count({ where: { estateId: result.demoEstate.id } });
    if ((options.importDemo ?? true) && alreadyImported === 0) {
      const jobId = await createImportJob(prisma, { estateId: result.demoEstate.id, createdBy: engineer.id, files: demoFiles() });
      const { counts } = ZImportJobResult.parse(
        await runJobInline(prisma, { estateId: result.demoEstate.id, kind: "import", createdBy: engineer.id, existingJobId: jobId }),
      );
      log(`imported the demo estate from imports/demo: ${counts.rules} rules, ${counts.groups} groups, ${counts.vms} VMs`);
    }
    if ((options.importDemo ?? true) && (options.showcase ?? true)) {
      await showcaseEstate(prisma, { estateId: result.demoEstate.id, engineer, auditor, log });
    }
    log(`demo data ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } finally {
    await prisma.$disconnect();
  }
}
