/**
 * `checkEquivalence`: whether an NSX estate and a Kubernetes model permit exactly the same connections
 * between corresponding workloads (and between workloads and external addresses), decided over the common
 * endpoint partition so cost grows with classes, not VMs². Families are compared separately as the NSX
 * side evaluates them: a pair is compared in each family both ends can use, and the Kubernetes side (which
 * has no family for pod traffic) is restricted to what that family can carry. REJECT counts as deny.
 * Every difference comes back as a class of flows with an example both explainers evaluated.
 */
import type { ClusterModel } from "../k8s/model.ts";
import { explainFlow } from "../k8s/explain-flow.ts";
import { FAMILIES, familyTraffic, type AddressFamily } from "../nsx/address-family.ts";
import { compileNsx, type CompiledNsx } from "../nsx/compile.ts";
import { vmTakesPart } from "../nsx/endpoint.ts";
import { explainNsxFlow } from "../nsx/explain-flow.ts";
import type { NsxEstate } from "../nsx/model.ts";
import { correspond, type CorrespondenceMap } from "./correspondence.ts";
import type { ClassMembers, Difference, EquivalenceResult, ExcludedFlows } from "./difference.ts";
import { buildEndpointSpace, type EndpointSpace } from "./endpoint-space.ts";
import { classify, exclusionCuts, groupBySignature, prepareExclusions, type PreparedExclusion, type SideMember } from "./exclusions.ts";
import { K8sEnforcement } from "./k8s-enforcement.ts";
import { NsxEnforcement } from "./nsx-enforcement.ts";
import { TrafficInterner } from "./traffic-interner.ts";
import { WalkComparer } from "./walk-compare.ts";

export interface EquivalenceOptions {
  /** VM name or id → Kubernetes endpoint; default: the VirtualMachine of the same name. */
  correspondence?: CorrespondenceMap;
  /** Flows set aside by translation findings. */
  exclusions?: readonly ExcludedFlows[];
  /** Differences detailed with examples (all are counted). Default 1000. */
  maxDifferences?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Pass-1 results (which destinations' enforcement points differ) computed elsewhere, e.g. merged from
   * `compareEnforcementPoints` shards run in parallel by a caller: pass 1 is skipped.
   */
  pointDifferences?: PointDifferences;
}

/** Per family, the destinations (VM class or peer index) whose OUT column or IN row differs between the sides. */
export interface PointDifferences {
  classPairs: number;
  /** `classPairs` per family: the shard's share of the pairs, so the per-family split survives sharding. */
  families: { family: AddressFamily; outDiffers: number[]; inDiffers: number[]; classPairs: number }[];
}

/** One shard of pass 1: destinations whose index (among the family's destinations) ≡ `index` mod `count`. */
export interface PointShard {
  index: number;
  count: number;
}

/**
 * Pass 1 of `checkEquivalence` alone, for one shard of the destinations: what a caller needs to spread the
 * per-destination work over threads or processes (the library stays single-threaded). Merge the shards'
 * results with `mergePointDifferences` and pass them as `options.pointDifferences`.
 */
export function compareEnforcementPoints(
  nsx: NsxEstate | CompiledNsx,
  model: ClusterModel,
  options: EquivalenceOptions,
  shard: PointShard,
): PointDifferences {
  return run(nsx, model, options, shard) as PointDifferences;
}

export function mergePointDifferences(parts: readonly PointDifferences[]): PointDifferences {
  const families = FAMILIES.map((family) => {
    const outDiffers = new Set<number>();
    const inDiffers = new Set<number>();
    let classPairs = 0;
    for (const part of parts) {
      for (const f of part.families) {
        if (f.family !== family) continue;
        classPairs += f.classPairs;
        f.outDiffers.forEach((d) => outDiffers.add(d));
        f.inDiffers.forEach((d) => inDiffers.add(d));
      }
    }
    return {
      family,
      outDiffers: [...outDiffers].sort((a, b) => a - b),
      inDiffers: [...inDiffers].sort((a, b) => a - b),
      classPairs,
    };
  });
  return { classPairs: parts.reduce((n, p) => n + p.classPairs, 0), families };
}

/** A differing class pair: peer index space is VM classes first, then external atoms. */
interface RawDifference {
  src: number;
  dst: number;
  family: AddressFamily;
  nsxId: number;
  k8sId: number;
}

export function isCompiledNsx(value: NsxEstate | CompiledNsx): value is CompiledNsx {
  return "rules" in value && "vmClasses" in value;
}

export function checkEquivalence(nsx: NsxEstate | CompiledNsx, model: ClusterModel, options: EquivalenceOptions = {}): EquivalenceResult {
  return run(nsx, model, options) as EquivalenceResult;
}

function run(
  nsx: NsxEstate | CompiledNsx,
  model: ClusterModel,
  options: EquivalenceOptions,
  shard?: PointShard,
): EquivalenceResult | PointDifferences {
  const compiled = isCompiledNsx(nsx) ? nsx : compileNsx(nsx);
  const correspondence = correspond(compiled.vms, model, options.correspondence);
  const prepared = prepareExclusions(options.exclusions ?? []);
  const space = buildEndpointSpace(compiled, model, correspondence.matched, exclusionCuts(prepared));
  const interner = new TrafficInterner();
  const nsxSide = new NsxEnforcement(compiled, space, interner);
  const k8sSide = new K8sEnforcement(model.policies, space, interner);
  const classCount = space.vmClasses.length;
  const maxDifferences = options.maxDifferences ?? 1000;

  const raw: RawDifference[] = [];
  let differenceCount = 0;
  let classPairs = 0;
  // Per family, so the IPv4 part can be set beside the round trip's IPv4-only figures.
  const byFamily = { 4: { classPairs: 0, differences: 0 }, 6: { classPairs: 0, differences: 0 } };
  const record = (difference: RawDifference) => {
    differenceCount++;
    byFamily[difference.family].differences++;
    if (raw.length < maxDifferences) raw.push(difference);
  };

  // Both platforms decide per enforcement point: a pair's verdict is out(src → dst) ∩ in(dst ← src) on each
  // side. Pass 1 compares the points alone (nothing C × C is kept): the IN side one destination row at a
  // time, the OUT side one destination column at a time (a column walks only the rules that can match that
  // destination, however many apply at every source). Where every OUT entry towards a destination equals
  // its egress entry and the destination's IN row equals its ingress row (both restricted to the family),
  // every pair ending there is equal, since (E ∩ I) ∩ F = (E ∩ F) ∩ (I ∩ F) and NSX results lie in F
  // already. Pass 2 combines, in source-major order, only pairs ending at a destination that differs.
  const total = FAMILIES.length * classCount;
  const peerCount = classCount + space.atoms.length;
  let done = 0;
  const inShard = (position: number) => !shard || position % shard.count === shard.index;
  const comparer = new WalkComparer(peerCount);
  const points: PointDifferences = { classPairs: 0, families: [] };
  if (options.pointDifferences) classPairs = options.pointDifferences.classPairs;
  for (const family of FAMILIES) {
    const pairsBefore = classPairs;
    const familyId = interner.intern(familyTraffic(family));
    const restrict = restrictor(interner, familyId);
    const incoming = nsxSide.prepare(family, "IN");
    const takesPart = space.vmClasses.map((c) => vmTakesPart(c.nsx, family));
    const atoms = space.atoms.filter((a) => a.family === family);
    const selfPair = (v: number) => space.vmClasses[v].members.length >= 2;
    /** Per destination (VM class or atom): some OUT entry towards it differs / its IN row differs. */
    const outDiffers = new Uint8Array(peerCount);
    const inDiffers = new Uint8Array(peerCount);
    let anyDiffers = false;
    const given = options.pointDifferences?.families.find((f) => f.family === family);
    if (given) {
      for (const d of given.outDiffers) outDiffers[d] = 1;
      for (const d of given.inDiffers) inDiffers[d] = 1;
      anyDiffers = given.outDiffers.length + given.inDiffers.length > 0;
    }
    // NSX rows and columns come from walks that share the rule lists' common prefixes, in walk order.
    const subjects: number[] = [];
    for (let v = 0; v < classCount && !given; v++) {
      if (takesPart[v] && inShard(v)) subjects.push(v);
      else options.onProgress?.(++done, total);
    }
    // Rows are compared as walks (`WalkComparer`): the cost is the peers the walks list, not every peer.
    const nsxValue = (node: number) => nsxSide.automaton.allowed(node);
    const k8sValue = (node: number) => restrict(k8sSide.automaton.allowed(node));
    const takingPart = takesPart.filter(Boolean).length;
    nsxSide.eachRowWalk(incoming, subjects, (v, nsxIn) => {
      options.onProgress?.(++done, total);
      classPairs += takingPart - (selfPair(v) ? 0 : 1) + 2 * atoms.length;
      const nsx = { walk: nsxIn, valueOf: nsxValue, outside: interner.emptyId };
      const k8s = { walk: k8sSide.rowWalk("ingress", v), valueOf: k8sValue, outside: restrict(interner.emptyId) };
      if (comparer.differs(nsx, k8s, incoming.universe, selfPair(v) ? -1 : v)) {
        inDiffers[v] = 1;
        anyDiffers = true;
      }
    });
    byFamily[family].classPairs = given ? given.classPairs : classPairs - pairsBefore;
    const outgoing = given ? undefined : nsxSide.prepareColumns(family, "OUT");
    const destinations = [...takesPart.flatMap((t, p) => (t ? [p] : [])), ...atoms.map((a) => classCount + a.index)];
    const ownDestinations = destinations.filter((_, i) => inShard(i));
    if (outgoing) {
      nsxSide.eachColumnWalk(outgoing, ownDestinations, (i, nsxOut) => {
        const p = ownDestinations[i];
        const nsx = { walk: nsxOut, valueOf: nsxValue, outside: interner.emptyId };
        const k8s = { walk: k8sSide.columnWalk("egress", p), valueOf: k8sValue, outside: restrict(interner.emptyId) };
        if (comparer.differs(nsx, k8s, outgoing.subjects, p < classCount && !selfPair(p) ? p : -1)) {
          outDiffers[p] = 1;
          anyDiffers = true;
        }
      });
    }
    if (shard) {
      const indices = (flags: Uint8Array) => {
        const list: number[] = [];
        flags.forEach((flag, d) => flag && list.push(d));
        return list;
      };
      points.families.push({
        family,
        outDiffers: indices(outDiffers),
        inDiffers: indices(inDiffers),
        classPairs: byFamily[family].classPairs,
      });
      continue;
    }
    if (!anyDiffers) continue;

    const rowsOut = nsxSide.prepare(family, "OUT");
    const nsxInRows = new Map<number, Int32Array>();
    const k8sInRows = new Map<number, Int32Array>();
    const nsxInRow = (p: number) => nsxInRows.get(p) ?? nsxInRows.set(p, nsxSide.row(incoming, p)).get(p)!;
    const k8sInRow = (p: number) => k8sInRows.get(p) ?? k8sInRows.set(p, k8sSide.row("ingress", p)).get(p)!;
    for (let v = 0; v < classCount; v++) {
      if (!takesPart[v]) continue;
      const nsxOut = nsxSide.row(rowsOut, v);
      const k8sEgress = k8sSide.row("egress", v);
      for (let p = 0; p < classCount; p++) {
        if (!takesPart[p] || (p === v && !selfPair(v)) || !(outDiffers[p] || inDiffers[p])) continue;
        const nsxId = interner.intersect(nsxOut[p], nsxInRow(p)[v]);
        const k8sId = interner.restrict(interner.intersect(k8sEgress[p], k8sInRow(p)[v]), familyId);
        if (nsxId !== k8sId) record({ src: v, dst: p, family, nsxId, k8sId });
      }
      const nsxIn = inDiffers[v] ? nsxInRow(v) : undefined;
      const k8sIngress = inDiffers[v] ? k8sInRow(v) : undefined;
      for (const atom of atoms) {
        const x = classCount + atom.index;
        const outK8s = interner.restrict(k8sEgress[x], familyId);
        if (nsxOut[x] !== outK8s) record({ src: v, dst: x, family, nsxId: nsxOut[x], k8sId: outK8s });
        if (!nsxIn || !k8sIngress) continue;
        const inK8s = interner.restrict(k8sIngress[x], familyId);
        if (nsxIn[x] !== inK8s) record({ src: x, dst: v, family, nsxId: nsxIn[x], k8sId: inK8s });
      }
    }
  }

  if (shard) return { ...points, classPairs };
  const differences = raw.flatMap((d) => detail(d, { compiled, model, space, interner, prepared }));
  const unexplained = differences.filter((d) => d.status === "unexplained").length;
  const complete = correspondence.unmatchedVms.length === 0;
  const truncated = differenceCount > raw.length;
  return {
    equivalent: complete && differenceCount === 0,
    equivalentExceptFindings: complete && !truncated && unexplained === 0,
    differences,
    truncated,
    unmatchedVms: correspondence.unmatchedVms,
    unmatchedK8s: correspondence.unmatchedK8s,
    stats: {
      vms: compiled.vms.length,
      matchedVms: correspondence.matched.length,
      nsxVmClasses: new Set(space.vmClasses.map((c) => c.nsxClassIndex)).size,
      k8sClasses: new Set(space.vmClasses.map((c) => c.k8sClassKey)).size,
      commonVmClasses: classCount,
      externalAtoms: space.atoms.length,
      classPairs,
      byFamily,
      nsxDistinctWalks: nsxSide.distinctWalks,
      k8sDistinctWalks: k8sSide.distinctWalks,
      distinctTrafficSets: interner.size,
      differenceCount,
    },
  };
}

/** `id ∩ F` for a fixed family traffic F, memoised in a flat array (hit once per compared entry). */
function restrictor(interner: TrafficInterner, familyId: number): (id: number) => number {
  let cache = new Int32Array(1024).fill(-1);
  return (id) => {
    if (id >= cache.length) {
      const bigger = new Int32Array(Math.max(id + 1, cache.length * 2)).fill(-1);
      bigger.set(cache);
      cache = bigger;
    }
    let known = cache[id];
    if (known < 0) {
      known = interner.restrict(id, familyId);
      cache[id] = known;
    }
    return known;
  };
}

interface DetailContext {
  compiled: CompiledNsx;
  model: ClusterModel;
  space: EndpointSpace;
  interner: TrafficInterner;
  prepared: readonly PreparedExclusion[];
}

/** One endpoint of a concrete example, spelled for each side. */
interface ExampleEndpoint {
  side: SideMember;
  nsxText: string;
  k8sText: string;
  /** Identity, to avoid a VM-to-itself example. */
  key: string;
}

function endpointsOf(index: number, space: EndpointSpace): ExampleEndpoint[] {
  const c = space.vmClasses.length;
  if (index < c) {
    return space.vmClasses[index].members.map(({ vm, k8s }) => ({
      side: { kind: "vm", name: vm.vm.name, id: vm.vm.id, addresses: vm.addresses },
      nsxText: vm.vm.id,
      k8sText: k8s.id,
      key: vm.vm.id,
    }));
  }
  const atom = space.atoms[index - c];
  const address = (atom.addresses.toRanges()[0] ?? "").split("-")[0];
  return [{ side: { kind: "external", addresses: atom.addresses }, nsxText: address, k8sText: address, key: `ext:${address}` }];
}

function membersOf(endpoints: readonly ExampleEndpoint[], index: number, space: EndpointSpace): ClassMembers {
  const c = space.vmClasses.length;
  if (index >= c) return { kind: "external", addresses: space.atoms[index - c].addresses.toRanges() };
  const side = endpoints.map((e) => e.side);
  return {
    kind: "vms",
    names: side.map((s) => (s.kind === "vm" ? s.name : "")),
    k8sIds: endpoints.map((e) => e.k8sText),
  };
}

function detail(raw: RawDifference, context: DetailContext): Difference[] {
  const { compiled, model, space, interner, prepared } = context;
  const nsxSet = interner.get(raw.nsxId);
  const k8sSet = interner.get(raw.k8sId);
  const nsxOnly = nsxSet.subtract(k8sSet);
  const k8sOnly = k8sSet.subtract(nsxSet);
  const sources = endpointsOf(raw.src, space);
  const destinations = endpointsOf(raw.dst, space);
  const srcGroups = groupBySignature(sources, (e) => e.side, prepared, "src");
  const dstGroups = groupBySignature(destinations, (e) => e.side, prepared, "dst");
  const result: Difference[] = [];
  for (const srcGroup of srcGroups) {
    for (const dstGroup of dstGroups) {
      const pair = pickPair(srcGroup.members, dstGroup.members);
      if (!pair) continue;
      const [exampleSrc, exampleDst] = pair;
      const applicable = srcGroup.applicable.filter(
        (i) => dstGroup.applicable.includes(i) && (prepared[i].exclusion.family ?? raw.family) === raw.family,
      );
      const classified = classify(nsxOnly, k8sOnly, prepared, applicable);
      const explained = classified.residualNsxOnly.isEmpty() && classified.residualK8sOnly.isEmpty();
      const pool = [classified.residualNsxOnly, classified.residualK8sOnly, nsxOnly, k8sOnly].find((s) => !s.isEmpty())!;
      const flow = pool.sample()!;
      const nsxResult = explainNsxFlow(compiled, exampleSrc.nsxText, exampleDst.nsxText, flow, { family: raw.family });
      const k8sResult = explainFlow(model, exampleSrc.k8sText, exampleDst.k8sText, flow);
      result.push({
        family: raw.family,
        src: membersOf(srcGroup.members, raw.src, space),
        dst: membersOf(dstGroup.members, raw.dst, space),
        traffic: { nsxOnly, k8sOnly },
        example: {
          src: exampleSrc.side.kind === "vm" ? exampleSrc.side.name : exampleSrc.nsxText,
          dst: exampleDst.side.kind === "vm" ? exampleDst.side.name : exampleDst.nsxText,
          k8sSrc: exampleSrc.k8sText,
          k8sDst: exampleDst.k8sText,
          flow,
          family: raw.family,
        },
        nsx: nsxResult,
        k8s: k8sResult,
        status: explained ? "explained-by-finding" : "unexplained",
        findingIds: classified.findingIds,
      });
    }
  }
  return result;
}

/** Two distinct endpoints, one from each list (a VM never talks to itself here). */
function pickPair(
  sources: readonly ExampleEndpoint[],
  destinations: readonly ExampleEndpoint[],
): [ExampleEndpoint, ExampleEndpoint] | undefined {
  for (const src of sources) for (const dst of destinations) if (src.key !== dst.key) return [src, dst];
  return undefined;
}
