import path from "node:path";
import { readdirSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runQuery } from "../../../src/cli/commands/query.ts";

/** `parity query` over a set of flows (no --port) reports the split and the verdict `partial`, text and JSON. */
const demo = path.resolve(import.meta.dirname, "../../../imports/demo");
const files = readdirSync(demo)
  .sort()
  .map((f) => path.join(demo, f));

function capture(run: () => number): { code: number; out: string } {
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    return { code: run(), out: lines.join("\n") };
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe("parity query over a set of flows", () => {
  const options = { src: "hpb-ebk-web-p01", dst: "hpb-ebk-app-p01", proto: "tcp" };

  it("JSON: verdict partial on both sides, with each part's traffic, verdict and deciding rules", () => {
    const { code, out } = capture(() => runQuery(files, { ...options, json: true }));
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    for (const side of [answer.nsx, answer.k8s]) {
      expect(side.verdict).toBe("partial");
      expect(side.parts.map((p: { verdict: string }) => p.verdict)).toEqual(["allow", "deny"]);
      expect(side.parts[0].traffic).toContain("443");
      expect(side.parts[1].decisions.length).toBeGreaterThan(0);
    }
    expect(answer.nsx.allowed).toBe(answer.k8s.allowed);
    expect(answer.nsx.parts[0].decisions[0].ruleId).toBeTruthy();
  }, 60_000);

  it("text: the split in one line, then each part with its rules", () => {
    const { code, out } = capture(() => runQuery(files, options));
    expect(code).toBe(0);
    expect(out).toMatch(/NSX: partial \(allowed for TCP [^;]*443[^;]*; denied for TCP /);
    expect(out).toMatch(/Kubernetes \(the estate's own translation\): partial \(/);
    expect(out).toMatch(/ {2}denied for TCP [^:]*:\n {4}vnic-out:hpb-ebk-web-p01: DROP by/);
  }, 60_000);

  it("ICMP echo without a code: allowed for code 0, denied for codes 1-255, each with its rule", () => {
    const { code, out } = capture(() => runQuery(files, { src: "hpb-ebk-web-p01", dst: "hpb-dwh-app-p01", proto: "icmp", icmpType: "8" }));
    expect(code).toBe(0);
    expect(out).toContain("NSX: partial (allowed for ICMP type 8 code 0; denied for ICMP type 8 code 1-255)");
    expect(out).toMatch(/allowed for ICMP type 8 code 0:\n {4}vnic-out:hpb-ebk-web-p01: ALLOW by .*rule Allow ICMP echo everywhere/);
    expect(out).toMatch(/denied for ICMP type 8 code 1-255:\n {4}vnic-out:hpb-ebk-web-p01: DROP by .*rule Default deny, logged/);
  }, 60_000);

  it("a single flow keeps its plain verdict", () => {
    const { out } = capture(() => runQuery(files, { ...options, port: "443", json: true }));
    const answer = JSON.parse(out);
    expect([answer.nsx.verdict, answer.k8s.verdict, answer.nsx.parts.length]).toEqual(["allow", "allow", 1]);
  }, 60_000);
});
