/**
 * `npx tsx src/scripts/bench/shard-speedup.ts [RULESxVMS] [--shape bank-apps]`: the speed-up of a sharded
 * verification with 2 workers. On its own database (parity_shards): imports the seeded estate, translates
 * it, then verifies the translation as the verify job does — once unsharded in this process, once with 2
 * shards while one worker process (src/scripts/worker.ts) is running, so shard 1 runs there and shard 0 here
 * — and prints both wall times, the speed-up and the load average. Both results must hash the same.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { benchShape } from "../../policy/index.ts";
import { createPrismaClient } from "../../server/db.ts";
import { enqueueJob } from "../../server/jobs/enqueue.ts";
import { JOB_HANDLERS } from "../../server/jobs/handlers.ts";
import { stopBoss } from "../../server/jobs/queue.ts";
import { runJob } from "../../server/jobs/run-job.ts";
import { translationJobInput } from "../../server/services/translations.ts";
import { prepareDatabase, ROOT } from "../lib/database.ts";
import { ENGINE_NODE_FLAGS } from "../lib/engine-node-flags.ts";
import { seedDatabase } from "../lib/seed-database.ts";

const size = process.argv[2] && !process.argv[2].startsWith("--") ? process.argv[2] : "3200x5000";
const shapeIndex = process.argv.indexOf("--shape");
const shape = benchShape(shapeIndex >= 0 ? process.argv[shapeIndex + 1] : "bank-apps");
const [rules, vms] = size.split("x").map(Number);

const database = await prepareDatabase({ database: "parity_shards", dataDir: ".data/shards-postgres", recreate: true });
process.env.DATABASE_URL = database.url;
const prisma = createPrismaClient(database.url);
const worker = { process: undefined as ReturnType<typeof spawn> | undefined };
try {
  const seed = await seedDatabase(database.url, () => {}, { importDemo: false });
  const createdBy = seed.users.find((u) => u.role === "security_engineer")!.id;
  const estateRow = await prisma.estate.create({ data: { slug: `shards-${shape.name}`, name: `${shape.name} ${size}` } });
  const { estate } = shape.build({ seed: 42, rules, vms });
  await prisma.estateImport.create({ data: { estateId: estateRow.id, version: 1, counts: {}, report: {}, estate: estate as object } });
  const quiet = { send: async () => {} };
  console.log(`translating ${shape.name} ${rules} rules × ${vms} VMs …`);
  const started = Date.now();
  const translateJob = await enqueueJob(
    prisma,
    { estateId: estateRow.id, kind: "translate", createdBy, data: { ...(await translationJobInput(prisma, estateRow.id, "v1alpha1")) } },
    quiet,
  );
  await runJob(prisma, translateJob, JOB_HANDLERS);
  console.log(`  ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const translationId = (await prisma.translation.findFirstOrThrow({ where: { estateId: estateRow.id } })).id;

  const verify = async (shards: number) => {
    const jobId = await enqueueJob(prisma, { estateId: estateRow.id, kind: "verify", createdBy, data: { translationId, shards } }, quiet);
    const t0 = Date.now();
    await runJob(prisma, jobId, JOB_HANDLERS);
    const ms = Date.now() - t0;
    const job = await prisma.job.findUniqueOrThrow({ where: { id: jobId } });
    if (job.state !== "succeeded") throw new Error(`verify failed: ${job.error}`);
    const stored = await prisma.verification.findUniqueOrThrow({
      where: { id: (job.result as { verificationId: string }).verificationId },
    });
    const { elapsedMs: _e, work: _w, ...result } = stored.result as Record<string, unknown>;
    return {
      ms,
      hash: createHash("sha256").update(JSON.stringify(result)).digest("hex").slice(0, 16),
      load: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" "),
    };
  };
  console.log("verifying unsharded (this process) …");
  const one = await verify(1);
  console.log(`  ${one.ms} ms, result ${one.hash}, load ${one.load}`);
  worker.process = spawn(process.execPath, [...ENGINE_NODE_FLAGS, "--import", "tsx", path.join(ROOT, "src/scripts/worker.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, PARITY_WORKER_NICE: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => worker.process!.stdout!.on("data", (chunk) => String(chunk).includes("ready") && resolve()));
  console.log("verifying with 2 shards (shard 0 here, shard 1 on the worker process) …");
  const two = await verify(2);
  console.log(`  ${two.ms} ms, result ${two.hash}, load ${two.load}`);
  console.log(
    `speed-up with 2 workers: ${(one.ms / two.ms).toFixed(2)}× (${one.ms} → ${two.ms} ms); same result: ${one.hash === two.hash ? "yes" : "NO"}`,
  );
  process.exitCode = one.hash === two.hash ? 0 : 1;
} finally {
  worker.process?.kill("SIGTERM");
  await stopBoss().catch(() => {});
  await prisma.$disconnect();
  await database.stop();
}
