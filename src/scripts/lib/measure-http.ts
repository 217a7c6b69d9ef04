/**
 * `npm run measure -- --http`: HTTP latency of the main reads from 50 clients at 100 requests/s in total,
 * idle and while the job worker translates a 5,000-VM bank-shaped estate. The API runs as its own process
 * (api-http-server.ts: the app's tRPC handler, cookie session, no Next.js), the worker as in production
 * (src/scripts/worker.ts: niceness 10, one job at a time). Returns the exit code (0 when p95 ≤ 300 ms during
 * the job).
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import superjson from "superjson";
import { estateCounts } from "../../ingest/import-estate.ts";
import { bankAppsEstate, type NsxEstate } from "../../policy/index.ts";
import { createSession, sessionCookieName } from "../../server/auth/session.ts";
import type { PrismaClient } from "../../server/db.ts";
import { enqueueJob } from "../../server/jobs/enqueue.ts";
import { translationJobInput } from "../../server/services/translations.ts";
import { ROOT } from "./database.ts";
import { ENGINE_NODE_FLAGS } from "./engine-node-flags.ts";
import { runLoad, type HttpRead, type LoadResult } from "./http-load.ts";

const CLIENTS = 50;
const INTERVAL_MS = 500; // 50 clients × 2 requests/s = 100 requests/s
const PORT = Number(process.env.PARITY_MEASURE_PORT ?? 3999);

function startProcess(args: string[], env: NodeJS.ProcessEnv, readyText: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => String(chunk).includes(readyText) && resolve(child));
    child.once("exit", (code) => reject(new Error(`${args.at(-1)} exited with ${code}`)));
  });
}

const get = (procedure: string, input: unknown) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;

export async function measureHttp(context: {
  prisma: PrismaClient;
  databaseUrl: string;
  seed: { users: { id: string; role: string }[] };
  demoId: string;
  synthId: string;
  estate: NsxEstate;
}): Promise<number> {
  const { prisma, seed, demoId, synthId } = context;
  const security = seed.users.find((u) => u.role === "security_engineer")!;
  const auditor = seed.users.find((u) => u.role === "auditor")!;
  const env = { ...process.env, DATABASE_URL: context.databaseUrl, PORT: String(PORT), PARITY_FLOW_PROCESS: "1" };
  const children: ChildProcess[] = [];
  try {
    console.log("\nloading a bank-shaped 3,200-rule / 5,000-VM estate to translate …");
    const { estate } = bankAppsEstate({ seed: 42, rules: 3200, vms: 5000 });
    const bank = await prisma.estate.create({
      data: { slug: "bank-5000", name: "Bank 5,000 VMs", memberships: { create: seed.users.map((u) => ({ userId: u.id })) } },
    });
    const counts = estateCounts(estate);
    await prisma.estateImport.create({
      data: {
        estateId: bank.id,
        version: 1,
        createdBy: security.id,
        counts: counts as object,
        report: { counts } as object,
        estate: estate as object,
      },
    });

    children.push(await startProcess(["--import", "tsx", path.join(ROOT, "src/scripts/lib/api-http-server.ts")], env, "api listening"));
    children.push(await startProcess([...ENGINE_NODE_FLAGS, "--import", "tsx", path.join(ROOT, "src/scripts/worker.ts")], env, "ready"));
    const session = await createSession(prisma, auditor.id);
    const cookie = `${sessionCookieName()}=${session.token}`;
    const reads: HttpRead[] = [
      { name: "estates.list", path: get("estates.list", undefined) },
      { name: "rules.page demo", path: get("rules.page", { estateId: demoId, offset: 0, limit: 100 }) },
      { name: "rules.page 30k deep", path: get("rules.page", { estateId: synthId, offset: 17_000, limit: 100 }) },
      { name: "rules.summary 30k", path: get("rules.summary", { estateId: synthId }) },
      { name: "translations.summary", path: get("translations.summary", { estateId: demoId }) },
      { name: "equivalence.summary", path: get("equivalence.summary", { estateId: demoId }) },
      { name: "jobs.list", path: get("jobs.list", { estateId: bank.id }) },
      {
        name: "equivalence.query demo",
        path: get("equivalence.query", { estateId: demoId, src: "hpb-ebk-web-p01", dst: "hpb-ebk-app-p01", protocol: "TCP", port: 8443 }),
      },
    ];
    const baseUrl = `http://127.0.0.1:${PORT}`;
    // Warm-up (first flow query builds the engine in the flow process, Prisma connects).
    for (const read of reads) await fetch(`${baseUrl}${read.path}`, { headers: { cookie } }).then((r) => r.arrayBuffer());

    const report = (label: string, result: { rows: LoadResult[]; all: LoadResult; seconds: number }) => {
      console.log(
        `\n${label}: ${result.all.n} requests in ${result.seconds} s, load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
      );
      console.table([...result.rows, result.all]);
    };
    const idle = await runLoad({ baseUrl, cookie, reads, clients: CLIENTS, intervalMs: INTERVAL_MS, keepGoing: () => true, maxMs: 15_000 });
    report("Idle", idle);

    const jobId = await enqueueJob(prisma, {
      estateId: bank.id,
      kind: "translate",
      createdBy: security.id,
      data: { ...(await translationJobInput(prisma, bank.id, "v1alpha1")) },
    });
    let state = "queued";
    const poll = setInterval(() => {
      void prisma.job.findUnique({ where: { id: jobId }, select: { state: true } }).then((j) => (state = j?.state ?? "gone"));
    }, 200);
    while (state === "queued") await new Promise((r) => setTimeout(r, 100));
    const jobStarted = Date.now();
    const busy = await runLoad({
      baseUrl,
      cookie,
      reads,
      clients: CLIENTS,
      intervalMs: INTERVAL_MS,
      keepGoing: () => state === "running",
      maxMs: 180_000,
    });
    clearInterval(poll);
    report(`While the worker translates the 5,000-VM estate (job ${state} after ${((Date.now() - jobStarted) / 1000).toFixed(1)} s)`, busy);
    console.log(
      `\nHTTP p95 of the main reads: idle ${idle.all.p95} ms, during the translation ${busy.all.p95} ms (target ≤ 300): ${busy.all.p95 <= 300 ? "OK" : "OVER"}`,
    );
    return busy.all.p95 <= 300 ? 0 : 1;
  } finally {
    for (const child of children) child.kill("SIGTERM");
  }
}
