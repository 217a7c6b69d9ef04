/**
 * One benchmark size in its own process (so peak RSS is that size's own): generate the seeded synthetic
 * estate and its Kubernetes counterpart, then time the exact equivalence check (NSX compile + check).
 * Prints one JSON line. Usage: tsx src/scripts/bench/measure-size.ts RULES VMS SEED [WORKERS]
 * With WORKERS > 1, pass 1 of the check (per-destination comparison of the enforcement points) is split
 * into WORKERS shards: shard 0 on this thread, the others on worker threads that rebuild the estate from
 * the seed (their generation and compile count in the wall and CPU figures); pass 2 and the result here.
 */
import { Worker } from "node:worker_threads";
import { clusterModelOf } from "../../policy/bench/cluster-model-of.ts";
import { syntheticEstate } from "../../policy/bench/synthetic-estate.ts";
import {
  checkEquivalence,
  compareEnforcementPoints,
  mergePointDifferences,
  type PointDifferences,
} from "../../policy/equivalence/check-equivalence.ts";
import { compileNsx } from "../../policy/nsx/compile.ts";

export interface SizeFigures {
  rules: number;
  vms: number;
  seed: number;
  workers: number;
  kubernetesPolicies: number;
  generateMs: number;
  compileMs: number;
  checkMs: number;
  /** compile + check: the exact equivalence check from an estate and a cluster model. */
  wallMs: number;
  /** CPU time of compile + check (user + system): the machine is shared, so wall time varies with load. */
  cpuMs: number;
  peakRssMb: number;
  endpointClasses: number;
  nsxVmClasses: number;
  k8sClasses: number;
  externalAtoms: number;
  classPairs: number;
  nsxWalkStates: number;
  k8sWalkStates: number;
  distinctTrafficSets: number;
  equivalent: boolean;
  differenceCount: number;
}

const [rules, vms, seed] = process.argv.slice(2).map(Number);
const workers = Math.max(1, Number(process.argv[5] ?? 1));
let start = performance.now();
const { estate, manifests } = syntheticEstate({ seed, rules, vms });
const model = clusterModelOf(manifests);
const generateMs = performance.now() - start;

const cpuBefore = process.cpuUsage();
start = performance.now();
const compiled = compileNsx(estate);
const compileMs = performance.now() - start;
start = performance.now();
let pointDifferences: PointDifferences | undefined;
if (workers > 1) {
  const shards = Array.from(
    { length: workers - 1 },
    (_, i) =>
      new Promise<PointDifferences>((resolve, reject) => {
        // tsx's loader is registered inside the thread before the TypeScript worker module is imported.
        const script = new URL("./point-shard-worker.ts", import.meta.url).href;
        const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
        const worker = new Worker(boot, { eval: true, workerData: { rules, vms, seed, index: i + 1, count: workers } });
        worker.once("message", resolve);
        worker.once("error", reject);
      }),
  );
  const own = compareEnforcementPoints(compiled, model, {}, { index: 0, count: workers });
  pointDifferences = mergePointDifferences([own, ...(await Promise.all(shards))]);
}
const result = checkEquivalence(compiled, model, { maxDifferences: 10, pointDifferences });
const checkMs = performance.now() - start;
const cpu = process.cpuUsage(cpuBefore);

const figures: SizeFigures = {
  rules,
  vms,
  seed,
  workers,
  kubernetesPolicies: model.policies.length,
  generateMs: Math.round(generateMs),
  compileMs: Math.round(compileMs),
  checkMs: Math.round(checkMs),
  wallMs: Math.round(compileMs + checkMs),
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  endpointClasses: result.stats.commonVmClasses + result.stats.externalAtoms,
  nsxVmClasses: result.stats.nsxVmClasses,
  k8sClasses: result.stats.k8sClasses,
  externalAtoms: result.stats.externalAtoms,
  classPairs: result.stats.classPairs,
  nsxWalkStates: result.stats.nsxDistinctWalks,
  k8sWalkStates: result.stats.k8sDistinctWalks,
  distinctTrafficSets: result.stats.distinctTrafficSets,
  equivalent: result.equivalent,
  differenceCount: result.stats.differenceCount,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
