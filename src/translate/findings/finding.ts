/**
 * A finding: something the Kubernetes manifests cannot carry exactly, with the NSX rules concerned, why, what
 * to do, and — for the round trip — the exact flows it accounts for, so verification can say "equivalent
 * except these findings". Plain JSON (the server stores it, the UI lists it, `verify` reads it back).
 */
import { z } from "zod";
import { ZTrafficSetJson } from "../../policy/index.ts";

export const ZSeverity = z.enum(["critical", "high", "medium", "low", "info"]);
export type TSeverity = z.infer<typeof ZSeverity>;

/** A product set of flows: every source × every destination × the traffic. */
export const ZFlowSet = z.object({
  srcVms: z.array(z.string()).default([]),
  srcAddresses: z.array(z.string()).default([]),
  dstVms: z.array(z.string()).default([]),
  dstAddresses: z.array(z.string()).default([]),
  /** Human-readable traffic (connlist syntax). */
  traffic: z.string(),
  trafficJson: ZTrafficSetJson,
  /** Only flows of this address family; omitted = both. */
  family: z.union([z.literal(4), z.literal(6)]).optional(),
});
export type TFlowSet = z.infer<typeof ZFlowSet>;

export const ZFinding = z.object({
  id: z.string(),
  code: z.string(),
  severity: ZSeverity,
  title: z.string(),
  ruleIds: z.array(z.string()),
  why: z.string(),
  remediation: z.string(),
  /** `lost`: NSX allows these flows, the manifests do not; `added`: the reverse; `none`: no reachability change. */
  effect: z.enum(["none", "lost", "added"]),
  flows: z.array(ZFlowSet),
});
export type TFinding = z.infer<typeof ZFinding>;
