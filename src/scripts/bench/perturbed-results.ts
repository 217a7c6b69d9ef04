/**
 * Results of the exact check and the round trip on a translation made wrong on purpose, as hashes, to compare two
 * versions of the engine on estates with thousands of differences (the bench estates have none):
 *   tsx src/scripts/bench/perturbed-results.ts SHAPE RULES VMS SEED DROP
 * translates the bench estate, drops every DROP-th NetworkPolicy and opens the first ingress rule of every
 * seventh object to all peers, then prints the difference counts and a hash of each full result (differences,
 * examples, traces). Run it in two checkouts: equal hashes, equal answers.
 */
import { createHash } from "node:crypto";
import { benchShape, checkEquivalence, compileNsx } from "../../policy/index.ts";
import { clusterModelOfPlaced, type PlacedObject } from "../../translate/read-back.ts";
import { translateEstate, verifyTranslation } from "../../translate/index.ts";

const [shape, rules, vms, seed, drop] = process.argv.slice(2);
const { estate } = benchShape(shape).build({ seed: Number(seed), rules: Number(rules), vms: Number(vms) });
const compiled = compileNsx(estate);
const result = translateEstate(estate, undefined, { compiled });

let policies = 0;
const placed: PlacedObject[] = result.placed
  .filter((p) => !(p.object.kind === "NetworkPolicy" && policies++ % Number(drop) === 0))
  .map((p, i) => {
    const spec = p.object.spec as { ingress?: Record<string, unknown>[] } | undefined;
    if (p.object.kind !== "NetworkPolicy" || i % 7 !== 0 || !spec?.ingress?.length) return p;
    const object = structuredClone(p.object);
    const ingress = (object.spec as { ingress: Record<string, unknown>[] }).ingress;
    ingress[0] = { ...ingress[0], from: undefined };
    return { ...p, object };
  });

const model = clusterModelOfPlaced(placed);
const correspondence = new Map<string, string>();
for (const { object } of placed) {
  if (object.kind !== "VirtualMachine") continue;
  const meta = object.metadata as { name: string; namespace?: string; annotations?: Record<string, string> };
  const vmId = meta.annotations?.[`${result.profile.annotationPrefix}nsx-vm-id`];
  if (vmId) correspondence.set(vmId, `${meta.namespace ?? "default"}/${meta.name}[VirtualMachine]`);
}
const exact = checkEquivalence(compiled, model, { correspondence, maxDifferences: 200 });
const roundTrip = verifyTranslation(estate, { placed }, result.findings, { compiled, annotationPrefix: result.profile.annotationPrefix });

// Address and traffic sets print as their text; timings are left out.
const hash = (value: unknown) =>
  createHash("sha256")
    .update(
      JSON.stringify(value, (_key, v: unknown) =>
        typeof v === "bigint" ? v.toString() : v && typeof v === "object" && "toRanges" in v ? String(v) : v,
      ),
    )
    .digest("hex")
    .slice(0, 16);
const { elapsedMs: _elapsed, ...roundTripStats } = roundTrip.stats;
console.log(
  JSON.stringify({
    shape,
    seed,
    exactDifferences: exact.stats.differenceCount,
    exactHash: hash(exact),
    roundTripDifferences: roundTrip.differences.length,
    roundTripHash: hash({ differences: roundTrip.differences, explained: roundTrip.explainedDifferences, stats: roundTripStats }),
  }),
);
