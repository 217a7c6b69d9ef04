/**
 * `verifyTranslation`: the round trip. The NSX side is the engine's NSX semantics over the estate; the
 * Kubernetes side is the engine's Kubernetes semantics over the emitted manifests, read by the same manifest
 * reader the netpol-analyzer oracle uses. Both are compared exactly, pair by pair (VM↔VM and VM↔external
 * address blocks, IPv4, destination port 0 excluded), over cells of VMs that both sides treat alike. A
 * difference is *explained* when the findings' flow sets cover it; anything else is a counterexample.
 */
import { buildClusterModel } from "../policy/k8s/cluster-model.ts";
import { externalBlocks } from "../policy/k8s/external-blocks.ts";
import { readManifestObjects, type ManifestFile } from "../policy/k8s/manifest-documents.ts";
import type { K8sEndpoint } from "../policy/k8s/model.ts";
import { K8sDirectionCache } from "./plan/k8s-direction-cache.ts";
import type { Party } from "../policy/k8s/party.ts";
import { compileNsx, type CompiledNsx } from "../policy/nsx/compile.ts";
import type { ExternalEndpoint, VmEndpoint } from "../policy/nsx/endpoint.ts";
import type { NsxEstate } from "../policy/nsx/model.ts";
import { IpSet } from "../policy/sets/ip-set.ts";
import { TrafficSet, type Flow } from "../policy/sets/traffic-set.ts";
import { ZFinding, type TFinding } from "./findings/finding.ts";
import { NsxRowEvaluator } from "./plan/nsx-rows.ts";
import { comparisonUniverse } from "./services/service-to-ports.ts";

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
  annotationPrefix?: string;
}

interface Cell {
  members: VmEndpoint[];
  k8s: K8sEndpoint;
  party: Party;
}

function manifestFiles(input: Record<string, string> | readonly ManifestFile[]): ManifestFile[] {
  const list = Array.isArray(input) ? [...(input as readonly ManifestFile[])] : Object.entries(input as Record<string, string>).map(([file, text]) => ({ file, text }));
  return list.filter((f) => /\.(ya?ml|json)$/i.test(f.file) && !/(^|\/)findings\.json$/.test(f.file)).sort((a, b) => (a.file < b.file ? -1 : 1));
}

export function verifyTranslation(estate: NsxEstate, manifests: Record<string, string> | readonly ManifestFile[], findingsInput: readonly unknown[], options: VerifyOptions = {}): VerificationResult {
  const started = Date.now();
  const findings = findingsInput.map((f) => ZFinding.parse(f));
  const compiled = options.compiled ?? compileNsx(estate);
  const files = manifestFiles(manifests);
  const model = buildClusterModel(files);
  const annotation = `${options.annotationPrefix ?? "parity.io/"}nsx-vm-id`;

  // NSX VM → Kubernetes endpoint, through the VirtualMachine annotation.
  const endpointById = new Map(model.endpoints.map((e) => [e.id, e]));
  const k8sOf = new Map<string, K8sEndpoint>();
  for (const o of readManifestObjects(files)) {
    if (o.kind !== "VirtualMachine") continue;
    const meta = o.object.metadata as { name?: string; namespace?: string; annotations?: Record<string, string> } | undefined;
    const vmId = meta?.annotations?.[annotation];
    const endpoint = endpointById.get(`${meta?.namespace || "default"}/${meta?.name}[VirtualMachine]`);
    if (vmId && endpoint) k8sOf.set(vmId, endpoint);
  }
  const unmappedVms = compiled.vms.filter((v) => !k8sOf.has(v.vm.id)).map((v) => v.vm.name);

  // Cells: same NSX class and same Kubernetes view.
  const nsxClassOf = new Map<string, string>();
  for (const c of compiled.vmClasses) for (const m of c.members) nsxClassOf.set(m.vm.id, c.id);
  const cellsByKey = new Map<string, Cell>();
  for (const vm of compiled.vms) {
    const k8s = k8sOf.get(vm.vm.id);
    if (!k8s) continue;
    const namespace = model.namespaces.get(k8s.namespace)!;
    const key = JSON.stringify([nsxClassOf.get(vm.vm.id), k8s.namespace, Object.entries(k8s.labels).sort(), Object.entries(namespace.labels).sort()]);
    const cell = cellsByKey.get(key);
    if (cell) cell.members.push(vm);
    else cellsByKey.set(key, { members: [vm], k8s, party: { kind: "endpoint", endpoint: k8s, namespace } });
  }
  const cells = [...cellsByKey.values()];

  // External blocks: NSX's IPv4 external classes cut at every Kubernetes address boundary.
  const k8sBlocks = externalBlocks(model.policies).filter((b) => !b.intersect(IpSet.allV4()).isEmpty());
  const pieces: IpSet[] = [];
  for (const x of compiled.externalClasses.filter((c) => c.family === 4)) {
    for (const block of k8sBlocks) {
      const piece = x.endpoint.addresses.intersect(block);
      if (!piece.isEmpty()) pieces.push(piece);
    }
  }
  const nC = cells.length;
  const rows = new NsxRowEvaluator(compiled, [...cells.map((c) => c.members[0]), ...pieces.map((addresses): ExternalEndpoint => ({ kind: "external", addresses }))], nC);
  const universe = comparisonUniverse();
  const k8sCache = new K8sDirectionCache(model.policies);
  const externalParty = (i: number): Party => ({ kind: "external", addresses: pieces[i] });

  // Finding flow sets, indexed for lookup.
  const flowSets = findings.flatMap((f) =>
    f.flows.map((flow) => ({
      finding: f.id,
      effect: f.effect,
      srcVms: new Set(flow.srcVms),
      dstVms: new Set(flow.dstVms),
      srcAddresses: IpSet.fromList(flow.srcAddresses),
      dstAddresses: IpSet.fromList(flow.dstAddresses),
      traffic: TrafficSet.fromJSON(flow.trafficJson),
    })),
  );
  type End = { vm?: string; addresses?: IpSet };
  const bySrcVm = new Map<string, typeof flowSets>();
  const externalSrc: typeof flowSets = [];
  for (const fs of flowSets) {
    for (const vm of fs.srcVms) bySrcVm.set(vm, [...(bySrcVm.get(vm) ?? []), fs]);
    if (!fs.srcAddresses.isEmpty()) externalSrc.push(fs);
  }
  const covers = (set: Set<string>, addresses: IpSet, end: End) => (end.vm !== undefined ? set.has(end.vm) : !addresses.isEmpty() && end.addresses!.isSubsetOf(addresses));
  const explain = (src: End, dst: End, effect: "lost" | "added"): { traffic: TrafficSet; by: string[] } => {
    let traffic = TrafficSet.empty();
    const by: string[] = [];
    for (const fs of src.vm !== undefined ? (bySrcVm.get(src.vm) ?? []) : externalSrc) {
      if (fs.effect !== effect || !covers(fs.srcVms, fs.srcAddresses, src) || !covers(fs.dstVms, fs.dstAddresses, dst)) continue;
      traffic = traffic.union(fs.traffic);
      if (!by.includes(fs.finding)) by.push(fs.finding);
    }
    return { traffic, by };
  };

  const differences: FlowDifference[] = [];
  const explainedDifferences: FlowDifference[] = [];
  let pairsCompared = 0;
  const compare = (nsx: TrafficSet, k8s: TrafficSet, src: End & { name: string; ids: string[] }, dst: End & { name: string; ids: string[] }) => {
    pairsCompared++;
    const n = nsx.intersect(universe);
    const k = k8s.intersect(universe);
    if (n.equals(k)) return;
    const lost = n.subtract(k);
    const added = k.subtract(n);
    const lostExplained = lost.isEmpty() ? { traffic: TrafficSet.empty(), by: [] } : explain(src, dst, "lost");
    const addedExplained = added.isEmpty() ? { traffic: TrafficSet.empty(), by: [] } : explain(src, dst, "added");
    const restLost = lost.subtract(lostExplained.traffic);
    const restAdded = added.subtract(addedExplained.traffic);
    const unexplained = !restLost.isEmpty() || !restAdded.isEmpty();
    const difference: FlowDifference = {
      src: src.name,
      dst: dst.name,
      srcVmIds: src.ids,
      dstVmIds: dst.ids,
      srcAddresses: src.addresses?.toRanges() ?? [],
      dstAddresses: dst.addresses?.toRanges() ?? [],
      nsx: n.toString(),
      k8s: k.toString(),
      lost: (unexplained ? restLost : lost).toString(),
      added: (unexplained ? restAdded : added).toString(),
      ...((unexplained ? restLost.union(restAdded) : lost.union(added)).sample() ? { sample: (unexplained ? restLost.union(restAdded) : lost.union(added)).sample()! } : {}),
      explainedBy: [...new Set([...lostExplained.by, ...addedExplained.by])],
    };
    (unexplained ? differences : explainedDifferences).push(difference);
  };
  const vmEnd = (c: Cell) => ({ vm: c.members[0].vm.id, name: `${c.k8s.namespace}/${c.k8s.name}`, ids: c.members.map((m) => m.vm.id) });
  const extEnd = (i: number) => ({ addresses: pieces[i], name: pieces[i].toRanges().join(","), ids: [] });

  for (let a = 0; a < nC; a++) {
    for (let b = 0; b < nC; b++) {
      if (a === b && cells[a].members.length < 2) continue;
      const nsx = rows.allowed(a, "OUT", b).intersect(rows.allowed(b, "IN", a));
      const egress = k8sCache.evaluate("egress", cells[a].party, cells[b].party).allowed;
      const k8s = egress.isEmpty() ? egress : egress.intersect(k8sCache.evaluate("ingress", cells[b].party, cells[a].party).allowed);
      compare(nsx, k8s, vmEnd(cells[a]), vmEnd(cells[b]));
    }
    for (let x = 0; x < pieces.length; x++) {
      const party = externalParty(x);
      compare(rows.allowed(a, "OUT", nC + x), k8sCache.evaluate("egress", cells[a].party, party).allowed, vmEnd(cells[a]), extEnd(x));
      compare(rows.allowed(a, "IN", nC + x), k8sCache.evaluate("ingress", cells[a].party, party).allowed, extEnd(x), vmEnd(cells[a]));
    }
  }
  return {
    equivalent: differences.length === 0 && unmappedVms.length === 0,
    differences,
    explainedDifferences,
    findings,
    unmappedVms,
    manifestErrors: [...model.errors],
    stats: { vmCells: nC, externalBlocks: pieces.length, pairsCompared, elapsedMs: Date.now() - started },
  };
}
