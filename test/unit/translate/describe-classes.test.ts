import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClassDescriber, NAMESPACE_KEY } from "../../../src/translate/plan/describe-classes.ts";
import type { TranslationClass } from "../../../src/translate/plan/translation-classes.ts";
import { literal, literalHolds, type Literal } from "../../../src/translate/selectors/label-requirement.ts";
import { ReferenceClassDescriber } from "./fixtures/describe-classes-reference.ts";

const KEYS = { app: ["a", "b", "c", "d"], tier: ["web", "db"], env: ["prod", "dev", "test"] } as const;

/** Random distinct classes: a Namespace and, per key, a value or no label. */
const classesArb = fc
  .array(
    fc.record({
      namespace: fc.constantFrom("n1", "n2"),
      app: fc.option(fc.constantFrom(...KEYS.app), { nil: undefined }),
      tier: fc.option(fc.constantFrom(...KEYS.tier), { nil: undefined }),
      env: fc.option(fc.constantFrom(...KEYS.env), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((rows) => {
    const seen = new Map<string, TranslationClass>();
    for (const r of rows) {
      const labels: Record<string, string> = {};
      for (const k of ["app", "tier", "env"] as const) if (r[k] !== undefined) labels[k] = r[k]!;
      const key = JSON.stringify([r.namespace, labels]);
      if (!seen.has(key)) seen.set(key, { index: seen.size, namespace: r.namespace, labels, members: [], representative: undefined! });
    }
    return [...seen.values()];
  });

const holds = (l: Literal, c: TranslationClass) => (l.key === NAMESPACE_KEY ? l.values.includes(c.namespace) : literalHolds(l, c.labels));

describe("ClassDescriber.describe (greedy covers from counted literals)", () => {
  it("covers every wanted class and no unwanted one (brute-force evaluation), exactly as the reference does", () => {
    fc.assert(
      fc.property(
        classesArb,
        fc.array(fc.constantFrom(0, 1, 2), { minLength: 40, maxLength: 40 }),
        fc.boolean(),
        (classes, roles, extraAtoms) => {
          // Atoms as the rules would use them: one `In` per value (so every class can be told apart), and
          // sometimes Exists and multi-value literals too (their negations are complements as well).
          const atoms: Literal[] = [];
          for (const [key, values] of Object.entries(KEYS)) for (const v of values) atoms.push(literal(key, "In", [v]));
          if (extraAtoms) atoms.push(literal("app", "Exists"), literal("env", "In", ["prod", "test"]));
          const describer = new ClassDescriber(classes, atoms);
          const wanted = classes.filter((c) => roles[c.index] === 0).map((c) => c.index);
          const unwanted = classes.filter((c) => roles[c.index] === 1).map((c) => c.index);
          const conjunctions = describer.describe(describer.bitsOf(wanted), describer.bitsOf(unwanted));
          const selected = (c: TranslationClass) => conjunctions.some((conj) => conj.every((l) => holds(l, c)));
          for (const i of wanted) expect(selected(classes[i])).toBe(true);
          for (const i of unwanted) expect(selected(classes[i])).toBe(false);
          if (wanted.length === 0) expect(conjunctions).toEqual([]);
          // Choice for choice the same covers as the scan-every-literal version (the emitted bytes depend on it).
          const reference = new ReferenceClassDescriber(classes, atoms);
          expect(conjunctions).toEqual(reference.describe(reference.bitsOf(wanted), reference.bitsOf(unwanted)));
        },
      ),
      { numRuns: 400 },
    );
  });
});
