import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { importEstate } from "../../../../src/ingest/import-estate.ts";
import { benchShape } from "../../../../src/policy/index.ts";
import { readPlainYaml } from "../../../../src/policy/k8s/plain-yaml.ts";
import { libraryYaml, toYaml } from "../../../../src/translate/emit/yaml-document.ts";
import { translateEstate } from "../../../../src/translate/index.ts";

const library = (text: string) => parseAllDocuments(text).map((d) => d.toJS());
const libraryAccepts = (text: string) => parseAllDocuments(text).every((d) => d.errors.length === 0);

/** The reader either declines or agrees with the library; it never reads text the library refuses. */
function expectAgreement(text: string): boolean {
  const fast = readPlainYaml(text);
  if (fast === undefined) return false;
  expect(libraryAccepts(text)).toBe(true);
  expect(fast).toEqual(library(text));
  return true;
}

const KEYS = [
  "a",
  "b",
  "app",
  "nsx.parity.io/owner",
  "app.kubernetes.io/name",
  "port",
  "80",
  "true",
  "null",
  "yes",
  "x y",
  "a#b",
  "__proto__",
  "-k",
  "k:",
];
const STRINGS = [
  "web",
  "",
  " ",
  "a b",
  "a  b",
  "yes",
  "no",
  "on",
  "0777",
  "-1",
  "+5",
  "1.5",
  "1e3",
  "0x1F",
  ".inf",
  "~",
  "null",
  "true",
  "a: b",
  "a #b",
  "a#b",
  "foo:1.0",
  "10.0.0.0/8",
  "- x",
  "[x]",
  "{x}",
  "'q'",
  '"q"',
  "a\\b",
  "line\nbreak",
  "tab\there",
  "ünïcode",
  "trailing ",
  "@at",
  "`tick",
  "%pct",
  "!tag",
  "&anchor",
  "*alias",
  "|",
  ">",
  "?",
  ":",
];
const scalarArb = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.integer({ min: -5, max: 100_000 }),
  fc.boolean(),
  fc.constantFrom(1.5, -0, null),
);
const valueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalarArb, tie("map"), tie("list")),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 4 }),
  list: fc.array(tie("value"), { maxLength: 4 }),
})).value;

describe("readPlainYaml", () => {
  it("agrees with the yaml library on anything either emitter writes, or declines (property)", () => {
    let read = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), valueArb, { minKeys: 1, maxKeys: 5 }), (object) => {
        for (const text of [libraryYaml(object), toYaml(object)]) if (expectAgreement(text)) read++;
      }),
      { numRuns: 1500 },
    );
    expect(read).toBeGreaterThan(300); // the fast path is exercised, not always declined
  });

  it("declines every construct it does not read, and agrees where it reads", () => {
    const declined = [
      "a: 1 # comment\n",
      "# comment\na: 1\n",
      "---\na: 1\n",
      "a: 1\n---\nb: 2\n",
      "a:  two spaces\n",
      "a: plain\n  continued\n",
      "a: &x 1\nb: *x\n",
      "a: !tag x\n",
      "a: [1, 2]\n",
      "a: {b: 1}\n",
      "a: 'single'\n",
      'a: "esc\\n"\n',
      "a: |\n  block\n",
      "a: >\n  folded\n",
      "a: 1.5\n",
      "a: ~\n",
      "a: null\n",
      "a:\n",
      "a: 0777\n",
      "a: -1\n",
      "a: 1\na: 2\n",
      "a: b: c\n",
      "- - x\n",
      "-\n",
      "a:\n  - x\n  b: y\n",
      "\ufeffa: 1\n",
      "a: 1\r\n",
      "a:\t1\n",
      "a: 1\n\nb: 2\n",
      "  a: 1\n",
      "a: trailing \n",
      "? complex\n: key\n",
      "%YAML 1.2\n---\na: 1\n",
      '{"a": 1}',
      "[1, 2]\n",
      "plain scalar\n",
      "__proto__: x\n",
    ];
    for (const text of declined) expect(readPlainYaml(text), JSON.stringify(text)).toBeUndefined();
    const read = [
      "a: 1\n",
      "a: web\nb: true\nc: False\n",
      "image: quay.io/x:1.0\nhash: a#b\nnet: 10.0.0.0/8\n",
      "a:\n- x\n- y\nb: 2\n",
      "a:\n  - x\n  - b: 1\n    c:\n      - d\n",
      'a: []\nb: {}\nc: "quoted: yes"\n',
      '"quoted key": v\n',
      "list:\n  - 1\n  - name: x\n    ports: []\n",
      "a: yes\nb: no\n",
    ];
    for (const text of read) {
      expect(readPlainYaml(text), JSON.stringify(text)).toBeDefined();
      expectAgreement(text);
    }
  });

  it("reads every file Parity emits for the demo and two bench shapes exactly as the library does", () => {
    const demoFiles = readdirSync("imports/demo")
      .sort()
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(`imports/demo/${name}`)) }));
    const demo = importEstate(demoFiles);
    if (!demo.ok) throw new Error("demo import failed");
    const estates = [
      demo.estate,
      benchShape("bank-apps").build({ seed: 3, rules: 160, vms: 250 }).estate,
      benchShape("adversarial").build({ seed: 3, rules: 160, vms: 250 }).estate,
    ];
    let files = 0;
    let fast = 0;
    for (const estate of estates) {
      for (const text of Object.values(translateEstate(estate).files)) {
        files++;
        if (expectAgreement(text)) fast++;
      }
    }
    expect(files).toBeGreaterThan(100);
    expect(fast / files).toBeGreaterThan(0.95);
  });
});
