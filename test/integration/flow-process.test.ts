/**
 * Flow queries served by the flow-engine child process give exactly the in-process answers (and the same
 * errors), so the web server can leave the engine's table building to that process.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoFiles } from "../../src/scripts/lib/seed-database.ts";
import { JOB_HANDLERS } from "../../src/server/jobs/handlers.ts";
import { runJob } from "../../src/server/jobs/run-job.ts";
import { FlowEngineProcess } from "../../src/server/services/flow-process/client.ts";
import { createImportJob } from "../../src/server/services/imports.ts";
import { endpointSuggestions, flowQuery } from "../../src/server/services/verification.ts";
import { seeded, testPrisma } from "./helpers.ts";

let estateId = "";
let engine: FlowEngineProcess;

beforeAll(async () => {
  const demo = await seeded();
  estateId = demo.demoEstate.id;
  if ((await testPrisma().estateImport.count({ where: { estateId } })) === 0) {
    const jobId = await createImportJob(testPrisma(), { estateId, createdBy: demo.security.id, files: demoFiles() });
    await runJob(testPrisma(), jobId, JOB_HANDLERS);
  }
  engine = new FlowEngineProcess(inject("databaseUrl"));
});

afterAll(() => engine.stop());

describe("flow-engine process", () => {
  it("answers flow queries and endpoint suggestions as the in-process engine does", async () => {
    const prisma = testPrisma();
    const vms = await engine.request<Awaited<ReturnType<typeof endpointSuggestions>>>({ op: "endpoints", estateId, search: "" });
    expect(vms).toEqual(await endpointSuggestions(prisma, estateId, ""));
    expect(vms.length).toBeGreaterThan(1);
    for (const [src, dst, port] of [
      [vms[0].name, vms[1].name, 443],
      [vms[1].name, vms[0].name, 22],
    ] as const) {
      const query = { src, dst, protocol: "TCP", port };
      expect(await engine.request({ op: "query", estateId, query })).toEqual(await flowQuery(prisma, estateId, query));
    }
    await expect(
      engine.request({ op: "query", estateId, query: { src: "no-such-vm", dst: vms[1].name, protocol: "TCP", port: 443 } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
