/**
 * The engine state the "can A reach B?" query needs. Large estates compile without the class partition
 * (`compileNsx(…, {flowsOnly: true})`): `explainNsxFlow` decides one flow from the ordered rule table, the VM
 * endpoints and the internal address space, while the VM classes and external atoms serve all-pairs
 * connectivity and equivalence and are nearly all of the compile's cost at 50,000 VMs (about 26 of 27 s).
 * A unit test checks that both compiles explain flows identically.
 */
import { compileNsx, type CompiledNsx, type NsxEstate } from "../../policy/index.ts";

/** Small estates take the full compile (cheap there); large ones skip the classes the query does not read. */
const FULL_COMPILE_BELOW_VMS = 5_000;

export function compileForFlowQueries(estate: NsxEstate, options: { light?: boolean } = {}): CompiledNsx {
  const light = options.light ?? estate.vms.length >= FULL_COMPILE_BELOW_VMS;
  return compileNsx(estate, { flowsOnly: light });
}
