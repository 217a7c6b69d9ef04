/** Seeds demo accounts and estates (and the demo estate's import, once the importer is wired) into a database. */
import { createPrismaClient } from "../../src/server/db.ts";
import { seedDemo } from "../../src/server/services/seed.ts";

export async function seedDatabase(url: string, log: (line: string) => void = () => {}) {
  const prisma = createPrismaClient(url);
  try {
    const result = await seedDemo(prisma);
    log(`seeded ${result.users.length} demo accounts, estates "${result.demoEstate.name}" and "${result.otherEstate.name}"`);
    return result;
  } finally {
    await prisma.$disconnect();
  }
}
