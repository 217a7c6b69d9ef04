/**
 * Maintainer check, outside `npm test`: every quotation in the scorecard catalogue (score sources that quote a
 * row or a phrase, and the 20 vendor-workshop questions with their purpose) appears verbatim in the reference
 * documents it names. The documents are not part of the repository; pass the folder that holds them:
 *
 *   npm run check:citations -- --sources /path/to/seeds
 */
import fs from "node:fs";
import path from "node:path";
import { SEED_CATALOGUE } from "../scorecard/criteria/catalogue.ts";
import { SEED_DOCUMENTS } from "../scorecard/criteria/types.ts";

const flag = process.argv.indexOf("--sources");
const sources = flag >= 0 ? process.argv[flag + 1] : undefined;
if (!sources) {
  console.error("usage: npm run check:citations -- --sources DIR   (DIR holds " + SEED_DOCUMENTS.join(", ") + ")");
  process.exit(2);
}
const text: Record<string, string> = {};
for (const document of SEED_DOCUMENTS) {
  const file = path.join(sources, document);
  if (!fs.existsSync(file)) {
    console.error(`${file}: not found`);
    process.exit(2);
  }
  text[document] = fs.readFileSync(file, "utf8");
}

const problems: string[] = [];
let checked = 0;
for (const criterion of SEED_CATALOGUE.criteria)
  for (const score of criterion.scores)
    for (const ref of score.sources) {
      const quoted = /row "([^"]+)"|: "([^"]+)"/.exec(ref.section);
      const needle = quoted?.[1] ?? quoted?.[2];
      if (!needle) continue;
      checked++;
      if (!text[ref.document]?.includes(needle)) problems.push(`${criterion.id}/${score.platform}: "${needle}" is not in ${ref.document}`);
    }
for (const question of SEED_CATALOGUE.workshopQuestions)
  for (const [what, needle] of [
    ["question", question.question],
    ["purpose", question.purpose],
  ] as const) {
    checked++;
    if (!text[question.source.document]?.includes(needle))
      problems.push(`workshop ${question.id} ${what} is not verbatim in ${question.source.document}`);
  }

for (const problem of problems) console.error(problem);
console.log(`${checked - problems.length} passed, ${problems.length} failed`);
process.exit(problems.length === 0 ? 0 : 1);
