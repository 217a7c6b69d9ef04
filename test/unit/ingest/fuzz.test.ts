/**
 * Random truncations and mutations of valid exports of every format: the pipeline never throws, never
 * hangs, and never half-imports (ok ⇔ estate present; not ok ⇒ at least one located error).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import { file } from "./helpers.ts";

const SEEDS = [
  "samples/nsx-t-hierarchical/infra.json",
  "samples/nsx-t-flat-lists/rules-app-ebanking.json",
  "samples/nsx-t-flat-lists/groups-page-1.json",
  "samples/nsx-t-flat-lists-zip/nsx-export.zip",
  "samples/collector/collector-export.json",
  "samples/nsx-v/firewall-config.xml",
  "samples/csv-rules/dfw-rules.csv",
  "samples/nsx-fabric/vifs.json",
  "samples/rvtools/RVTools_tabvInfo.csv",
  "samples/rvtools/RVTools_export.xlsx",
  "samples/vsphere-tags/associations.json",
  "samples/powercli/tag-assignment-raw.csv",
  "samples/govc/tags-attached.json",
].map((path) => file(path));

const INTERESTING = [
  '"',
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  "<",
  ">",
  "&",
  ";",
  "\n",
  "\\",
  "|",
  "/",
  "0",
  "-1",
  "null",
  "<!DOCTYPE x>",
  "PK\u0003\u0004",
].map((s) => new TextEncoder().encode(s));

type Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; value: number }
  | { kind: "insert"; at: number; piece: number }
  | { kind: "delete"; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("truncate" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x) as unknown as fc.Arbitrary<number>,
  }),
  fc.record({
    kind: fc.constant("flip" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }) as unknown as fc.Arbitrary<number>,
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }) as unknown as fc.Arbitrary<number>,
    piece: fc.integer({ min: 0, max: INTERESTING.length - 1 }),
  }),
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }) as unknown as fc.Arbitrary<number>,
    length: fc.integer({ min: 1, max: 64 }),
  }),
);

function apply(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = bytes;
  for (const m of mutations) {
    const at = Math.min(out.length, Math.floor(m.at * out.length));
    if (m.kind === "truncate") out = out.subarray(0, at);
    else if (m.kind === "flip") {
      out = out.slice();
      if (at < out.length) out[at] = m.value;
    } else if (m.kind === "insert") {
      const piece = INTERESTING[m.piece];
      const next = new Uint8Array(out.length + piece.length);
      next.set(out.subarray(0, at));
      next.set(piece, at);
      next.set(out.subarray(at), at + piece.length);
      out = next;
    } else {
      const end = Math.min(out.length, at + m.length);
      const next = new Uint8Array(out.length - (end - at));
      next.set(out.subarray(0, at));
      next.set(out.subarray(end), at);
      out = next;
    }
  }
  return out;
}

describe("import fuzzing", () => {
  it("never throws, never hangs, never half-imports (3,000 cases)", () => {
    let slowest = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (seedIndex, mutations) => {
          const seed = SEEDS[seedIndex];
          const bytes = apply(seed.bytes, mutations);
          const started = performance.now();
          const result = importEstate([{ name: seed.name, bytes }]);
          slowest = Math.max(slowest, performance.now() - started);
          if (result.ok) {
            accepted++;
            expect(result.estate).toBeDefined();
            expect(result.report.errors).toEqual([]);
          } else {
            expect("estate" in result).toBe(false);
            expect(result.errors.length).toBeGreaterThan(0);
            for (const e of result.errors)
              expect(typeof e.file === "string" && typeof e.where === "string" && e.message.length > 0).toBe(true);
          }
        },
      ),
      { numRuns: 3000, seed: 20240610 },
    );
    expect(slowest).toBeLessThan(2000);
    // Some mutations are harmless (inside a string, a dropped trailing newline): both outcomes occur.
    expect(accepted).toBeGreaterThan(0);
  }, 240_000);
});
