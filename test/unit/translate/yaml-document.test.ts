/** The direct YAML emitter writes exactly what the `yaml` library would, and falls back to it otherwise. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import { parseCollectorExport } from "../../../src/ingest/collector/parse-collector-export.ts";
import { fastYaml, libraryYaml, toYaml, writeOnce } from "../../../src/translate/emit/yaml-document.ts";
import { translateEstate } from "../../../src/translate/index.ts";
import { VMWARE_EXAMPLES_DIR } from "../../support/oracles.ts";

const examples = VMWARE_EXAMPLES_DIR;

describe("YAML emitter", () => {
  it("reuses the text of an item declared written-once, at each indent it occurs, byte for byte", () => {
    const rule = writeOnce({ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ protocol: "TCP", port: 443 }] });
    const documents = [
      { spec: { ingress: [rule, rule] } },
      { spec: { ingress: [{ from: [] }, rule], nested: { deeper: { egress: [rule] } } } },
      { spec: { ingress: [rule] } },
    ];
    for (const document of [...documents, ...documents]) expect(toYaml(document)).toBe(libraryYaml(document));
  });

  it("matches the library byte for byte on every object of the demo estate and the vmware-analyzer examples", () => {
    const dir = "imports/demo";
    const imported = importEstate(
      readdirSync(dir)
        .sort()
        .map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) })),
    );
    if (!imported.ok) throw new Error("demo import failed");
    const objects = [...translateEstate(imported.estate).objects];
    for (const file of readdirSync(examples)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const { estate } = parseCollectorExport(readFileSync(`${examples}/${file}`, "utf8"), file);
      for (const api of ["v1alpha1", "v1alpha2"] as const) objects.push(...translateEstate(estate, undefined, { api }).objects);
    }
    let direct = 0;
    for (const object of objects) {
      const fast = fastYaml(object);
      if (fast === undefined) continue;
      direct++;
      expect(fast).toBe(libraryYaml(object));
    }
    // Nearly everything takes the direct path.
    expect(direct).toBeGreaterThan(objects.length * 0.9);
  }, 120_000);

  it("round-trips awkward strings, keys and shapes (direct path or library)", () => {
    const strings = [
      "",
      " ",
      "a ",
      " a",
      "a  b",
      "a b",
      "true",
      "True",
      "yes",
      "No",
      "on",
      "null",
      "~",
      "123",
      "-5",
      "+5",
      "1e3",
      "0x1F",
      "0o17",
      ".inf",
      ".5",
      "1.",
      "1.2.3",
      "10.0.0.0/8",
      "a: b",
      "a:b",
      "a #b",
      "#a",
      "- a",
      "-a",
      "a,b",
      "[a]",
      "{a}",
      "*a",
      "&a",
      "!a",
      "|a",
      ">a",
      "'a'",
      '"a"',
      "%a",
      "@a",
      "`a",
      "a\nb",
      "a\tb",
      "é",
      "a=b, c!=d",
      "x(y)",
      "k8s.io/name",
    ];
    for (const s of strings) {
      const object = {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "x", labels: { [s || "empty"]: s } },
        data: { list: [s, { [s || "e"]: [s] }, [], {}], n: 3, b: false },
      };
      expect(parse(toYaml(object))).toEqual(object);
      const fast = fastYaml(object);
      if (fast !== undefined) expect(fast).toBe(libraryYaml(object));
    }
  });
});
