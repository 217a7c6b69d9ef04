import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { escapeCsvCell, scorecardToCsv, scoreDetailsToCsv } from "../../../src/scorecard/export/csv.ts";
import { scorecardToPdf } from "../../../src/scorecard/export/pdf.ts";
import { buildScorecard } from "../../../src/scorecard/scorecard.ts";

describe("CSV export", () => {
  it("prefixes formula-like cells with an apostrophe", () => {
    for (const bad of ["=1+1", "+41 44", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
      expect(escapeCsvCell(bad)).toBe(`'${bad}`);
    for (const ok of ["NSX", "1.5", " =not-first", "a=b"]) expect(escapeCsvCell(ok)).toBe(ok);
  });

  it("escapes injected text in a real export and stays parseable", () => {
    const s = buildScorecard({
      monteCarlo: { samples: 100 },
      scoreOverrides: [
        {
          criterionId: "qos",
          platform: "ove",
          score: 3,
          rationale: '=cmd|"/c calc"!A1, tested',
          evidence: "tested",
          date: "2026-11-21",
          author: "@mallory",
        },
      ],
    });
    const rows: string[][] = parse(scoreDetailsToCsv(s));
    const row = rows.find((r) => r[0] === "qos" && r[2] === "ove")!;
    expect(row[7]).toBe(`'=cmd|"/c calc"!A1, tested`);
    expect(row[8]).toBe("architect override — @mallory"); // not at the cell start: untouched
    const wide: string[][] = parse(scorecardToCsv(s));
    expect(wide[0]).toEqual(["Criterion", "Group", "Weight", "Knock-out below", ...s.platforms.map((p) => p.name)]);
    expect(wide.length).toBe(1 + s.criteria.length + 3 + s.knockOuts.length);
    for (const r of wide) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("PDF export", () => {
  it("renders bytes with a table and vector bar chart", async () => {
    const s = buildScorecard({ monteCarlo: { samples: 100 } });
    const bytes = await scorecardToPdf(s, { generatedAt: new Date("2026-11-21T00:00:00Z") });
    const text = Buffer.from(bytes).toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
    expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(bytes.length).toBeGreaterThan(3000);
  });
});
