import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CONTROLS } from "../../../src/audit/controls/catalogue.ts";
import { controlsForFinding, controlsForSection, findingKind, REPORT_SECTIONS } from "../../../src/audit/controls/tagging.ts";
import { escapeCell } from "../../../src/audit/export/formula-escape.ts";
import { ruleRows, rulesToCsv, rulesToXlsx } from "../../../src/audit/export/rules-table.ts";
import { resolveLimits } from "../../../src/ingest/archive/limits.ts";
import { readXlsxSheets } from "../../../src/ingest/inventory/xlsx.ts";
import { diffConnections, diffSnapshots } from "../../../src/audit/semantic-diff.ts";
import type { TNormalisedPolicy } from "../../../src/audit/snapshot-model.ts";
import { notProvided } from "../../../src/audit/snapshot-model.ts";
import { parts } from "./fixtures.ts";

const policyOf = (p: ReturnType<typeof parts>) => (p.policy as { value: TNormalisedPolicy }).value;

describe("semantic diff", () => {
  it("rules added / removed / changed with field-level changes", () => {
    const before = parts();
    const after = parts({ extraRule: true });
    const pa = policyOf(after);
    pa.estate.policies[0].rules = pa.estate.policies[0].rules.filter((r) => r.id !== "1002");
    pa.estate.policies[0].rules[0].action = "DROP";
    pa.estate.policies[0].rules[0].source = { file: "moved.json", where: "/x" }; // provenance only: not a change
    pa.ruleMembership["1001"] = { sources: ["vm-web-01", "vm-web-02"], destinations: ["vm-app-01"], appliedTo: ["vm-web-01", "vm-app-01"] };
    const d = diffSnapshots({ parts: before }, { parts: after });
    if (!d.rules.available) throw new Error("rules diff expected");
    expect(d.rules.added.map((r) => r.id)).toEqual(["1004"]);
    expect(d.rules.removed.map((r) => r.id)).toEqual(["1002"]);
    const c1001 = d.rules.changed.find((c) => c.id === "1001")!;
    expect(c1001.changes.map((c) => c.field)).toEqual(["action", "membership"]);
    expect(c1001.changes[0]).toMatchObject({ before: "ALLOW", after: "DROP" });
    // 1003 moved from position 2 to 2 (1002 removed, 1004 inserted) -> unchanged; verify no spurious entries
    expect(d.rules.changed.map((c) => c.id)).toEqual(["1001"]);
    expect(d.connections.available).toBe(false);
  });

  it("rules diff is unavailable (not empty) when a snapshot lacks the policy", () => {
    const b = parts();
    b.policy = notProvided("import failed");
    const d = diffSnapshots({ parts: parts() }, { parts: b });
    expect(d.rules).toEqual({ available: false, reason: "normalised policy not provided in the later snapshot" });
  });

  it("connections compared per pair", () => {
    const d = diffConnections(
      [
        { src: "web", dst: "app", conns: "TCP 443" },
        { src: "app", dst: "db", conns: "TCP 3306" },
        { src: "x", dst: "y", conns: "" },
      ],
      [
        { src: "web", dst: "app", conns: "TCP 443,8443" },
        { src: "mgmt", dst: "db", conns: "TCP 22" },
      ],
    );
    expect(d.added).toEqual([{ src: "mgmt", dst: "db", conns: "TCP 22" }]);
    expect(d.removed).toEqual([{ src: "app", dst: "db", conns: "TCP 3306" }]);
    expect(d.changed).toEqual([{ src: "web", dst: "app", before: "TCP 443", after: "TCP 443,8443" }]);
    expect(() =>
      diffConnections(
        [
          { src: "a", dst: "b", conns: "TCP 1" },
          { src: "a", dst: "b", conns: "TCP 2" },
        ],
        [],
      ),
    ).toThrow(/twice/);
  });
});

describe("control mapping", () => {
  it("tags sections and findings; explicit kind wins over keywords", () => {
    for (const s of REPORT_SECTIONS) expect(Array.isArray(controlsForSection(s))).toBe(true);
    expect(findingKind({ title: "Rule 12 allows telnet to db" })).toBe("insecure-service");
    expect(findingKind({ title: "Rule 12 allows telnet", kind: "shadowed-rule" })).toBe("shadowed-rule");
    expect(findingKind({ title: "something else" })).toBe("general");
    expect(controlsForFinding({ title: "x", kind: "not-equivalent" }).map((c) => c.id)).toContain("nist-5.3");
    expect(CONTROLS.length).toBeGreaterThan(0);
  });
});

describe("rule table export", () => {
  it("escapes formula injection in every string cell", () => {
    for (const bad of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]) expect(escapeCell(bad)).toBe(`'${bad}`);
    expect(escapeCell("web-01")).toBe("web-01");
    expect(escapeCell("")).toBe("");
  });

  it("CSV and XLSX carry every rule, escaped", async () => {
    const p = policyOf(parts());
    p.estate.policies[0].rules[0].name = '=HYPERLINK("http://evil","click")';
    p.estate.policies[0].rules[1].notes = "@SUM(1,2)";
    const rows = ruleRows(p);
    expect(rows).toHaveLength(3);
    const csv = rulesToCsv(rows);
    const records = parse(csv) as string[][];
    expect(records[0][0]).toBe("category");
    expect(records[1][5]).toBe(`'=HYPERLINK("http://evil","click")`);
    expect(records[2][17]).toBe("'@SUM(1,2)");
    expect(records[1][14]).toBe("vm-web-01");

    // Every field quoted: a `;`-separated reading (Swiss/German Excel) cannot start a new cell with `=`.
    for (const line of csv.trimEnd().split("\r\n")) expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);

    const xlsx = await rulesToXlsx(rows);
    expect(Buffer.from(await rulesToXlsx(rows)).equals(Buffer.from(xlsx))).toBe(true); // deterministic
    const read = readXlsxSheets(xlsx, resolveLimits(), ["Rules"]);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const sheet = read.sheets.get("Rules")!;
    expect(sheet.rows).toHaveLength(4);
    expect(sheet.rows[0].cells[0]).toBe("category");
    expect(sheet.rows[1].cells[5]).toBe(`'=HYPERLINK("http://evil","click")`);
    expect(new TextDecoder().decode(xlsx).includes("<f>")).toBe(false); // no formula cells
  });

  it("neutralises full-width formula starts and a cell smuggled behind a semicolon", () => {
    expect(escapeCell("\uFF1D1+1")).toBe("'\uFF1D1+1");
    const csv = rulesToCsv([{ ...ruleRows(policyOf(parts()))[0], name: 'x;=HYPERLINK("http://evil")' }]);
    expect(csv).toContain('"x;=HYPERLINK(""http://evil"")"');
  });
});
