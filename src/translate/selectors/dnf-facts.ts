/** Small facts about DNFs the emitters need. */
import type { Dnf } from "./label-requirement.ts";

/** True when the DNF holds for every label set (it contains the empty conjunction). */
export function dnfIsAll(d: Dnf): boolean {
  return d.some((c) => c.length === 0);
}
