/**
 * Finding 4: a 1 MiB bundle inflating to 1 GiB, sent by an auditor to snapshots.verifyUpload, froze the web
 * process (another user's auth.me took 11.7 s). The evidence-bundle reader now goes through the import's
 * bounded ZIP reader: declared sizes, expansion ratio and the total are checked before inflating, and
 * inflation stops at the first byte past the entry's budget when the headers lie.
 */
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, bystanderLatencies, createAccount, demoEstateId, headersFor, signIn, type TSignedIn } from "./client.ts";

const GIB = 1024 * 1024 * 1024;

/** 1 GiB of zeros, raw-deflated (about 1 MiB). */
async function deflatedGiB(): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < 1024; i++) {
    if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** A one-entry ZIP around `data` whose headers declare `declaredSize` uncompressed bytes. */
function zipOf(name: string, data: Buffer, declaredSize: number): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(0, 14); // CRC (never reached)
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe("ZIP bomb to snapshots.verifyUpload", () => {
  let bomb: Buffer;
  let auditor: TSignedIn;
  let bystander: TSignedIn;
  let estateId: string;

  beforeAll(async () => {
    bomb = await deflatedGiB();
    const a = await createAccount("auditor");
    const b = await createAccount("architect");
    auditor = (await signIn(a.email, a.password, { from: "198.51.100.40" })) as TSignedIn;
    bystander = (await signIn(b.email, b.password, { from: "198.51.100.41" })) as TSignedIn;
    estateId = await demoEstateId();
  }, 120_000);

  async function upload(zip: Buffer) {
    const form = new FormData();
    form.set("estateId", estateId);
    form.set("bundle", new Blob([new Uint8Array(zip)]), "bundle.zip");
    const started = performance.now();
    const response = await fetch(`${baseUrl()}/api/trpc/snapshots.verifyUpload`, {
      method: "POST",
      headers: headersFor({ cookie: auditor.cookie, csrf: auditor.csrf, from: "198.51.100.40" }),
      body: form,
    });
    const body = (await response.json()) as {
      result?: { data?: { json?: { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] } } };
    };
    return { status: response.status, report: body.result?.data?.json, ms: performance.now() - started };
  }

  for (const variant of [
    { name: "honest headers (declares 1 GiB)", declared: () => GIB - 1 },
    { name: "lying headers (declares 1 MiB)", declared: () => 1024 * 1024 },
  ]) {
    it(`refuses a 1 MiB → 1 GiB bomb with ${variant.name}; another user's request stays under 1 s`, async () => {
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      const zip = zipOf("parts/estate.json", bomb, variant.declared());
      const attack = upload(zip);
      const latencies = await bystanderLatencies(bystander, attack);
      const { status, report, ms } = await attack;
      expect(status).toBe(200);
      expect(report?.ok).toBe(false);
      const archive = report?.checks.find((c) => c.name === "zip archive");
      expect(archive?.ok).toBe(false);
      expect(archive?.detail).toMatch(/zip bomb|expands|at most/);
      expect(ms).toBeLessThan(10_000);
      console.info(`bystander auth.me during the attack: ${latencies.length} calls, max ${Math.round(Math.max(...latencies))} ms`);
      expect(Math.max(...latencies)).toBeLessThan(1_000);
    });
  }
});
