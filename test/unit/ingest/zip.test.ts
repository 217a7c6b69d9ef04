import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/ingest/archive/limits.ts";
import { unsafePathReason, unzip } from "../../../src/ingest/archive/zip.ts";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import { file } from "./helpers.ts";

const zip = (entries: Record<string, string | Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, typeof v === "string" ? strToU8(v) : v])));

describe("safe unzip", () => {
  it("unpacks an ordinary archive and checks CRCs", () => {
    const out = unzip(zip({ "a/b.json": "{}", "c.txt": "hello" }), DEFAULT_LIMITS);
    expect(out.ok && out.entries.map((e) => e.path)).toEqual(["a/b.json", "c.txt"]);
  });

  it.each([
    ["../evil.json", "zip slip"],
    ["a/../../evil.json", "zip slip"],
    ["/etc/passwd", "absolute path"],
    ["C:/Windows/evil.json", "drive letter"],
    ["..\\evil.json", "zip slip"],
  ])("refuses the entry path %s", (name, reason) => {
    expect(unsafePathReason(name)).toContain(reason.split(" ")[0] === "zip" ? "zip slip" : reason);
    const out = unzip(zip({ [name]: "{}" }), DEFAULT_LIMITS);
    expect(out.ok).toBe(false);
  });

  it("refuses a ZIP bomb by expansion ratio", () => {
    const out = unzip(zip({ "bomb.json": new Uint8Array(20 * 1024 * 1024) }), DEFAULT_LIMITS);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0].message).toMatch(/zip bomb/);
  });

  it("refuses archives above the total-size budget", () => {
    const out = unzip(zip({ "a.json": "x".repeat(5000), "b.json": "y".repeat(5000) }), { ...DEFAULT_LIMITS, maxZipTotalBytes: 8000 });
    expect(out.ok).toBe(false);
  });

  it("refuses too many entries", () => {
    const entries = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.json`, "{}"]));
    const out = unzip(zip(entries), { ...DEFAULT_LIMITS, maxZipEntries: 10 });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0].message).toMatch(/12 entries/);
  });

  it("refuses nested archives", () => {
    const out = unzip(zip({ "inner.zip": zip({ "x.json": "{}" }) }), DEFAULT_LIMITS);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0].message).toMatch(/nested/);
  });

  it("reports truncated and corrupted archives instead of throwing", () => {
    const good = zip({ "a.json": '{"results": []}'.repeat(50) });
    expect(unzip(good.subarray(0, good.length - 30), DEFAULT_LIMITS).ok).toBe(false);
    const corrupt = good.slice();
    corrupt[40] ^= 0xff;
    expect(unzip(corrupt, DEFAULT_LIMITS).ok).toBe(false);
  });

  it("imports the flat-list sample ZIP, naming entries archive!/path with their own SHA-256", () => {
    const result = importEstate([file("samples/nsx-t-flat-lists-zip/nsx-export.zip", "nsx-export.zip")]);
    expect(result.ok).toBe(true);
    expect(result.provenance.map((p) => p.name)).toContain("nsx-export.zip!/nsx-export/rules-app-ebanking.json");
    expect(result.provenance.every((p) => /^[0-9a-f]{64}$/.test(p.sha256))).toBe(true);
  });

  it("a zip-slip entry fails the whole upload with the archive named", () => {
    const result = importEstate([{ name: "upload.zip", bytes: zip({ "ok.json": '{"results": []}', "../../evil.json": "{}" }) }]);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([expect.objectContaining({ file: "upload.zip", where: "../../evil.json" })]);
  });

  it("refuses an upload above the size limit", () => {
    const result = importEstate([file("demo/nsx-t-infra.json")], { limits: { maxUploadBytes: 1000 } });
    expect(result.ok).toBe(false);
  });
});
