/**
 * The bench's estate shapes, by name. `uniform` is the original generator (its own exact Kubernetes
 * counterpart included); the others are NSX estates only, whose Kubernetes side is the translator's output.
 */
import type { NsxEstate } from "../../nsx/model.ts";
import { syntheticEstate, type K8sObject } from "../synthetic-estate.ts";
import { adversarialEstate } from "./adversarial.ts";
import { bankAppsEstate } from "./bank-apps.ts";
import type { ShapeOptions } from "./shape.ts";
import { smallAppsEstate } from "./small-apps.ts";

export type { ShapeOptions } from "./shape.ts";

export interface BenchShape {
  name: string;
  summary: string;
  /** The generator also makes the exact Kubernetes counterpart (else the bench compares with the translation). */
  ownCounterpart: boolean;
  build(options: ShapeOptions): { estate: NsxEstate; manifests?: K8sObject[] };
}

export const BENCH_SHAPES: readonly BenchShape[] = [
  {
    name: "uniform",
    summary: "the original generator: app × tier × env tags, ~100 VMs per application, allow-only Application rules",
    ownCounterpart: true,
    build: syntheticEstate,
  },
  {
    name: "bank-apps",
    summary:
      "~25 VMs per application in six tiers × 3 environments, shared infrastructure, 10 % IP-set groups, per-application Applied-To policies with DROP/REJECT",
    ownCounterpart: false,
    build: bankAppsEstate,
  },
  {
    name: "small-apps",
    summary: "~6 VMs per application, each with its own groups and IP sets",
    ownCounterpart: false,
    build: smallAppsEstate,
  },
  {
    name: "adversarial",
    summary: "almost every VM its own class: many tags per VM, Name-based groups, per-VM rules",
    ownCounterpart: false,
    build: adversarialEstate,
  },
];

export function benchShape(name: string): BenchShape {
  const shape = BENCH_SHAPES.find((s) => s.name === name);
  if (!shape) throw new Error(`unknown bench shape "${name}" (known: ${BENCH_SHAPES.map((s) => s.name).join(", ")})`);
  return shape;
}
