import fs from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { JOB_HANDLERS } from "../../src/server/jobs/handlers.ts";
import { runJob } from "../../src/server/jobs/run-job.ts";
import { demoFiles } from "../../src/scripts/lib/seed-database.ts";
import { callerFor, seeded, testPrisma } from "./helpers.ts";

let demo: Awaited<ReturnType<typeof seeded>>;
const sent: string[] = [];
/** Jobs run inline here: the queue hand-off is pg-boss in the app; the job itself is the same function. */
const sendJob = async (_queue: string, jobId: string) => {
  sent.push(jobId);
  await runJob(testPrisma(), jobId, JOB_HANDLERS);
};

beforeAll(async () => {
  demo = await seeded();
});

function formOf(estateId: string, files: { name: string; bytes: Uint8Array }[]) {
  const form = new FormData();
  form.set("estateId", estateId);
  for (const file of files) form.append("files", new File([Buffer.from(file.bytes)], file.name));
  return form;
}

describe("estate import through the API", () => {
  it("imports the demo estate as a new version, keeping every raw file with its SHA-256", async () => {
    const security = callerFor(demo.security, { sendJob });
    const files = demoFiles();
    const { jobId } = await security.imports.upload(formOf(demo.demoEstate.id, files));
    const job = await security.jobs.get({ estateId: demo.demoEstate.id, jobId });
    expect(job.state).toBe("succeeded");
    const imports = await security.imports.list({ estateId: demo.demoEstate.id });
    expect(imports[0].files).toHaveLength(files.length);
    const counts = imports[0].counts as Record<string, number>;
    expect(counts.rules).toBeGreaterThanOrEqual(300);
    expect(counts.vms).toBeGreaterThanOrEqual(150);
    const stored = await testPrisma().uploadFile.findFirstOrThrow({ where: { importId: imports[0].id, name: files[0].name } });
    expect(Buffer.from(stored.bytes).equals(Buffer.from(files[0].bytes))).toBe(true);
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.format).not.toBe("pending");
  });

  it("rejects a broken file as a whole: errors name file and place, no new version, raw bytes still kept", async () => {
    const security = callerFor(demo.security, { sendJob });
    const before = await testPrisma().estateImport.count({ where: { estateId: demo.demoEstate.id } });
    const good = demoFiles()[0];
    const broken = {
      name: "broken-infra.json",
      bytes: new TextEncoder().encode('{"resource_type": "Infra", "children": [ {"resource_type": "ChildDomain", '),
    };
    const { jobId } = await security.imports.upload(formOf(demo.demoEstate.id, [good, broken]));
    const job = await security.jobs.get({ estateId: demo.demoEstate.id, jobId });
    expect(job.state).toBe("failed");
    const report = (job.result as { report: { errors: { file: string; where: string; message: string }[] } }).report;
    expect(report.errors.some((e) => e.file.includes("broken-infra.json") && e.where.length > 0)).toBe(true);
    expect(await testPrisma().estateImport.count({ where: { estateId: demo.demoEstate.id } })).toBe(before);
    expect(await testPrisma().uploadFile.count({ where: { jobId } })).toBe(2);
  });

  it("refuses a tag CSV without its Category column by naming it, and records the file as unrecognised, not zip", async () => {
    const security = callerFor(demo.security, { sendJob });
    const csv = { name: "tags.csv", bytes: new TextEncoder().encode("Entity,Tag\nhpb-ebk-web-p01,ebanking\n") };
    const { jobId } = await security.imports.upload(formOf(demo.demoEstate.id, [csv]));
    const job = await security.jobs.get({ estateId: demo.demoEstate.id, jobId });
    expect(job.state).toBe("failed");
    const report = (job.result as { report: { errors: { message: string }[]; files: { name: string; format: string }[] } }).report;
    expect(report.errors[0].message).toContain("missing its Category column");
    expect(report.files.map((f) => [f.name, f.format])).toEqual([["tags.csv", "unrecognised"]]);
    const stored = await testPrisma().uploadFile.findFirstOrThrow({ where: { jobId } });
    expect(stored.format).toBe("unrecognised");
  });

  it("does not let an auditor upload, nor a non-member see the imports", async () => {
    const auditor = callerFor(demo.auditor, { sendJob });
    await expect(auditor.imports.upload(formOf(demo.demoEstate.id, demoFiles().slice(0, 1)))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outsider = callerFor(demo.security, { sendJob });
    const error = await outsider.imports.list({ estateId: demo.otherEstate.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
  });
});

it("ships a demo estate in imports/demo", () => {
  expect(fs.existsSync(path.resolve("imports/demo"))).toBe(true);
});
