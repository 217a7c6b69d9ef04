/**
 * `verifyTranslation`: the round trip. The NSX side is the engine's NSX semantics over the estate; the
 * Kubernetes side is the engine's Kubernetes semantics over the emitted manifests, read by the same manifest
 * reader the netpol-analyzer oracle uses (files parsed once; the translator's own objects need no parse). Both
 * are compared exactly (VM↔VM and VM↔external address blocks, IPv4, destination port 0 excluded) over cells
 * of VMs that both sides treat alike, a whole row of peers at a time through the equivalence engine's
 * enforcement rows (interned traffic ids: equal sets are equal integers). A difference is *explained* when
 * the findings' flow sets cover it for exactly those VMs; anything else is a counterexample.
 */
import {
  buildEndpointSpace,
  type CommonVmClass,
  type EndpointSpace,
  type MatchedVm,
  K8sEnforcement,
  buildClusterModel,
  readManifestObjects,
  type ManifestFile,
  type ClusterModel,
  type K8sEndpoint,
  compileNsx,
  type CompiledNsx,
  vmTakesPart,
  type NsxEstate,
  IpSet,
  TrafficSet,
  type Flow,
} from "../policy/index.ts";
import { ZFinding, type TFinding } from "./findings/finding.ts";
import { NsxRows, TrafficInterner, type NsxRowView, type SharedNsxRows } from "./plan/class-space.ts";
import { clusterModelOfObjects, clusterModelOfPlaced, type PlacedObject, type SourcedObject } from "./read-back.ts";
import type { TranslationResult } from "./translate-estate.ts";

export interface FlowDifference {
  /** `namespace/vm` (K8s name) or address ranges. */
  src: string;
  dst: string;
  srcVmIds: string[];
  dstVmIds: string[];
  srcAddresses: string[];
  dstAddresses: string[];
  nsx: string;
  k8s: string;
  /** NSX allows, the manifests do not (not covered by findings when listed in `differences`). */
  lost: string;
  /** The manifests allow, NSX does not. */
  added: string;
  sample?: Flow;
  explainedBy: string[];
}

export interface VerificationResult {
  /** True when every difference is covered by a finding ("equivalent except these findings"). */
  equivalent: boolean;
  differences: FlowDifference[];
  explainedDifferences: FlowDifference[];
  findings: TFinding[];
  /** NSX VMs with no VirtualMachine in the manifests (they cannot be compared). */
  unmappedVms: string[];
  /** Problems the Kubernetes reader found in the manifests (e.g. equal ANP priorities). */
  manifestErrors: string[];
  stats: { vmCells: number; externalBlocks: number; pairsCompared: number; elapsedMs: number };
}

export interface VerifyOptions {
  compiled?: CompiledNsx;
  /** The translator's NSX rows (`result.shared`), reused when built from the same compiled estate. */
  shared?: SharedNsxRows;
  annotationPrefix?: string;
  /** Called as each stage ends, with its wall time (the bench's stage breakdown). */
  onStage?: (stage: VerificationStage, elapsedMs: number) => void;
}

export type VerificationStage = "read-manifests" | "endpoint-space" | "ingress-rows" | "compare";

/** Manifests to verify: file texts (a directory, a ZIP), or the translator's own objects with their paths. */
export type ManifestInput = Record<string, string> | readonly ManifestFile[] | { placed: readonly PlacedObject[] };

function manifestFiles(input: Record<string, string> | readonly ManifestFile[]): ManifestFile[] {
  const list = Array.isArray(input)
    ? [...(input as readonly ManifestFile[])]
    : Object.entries(input as Record<string, string>).map(([file, text]) => ({ file, text }));
  return list
    .filter((f) => /\.(ya?ml|json)$/i.test(f.file) && !/(^|\/)findings\.json$/.test(f.file))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** Objects parsed once, and the model read from them by the engine's normalisers. */
function readManifests(input: ManifestInput): { objects: SourcedObject[]; model: ClusterModel } {
  if ("placed" in input && !Array.isArray(input)) {
    const placed = [...(input as { placed: readonly PlacedObject[] }).placed].sort((a, b) => (a.file < b.file ? -1 : 1));
    const objects = placed.map(({ file, object }): SourcedObject => ({
      object: object as Record<string, unknown>,
      kind: object.kind,
      apiVersion: object.apiVersion,
      source: { file, documentIndex: 0, pointer: "" },
    }));
    return { objects, model: clusterModelOfPlaced(placed) };
  }
  const files = manifestFiles(input as Record<string, string> | readonly ManifestFile[]);
  const objects = readManifestObjects(files);
  return { objects, model: clusterModelOfObjects(objects, () => buildClusterModel(files)) };
}

export function verifyTranslation(
  estate: NsxEstate,
  manifests: ManifestInput,
  findingsInput: readonly unknown[],
  options: VerifyOptions = {},
): VerificationResult {
  const started = Date.now();
  const findings = findingsInput.map((f) => ZFinding.parse(f));
  const compiled = options.compiled ?? compileNsx(estate);
  let stageStart = performance.now();
  const stageDone = (stage: VerificationStage) => {
    const now = performance.now();
    options.onStage?.(stage, now - stageStart);
    stageStart = now;
  };
  const { objects, model } = readManifests(manifests);
  stageDone("read-manifests");
  const annotation = `${options.annotationPrefix ?? "parity.io/"}nsx-vm-id`;

  // NSX VM → Kubernetes endpoint, through the VirtualMachine annotation.
  const endpointById = new Map(model.endpoints.map((e) => [e.id, e]));
  const k8sOf = new Map<string, K8sEndpoint>();
  for (const o of objects) {
    if (o.kind !== "VirtualMachine") continue;
    const meta = o.object.metadata as { name?: string; namespace?: string; annotations?: Record<string, string> } | undefined;
    const vmId = meta?.annotations?.[annotation];
    const endpoint = endpointById.get(`${meta?.namespace || "default"}/${meta?.name}[VirtualMachine]`);
    if (vmId && endpoint) k8sOf.set(vmId, endpoint);
  }
  const matched: MatchedVm[] = [];
  const unmappedVms: string[] = [];
  for (const vm of compiled.vms) {
    const k8s = k8sOf.get(vm.vm.id);
    if (k8s) matched.push({ vm, k8s });
    else unmappedVms.push(vm.vm.name);
  }

  // Finding flow sets, indexed for lookup.
  // The round trip compares the IPv4 world (the target cluster is IPv4-only), so IPv6-only flow sets do not apply.
  const flowSets: FlowSetEntry[] = findings.flatMap((f) =>
    f.flows
      .filter((flow) => flow.family !== 6)
      .map((flow) => ({
        finding: f.id,
        effect: f.effect,
        srcVms: new Set(flow.srcVms),
        dstVms: new Set(flow.dstVms),
        srcAddresses: IpSet.fromList(flow.srcAddresses),
        dstAddresses: IpSet.fromList(flow.dstAddresses),
        traffic: TrafficSet.fromJSON(flow.trafficJson),
      })),
  );

  // Cells: VMs both sides treat alike (NSX class × Kubernetes class); external atoms: the NSX IPv4 external
  // space cut at every Kubernetes address peer and every address set a finding names, so each atom lies wholly
  // inside or outside each of them.
  const cuts = flowSets.flatMap((fs) => [fs.srcAddresses, fs.dstAddresses]).filter((a) => !a.isEmpty());
  const full = buildEndpointSpace(compiled, model, matched, cuts);
  const space: EndpointSpace = {
    vmClasses: full.vmClasses,
    atoms: full.atoms.filter((a) => a.family === 4).map((a, index) => ({ ...a, index })),
  };
  const cells = space.vmClasses;
  const atoms = space.atoms;
  const nC = cells.length;
  // NSX rows: the translator's (same compiled estate, read at each cell's NSX class), else computed here;
  // `peerOf` maps a cell or atom to its place in those rows.
  const reused = options.shared && options.shared.compiled === compiled ? options.shared.viewFor(space) : undefined;
  const own = reused ? undefined : new NsxRows(compiled, space, new TrafficInterner());
  const nsx: NsxRowView = reused ?? {
    row: (direction, cell) => own!.row(direction, cell),
    peerOf: Int32Array.from({ length: nC + space.atoms.length }, (_, i) => i),
  };
  const { interner, universeId } = reused ? options.shared!.rows : own!;
  const peerOf = nsx.peerOf;
  stageDone("endpoint-space");
  const k8s = new K8sEnforcement(model.policies, space, interner);
  const takesPart = cells.map((c) => vmTakesPart(c.nsx, 4));
  const nsxIn = cells.map((_, b) => nsx.row("ingress", b));
  // Cells that walk alike on the Kubernetes side (same policies, isolation, named ports) share one row.
  const k8sIn = cells.map((_, b) => k8s.sharedRow("ingress", b, universeId));
  stageDone("ingress-rows");

  const explainer = new Explainer(flowSets);
  const differences: FlowDifference[] = [];
  const explainedDifferences: FlowDifference[] = [];
  let pairsCompared = 0;
  const vmEnd = (c: number): End => ({ kind: "cell", cell: cells[c] });
  const atomEnd = (x: number): End => ({ kind: "atom", addresses: atoms[x].addresses });
  const differ = (nsxId: number, k8sId: number, src: End, dst: End) => {
    for (const d of explainer.differences(interner.get(nsxId), interner.get(k8sId), src, dst))
      (d.explainedBy.length > 0 && d.unexplained === false ? explainedDifferences : differences).push(d.difference);
  };

  // A pair's verdicts can differ only where its OUT decisions or its IN decisions differ, so each row is
  // compared once with its counterpart (rows are shared between cells that walk alike, and so are these
  // comparisons) and only the pairs listed there are intersected. Pairs are visited in the same order as a
  // full source-major scan, so the differences come out in the same order.
  const differing = new Map<Int32Array, Map<Int32Array, Int32Array>>();
  const differingPeers = (nsxRow: Int32Array, k8sRow: Int32Array): Int32Array => {
    let byK8s = differing.get(nsxRow);
    if (!byK8s) differing.set(nsxRow, (byK8s = new Map()));
    let list = byK8s.get(k8sRow);
    if (!list) {
      const found: number[] = [];
      for (let p = 0; p < nC; p++) if (nsxRow[peerOf[p]] !== k8sRow[p]) found.push(p);
      byK8s.set(k8sRow, (list = Int32Array.from(found)));
    }
    return list;
  };
  // Sources whose IN decision at destination b differs, turned into destinations per source (ascending).
  const inDiffering: number[][] = cells.map(() => []);
  const takingPart = takesPart.filter(Boolean).length;
  for (let b = 0; b < nC; b++) {
    if (!takesPart[b]) continue;
    const sources = differingPeers(nsxIn[b], k8sIn[b]);
    for (let k = 0; k < sources.length; k++) inDiffering[sources[k]].push(b);
  }
  for (let a = 0; a < nC; a++) {
    if (!takesPart[a]) continue;
    const nsxOut = nsx.row("egress", a);
    const k8sOut = k8s.sharedRow("egress", a, universeId);
    pairsCompared += takingPart - (cells[a].members.length < 2 ? 1 : 0);
    const outList = differingPeers(nsxOut, k8sOut);
    const inList = inDiffering[a];
    // Merge the two ascending lists.
    for (let i = 0, j = 0; i < outList.length || j < inList.length;) {
      const b = j >= inList.length || (i < outList.length && outList[i] <= inList[j]) ? outList[i] : inList[j];
      while (i < outList.length && outList[i] === b) i++;
      while (j < inList.length && inList[j] === b) j++;
      if (!takesPart[b] || (a === b && cells[a].members.length < 2)) continue;
      const n = interner.intersect(nsxOut[peerOf[b]], nsxIn[b][peerOf[a]]);
      const k = interner.intersect(k8sOut[b], k8sIn[b][a]);
      if (n !== k) differ(n, k, vmEnd(a), vmEnd(b));
    }
    for (let x = 0; x < atoms.length; x++) {
      pairsCompared += 2;
      const at = peerOf[nC + x];
      if (nsxOut[at] !== k8sOut[nC + x]) differ(nsxOut[at], k8sOut[nC + x], vmEnd(a), atomEnd(x));
      if (nsxIn[a][at] !== k8sIn[a][nC + x]) differ(nsxIn[a][at], k8sIn[a][nC + x], atomEnd(x), vmEnd(a));
    }
  }
  stageDone("compare");
  return {
    equivalent: differences.length === 0 && unmappedVms.length === 0,
    differences,
    explainedDifferences,
    findings,
    unmappedVms,
    manifestErrors: [...model.errors],
    stats: { vmCells: nC, externalBlocks: atoms.length, pairsCompared, elapsedMs: Date.now() - started },
  };
}

/**
 * The round trip of a translation just made: its own objects (no YAML parse) and its NSX rows, on the compiled
 * estate it was translated from. What the translate job and `parity translate` run at once.
 */
export function verifyOwnTranslation(
  estate: NsxEstate,
  result: Pick<TranslationResult, "placed" | "findings" | "shared" | "profile">,
): VerificationResult {
  return verifyTranslation(estate, { placed: result.placed }, result.findings, {
    compiled: result.shared.compiled,
    shared: result.shared,
    annotationPrefix: result.profile.annotationPrefix,
  });
}

interface FlowSetEntry {
  finding: string;
  effect: TFinding["effect"];
  srcVms: Set<string>;
  dstVms: Set<string>;
  srcAddresses: IpSet;
  dstAddresses: IpSet;
  traffic: TrafficSet;
}

/** Part of an end: its name, VMs or addresses, and the flow sets that apply on that side (`key`: their list). */
interface Part {
  name: string;
  ids: string[];
  addresses: string[];
  applicable: Set<number>;
  key: string;
}

interface Verdict {
  unexplained: boolean;
  lost: string;
  added: string;
  sample: ReturnType<TrafficSet["sample"]>;
  explainedBy: string[];
}

interface PairMemo {
  lost: TrafficSet;
  added: TrafficSet;
  nsx: string;
  k8s: string;
  verdicts: Map<string, Verdict>;
}

/** One end of a compared pair: a cell of VMs, or an external atom. */
type End = { kind: "cell"; cell: CommonVmClass } | { kind: "atom"; addresses: IpSet };

/**
 * Differences worded and checked against the findings. A cell's members are split by which finding flow sets
 * name them, so a difference counts as explained only for VMs the findings actually cover.
 */
class Explainer {
  private readonly bySrcVm = new Map<string, number[]>();
  private readonly byDstVm = new Map<string, number[]>();
  private readonly srcByAddress: number[] = [];
  private readonly dstByAddress: number[] = [];

  constructor(private readonly flowSets: readonly FlowSetEntry[]) {
    flowSets.forEach((fs, i) => {
      for (const vm of fs.srcVms) this.bySrcVm.set(vm, [...(this.bySrcVm.get(vm) ?? []), i]);
      for (const vm of fs.dstVms) this.byDstVm.set(vm, [...(this.byDstVm.get(vm) ?? []), i]);
      if (!fs.srcAddresses.isEmpty()) this.srcByAddress.push(i);
      if (!fs.dstAddresses.isEmpty()) this.dstByAddress.push(i);
    });
  }

  /** A cell's parts per side, made once: a cell ends many differing pairs, and its members are many. */
  private readonly cellParts: Record<"src" | "dst", Map<CommonVmClass, Part[]>> = { src: new Map(), dst: new Map() };

  /** Parts of an end with the same applicable flow sets on that side. */
  private parts(end: End, side: "src" | "dst"): Part[] {
    if (end.kind === "cell") {
      let parts = this.cellParts[side].get(end.cell);
      if (!parts) this.cellParts[side].set(end.cell, (parts = this.cellPartsOf(end.cell, side)));
      return parts;
    }
    const fsList = side === "src" ? this.srcByAddress : this.dstByAddress;
    const applicable = new Set(
      fsList.filter((i) => end.addresses.isSubsetOf(side === "src" ? this.flowSets[i].srcAddresses : this.flowSets[i].dstAddresses)),
    );
    return [
      {
        name: end.addresses.toRanges().join(","),
        ids: [],
        addresses: end.addresses.toRanges(),
        applicable,
        key: [...applicable].join(","),
      },
    ];
  }

  private cellPartsOf(cell: CommonVmClass, side: "src" | "dst"): Part[] {
    const byVm = side === "src" ? this.bySrcVm : this.byDstVm;
    const groups = new Map<string, Part>();
    for (const { vm, k8s } of cell.members) {
      const list = byVm.get(vm.vm.id) ?? [];
      const key = list.join(",");
      const group = groups.get(key);
      if (group) group.ids.push(vm.vm.id);
      else groups.set(key, { name: `${k8s.namespace}/${k8s.name}`, ids: [vm.vm.id], addresses: [], applicable: new Set(list), key });
    }
    return [...groups.values()];
  }

  /** Per (NSX, Kubernetes) traffic pair: lost / added and their text; per applicable flow-set pair: the verdict. */
  private readonly memo = new Map<TrafficSet, Map<TrafficSet, PairMemo>>();

  private pairMemo(nsxAll: TrafficSet, k8sAll: TrafficSet): PairMemo {
    let byK8s = this.memo.get(nsxAll);
    if (!byK8s) this.memo.set(nsxAll, (byK8s = new Map()));
    let memo = byK8s.get(k8sAll);
    if (!memo) {
      const lost = nsxAll.subtract(k8sAll);
      const added = k8sAll.subtract(nsxAll);
      byK8s.set(k8sAll, (memo = { lost, added, nsx: nsxAll.toString(), k8s: k8sAll.toString(), verdicts: new Map() }));
    }
    return memo;
  }

  private verdict(memo: PairMemo, s: Part, d: Part): Verdict {
    const key = `${s.key}|${d.key}`;
    let v = memo.verdicts.get(key);
    if (!v) {
      const { lost, added } = memo;
      const explain = (effect: "lost" | "added") => {
        let traffic = TrafficSet.empty();
        const by: string[] = [];
        for (const i of s.applicable) {
          const fs = this.flowSets[i];
          if (fs.effect !== effect || !d.applicable.has(i)) continue;
          traffic = traffic.union(fs.traffic);
          if (!by.includes(fs.finding)) by.push(fs.finding);
        }
        return { traffic, by };
      };
      const lostExplained = lost.isEmpty() ? { traffic: TrafficSet.empty(), by: [] } : explain("lost");
      const addedExplained = added.isEmpty() ? { traffic: TrafficSet.empty(), by: [] } : explain("added");
      const restLost = lost.subtract(lostExplained.traffic);
      const restAdded = added.subtract(addedExplained.traffic);
      const unexplained = !restLost.isEmpty() || !restAdded.isEmpty();
      const shown = unexplained ? restLost.union(restAdded) : lost.union(added);
      v = {
        unexplained,
        lost: (unexplained ? restLost : lost).toString(),
        added: (unexplained ? restAdded : added).toString(),
        sample: shown.sample(),
        explainedBy: [...new Set([...lostExplained.by, ...addedExplained.by])],
      };
      memo.verdicts.set(key, v);
    }
    return v;
  }

  differences(
    nsxAll: TrafficSet,
    k8sAll: TrafficSet,
    src: End,
    dst: End,
  ): { difference: FlowDifference; explainedBy: string[]; unexplained: boolean }[] {
    const memo = this.pairMemo(nsxAll, k8sAll);
    const out: { difference: FlowDifference; explainedBy: string[]; unexplained: boolean }[] = [];
    const dstParts = this.parts(dst, "dst");
    for (const s of this.parts(src, "src")) {
      for (const d of dstParts) {
        // Self-pairs inside one cell are compared only between distinct VMs.
        if (
          src.kind === "cell" &&
          dst.kind === "cell" &&
          src.cell === dst.cell &&
          s.ids.length === 1 &&
          d.ids.length === 1 &&
          s.ids[0] === d.ids[0]
        )
          continue;
        const v = this.verdict(memo, s, d);
        const explainedBy = [...v.explainedBy];
        out.push({
          difference: {
            src: s.name,
            dst: d.name,
            srcVmIds: s.ids,
            dstVmIds: d.ids,
            srcAddresses: s.addresses,
            dstAddresses: d.addresses,
            nsx: memo.nsx,
            k8s: memo.k8s,
            lost: v.lost,
            added: v.added,
            ...(v.sample ? { sample: v.sample } : {}),
            explainedBy,
          },
          explainedBy,
          unexplained: v.unexplained,
        });
      }
    }
    return out;
  }
}
