import { describe, expect, it } from "vitest";
import { importEstate } from "../../../src/ingest/index.ts";
import { text } from "./helpers.ts";

/** A CSV that is almost a known format is refused with the columns it lacks, and listed with its real format. */
const refuse = (name: string, content: string) => {
  const r = importEstate([text(name, content)]);
  expect(r.ok).toBe(false);
  return r;
};

describe("CSV column errors name what is missing", () => {
  it("a PowerCLI tag CSV without Category names the Category column (and the raw form's Uid)", () => {
    const r = refuse("tags.csv", "Entity,Tag\nweb-01,ebanking\n");
    expect(r.report.errors).toHaveLength(1);
    const message = r.report.errors[0].message;
    expect(message).toContain("missing its Category column");
    expect(message).toContain("PowerCLI Get-TagAssignment");
    expect(message).toContain("its Uid column");
    expect(message).toContain("found columns Entity, Tag");
    expect(message).not.toContain("unrecognised columns");
  });

  it.each([
    ["Entity,Category\nweb-01,app\n", "its Tag column"],
    ["Sources,Destinations,Services\na,b,HTTP\n", "its Action column"],
    ["Name,Sources,Action\nr1,a,ALLOW\n", "its columns Destinations, Services"],
    ["VM,Adapter,Network\nweb-01,1,seg\n", ""],
  ])("near misses of every CSV format are named (%s)", (content, expected) => {
    const r = importEstate([text("x.csv", content)]);
    if (expected === "") expect(r.report.files[0].format).toBe("rvtools-vnetwork");
    else expect(r.report.errors[0].message).toContain(expected);
  });

  it("a CSV close to nothing keeps the general message", () => {
    expect(refuse("x.csv", "Foo,Bar\n1,2\n").report.errors[0].message).toMatch(/unrecognised columns \(Foo, Bar\)/);
  });

  it("a refused file is listed as unrecognised, never as zip; an archive stays zip", () => {
    const r = refuse("tags.csv", "Entity,Tag\nweb-01,ebanking\n");
    expect(r.report.files.map((f) => [f.name, f.format])).toEqual([["tags.csv", "unrecognised"]]);
    const ok = importEstate([text("tags.csv", "Entity,Tag,Category\nweb-01,ebanking,app\n")]);
    expect(ok.report.files[0].format).toBe("powercli-tag-assignment");
  });
});
