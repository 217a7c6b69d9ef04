/**
 * A rule's sources / destinations / Applied-To → Kubernetes peers: a DNF over VM labels for the VM part and
 * an IPv4 address set for the external part. The VM part is checked against the engine's own membership
 * (`selectorMatches` on every VM): a selector is used only if it selects exactly the same VMs, otherwise the
 * set gets a materialised membership label. Negation (`sources_excluded`) is De Morgan where readable, else
 * `DoesNotExist` on the materialised label of the positive set — exact either way.
 */
import { IpSet } from "../../policy/sets/ip-set.ts";
import type { CompiledNsx } from "../../policy/nsx/compile.ts";
import type { Selector } from "../../policy/nsx/selector.ts";
import { selectorMatches } from "../../policy/nsx/selector.ts";
import type { Labels } from "../../policy/k8s/model.ts";
import type { GroupSelectorCompiler } from "./group-to-selector.ts";
import { dnfHolds, literal, MATCH_ALL, MATCH_NONE, notDnf, orDnf, type Dnf } from "./label-requirement.ts";
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
  }

  /** Memo: compiled selectors are shared per entry list, so (vmIds, ips, negated) identifies one truth. */
  private readonly truthMemo = new WeakMap<ReadonlySet<string>, WeakMap<IpSet, [Set<string>?, Set<string>?]>>();

  /** The VMs the selector matches (IPv4 view); read-only, shared between callers. */
  private truth(selector: Selector): Set<string> {
    if (selector.any) return new Set(this.compiled.vms.filter((vm) => selectorMatches(selector, vm, 4)).map((vm) => vm.vm.id));
    let byIps = this.truthMemo.get(selector.vmIds);
    if (!byIps) this.truthMemo.set(selector.vmIds, (byIps = new WeakMap()));
    let entry = byIps.get(selector.ips);
    if (!entry) byIps.set(selector.ips, (entry = []));
    const slot = selector.negated ? 1 : 0;
    let set = entry[slot];
    if (!set) entry[slot] = set = new Set(this.compiled.vms.filter((vm) => selectorMatches(selector, vm, 4)).map((vm) => vm.vm.id));
    return set;
  }

  /** Memo by DNF text; a new materialised label only adds a new key, but the memo still resets with it. */
  private dnfMemo = new Map<string, Set<string>>();
  private dnfMemoVersion = -1;

  private dnfSelects(dnf: Dnf): Set<string> {
    if (this.dnfMemoVersion !== this.materialised.version) {
      this.dnfMemo = new Map();
      this.dnfMemoVersion = this.materialised.version;
    }
    const key = JSON.stringify(dnf);
    let set = this.dnfMemo.get(key);
    if (!set) this.dnfMemo.set(key, (set = new Set(this.compiled.vms.filter((vm) => dnfHolds(dnf, this.labelsOf(vm.vm.id))).map((vm) => vm.vm.id))));
    return set;
  }

  private labelCache = new Map<string, Labels>();
  private labelVersion = -1;

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
    if (compiled !== undefined && sameSet(this.dnfSelects(compiled), truth)) dnf = compiled;
    else {
      const name = this.groupNames.get(path) ?? path.split("/").pop() ?? path;
      const reason = compiled === undefined ? "its criteria (name/OS conditions, string matching, static or address members, segments) have no label-selector equivalent" : "VMs are members through their IP addresses";
      dnf = this.materialised.materialise(`group.${name}`, `group ${path}`, reason, truth, ruleId);
    }
    this.groupCache.set(path, dnf);
    return dnf;
  }

  /** Sources / destinations. `what` names the set for a materialised label (e.g. `rule-1012-src`). */
  peer(entries: readonly string[], selector: Selector, what: string, ruleId: string): PeerSpec {
    const v4 = IpSet.allV4();
    if (selector.any) return selector.negated ? { pods: MATCH_NONE, addresses: IpSet.empty() } : { pods: MATCH_ALL, addresses: v4 };
    const positive: Selector = { ...selector, negated: false };
    const positiveTruth = this.truth(positive);
    let pods: Dnf | undefined = orDnf(...entries.filter((e) => this.compiled.groups.hasGroup(e)).map((e) => this.group(e, ruleId)));
    if (!sameSet(this.dnfSelects(pods), positiveTruth)) {
      pods = this.materialised.materialise(what, `${what} (${entries.join(", ")})`, "address literals in the rule select VMs by IP", positiveTruth, ruleId);
    }
    if (selector.negated) {
      const negated = notDnf(pods, 8);
      const truth = this.truth(selector);
      if (negated !== undefined && sameSet(this.dnfSelects(negated), truth)) pods = negated;
      else {
        const positiveLabel = this.materialised.materialise(what, `${what} (${entries.join(", ")})`, "an excluded (negated) set that De Morgan cannot keep readable", positiveTruth, ruleId);
        pods = [[literal(positiveLabel[0][0].key, "DoesNotExist")]];
      }
    }
    const ips = selector.ips.intersect(v4);
    return { pods, addresses: selector.negated ? v4.subtract(ips) : ips };
  }

  /** Applied-To (groups or segments) as a DNF of the VMs whose vNICs enforce the rule. */
  appliedTo(entries: readonly string[], selector: Selector, what: string, ruleId: string): Dnf {
    if (selector.any) return MATCH_ALL;
    let dnf: Dnf = orDnf(...entries.filter((e) => this.compiled.groups.hasGroup(e)).map((e) => this.group(e, ruleId)));
    const truth = new Set([...selector.vmIds]);
    if (!sameSet(this.dnfSelects(dnf), truth)) dnf = this.materialised.materialise(what, `${what} (${entries.join(", ")})`, "Applied-To names segments or address members", truth, ruleId);
    return dnf;
  }

  /** A single-conjunction subject for an AdminNetworkPolicy: the DNF itself, or a materialised label. */
  subject(what: string, ruleId: string, vmIds: ReadonlySet<string>): Dnf {
    return this.materialised.materialise(what, what, "an AdminNetworkPolicy subject is a single selector; this subject is a union", vmIds, ruleId);
  }
}

export function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
