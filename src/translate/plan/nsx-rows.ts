/**
 * NSX decisions per enforcement point, for many (subject, peer) pairs at once and fast: the engine's own
 * `allowedAtVnic` walk, fed only the rules that apply at that point. Which rules apply is decided once per
 * rule and endpoint with the engine's `selectorMatches` (direction, IPv4, Applied-To, sources,
 * destinations — exactly `ruleApplies`), and walks with the same applying rules are computed once.
 */
import {
  ruleCoversFamily,
  type CompiledNsx,
  type Endpoint,
  type VmEndpoint,
  type CompiledRule,
  selectorMatches,
  type TrafficSet,
  allowedAtVnic,
  type VnicDirection,
} from "../../policy/index.ts";

export class NsxRowEvaluator {
  private readonly rules: CompiledRule[];
  private readonly src: Uint8Array[];
  private readonly dst: Uint8Array[];
  private readonly at: Uint8Array[];
  private readonly bySubject = new Map<string, number[]>();
  private readonly walks = new Map<string, TrafficSet>();

  /** `endpoints`: VM representatives first (indices < vmCount are subjects), then external blocks. */
  constructor(
    private readonly compiled: CompiledNsx,
    readonly endpoints: readonly Endpoint[],
    private readonly vmCount: number,
  ) {
    this.rules = compiled.rules.filter((r) => ruleCoversFamily(r.rule.ipProtocol, 4));
    const n = endpoints.length;
    this.src = this.rules.map((r) => flags(n, (i) => selectorMatches(r.sources, endpoints[i], 4)));
    this.dst = this.rules.map((r) => flags(n, (i) => selectorMatches(r.destinations, endpoints[i], 4)));
    this.at = this.rules.map((r) => flags(vmCount, (i) => r.appliedTo.any || r.appliedTo.vmIds.has((endpoints[i] as VmEndpoint).vm.id)));
  }

  private subjectRules(subject: number, direction: VnicDirection): number[] {
    const key = `${subject}|${direction}`;
    let list = this.bySubject.get(key);
    if (!list) {
      list = [];
      for (let r = 0; r < this.rules.length; r++) {
        const d = this.rules[r].rule.direction;
        if (d !== "IN_OUT" && d !== direction) continue;
        if (!this.at[r][subject]) continue;
        if (direction === "OUT" ? this.src[r][subject] : this.dst[r][subject]) list.push(r);
      }
      this.bySubject.set(key, list);
    }
    return list;
  }

  /** The rules that apply at `subject`'s vNIC in `direction` with `peer` at the other end, in table order. */
  applying(subject: number, direction: VnicDirection, peer: number): CompiledRule[] {
    return this.applyingIndexes(subject, direction, peer).map((r) => this.rules[r]);
  }

  private applyingIndexes(subject: number, direction: VnicDirection, peer: number): number[] {
    const peerFlags = direction === "OUT" ? this.dst : this.src;
    return this.subjectRules(subject, direction).filter((r) => peerFlags[r][peer]);
  }

  /** Exactly what the vNIC allows (IPv4). */
  allowed(subject: number, direction: VnicDirection, peer: number): TrafficSet {
    if (subject >= this.vmCount) throw new RangeError("subjects are VMs");
    const indexes = this.applyingIndexes(subject, direction, peer);
    const key = indexes.join(",");
    let result = this.walks.get(key);
    if (!result) {
      result = allowedAtVnic(
        indexes.map((r) => this.rules[r]),
        this.compiled.estate.defaultAction,
        { vnic: this.endpoints[subject] as VmEndpoint, direction, peer: this.endpoints[peer], family: 4 },
      );
      this.walks.set(key, result);
    }
    return result;
  }
}

function flags(n: number, test: (i: number) => boolean): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = test(i) ? 1 : 0;
  return out;
}
