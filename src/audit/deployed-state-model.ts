/**
 * The deployment part of a deployed-state check (issue 13, PCI DSS v4.0.1 1.2.8 / post-migration evidence):
 * which sealed snapshot was checked, what the cluster dump was, and the engine's semantic comparison of
 * the cluster's policies with the snapshot's manifests (differences listed, never sampled).
 */
import { z } from "zod";
import { HEX64 } from "./hash.ts";

export const ZDeployedDifference = z.strictObject({
  /** `ns/name[VirtualMachine]`, or an address block `a.b.c.d-…[External]`. */
  src: z.string(),
  dst: z.string(),
  /** Traffic the sealed manifests allow and the cluster does not ("No Connections" when none). */
  onlyInSnapshot: z.string(),
  /** Traffic the cluster allows and the sealed manifests do not. */
  onlyInCluster: z.string(),
});
export type TDeployedDifference = z.infer<typeof ZDeployedDifference>;

export const ZDeployedComparison = z.strictObject({
  equivalent: z.boolean(),
  /** Ordered endpoint pairs (and endpoint ↔ address block pairs) whose allowed traffic differs. */
  differenceCount: z.int().nonnegative(),
  /** The first differences (at most 500), in endpoint order. */
  differences: z.array(ZDeployedDifference),
  /** Workloads on one side only: their traffic cannot be compared, so they are listed and make it not equivalent. */
  onlyInSnapshot: z.array(z.string()),
  onlyInCluster: z.array(z.string()),
  /** Counts of what was compared. */
  stats: z.strictObject({
    endpoints: z.int().nonnegative(),
    classPairs: z.int().nonnegative(),
    externalBlocks: z.int().nonnegative(),
    snapshotPolicies: z.int().nonnegative(),
    clusterPolicies: z.int().nonnegative(),
  }),
  /** Problems either model reported (invalid objects, equal priorities…). */
  problems: z.array(z.string()),
});
export type TDeployedComparison = z.infer<typeof ZDeployedComparison>;

export const ZDeployment = z.strictObject({
  kind: z.literal("deployed-state-check"),
  /** The sealed snapshot whose manifests the cluster was compared with. */
  checked: z.strictObject({ estateId: z.string().min(1), sequence: z.int().positive(), merkleRoot: z.string().regex(HEX64) }),
  cluster: z.strictObject({
    name: z.string().min(1),
    sha256: z.string().regex(HEX64),
    size: z.int().nonnegative(),
    /** Objects per kind in the dump, e.g. {"NetworkPolicy": 685, "VirtualMachine": 5000}. */
    objects: z.record(z.string(), z.int().nonnegative()),
  }),
  comparison: ZDeployedComparison,
});
export type TDeployment = z.infer<typeof ZDeployment>;
