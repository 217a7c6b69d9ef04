/** What every bench shape takes: a seed and the estate's size as (rules, VMs). */
export interface ShapeOptions {
  seed: number;
  rules: number;
  vms: number;
}
