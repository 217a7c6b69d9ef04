/**
 * Membership labels for VM sets no tag selector expresses (Name / OS conditions, VM-by-IP, segments, static
 * members, …): one label key per set, put on exactly the member VMs, selected with `key=true`. Each one is
 * reported, because it is state the cluster must keep in step with NSX's dynamic membership by hand.
 */
import { normaliseLabelName, shortHash } from "../identity/label-normalise.ts";
import { literal, type Dnf } from "./label-requirement.ts";

export interface MaterialisedLabel {
  key: string;
  /** What the label stands for, e.g. `group /infra/domains/default/groups/web` or `rule 1012 sources`. */
  standsFor: string;
  reason: string;
  vmIds: readonly string[];
  ruleIds: string[];
}

export class MaterialisedLabels {
  readonly labels: MaterialisedLabel[] = [];
  private readonly byStandsFor = new Map<string, MaterialisedLabel>();
  private readonly byKey = new Map<string, MaterialisedLabel>();
  private readonly perVm = new Map<string, Record<string, string>>();
  /** Bumped on every new label, so callers can cache merged label sets. */
  version = 0;
  /** Bumped on every `materialise` call (a new label or a rule id added to one), so callers can cache results that made none. */
  calls = 0;

  constructor(private readonly prefix: string) {}

  /** The DNF selecting exactly `vmIds` through a (new or existing) membership label. */
  materialise(name: string, standsFor: string, reason: string, vmIds: ReadonlySet<string>, ruleId?: string): Dnf {
    this.calls++;
    let entry = this.byStandsFor.get(standsFor);
    if (!entry) {
      let key = this.prefix + normaliseLabelName(name);
      if (this.byKey.has(key)) key = this.prefix + normaliseLabelName(`${name.slice(0, 50)}-${shortHash(standsFor)}`);
      entry = { key, standsFor, reason, vmIds: [...vmIds].sort(), ruleIds: [] };
      this.byKey.set(key, entry);
      this.byStandsFor.set(standsFor, entry);
      this.labels.push(entry);
      this.version++;
      for (const id of entry.vmIds) this.perVm.set(id, { ...this.perVm.get(id), [entry.key]: "true" });
    }
    if (ruleId && !entry.ruleIds.includes(ruleId)) entry.ruleIds.push(ruleId);
    return [[literal(entry.key, "In", ["true"])]];
  }

  /** The label with this key, if it is a membership label. */
  labelWithKey(key: string): MaterialisedLabel | undefined {
    return this.byKey.get(key);
  }

  labelsOf(vmId: string): Record<string, string> {
    return this.perVm.get(vmId) ?? {};
  }
}
