/**
 * Adapter onto the equivalence engine (src/policy/equivalence): NSX and Kubernetes decisions for whole rows
 * of peers at once, as interned TrafficSet ids. A subject's row is computed by partition refinement over the
 * rules that apply at its enforcement point (`NsxEnforcement`, `K8sEnforcement`: the engines' own first-match
 * walks over interned states), so the cost grows with distinct rule lists, not subject × peer pairs, and equal
 * sets compare as equal integers. Used by the class-based NetworkPolicy stage and by the round trip.
 */
import {
  type CompiledNsx,
  type VmEndpoint,
  type CompiledRule,
  type Direction,
  type NormalisedPolicy,
  type Party,
  type IpSet,
  TrafficSet,
  type EndpointSpace,
  type CommonVmClass,
  type ExternalAtom,
  K8sEnforcement,
  contains,
  NsxEnforcement,
  type PreparedDirection,
  PairTable,
  TrafficInterner,
} from "../../policy/index.ts";
import { comparisonUniverse } from "../services/service-to-ports.ts";
import { compareRuleIds } from "../emit/object-names.ts";

export const NSX_DIRECTION = { egress: "OUT", ingress: "IN" } as const;

/** An endpoint space from subjects the caller already grouped (one NSX representative and one party each). */
export function spaceOf(
  subjects: readonly { nsx: VmEndpoint; party: Party & { kind: "endpoint" } }[],
  externals: readonly IpSet[],
): EndpointSpace {
  const vmClasses: CommonVmClass[] = subjects.map((s, index) => ({
    index,
    nsxClassIndex: -1,
    k8sClassKey: "",
    members: [],
    nsx: s.nsx,
    k8s: s.party,
  }));
  const atoms: ExternalAtom[] = externals.map((addresses, index) => ({ index, family: 4, addresses, nsxClassIndex: -1 }));
  return { vmClasses, atoms };
}

/** NSX (IPv4) rows per subject and direction, restricted to the comparison universe, as interned ids. */
export class NsxRows {
  readonly universeId: number;
  private readonly nsx: NsxEnforcement;
  private readonly prepared: Record<Direction, PreparedDirection>;
  private readonly cache: Record<Direction, (Int32Array | undefined)[]> = { egress: [], ingress: [] };

  constructor(
    private readonly compiled: CompiledNsx,
    readonly space: EndpointSpace,
    readonly interner: TrafficInterner,
  ) {
    this.universeId = interner.intern(comparisonUniverse());
    this.nsx = new NsxEnforcement(compiled, space, interner);
    this.prepared = { egress: this.nsx.prepare(4, "OUT"), ingress: this.nsx.prepare(4, "IN") };
  }

  get peerCount(): number {
    return this.space.vmClasses.length + this.space.atoms.length;
  }

  /** Whether the subject class takes part in IPv4 (others have an empty row). */
  takesPart(subject: number): boolean {
    return this.prepared.egress.universe.includes(subject);
  }

  /** What the subject's vNIC allows towards (egress) / from (ingress) every peer, within the universe. */
  row(direction: Direction, subject: number): Int32Array {
    return (direction === "egress" ? this.egressRows() : this.ingressRows())[subject]!;
  }

  /** Every ingress row at once (subjects' rule lists share long prefixes, walked once). */
  private ingressRows(): (Int32Array | undefined)[] {
    const rows = this.cache.ingress;
    if (rows.length === 0) rows.push(...this.nsx.rows(this.prepared.ingress, this.universeId));
    return rows;
  }

  /**
   * Every egress row at once, walked a destination column at a time: rules such as "ANY → app-web" apply at
   * every subject's vNIC but match few destinations, so a column walks far fewer steps than a row (same
   * first-match, so the same interned ids). Peers outside the family keep the empty set.
   */
  private egressRows(): (Int32Array | undefined)[] {
    const rows = this.cache.egress;
    if (rows.length > 0) return rows;
    const nC = this.space.vmClasses.length;
    const { emptyId } = this.interner;
    for (let s = 0; s < nC; s++) rows.push(new Int32Array(this.peerCount).fill(emptyId));
    // Each column is written straight into the subjects' rows (no class-by-class matrix of columns).
    this.nsx.columnsInto(this.nsx.prepareColumns(4, "OUT"), this.prepared.egress.universe, rows as Int32Array[], this.universeId);
    return rows;
  }

  /** Every subject's rows in both directions (the NetworkPolicy stage reads them all). */
  computeAll(): void {
    this.egressRows();
    this.ingressRows();
  }

  /** Rule indexes (into `compiled.rules`) applying at the subject's vNIC for some peer, in table order. */
  rulesAt(direction: Direction, subject: number): readonly number[] {
    return this.prepared[direction].rulesBySubject[subject];
  }

  private ruleAtRank: Int32Array | undefined;

  /** A mark per rule (index into `compiled.rules`), all clear, for `ruleIdsOfMarked`. */
  ruleMarks(): Uint8Array {
    return new Uint8Array(this.compiled.rules.length);
  }

  /**
   * Ids of the marked rules, distinct, in annotation order (`compareRuleIds`): every rule's rank is computed
   * once, so each policy's list is a scan of the ranks instead of a sort of strings.
   */
  ruleIdsOfMarked(marked: Uint8Array): string[] {
    const rules = this.compiled.rules;
    if (!this.ruleAtRank) {
      const order = rules.map((_, i) => i).sort((a, b) => compareRuleIds(rules[a].rule.id, rules[b].rule.id) || a - b);
      this.ruleAtRank = Int32Array.from(order);
    }
    const ids: string[] = [];
    // Equal ids sort next to each other, so distinct means "not the one just taken".
    const order = this.ruleAtRank;
    for (let k = 0; k < order.length; k++) {
      const r = order[k];
      if (!marked[r]) continue;
      const id = rules[r].rule.id;
      if (ids.length === 0 || ids[ids.length - 1] !== id) ids.push(id);
    }
    return ids;
  }

  /** Ids of the rules applying at the subject's vNIC for some peer. */
  ruleIdsAt(direction: Direction, subject: number): string[] {
    return this.rulesAt(direction, subject).map((r) => this.compiled.rules[r].rule.id);
  }

  /** The rules applying at the subject's vNIC with `peer` at the other end, in table order. */
  applying(direction: Direction, subject: number, peer: number): CompiledRule[] {
    const prepared = this.prepared[direction];
    return prepared.rulesBySubject[subject].filter((r) => contains(prepared.peersByRule[r]!, peer)).map((r) => this.compiled.rules[r]);
  }
}

/**
 * The translator's NSX rows, offered to the round trip so it does not compute them again. NSX treats every
 * member of one NSX VM class alike, and every address of one NSX external class alike (classes are cut at
 * every selector boundary), so a round-trip cell's row is the row of any translation class whose
 * representative lies in the same NSX VM class, read at the peers' NSX classes. Lookups are by NSX class
 * index (`compiled.vmClasses` / `compiled.externalClasses`); -1 where the translation has no such subject/peer.
 */
export class SharedNsxRows {
  constructor(
    readonly compiled: CompiledNsx,
    readonly rows: NsxRows,
    /** NSX VM class index → subject index in `rows` (-1: none). */
    readonly subjectOfVmClass: Int32Array,
    /** NSX external class index → peer index in `rows` (-1: none). */
    readonly peerOfExternalClass: Int32Array,
  ) {}

  /**
   * Another space over the same compiled estate read through these rows, or undefined when a class is not
   * covered: `subjectOf[cell]` is the row to read for a cell, `peerOf[cell or nC + atom]` the place to read in
   * it. Nothing is copied: cells of one NSX class share their translation subject's row.
   */
  viewFor(space: EndpointSpace): NsxRowView | undefined {
    const nC = space.vmClasses.length;
    const peerOf = new Int32Array(nC + space.atoms.length);
    const subjectOf = new Int32Array(nC);
    for (const c of space.vmClasses) {
      const t = c.nsxClassIndex >= 0 ? (this.subjectOfVmClass[c.nsxClassIndex] ?? -1) : -1;
      if (t < 0) return undefined;
      subjectOf[c.index] = peerOf[c.index] = t;
    }
    for (const a of space.atoms) {
      const e = a.family === 4 && a.nsxClassIndex >= 0 ? (this.peerOfExternalClass[a.nsxClassIndex] ?? -1) : -1;
      if (e < 0) return undefined;
      peerOf[nC + a.index] = e;
    }
    return { row: (direction, cell) => this.rows.row(direction, subjectOf[cell]), peerOf };
  }
}

/** NSX rows seen from another endpoint space: `row(direction, cell)[peerOf[peer]]` is the cell's decision. */
export interface NsxRowView {
  row: (direction: Direction, cell: number) => Int32Array;
  peerOf: Int32Array;
}

/** The admin stage's decisions for one subject towards every peer: everything the NetworkPolicy stage needs. */
export interface AdminRow {
  /** Allowed by the admin objects as emitted (ANPs + baseline), within the universe. */
  allowed: Int32Array;
  /** Traffic an admin rule allowed or denied (not passed, not left to the baseline). */
  decided: Int32Array;
  /** Allowed by an admin rule, within the universe. */
  adminAllowed: Int32Array;
  /** Not denied by an admin rule (allowed or undecided), within the universe. */
  notDenied: Int32Array;
}

/**
 * The admin objects (AdminNetworkPolicies / ClusterNetworkPolicies + baseline) through the engine's
 * Kubernetes walk. One walk of the admin policies alone: where it ends, what admin rules allowed is what
 * remains allowed with the baseline replaced by "deny everything" (that rule would deny everything still
 * undecided, so the state's allowed set), and what the walk allows with no baseline is what admin rules do
 * not deny. The baseline is walked on its own. As emitted (no NetworkPolicies yet), what is undecided by
 * admin rules goes to the baseline's first match and then the default allow, flow by flow, so
 * allowed = admin-allowed ∪ (undecided ∩ baseline-alone-allowed) exactly.
 */
export class AdminRows {
  private readonly admin: K8sEnforcement;
  private readonly baseline: K8sEnforcement | undefined;
  private readonly allId: number;

  constructor(
    policies: readonly NormalisedPolicy[],
    space: EndpointSpace,
    private readonly interner: TrafficInterner,
    private readonly universeId: number,
  ) {
    if (policies.some((p) => p.stage === "networkPolicy")) throw new Error("AdminRows: admin objects only");
    const admin = policies.filter((p) => p.stage === "admin");
    const baseline = policies.filter((p) => p.stage === "baseline");
    this.admin = new K8sEnforcement(admin, space, interner);
    this.baseline = baseline.length > 0 ? new K8sEnforcement(baseline, space, interner) : undefined;
    this.allId = interner.intern(TrafficSet.all());
  }

  row(direction: Direction, subject: number): AdminRow {
    const { interner, universeId, allId } = this;
    const automaton = this.admin.automaton;
    const nodes = this.admin.rowNodes(direction, subject);
    const baseline = this.baseline?.sharedRow(direction, subject);
    // Subjects that walk alike get the same arrays, hence the same decisions.
    const byBaseline = this.rowsByNodes.get(nodes);
    const known = byBaseline?.get(baseline);
    if (known) return known;
    const n = nodes.length;
    const allowed = new Int32Array(n);
    const decided = new Int32Array(n);
    const adminAllowed = new Int32Array(n);
    const notDenied = new Int32Array(n);
    const { memo, cells } = this;
    // Rows run long stretches of one (node, baseline) pair: the previous peer's cell is reused.
    let lastNode = -1;
    let lastBaseline = -1;
    let cell = -1;
    for (let p = 0; p < n; p++) {
      const node = nodes[p];
      const baselineId = baseline ? baseline[p] : 0;
      if (node !== lastNode || baselineId !== lastBaseline) {
        lastNode = node;
        lastBaseline = baselineId;
        cell = memo.get(node, baselineId);
      }
      if (cell < 0) {
        const ruleAllowed = automaton.ruleAllowed(node);
        const notDeniedId = automaton.allowed(node);
        const undecided = interner.subtract(notDeniedId, ruleAllowed);
        cell = cells.length;
        cells.push(
          interner.restrict(baseline ? interner.union(ruleAllowed, interner.intersect(undecided, baselineId)) : notDeniedId, universeId),
          interner.subtract(allId, undecided),
          interner.restrict(ruleAllowed, universeId),
          interner.restrict(notDeniedId, universeId),
        );
        memo.set(node, baselineId, cell);
      }
      allowed[p] = cells[cell];
      decided[p] = cells[cell + 1];
      adminAllowed[p] = cells[cell + 2];
      notDenied[p] = cells[cell + 3];
    }
    const row = { allowed, decided, adminAllowed, notDenied };
    if (byBaseline) byBaseline.set(baseline, row);
    else this.rowsByNodes.set(nodes, new Map([[baseline, row]]));
    return row;
  }

  private readonly rowsByNodes = new WeakMap<Int32Array, Map<Int32Array | undefined, AdminRow>>();

  /** (end node, baseline-alone id) → offset into `cells` of [allowed, decided, adminAllowed, notDenied]. */
  private readonly memo = new PairTable();
  private readonly cells: number[] = [];
}

export { TrafficInterner };
