/**
 * A rule's sources / destinations / Applied-To → Kubernetes peers: a DNF over VM labels for the VM part and
 * an IPv4 address set for the external part. The VM part is checked against the engine's own membership
 * (`selectorMatches` on every VM): a selector is used only if it selects exactly the same VMs, otherwise the
 * set gets a materialised membership label. Negation (`sources_excluded`) is De Morgan where readable, else
 * `DoesNotExist` on the materialised label of the positive set — exact either way.
 */
import { AddressIndex, IpSet, type CompiledNsx, type Selector, familySpace, type Labels } from "../../policy/index.ts";
import type { GroupSelectorCompiler } from "./group-to-selector.ts";
import { literal, literalKey, MATCH_ALL, MATCH_NONE, notDnf, orDnf, type Dnf, type Literal } from "./label-requirement.ts";
import { indexLabels, type LabelColumn } from "./label-index.ts";
import type { MaterialisedLabels } from "./materialised-labels.ts";

export interface PeerSpec {
  /** VM part. */
  pods: Dnf;
  /** External part (IPv4), as the rule writes it; VM addresses inside it are don't-care. */
  addresses: IpSet;
}

export class RuleSelectorPlanner {
  private readonly groupCache = new Map<string, Dnf>();
  private readonly groupNames: Map<string, string>;

  constructor(
    private readonly compiled: CompiledNsx,
    private readonly groups: GroupSelectorCompiler,
    private readonly materialised: MaterialisedLabels,
    /** Tag labels per VM id (before materialisation). */
    private readonly tagLabels: ReadonlyMap<string, Labels>,
  ) {
    this.groupNames = new Map(compiled.estate.groups.map((g) => [g.path, g.name]));
    this.vmIndex = new Map(compiled.vms.map((vm, i) => [vm.vm.id, i]));
    this.words = Math.ceil(compiled.vms.length / 32);
  }

  /** VM index (compiled.vms order): VM sets are bitsets over it. */
  private readonly vmIndex: Map<string, number>;
  private readonly words: number;

  /** Memo: compiled selectors are shared per entry list, so (vmIds, ips, negated) identifies one truth. */
  private readonly truthMemo = new WeakMap<ReadonlySet<string>, WeakMap<IpSet, [VmBits?, VmBits?]>>();
  private readonly anyTruth: [VmBits?, VmBits?] = [];

  /** The VMs the selector matches (IPv4 view); read-only, shared between callers. */
  private truth(selector: Selector): VmBits {
    let entry: [VmBits?, VmBits?];
    if (selector.any) entry = this.anyTruth;
    else {
      let byIps = this.truthMemo.get(selector.vmIds);
      if (!byIps) this.truthMemo.set(selector.vmIds, (byIps = new WeakMap()));
      let found = byIps.get(selector.ips);
      if (!found) byIps.set(selector.ips, (found = []));
      entry = found;
    }
    const slot = selector.negated ? 1 : 0;
    let bits = entry[slot];
    if (!bits) {
      bits = entry[slot] = new Uint32Array(this.words);
      // `selectorMatches(selector, vm, 4)` for every VM, without testing each VM against the id set: the
      // members by index, then (when the selector has addresses) the VMs whose IPv4 addresses lie inside.
      const vms = this.compiled.vms;
      if (selector.any) bits.fill(0xffffffff);
      else {
        for (const id of selector.vmIds) {
          const i = this.vmIndex.get(id);
          if (i !== undefined) bits[i >> 5] |= 1 << (i & 31);
        }
        if (!selector.ips.isEmpty()) {
          const own = this.ownV4();
          // Only VMs with an IPv4 address in the selector's addresses can lie inside them.
          this.ownV4Index ??= new AddressIndex(own);
          for (const i of this.ownV4Index.overlapping(selector.ips, 4)) {
            if (bits[i >> 5] & (1 << (i & 31))) continue;
            if (!own[i].isEmpty() && own[i].isSubsetOf(selector.ips)) bits[i >> 5] |= 1 << (i & 31);
          }
        }
      }
      if (selector.negated) for (let w = 0; w < bits.length; w++) bits[w] = ~bits[w];
      const tail = vms.length & 31;
      if (tail !== 0 && bits.length > 0) bits[bits.length - 1] &= (1 << tail) - 1;
    }
    return bits;
  }

  private ownV4Cache: IpSet[] | undefined;
  private ownV4Index: AddressIndex | undefined;

  /** Each VM's own IPv4 addresses (what an address selector is tested on in the IPv4 view). */
  private ownV4(): IpSet[] {
    return (this.ownV4Cache ??= this.compiled.vms.map((vm) => vm.addresses.intersect(familySpace(4))));
  }

  /** The ids of a VM bitset, in compiled.vms order. */
  private idsOf(bits: VmBits): Set<string> {
    const out = new Set<string>();
    const vms = this.compiled.vms;
    for (let i = 0; i < vms.length; i++) if (bits[i >> 5] & (1 << (i & 31))) out.add(vms[i].vm.id);
    return out;
  }

  /** Label values per key over the VMs, and literal truth per key; a new materialised label resets its key. */
  private readonly columns = new Map<string, LabelColumn>();
  private readonly literalMemo = new Map<string, Map<string, VmBits>>();
  private seenLabels = 0;

  private syncMaterialised(): void {
    const labels = this.materialised.labels;
    for (; this.seenLabels < labels.length; this.seenLabels++) {
      this.columns.delete(labels[this.seenLabels].key);
      this.literalMemo.delete(labels[this.seenLabels].key);
    }
  }

  private literalBits(l: Literal): VmBits {
    let byKey = this.literalMemo.get(l.key);
    if (!byKey) this.literalMemo.set(l.key, (byKey = new Map()));
    const lk = literalKey(l);
    let bits = byKey.get(lk);
    if (!bits) {
      let column = this.columns.get(l.key);
      if (!column) this.columns.set(l.key, (column = this.column(l.key)));
      bits = new Uint32Array(this.words);
      const set = (list: readonly number[]) => {
        for (let k = 0; k < list.length; k++) bits![list[k] >> 5] |= 1 << (list[k] & 31);
      };
      if (l.operator === "In" || l.operator === "NotIn") for (const v of new Set(l.values)) set(column.byValue.get(v) ?? []);
      else set(column.present);
      // NotIn / DoesNotExist: the complement (bits past the last VM stay clear).
      if (l.operator === "NotIn" || l.operator === "DoesNotExist") {
        for (let w = 0; w < bits.length; w++) bits[w] = ~bits[w];
        const tail = this.compiled.vms.length & 31;
        if (tail !== 0 && bits.length > 0) bits[bits.length - 1] &= (1 << tail) - 1;
      }
      byKey.set(lk, bits);
    }
    return bits;
  }

  /** Memo by DNF text; a new materialised label only adds a new key, but the memo still resets with it. */
  private dnfMemo = new Map<string, VmBits>();
  private dnfMemoVersion = -1;

  /** The VMs a DNF selects, as a bitset over compiled.vms (read-only, shared). */
  private dnfSelects(dnf: Dnf): VmBits {
    if (this.dnfMemoVersion !== this.materialised.version) {
      this.syncMaterialised();
      this.dnfMemo = new Map();
      this.dnfMemoVersion = this.materialised.version;
    }
    const key = JSON.stringify(dnf);
    let set = this.dnfMemo.get(key);
    if (!set) {
      set = new Uint32Array(this.words);
      const conj = new Uint32Array(this.words);
      for (const c of dnf) {
        conj.fill(0xffffffff);
        for (const l of c) {
          const b = this.literalBits(l);
          for (let w = 0; w < conj.length; w++) conj[w] &= b[w];
        }
        for (let w = 0; w < set.length; w++) set[w] |= conj[w];
      }
      // Bits past the last VM stay clear.
      const tail = this.compiled.vms.length & 31;
      if (tail !== 0 && set.length > 0) set[set.length - 1] &= (1 << tail) - 1 || 0xffffffff;
      this.dnfMemo.set(key, set);
    }
    return set;
  }

  /** Where the DNF holds, as a bitset over compiled.vms (bit i = VM i). Shared: read only. */
  members(dnf: Dnf): Readonly<Uint32Array> {
    return this.dnfSelects(dnf);
  }

  /** The ids of the VMs where both DNFs hold, in compiled.vms order. */
  bothHold(a: Dnf, b: Dnf): Set<string> {
    const x = this.dnfSelects(a);
    const y = this.dnfSelects(b);
    const both = new Uint32Array(this.words);
    for (let w = 0; w < both.length; w++) both[w] = x[w] & y[w];
    return this.idsOf(both);
  }

  private labelCache = new Map<string, Labels>();
  private labelVersion = -1;

  /**
   * Every VM's value of one label key, as `labelsOf` would give it (a membership label over a tag label),
   * without building each VM's merged labels: those are rebuilt after every new membership label.
   */
  /**
   * The VMs per value of one label key (membership labels override tags on their members), from an index of
   * every tag label built once: a key costs its VMs, not a scan of the estate.
   */
  private column(key: string): LabelColumn {
    this.tagColumns ??= indexLabels(this.compiled.vms.map((vm) => this.tagLabels.get(vm.vm.id)));
    const tags = this.tagColumns.get(key);
    const label = this.materialised.labelWithKey(key);
    if (!label) return tags ?? { byValue: new Map(), present: [] };
    const members = label.vmIds.map((id) => this.vmIndex.get(id)!).sort((a, b) => a - b);
    const isMember = new Set(members);
    const byValue = new Map<string, number[]>();
    for (const [value, list] of tags?.byValue ?? [])
      byValue.set(
        value,
        list.filter((i) => !isMember.has(i)),
      );
    byValue.set("true", [...(byValue.get("true") ?? []), ...members]);
    return { byValue, present: [...(tags?.present.filter((i) => !isMember.has(i)) ?? []), ...members] };
  }

  private tagColumns?: Map<string, LabelColumn>;

  labelsOf(vmId: string): Labels {
    if (this.labelVersion !== this.materialised.version) {
      this.labelCache = new Map();
      this.labelVersion = this.materialised.version;
    }
    let labels = this.labelCache.get(vmId);
    if (!labels) this.labelCache.set(vmId, (labels = { ...this.tagLabels.get(vmId), ...this.materialised.labelsOf(vmId) }));
    return labels;
  }

  /** One group's VM members (IPv4 view, VM-by-address included) as a DNF. */
  group(path: string, ruleId?: string): Dnf {
    const cached = this.groupCache.get(path);
    if (cached) return cached;
    const members = this.compiled.groups.resolve(path);
    const truth = this.truth({ any: false, vmIds: members.vmIds, ips: members.ips, negated: false });
    const compiled = this.groups.compile(path);
    let dnf: Dnf;
    if (compiled !== undefined && sameBits(this.dnfSelects(compiled), truth)) dnf = compiled;
    else {
      const name = this.groupNames.get(path) ?? path.split("/").pop() ?? path;
      const reason =
        compiled === undefined
          ? "its criteria (name/OS conditions, string matching, static or address members, segments) have no label-selector equivalent"
          : "VMs are members through their IP addresses";
      dnf = this.materialised.materialise(`group.${name}`, `group ${path}`, reason, this.idsOf(truth), ruleId);
    }
    this.groupCache.set(path, dnf);
    return dnf;
  }

  /** Sources / destinations. `what` names the set for a materialised label (e.g. `rule-1012-src`). */
  peer(entries: readonly string[], selector: Selector, what: string, ruleId: string): PeerSpec {
    if (selector.any)
      return selector.negated ? { pods: MATCH_NONE, addresses: IpSet.empty() } : { pods: MATCH_ALL, addresses: IpSet.allV4() };
    // Rules repeat the same sources and destinations: a peer made without touching a materialised label depends
    // only on the entries and the selector (new labels use new keys, so they never change an existing DNF's truth).
    const memoKey = `${selector.negated ? "!" : ""}${entries.join("\n")}`;
    let byEntries = this.peerMemo.get(selector.vmIds);
    const known = byEntries?.get(memoKey);
    if (known && known.ips === selector.ips) return known.spec;
    const calls = this.materialised.calls;
    const spec = this.newPeer(entries, selector, what, ruleId);
    if (this.materialised.calls === calls) {
      if (!byEntries) this.peerMemo.set(selector.vmIds, (byEntries = new Map()));
      byEntries.set(memoKey, { ips: selector.ips, spec });
    }
    return spec;
  }

  private readonly peerMemo = new WeakMap<ReadonlySet<string>, Map<string, { ips: IpSet; spec: PeerSpec }>>();

  private newPeer(entries: readonly string[], selector: Selector, what: string, ruleId: string): PeerSpec {
    const v4 = IpSet.allV4();
    const positive: Selector = { ...selector, negated: false };
    const positiveTruth = this.truth(positive);
    let pods: Dnf | undefined = orDnf(...entries.filter((e) => this.compiled.groups.hasGroup(e)).map((e) => this.group(e, ruleId)));
    if (!sameBits(this.dnfSelects(pods), positiveTruth)) {
      pods = this.materialised.materialise(
        what,
        `${what} (${entries.join(", ")})`,
        "address literals in the rule select VMs by IP",
        this.idsOf(positiveTruth),
        ruleId,
      );
    }
    if (selector.negated) {
      const negated = notDnf(pods, 8);
      const truth = this.truth(selector);
      if (negated !== undefined && sameBits(this.dnfSelects(negated), truth)) pods = negated;
      else {
        const positiveLabel = this.materialised.materialise(
          what,
          `${what} (${entries.join(", ")})`,
          "an excluded (negated) set that De Morgan cannot keep readable",
          this.idsOf(positiveTruth),
          ruleId,
        );
        pods = [[literal(positiveLabel[0][0].key, "DoesNotExist")]];
      }
    }
    const ips = selector.ips.intersect(v4);
    return { pods, addresses: selector.negated ? v4.subtract(ips) : ips };
  }

  /** Whether `bits` holds exactly the VMs `ids` names (ids outside the estate's VMs never match). */
  private selectsExactly(bits: VmBits, ids: ReadonlySet<string>): boolean {
    let count = 0;
    for (const id of ids) {
      const i = this.vmIndex.get(id);
      if (i === undefined || !(bits[i >> 5] & (1 << (i & 31)))) return false;
      count++;
    }
    let total = 0;
    for (let w = 0; w < bits.length; w++) total += popcount(bits[w]);
    return total === count;
  }

  /** Applied-To (groups or segments) as a DNF of the VMs whose vNICs enforce the rule. */
  appliedTo(entries: readonly string[], selector: Selector, what: string, ruleId: string): Dnf {
    if (selector.any) return MATCH_ALL;
    let dnf: Dnf = orDnf(...entries.filter((e) => this.compiled.groups.hasGroup(e)).map((e) => this.group(e, ruleId)));
    const truth = new Set([...selector.vmIds]);
    if (!this.selectsExactly(this.dnfSelects(dnf), truth))
      dnf = this.materialised.materialise(
        what,
        `${what} (${entries.join(", ")})`,
        "Applied-To names segments or address members",
        truth,
        ruleId,
      );
    return dnf;
  }

  /** A single-conjunction subject for an AdminNetworkPolicy: the DNF itself, or a materialised label. */
  subject(what: string, ruleId: string, vmIds: ReadonlySet<string>): Dnf {
    return this.materialised.materialise(
      what,
      what,
      "an AdminNetworkPolicy subject is a single selector; this subject is a union",
      vmIds,
      ruleId,
    );
  }
}

type VmBits = Uint32Array;

function sameBits(a: VmBits, b: VmBits): boolean {
  for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return false;
  return true;
}

export function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
