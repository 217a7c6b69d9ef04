/**
 * `applicationHeatmap`: connectivity between applications (the VMs' `app` tag) on both sides, NSX (IPv4)
 * and Kubernetes, for the verify job's page. Each side is evaluated over its own endpoint classes with the
 * equivalence engine's row machinery (peers grouped by walk state, traffic as interned ids), so a class
 * pair costs two array reads and a memoised intersection — no rule walk per pair, no endpoint pairs.
 * Cells are unions over class pairs, hence identical to aggregating every endpoint pair's traffic.
 */
import { NsxEnforcement } from "../equivalence/nsx-enforcement.ts";
import { K8sEnforcement } from "../equivalence/k8s-enforcement.ts";
import { k8sClassKey } from "../equivalence/endpoint-space.ts";
import { TrafficInterner } from "../equivalence/traffic-interner.ts";
import { endpointParties } from "../k8s/connectivity.ts";
import { externalBlocks } from "../k8s/external-blocks.ts";
import type { ClusterModel } from "../k8s/model.ts";
import type { Party } from "../k8s/party.ts";
import { familyTraffic } from "../nsx/address-family.ts";
import type { CompiledNsx } from "../nsx/compile.ts";
import type { NsxVm } from "../nsx/model.ts";
import { TrafficSet } from "../sets/traffic-set.ts";
import { k8sOnlySpace, nsxOnlySpace } from "./one-sided-spaces.ts";

export const NO_APP = "(no app tag)";
export const EXTERNAL = "external";

export interface HeatmapCell {
  src: string;
  dst: string;
  nsx: string;
  k8s: string;
  state: "none" | "same" | "nsx-only" | "k8s-only" | "mixed";
}

export interface ApplicationHeatmap {
  axis: string[];
  cells: HeatmapCell[];
}

export function appOf(vm: NsxVm): string {
  const apps = [...new Set(vm.tags.filter((t) => t.scope === "app").map((t) => t.tag))].sort();
  return apps[0] ?? NO_APP;
}

/** Traffic ids per ordered application pair (`src\0dst`), united at the end. */
class CellAccumulator {
  private readonly byAppSets = new Map<number, Set<number>>();
  private readonly byApps = new Map<string, Set<number>>();
  private readonly appSets: string[][] = [];
  private readonly appSetIndex = new Map<string, number>();

  constructor(private readonly interner: TrafficInterner) {}

  /** An index for a set of applications (classes with the same applications share one). */
  appSet(apps: readonly string[]): number {
    const key = apps.join("\u0000");
    let index = this.appSetIndex.get(key);
    if (index === undefined) {
      index = this.appSets.length;
      this.appSets.push([...apps]);
      this.appSetIndex.set(key, index);
    }
    return index;
  }

  /** Traffic `id` between every application of set `a` and every one of set `b`. */
  addSets(a: number, b: number, id: number): void {
    if (id === this.interner.emptyId) return;
    const key = a * 0x200000 + b;
    let ids = this.byAppSets.get(key);
    if (!ids) this.byAppSets.set(key, (ids = new Set()));
    ids.add(id);
  }

  addApps(a: string, b: string, id: number): void {
    if (id === this.interner.emptyId) return;
    const key = `${a}\u0000${b}`;
    let ids = this.byApps.get(key);
    if (!ids) this.byApps.set(key, (ids = new Set()));
    ids.add(id);
  }

  /** Application pair → united traffic. */
  cells(): Map<string, TrafficSet> {
    for (const [key, ids] of this.byAppSets) {
      const a = this.appSets[Math.floor(key / 0x200000)];
      const b = this.appSets[key % 0x200000];
      for (const x of a) for (const y of b) for (const id of ids) this.addApps(x, y, id);
    }
    const out = new Map<string, TrafficSet>();
    for (const [key, ids] of this.byApps) {
      let united = this.interner.emptyId;
      for (const id of ids) united = this.interner.union(united, id);
      out.set(key, this.interner.get(united));
    }
    return out;
  }
}

/** NSX side: every class pair's traffic (IPv4), from the source's OUT row and the destination's IN row. */
function nsxCells(compiled: CompiledNsx, interner: TrafficInterner): Map<string, TrafficSet> {
  const family = 4;
  const atoms = compiled.externalClasses;
  const enforcement = new NsxEnforcement(compiled, nsxOnlySpace(compiled), interner);
  const out = enforcement.rows(enforcement.prepare(family, "OUT"));
  const inbound = enforcement.rows(enforcement.prepare(family, "IN"));
  const cells = new CellAccumulator(interner);
  const vmCount = compiled.vmClasses.length;
  const appSetOf = compiled.vmClasses.map((c) => cells.appSet([...new Set(c.members.map((m) => appOf(m.vm)))]));
  const external = cells.appSet([EXTERNAL]);
  for (let a = 0; a < vmCount; a++) {
    const rowOut = out[a];
    const sa = appSetOf[a];
    for (let b = 0; b < vmCount; b++) {
      if (a === b && compiled.vmClasses[a].members.length < 2) continue;
      const sent = rowOut[b];
      if (sent === interner.emptyId) continue;
      cells.addSets(sa, appSetOf[b], interner.intersect(sent, inbound[b][a]));
    }
    // Between a VM and an external address only the VM's vNIC filters.
    for (let x = 0; x < atoms.length; x++) {
      if (atoms[x].family !== family) continue;
      cells.addSets(sa, external, rowOut[vmCount + x]);
      cells.addSets(external, sa, inbound[a][vmCount + x]);
    }
  }
  return cells.cells();
}

/** Kubernetes side: classes of the endpoints that stand for an NSX VM; egress row of the source ∩ ingress row of the destination. */
function k8sCells(
  compiled: CompiledNsx,
  model: ClusterModel,
  correspondence: ReadonlyMap<string, string>,
  interner: TrafficInterner,
): Map<string, TrafficSet> {
  const vmsById = new Map(compiled.estate.vms.map((vm) => [vm.id, vm]));
  const appByK8s = new Map<string, string>();
  for (const [key, k8sId] of correspondence) {
    const vm = vmsById.get(key);
    if (vm) appByK8s.set(k8sId, appOf(vm));
  }
  // Endpoints without an NSX VM are in no cell; the rest grouped by what the evaluator can tell apart.
  const byKey = new Map<string, { party: Party & { kind: "endpoint" }; apps: string[] }>();
  for (const party of endpointParties(model)) {
    const app = appByK8s.get(party.endpoint.id);
    if (app === undefined) continue;
    const key = k8sClassKey(party.endpoint, party.namespace);
    const known = byKey.get(key);
    if (known) known.apps.push(app);
    else byKey.set(key, { party, apps: [app] });
  }
  const classes = [...byKey.values()];
  const blocks = externalBlocks(model.policies);
  const enforcement = new K8sEnforcement(
    model.policies,
    k8sOnlySpace(
      classes.map((c) => c.party),
      blocks,
    ),
    interner,
  );
  const egress = classes.map((_, a) => enforcement.sharedRow("egress", a));
  const ingress = classes.map((_, b) => enforcement.sharedRow("ingress", b));
  const cells = new CellAccumulator(interner);
  const appSetOf = classes.map((c) => cells.appSet([...new Set(c.apps)]));
  const external = cells.appSet([EXTERNAL]);
  const n = classes.length;
  for (let a = 0; a < n; a++) {
    const rowOut = egress[a];
    for (let b = 0; b < n; b++) {
      const sent = rowOut[b];
      if (sent === interner.emptyId) continue;
      const id = interner.intersect(sent, ingress[b][a]);
      if (a !== b) {
        cells.addSets(appSetOf[a], appSetOf[b], id);
        continue;
      }
      // Within one class only distinct endpoints are pairs: an application with itself needs two members.
      const counts = new Map<string, number>();
      for (const app of classes[a].apps) counts.set(app, (counts.get(app) ?? 0) + 1);
      for (const [x, cx] of counts) for (const y of counts.keys()) if (x !== y || cx >= 2) cells.addApps(x, y, id);
    }
    for (let x = 0; x < blocks.length; x++) {
      cells.addSets(appSetOf[a], external, rowOut[n + x]);
      cells.addSets(external, appSetOf[a], ingress[a][n + x]);
    }
  }
  // The Kubernetes side has no address family for pod traffic; compare within IPv4 like the NSX side.
  const ipv4Traffic = familyTraffic(4);
  const out = new Map<string, TrafficSet>();
  for (const [key, traffic] of cells.cells()) out.set(key, traffic.intersect(ipv4Traffic));
  return out;
}

export function applicationHeatmap(
  compiled: CompiledNsx,
  model: ClusterModel,
  correspondence: ReadonlyMap<string, string>,
): ApplicationHeatmap {
  const interner = new TrafficInterner();
  const nsx = nsxCells(compiled, interner);
  const k8s = k8sCells(compiled, model, correspondence, interner);
  const apps = [...new Set(compiled.estate.vms.map(appOf))].sort((x, y) => (x === NO_APP ? 1 : y === NO_APP ? -1 : x.localeCompare(y)));
  const axis = [...apps, EXTERNAL];
  const cells: HeatmapCell[] = [];
  for (const a of axis) {
    for (const b of axis) {
      if (a === EXTERNAL && b === EXTERNAL) continue;
      const n = nsx.get(`${a}\u0000${b}`) ?? TrafficSet.empty();
      const k = k8s.get(`${a}\u0000${b}`) ?? TrafficSet.empty();
      const nsxOnly = !n.subtract(k).isEmpty();
      const k8sOnly = !k.subtract(n).isEmpty();
      const state = nsxOnly && k8sOnly ? "mixed" : nsxOnly ? "nsx-only" : k8sOnly ? "k8s-only" : n.isEmpty() ? "none" : "same";
      if (state === "none") continue;
      cells.push({ src: a, dst: b, nsx: n.toString(), k8s: k.toString(), state });
    }
  }
  return { axis, cells };
}
