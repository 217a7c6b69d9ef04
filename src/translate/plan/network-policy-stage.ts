/**
 * The class-based NetworkPolicy stage (translation-pitfalls.md): for every direction and subject class the
 * NSX decision over every peer class and external block is an exact traffic set. Where the admin stage
 * (AdminNetworkPolicies + baseline) already yields exactly that decision for every peer, nothing is emitted;
 * otherwise the class gets allow-only NetworkPolicy rows equal to the NSX decision — traffic the admin stage
 * decides is don't-care, which keeps port lists short. Classes with identical rows share policies; peers
 * with identical traffic share a rule; selectors are greedy covers over the rules' own label requirements.
 */
import {
  type ExternalClass,
  type CompiledRule,
  type Direction,
  type K8sNamespace,
  type NormalisedPolicy,
  type Party,
  type IpSet,
  type TrafficSet,
  PairTable,
} from "../../policy/index.ts";
import type { Conjunction } from "../selectors/label-requirement.ts";
import { comparisonUniverse, expressUnder, specKey, type PortsSpec } from "../services/service-to-ports.ts";
import { ipBlocks } from "../emit/peers-and-ports.ts";
import { compareRuleIds } from "../emit/object-names.ts";
import type { NetworkPolicyPlan, NetworkPolicyRulePlan } from "../emit/plans.ts";
import type { ClassDescriber } from "./describe-classes.ts";
import type { AdminRows, NsxRows } from "./class-space.ts";
import { IntListInterner } from "./int-list-interner.ts";
import { K8sDirectionCache } from "./k8s-direction-cache.ts";
import type { TranslationClass } from "./translation-classes.ts";

export interface LostTraffic {
  subject: number;
  direction: Direction;
  /** Index into classes, or classes.length + external index. */
  peer: number;
  traffic: TrafficSet;
  ruleIds: string[];
}

export interface NetworkPolicyStage {
  policies: Omit<NetworkPolicyPlan, "name">[];
  lost: LostTraffic[];
  /** Admin-stage decisions that contradict NSX (must be empty; a translator bug otherwise). */
  unsound: string[];
  rowsEvaluated: number;
}

export function classParty(c: TranslationClass, namespaces: ReadonlyMap<string, K8sNamespace>): Party & { kind: "endpoint" } {
  return {
    kind: "endpoint",
    endpoint: {
      id: `${c.namespace}/class-${c.index}[VirtualMachine]`,
      namespace: c.namespace,
      name: `class-${c.index}`,
      kind: "VirtualMachine",
      labels: c.labels,
      namedPorts: [],
    },
    namespace: namespaces.get(c.namespace)!,
  };
}

export function planNetworkPolicyStage(input: {
  classes: readonly TranslationClass[];
  externals: readonly ExternalClass[];
  /** NSX rows over classes then externals (same peer order). */
  nsx: NsxRows;
  /** The admin objects' rows over the same space. */
  admin: AdminRows;
  /** The admin objects, for the wording of a soundness failure. */
  adminPolicies: readonly NormalisedPolicy[];
  namespaces: ReadonlyMap<string, K8sNamespace>;
  describer: ClassDescriber;
  internal: IpSet;
  defaultRuleId?: string;
}): NetworkPolicyStage {
  const { classes, externals, nsx, admin, describer, internal } = input;
  const interner = nsx.interner;
  const empty = interner.emptyId;
  const universe = nsx.universeId;
  const nC = classes.length;
  const peerCount = nC + externals.length;
  const lost: LostTraffic[] = [];
  const unsound: string[] = [];
  let rowsEvaluated = 0;
  interface Row {
    subject: number;
    direction: Direction;
    /** Equal rows (same spec per peer) ⇔ equal key. */
    key: number;
  }
  const emittedRows: Row[] = [];
  // Each distinct row kept only as its allowed peers per port spec (answer-sized), never as a peer-long
  // array per subject: at 10,000 VMs those arrays alone held over 300 MB.
  const groupedRows: GroupedRow[] = [];
  // Per row, the peers whose port spec allows something, with that spec: (spec, peer) pairs as one number each.
  const allowedCells = new Float64Array(peerCount);
  // Rows numbered by content: equal rows, equal key.
  const rowKeys = new IntListInterner();

  // (wanted, decided) → what NetworkPolicy ports say, memoised on interned ids; equal specs share an id.
  const expressionOf = new PairTable();
  const expressions: { specId: number; lost: TrafficSet; hasLost: boolean }[] = [];
  const specIdByKey = new Map<string, number>();
  const specs: (PortsSpec | undefined)[] = [];
  const express = (F: number, decided: number) => {
    let index = expressionOf.get(F, decided);
    if (index < 0) {
      const { spec, lost: missing } = expressUnder(interner.get(F), interner.get(decided));
      const used = spec.all || spec.ports.length > 0 ? spec : undefined;
      const key = used ? specKey(used) : "-";
      let specId = specIdByKey.get(key);
      if (specId === undefined) {
        specId = specs.length;
        specs.push(used);
        specIdByKey.set(key, specId);
      }
      index = expressions.length;
      expressions.push({ specId, lost: missing, hasLost: !missing.isEmpty() });
      expressionOf.set(F, decided, index);
    }
    return expressions[index];
  };

  // Soundness failures are worded from the engine's step-by-step evaluation (slow path, only on failure).
  let detail: K8sDirectionCache | undefined;
  let parties: Party[] | undefined;
  const explainUnsound = (t: TranslationClass, direction: Direction, p: number, F: TrafficSet) => {
    detail ??= new K8sDirectionCache(input.adminPolicies);
    parties ??= [
      ...classes.map((c) => classParty(c, input.namespaces)),
      ...externals.map((x): Party => ({ kind: "external", addresses: x.endpoint.addresses })),
    ];
    const outcome = detail.evaluate(direction, parties[t.index], parties[p]);
    for (const step of outcome.adminSteps) {
      const wrong = step.outcome === "allow" ? step.traffic.intersect(comparisonUniverse()).subtract(F) : step.traffic.intersect(F);
      if (!wrong.isEmpty())
        unsound.push(
          `${step.policy} ${step.rule}: ${step.outcome} ${wrong} for class ${t.index} (${t.representative.vm.name}) ${direction} peer ${p}`,
        );
    }
  };

  // Whether a rule's traffic meets a lost set; lost sets are shared per expression, so each pair is cut once.
  const overlaps = new WeakMap<CompiledRule, Map<TrafficSet, boolean>>();
  const overlapsLost = (r: CompiledRule, lostSet: TrafficSet): boolean => {
    let byLost = overlaps.get(r);
    if (!byLost) overlaps.set(r, (byLost = new Map()));
    let v = byLost.get(lostSet);
    if (v === undefined) byLost.set(lostSet, (v = !r.traffic.intersect(lostSet).isEmpty()));
    return v;
  };

  // Peers whose expression lost traffic, gathered per row and recorded only if the row is emitted.
  const lostPeers: number[] = [];
  for (const direction of ["egress", "ingress"] as const) {
    for (const t of classes) {
      const F = nsx.row(direction, t.index);
      const A = admin.row(direction, t.index);
      const decided = A.decided;
      let needed = false;
      lostPeers.length = 0;
      // One pass: whether the row is needed, its soundness, and each peer's port spec. Rows run long
      // stretches of one (wanted, decided) pair and one admin cell: the previous peer's results are reused.
      let lastF = -1;
      let lastDecided = -1;
      let lastSoundF = -1;
      let lastAllowed = -1;
      let lastNotDenied = -1;
      let e = expressions[0];
      let allowing = false;
      let allowedCount = 0;
      for (let p = 0; p < peerCount; p++) {
        rowsEvaluated++;
        const f = F[p];
        // Admin-allowed ⊆ allowed ⊆ not-denied, so where the admin stage already yields NSX's decision it is sound.
        if (A.allowed[p] !== f) {
          needed = true;
          // Sound: what admin rules allow, NSX allows; what they deny, NSX denies.
          // (NSX rows lie within the universe, so nothing is outside a "not denied" that is the whole universe.)
          if (f !== lastSoundF || A.adminAllowed[p] !== lastAllowed || A.notDenied[p] !== lastNotDenied) {
            lastSoundF = f;
            lastAllowed = A.adminAllowed[p];
            lastNotDenied = A.notDenied[p];
            if (
              interner.subtract(lastAllowed, f) !== empty ||
              (lastNotDenied !== universe && interner.subtract(f, lastNotDenied) !== empty)
            ) {
              explainUnsound(t, direction, p, interner.get(f));
              lastSoundF = -1; // every unsound peer is worded
            }
          }
        }
        if (f !== lastF || decided[p] !== lastDecided) {
          lastF = f;
          lastDecided = decided[p];
          e = express(lastF, lastDecided);
          allowing = specs[e.specId] !== undefined;
        }
        if (allowing) allowedCells[allowedCount++] = e.specId * peerCount + p;
        if (e.hasLost) lostPeers.push(p);
      }
      if (!needed) continue;
      for (const p of lostPeers) {
        const e = express(F[p], decided[p]);
        const ruleIds = nsx
          .applying(direction, t.index, p)
          .filter((r) => r.rule.action === "ALLOW" && overlapsLost(r, e.lost))
          .map((r) => r.rule.id);
        lost.push({
          subject: t.index,
          direction,
          peer: p,
          traffic: e.lost,
          ruleIds: ruleIds.length > 0 ? ruleIds : input.defaultRuleId ? [input.defaultRuleId] : [],
        });
      }
      const grouped = groupRow(allowedCells.subarray(0, allowedCount), peerCount);
      const key = rowKeys.id(grouped.flat);
      if (key === groupedRows.length) groupedRows.push(grouped);
      emittedRows.push({ subject: t.index, direction, key });
    }
  }

  // Group subjects with identical rows per Namespace and direction.
  const groups = new Map<string, Row[]>();
  for (const row of emittedRows) {
    const k = `${classes[row.subject].namespace}\u0000${row.direction}\u0000${row.key}`;
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  const classesIn = new Map<string, number[]>();
  for (const c of classes) {
    const list = classesIn.get(c.namespace);
    if (list) list.push(c.index);
    else classesIn.set(c.namespace, [c.index]);
  }
  // Equal rows give equal rules, in whichever Namespace.
  const rulesByRow = new Map<number, NetworkPolicyRulePlan[]>();
  const describe = memoisedDescribe(describer, nC);
  const blocks = memoisedBlocks(nC, externals, internal);
  const ruleFor = memoisedRules(specs, nC, externals.length, describe, blocks);
  // Specs in `specKey` order, as ranks: each row's rules are sorted by number.
  const specRank = new Int32Array(specs.length);
  specs
    .map((spec, id) => ({ id, key: spec ? specKey(spec) : "" }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .forEach(({ id }, rank) => (specRank[id] = rank));
  // Each policy keeps the rows it was made from; their rule ids are gathered at the end with one scratch mark
  // array (a mark array per policy held rules × policies bytes: 214 MB at 32,000 rules and 6,690 policies).
  const bySubject = new Map<string, { plan: Omit<NetworkPolicyPlan, "name">; rows: Row[][] }>();
  const defaultRuleId = input.defaultRuleId;
  for (const group of groups.values()) {
    const namespace = classes[group[0].subject].namespace;
    const direction = group[0].direction;
    let rules = rulesByRow.get(group[0].key);
    if (!rules) rulesByRow.set(group[0].key, (rules = rulesOfRow(groupedRows[group[0].key], specRank, ruleFor)));
    const inGroup = new Set(group.map((r) => r.subject));
    const members = describer.bitsOf(inGroup);
    const others = describer.bitsOf(classesIn.get(namespace)!.filter((i) => !inGroup.has(i)));
    for (const subjectConj of describer.describe(members, others)) {
      const subject = subjectConj.filter((l) => l.key !== "@namespace");
      const key = `${namespace}\u0000${JSON.stringify(subject)}`;
      let entry = bySubject.get(key);
      if (!entry) bySubject.set(key, (entry = { plan: { namespace, subject, ruleIds: [] }, rows: [] }));
      const existing = entry.plan;
      // The row's own (shared) list when it is the policy's only one: the emitter caches by list.
      existing[direction] = existing[direction] ? [...existing[direction]!, ...rules] : rules;
      entry.rows.push(group);
    }
  }
  const ruleMarks = nsx.ruleMarks();
  for (const { plan, rows } of bySubject.values()) {
    ruleMarks.fill(0);
    for (const group of rows) {
      for (const row of group) {
        const at = nsx.rulesAt(row.direction, row.subject);
        for (let k = 0; k < at.length; k++) ruleMarks[at[k]] = 1;
      }
    }
    const ids = nsx.ruleIdsOfMarked(ruleMarks);
    // In annotation order, so the emitter's list needs no sort.
    if (defaultRuleId && !ids.includes(defaultRuleId)) {
      let at = ids.length;
      while (at > 0 && compareRuleIds(ids[at - 1], defaultRuleId) > 0) at--;
      ids.splice(at, 0, defaultRuleId);
    }
    plan.ruleIds = ids;
  }
  // By Namespace, then subject text: the map's keys, since "\u0000" sorts before every other character.
  const policies = [...bySubject.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, e]) => e.plan);
  return { policies, lost, unsound, rowsEvaluated };
}

/** Peer-class covers, memoised by the set of wanted classes (the unwanted ones are all the others). */
function memoisedDescribe(describer: ClassDescriber, nC: number): (classPeers: readonly number[]) => Conjunction[] {
  const memo = new Map<string, Conjunction[]>();
  return (classPeers) => {
    const key = classPeers.join(",");
    let result = memo.get(key);
    if (!result) {
      const wanted = describer.bitsOf(classPeers);
      const inWanted = new Uint8Array(nC);
      for (const p of classPeers) inWanted[p] = 1;
      const unwanted: number[] = [];
      for (let i = 0; i < nC; i++) if (!inWanted[i]) unwanted.push(i);
      memo.set(key, (result = describer.describe(wanted, describer.bitsOf(unwanted))));
    }
    return result;
  };
}

/**
 * A row's peers grouped by port spec: spec ids ascending (only specs that allow something), each with its
 * peers ascending (classes first, then externals). `flat` lists [spec, count, peers…] per spec: equal rows ⇔
 * equal `flat` (every peer not listed has the one "nothing" spec).
 */
interface GroupedRow {
  present: Int32Array;
  offsets: Int32Array;
  peers: Int32Array;
  flat: Int32Array;
}

function groupRow(cells: Float64Array, peerCount: number): GroupedRow {
  // By spec, then peer: each cell is spec × peerCount + peer, so a numeric sort orders both at once. Only
  // the row's allowing peers are touched (not every peer, nor every spec the estate has).
  cells.sort();
  const present: number[] = [];
  const offsets: number[] = [];
  const peers = new Int32Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const spec = Math.floor(cells[i] / peerCount);
    peers[i] = cells[i] - spec * peerCount;
    if (present.length === 0 || present[present.length - 1] !== spec) {
      present.push(spec);
      offsets.push(i);
    }
  }
  const flat = new Int32Array(peers.length + 2 * present.length);
  let at = 0;
  for (let k = 0; k < present.length; k++) {
    const end = k + 1 < present.length ? offsets[k + 1] : peers.length;
    flat[at++] = present[k];
    flat[at++] = end - offsets[k];
    for (let i = offsets[k]; i < end; i++) flat[at++] = peers[i];
  }
  return { present: Int32Array.from(present), offsets: Int32Array.from(offsets), peers, flat };
}

/** The row's rules: one per port spec, over the peers with that spec, in `specKey` order (`specRank`). */
function rulesOfRow(
  row: GroupedRow,
  specRank: Int32Array,
  ruleFor: (specId: number, peers: Int32Array) => NetworkPolicyRulePlan,
): NetworkPolicyRulePlan[] {
  const order = Array.from(row.present.keys()).sort((a, b) => specRank[row.present[a]] - specRank[row.present[b]]);
  return order.map((k) => {
    const end = k + 1 < row.present.length ? row.offsets[k + 1] : row.peers.length;
    return ruleFor(row.present[k], row.peers.subarray(row.offsets[k], end));
  });
}

/**
 * One rule plan per (ports, peers), whichever row it comes from: most rows repeat the same few hundred rules
 * (e.g. "monitoring → every class on 9100"), and the emitter, the engine's normaliser and the YAML writer
 * all work once per distinct rule object. Peers are indexes over classes then externals, ascending.
 */
function memoisedRules(
  specs: readonly (PortsSpec | undefined)[],
  nC: number,
  externalCount: number,
  describe: (classPeers: readonly number[]) => Conjunction[],
  blocks: (extPeers: readonly number[]) => ReturnType<typeof ipBlocks>,
): (specId: number, peers: Int32Array) => NetworkPolicyRulePlan {
  const ids = new IntListInterner();
  const rules: NetworkPolicyRulePlan[] = [];
  return (specId, peers) => {
    const id = ids.id(peers, specId);
    if (id < rules.length) return rules[id];
    const classPeers: number[] = [];
    const extPeers: number[] = [];
    for (let i = 0; i < peers.length; i++) (peers[i] < nC ? classPeers : extPeers).push(peers[i]);
    const any = classPeers.length === nC && extPeers.length === externalCount;
    const pods: Conjunction[] = !any && classPeers.length > 0 ? describe(classPeers) : [];
    const rule: NetworkPolicyRulePlan = {
      pods,
      ipBlocks: any || extPeers.length === 0 ? [] : blocks(extPeers),
      any,
      ports: specs[specId]!,
    };
    rules.push(rule);
    return rule;
  };
}

/** ipBlocks for a set of external blocks (peer indexes ≥ nC), memoised: rows repeat the same address sets. */
function memoisedBlocks(
  nC: number,
  externals: readonly ExternalClass[],
  internal: IpSet,
): (extPeers: readonly number[]) => ReturnType<typeof ipBlocks> {
  const memo = new Map<string, ReturnType<typeof ipBlocks>>();
  return (extPeers) => {
    const key = extPeers.join(",");
    let result = memo.get(key);
    if (!result) {
      const addresses = extPeers.reduce((acc, p) => acc.union(externals[p - nC].endpoint.addresses), internal.subtract(internal));
      memo.set(key, (result = addresses.isEmpty() ? [] : ipBlocks(addresses, internal)));
    }
    return result;
  };
}
