/**
 * A worker thread for `measure-size.ts --workers N`: rebuilds the seeded estate and its Kubernetes side
 * (deterministic for the seed), compiles it and runs one shard of the equivalence check's pass 1
 * (`compareEnforcementPoints`), posting the shard's differing destinations back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { clusterModelOf } from "../../policy/bench/cluster-model-of.ts";
import { syntheticEstate } from "../../policy/bench/synthetic-estate.ts";
import { compareEnforcementPoints } from "../../policy/equivalence/check-equivalence.ts";
import { compileNsx } from "../../policy/nsx/compile.ts";

const { rules, vms, seed, index, count } = workerData as { rules: number; vms: number; seed: number; index: number; count: number };
const { estate, manifests } = syntheticEstate({ seed, rules, vms });
const model = clusterModelOf(manifests);
parentPort!.postMessage(compareEnforcementPoints(compileNsx(estate), model, {}, { index, count }));
