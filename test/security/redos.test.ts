/**
 * Finding 5: a group `Name MATCHES ^(a+)+$` and a 33-character VM name kept translation busy for over 120 s
 * (catastrophic backtracking), and flow queries run the same evaluation in the web process. Patterns now run
 * on a linear-time engine (RE2 semantics, re2js), compiled once; patterns RE2 cannot run in linear time
 * (backreferences) are refused with a finding naming the group.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../src/scripts/lib/database.ts";
import {
  baseUrl,
  bystanderLatencies,
  createAccount,
  dataOf,
  headersFor,
  mutate,
  ownerDb,
  query,
  signIn,
  type TSignedIn,
} from "./client.ts";

type Json = Record<string, unknown>;

/** The collector sample plus an evil VM name and two pattern groups used by an allow rule. */
function evilExport(): string {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, "imports/samples/collector/collector-export.json"), "utf8")) as Json;
  const vms = doc.virtual_machines as Json[];
  vms.push({ display_name: `${"a".repeat(32)}!`, external_id: "5000aaaa-0000-4000-8000-00000000aaaa", tags: [] });
  const domain = (doc.domains as { resources: { groups: Json[]; security_policies: { rules: Json[] }[] } }[])[0];
  const group = (id: string, value: string) => ({
    resource_type: "Group",
    id,
    display_name: id,
    path: `/infra/domains/default/groups/${id}`,
    parent_path: "/infra/domains/default",
    expression: [{ resource_type: "Condition", member_type: "VirtualMachine", key: "Name", operator: "MATCHES", value }],
  });
  domain.resources.groups.push(group("redos-nested", "^(a+)+$"), group("redos-backref", "(a)\\1"));
  const policy = domain.resources.security_policies[domain.resources.security_policies.length - 1];
  const template = policy.rules[0];
  policy.rules.push({
    ...template,
    id: "redos-rule",
    display_name: "ReDoS probe",
    path: `${String(template.parent_path)}/rules/redos-rule`,
    rule_id: 99_999,
    sequence_number: 99_999,
    source_groups: ["/infra/domains/default/groups/redos-nested"],
    destination_groups: ["/infra/domains/default/groups/redos-backref"],
    sources_excluded: false,
  });
  return JSON.stringify(doc);
}

async function waitForJob(session: TSignedIn, estateId: string, jobId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = dataOf<{ state: string; error: string | null }>(await query("jobs.get", { estateId, jobId }, { cookie: session.cookie }));
    if (job.state === "succeeded" || job.state === "failed") return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe("ReDoS through NSX MATCHES", () => {
  let engineer: TSignedIn;
  let bystander: TSignedIn;
  let estateId: string;

  beforeAll(async () => {
    const e = await createAccount("security_engineer");
    const b = await createAccount("auditor");
    engineer = (await signIn(e.email, e.password, { from: "198.51.100.50" })) as TSignedIn;
    bystander = (await signIn(b.email, b.password, { from: "198.51.100.51" })) as TSignedIn;
    const estate = await ownerDb().estate.create({ data: { slug: `redos-${Date.now()}`, name: "ReDoS probe" } });
    await ownerDb().membership.createMany({
      data: [
        { userId: e.id, estateId: estate.id },
        { userId: b.id, estateId: estate.id },
      ],
    });
    estateId = estate.id;
  });

  it("imports and translates the evil estate promptly; another user's request stays under 1 s", async () => {
    const form = new FormData();
    form.set("estateId", estateId);
    form.append("files", new Blob([evilExport()], { type: "application/json" }), "collector-export.json");
    const upload = await fetch(`${baseUrl()}/api/trpc/imports.upload`, {
      method: "POST",
      headers: headersFor({ cookie: engineer.cookie, csrf: engineer.csrf, from: "198.51.100.50" }),
      body: form,
    });
    expect(upload.status).toBe(200);
    const { jobId } = ((await upload.json()) as { result: { data: { json: { jobId: string } } } }).result.data.json;
    const started = performance.now();
    const work = (async () => {
      const imported = await waitForJob(engineer, estateId, jobId, 60_000);
      expect(imported).toMatchObject({ state: "succeeded" });
      const run = await mutate("translations.run", { estateId }, { cookie: engineer.cookie, csrf: engineer.csrf, from: "198.51.100.50" });
      expect(run.status).toBe(200);
      return waitForJob(engineer, estateId, dataOf<{ jobId: string }>(run).jobId, 60_000);
    })();
    const latencies = await bystanderLatencies(bystander, work);
    const translated = await work;
    expect(translated).toMatchObject({ state: "succeeded" });
    expect(performance.now() - started).toBeLessThan(90_000);
    console.info(`bystander auth.me during the attack: ${latencies.length} calls, max ${Math.round(Math.max(...latencies))} ms`);
    expect(Math.max(...latencies)).toBeLessThan(1_000);

    // The backreference cannot run in linear time: refused with a finding naming the pattern, not evaluated.
    const translation = await ownerDb().translation.findFirstOrThrow({ where: { estateId }, orderBy: { createdAt: "desc" } });
    const imported = await ownerDb().estateImport.findFirstOrThrow({ where: { estateId }, orderBy: { version: "desc" } });
    const evidence = JSON.stringify([translation.findings, translation.summary, imported.report]);
    expect(evidence).toMatch(/refused: not a linear-time \(RE2\) regular expression/);
  });
});
