/**
 * NSX side over the common endpoint space: for a family and a vNIC direction, each VM class's row of
 * allowed traffic towards every peer (VM classes, then external atoms), as interned ids. The rules
 * applicable at a point are found by set membership per distinct selector; peers are grouped by the walk
 * state their applicable rules lead to (`NsxWalkAutomaton`, the steps of the engine's `allowedAtVnic`).
 */
import { ruleCoversFamily, type AddressFamily } from "../nsx/address-family.ts";
import type { CompiledNsx } from "../nsx/compile.ts";
import { vmTakesPart, type Endpoint } from "../nsx/endpoint.ts";
import type { CompiledRule } from "../nsx/rule-table.ts";
import { isAny, selectorMatches, type Selector } from "../nsx/selector.ts";
import type { VnicDirection } from "../nsx/vnic-evaluation.ts";
import { AddressIndex } from "../sets/address-index.ts";
import type { EndpointSpace } from "./endpoint-space.ts";
import {
  intersectOver,
  peerSetOf,
  peerSetOfHits,
  peerSetOfMisses,
  signatureGroups,
  signatureGroupsOfLists,
  type PeerSet,
  type SignatureStep,
} from "./peer-signatures.ts";
import { fillGroups, type WalkGroups } from "./walk-groups.ts";
import { NsxWalkAutomaton } from "./nsx-walk-automaton.ts";
import type { TrafficInterner } from "./traffic-interner.ts";

function selectorKey(entries: readonly string[], negated: boolean): string {
  return `${negated ? "!" : ""}${entries.join("\n")}`;
}

function effectiveScope(rule: CompiledRule): readonly string[] {
  return isAny(rule.policy.scope) ? rule.rule.scope : rule.policy.scope;
}

export interface PreparedDirection {
  family: AddressFamily;
  direction: VnicDirection;
  universe: Int32Array;
  rulesBySubject: number[][];
  peersByRule: (PeerSet | undefined)[];
  /** Walk steps by rule index, made once and shared by every row. */
  stepByRule?: SignatureStep[];
}

/**
 * The same rules seen from the peer's side: for each peer (the destination for OUT, the source for IN),
 * the rules whose peer side matches it, in table order, each with the subjects (VM classes) it applies
 * at. A column — one peer, every subject — walks only the rules that can match that peer, so when many
 * rules apply at every subject (e.g. "ANY → app-web") but each matches few peers, columns are cheap.
 */
export interface PreparedColumns {
  family: AddressFamily;
  direction: VnicDirection;
  /** VM classes taking part in the family. */
  subjects: Int32Array;
  rulesByPeer: number[][];
  subjectsByRule: (PeerSet | undefined)[];
  /** Per peer, the walk steps of `rulesByPeer` (shared step objects). */
  stepsByPeer: SignatureStep[][];
}

export class NsxEnforcement {
  readonly automaton: NsxWalkAutomaton;
  private readonly peerSets = new Map<string, PeerSet>();
  private readonly peerCount: number;
  /** VM id of each class's representative → class index. */
  private readonly classOfRepresentative = new Map<string, number>();

  constructor(
    readonly compiled: CompiledNsx,
    readonly space: EndpointSpace,
    private readonly interner: TrafficInterner,
  ) {
    this.peerCount = space.vmClasses.length + space.atoms.length;
    space.vmClasses.forEach((c, v) => this.classOfRepresentative.set(c.nsx.vm.id, v));
    this.automaton = new NsxWalkAutomaton(compiled.rules, compiled.estate.defaultAction, interner);
  }

  /** The endpoint standing for peer index `peer`. */
  peerEndpoint(peer: number): Endpoint {
    const c = this.space.vmClasses.length;
    return peer < c ? this.space.vmClasses[peer].nsx : { kind: "external", addresses: this.space.atoms[peer - c].addresses };
  }

  /** Peers (VM classes taking part in the family, atoms of the family). */
  universe(family: AddressFamily): Int32Array {
    const peers: number[] = [];
    this.space.vmClasses.forEach((c, i) => {
      if (vmTakesPart(c.nsx, family)) peers.push(i);
    });
    const c = this.space.vmClasses.length;
    this.space.atoms.forEach((a, i) => {
      if (a.family === family) peers.push(c + i);
    });
    return Int32Array.from(peers);
  }

  private selectorPeers(key: string, selector: Selector, family: AddressFamily, universe: Int32Array): PeerSet {
    const memoKey = `${family}|${key}`;
    let set = this.peerSets.get(memoKey);
    if (!set) {
      if (!selector.any) {
        // A VM class matches by its representative's id or, for selectors with addresses, by its addresses; an
        // external block only by addresses. The candidates are listed from the members and the peers' address
        // index, not by a scan of the universe with a predicate: selectors are many, members of each few.
        const c = this.space.vmClasses.length;
        const inUniverse = this.inUniverse(universe);
        const candidates = new Set<number>(selector.ips.isEmpty() ? [] : this.peerAddresses().overlapping(selector.ips, family));
        if (selector.vmIds.size < c) {
          for (const id of selector.vmIds) {
            const v = this.classOfRepresentative.get(id);
            if (v !== undefined) candidates.add(v);
          }
        } else for (let v = 0; v < c; v++) if (selector.vmIds.has(this.space.vmClasses[v].nsx.vm.id)) candidates.add(v);
        const listed = [...candidates]
          .filter((peer) => inUniverse[peer] && selectorMatches(selector, this.peerEndpoint(peer), family) !== selector.negated)
          .sort((a, b) => a - b);
        set = selector.negated ? peerSetOfMisses(universe, listed) : peerSetOfHits(universe, listed);
      } else set = peerSetOf(universe, (peer) => selectorMatches(selector, this.peerEndpoint(peer), family));
      this.peerSets.set(memoKey, set);
    }
    return set;
  }

  private addressIndex?: AddressIndex;

  /** The peers' addresses (VM classes by their representative, then atoms), indexed by interval. */
  private peerAddresses(): AddressIndex {
    this.addressIndex ??= new AddressIndex([
      ...this.space.vmClasses.map((c) => c.nsx.addresses),
      ...this.space.atoms.map((a) => a.addresses),
    ]);
    return this.addressIndex;
  }

  private universeMarks = new WeakMap<Int32Array, Uint8Array>();

  /** Per peer index: 1 when it is in `universe`. */
  private inUniverse(universe: Int32Array): Uint8Array {
    let marks = this.universeMarks.get(universe);
    if (!marks) {
      marks = new Uint8Array(this.peerCount);
      for (let i = 0; i < universe.length; i++) marks[universe[i]] = 1;
      this.universeMarks.set(universe, marks);
    }
    return marks;
  }

  private scopePeers(rule: CompiledRule, family: AddressFamily, universe: Int32Array): PeerSet {
    const memoKey = `scope|${family}|${effectiveScope(rule).join("\n")}`;
    let set = this.peerSets.get(memoKey);
    if (!set) {
      const c = this.space.vmClasses.length;
      set = peerSetOf(
        universe,
        (peer) => peer < c && (rule.appliedTo.any || rule.appliedTo.vmIds.has(this.space.vmClasses[peer].nsx.vm.id)),
      );
      this.peerSets.set(memoKey, set);
    }
    return set;
  }

  /**
   * For a family and direction: per VM class (subject) the rules that apply at its vNIC for some peer,
   * in table order, and per rule the peers its other side matches.
   */
  prepare(family: AddressFamily, direction: VnicDirection): PreparedDirection {
    const universe = this.universe(family);
    const rulesBySubject: number[][] = this.space.vmClasses.map(() => []);
    const peersByRule: (PeerSet | undefined)[] = [];
    const inUniverse = new Uint8Array(this.peerCount);
    for (const peer of universe) inUniverse[peer] = 1;
    const c = this.space.vmClasses.length;
    this.compiled.rules.forEach((rule, index) => {
      const ruleDirection = rule.rule.direction;
      if (ruleDirection !== "IN_OUT" && ruleDirection !== direction) return;
      if (!ruleCoversFamily(rule.rule.ipProtocol, family)) return;
      const out = direction === "OUT";
      const ownSet = out
        ? this.selectorPeers(selectorKey(rule.rule.sources, rule.rule.sourcesExcluded), rule.sources, family, universe)
        : this.selectorPeers(selectorKey(rule.rule.destinations, rule.rule.destinationsExcluded), rule.destinations, family, universe);
      const peerSet = out
        ? this.selectorPeers(selectorKey(rule.rule.destinations, rule.rule.destinationsExcluded), rule.destinations, family, universe)
        : this.selectorPeers(selectorKey(rule.rule.sources, rule.rule.sourcesExcluded), rule.sources, family, universe);
      // A rule whose other side matches no peer never applies.
      if (peerSet.kind === "none") return;
      peersByRule[index] = peerSet;
      const scopeSet = this.scopePeers(rule, family, universe);
      const [driver, other] = setSize(ownSet, universe) <= setSize(scopeSet, universe) ? [ownSet, scopeSet] : [scopeSet, ownSet];
      forEachMember(driver, universe, (v) => {
        if (v < c && inUniverse[v] && contains(other, v)) rulesBySubject[v].push(index);
      });
    });
    return { family, direction, universe, rulesBySubject, peersByRule };
  }

  /** Per peer of the family's universe, the rules whose peer side matches it (see `PreparedColumns`). */
  prepareColumns(family: AddressFamily, direction: VnicDirection): PreparedColumns {
    const universe = this.universe(family);
    const c = this.space.vmClasses.length;
    const subjects = universe.filter((peer) => peer < c);
    const rulesByPeer: number[][] = Array.from({ length: this.peerCount }, () => []);
    const stepsByPeer: SignatureStep[][] = Array.from({ length: this.peerCount }, () => []);
    const subjectsByRule: (PeerSet | undefined)[] = [];
    const subjectSets = new Map<string, PeerSet>();
    const out = direction === "OUT";
    this.compiled.rules.forEach((rule, index) => {
      const ruleDirection = rule.rule.direction;
      if (ruleDirection !== "IN_OUT" && ruleDirection !== direction) return;
      if (!ruleCoversFamily(rule.rule.ipProtocol, family)) return;
      const ownKey = out
        ? selectorKey(rule.rule.sources, rule.rule.sourcesExcluded)
        : selectorKey(rule.rule.destinations, rule.rule.destinationsExcluded);
      const ownSet = out
        ? this.selectorPeers(ownKey, rule.sources, family, universe)
        : this.selectorPeers(ownKey, rule.destinations, family, universe);
      const peerSet = out
        ? this.selectorPeers(selectorKey(rule.rule.destinations, rule.rule.destinationsExcluded), rule.destinations, family, universe)
        : this.selectorPeers(selectorKey(rule.rule.sources, rule.rule.sourcesExcluded), rule.sources, family, universe);
      if (peerSet.kind === "none") return;
      const scopeKey = effectiveScope(rule).join("\n");
      const memoKey = `${ownKey}\u0000${scopeKey}`;
      let subjectSet = subjectSets.get(memoKey);
      if (!subjectSet) {
        const scopeSet = this.scopePeers(rule, family, universe);
        subjectSet = intersectOver(subjects, c, ownSet, scopeSet);
        subjectSets.set(memoKey, subjectSet);
      }
      if (subjectSet.kind === "none") return;
      subjectsByRule[index] = subjectSet;
      const step: SignatureStep = { token: index, peers: subjectSet };
      forEachMember(peerSet, universe, (peer) => {
        rulesByPeer[peer].push(index);
        stepsByPeer[peer].push(step);
      });
    });
    return { family, direction, subjects, rulesByPeer, subjectsByRule, stepsByPeer };
  }

  /**
   * Allowed traffic ids at the subject's vNIC towards (OUT) or from (IN) every peer. Subjects or peers
   * outside the family get the empty set.
   */
  row(prepared: PreparedDirection, subject: number): Int32Array {
    const { family, universe, rulesBySubject, peersByRule } = prepared;
    const row = new Int32Array(this.peerCount).fill(this.interner.emptyId);
    if (!vmTakesPart(this.space.vmClasses[subject].nsx, family)) return row;
    const stepByRule = (prepared.stepByRule ??= []);
    const steps = rulesBySubject[subject].map((index) => (stepByRule[index] ??= { token: index, peers: peersByRule[index]! }));
    this.fill(
      row,
      signatureGroups(this.automaton, this.peerCount, [{ node: this.automaton.root(family), peers: universe }], steps),
      undefined,
    );
    return row;
  }

  /**
   * `row` for every subject at once (index = VM class; subjects outside the family get empty rows): the
   * subjects' rule lists share long prefixes, walked once (`signatureGroupsOfLists`).
   */
  rows(prepared: PreparedDirection, limitId?: number): Int32Array[] {
    const rows: (Int32Array | undefined)[] = new Array(this.space.vmClasses.length);
    this.eachRow(prepared, rows.keys(), (subject, row) => (rows[subject] = row), limitId);
    // Only subjects outside the family get an empty row (the walked ones have theirs: no second allocation).
    for (let v = 0; v < rows.length; v++) rows[v] ??= new Int32Array(this.peerCount).fill(this.interner.emptyId);
    return rows as Int32Array[];
  }

  /** `row` of each subject in `subjects` taking part in the family, handed to `visit` in walk order. */
  eachRow(
    prepared: PreparedDirection,
    subjects: Iterable<number>,
    visit: (subject: number, row: Int32Array) => void,
    limitId?: number,
  ): void {
    this.eachRowWalk(prepared, subjects, (subject, walk) => {
      const row = new Int32Array(this.peerCount);
      this.fill(row, walk, limitId);
      visit(subject, row);
    });
  }

  /**
   * `eachRow` as the walks themselves (values: `automaton.allowed(node)`; peers in no group: the empty set),
   * for callers that compare rows without writing them out (`WalkComparer`).
   */
  eachRowWalk(prepared: PreparedDirection, subjects: Iterable<number>, visit: (subject: number, walk: WalkGroups) => void): void {
    const { family, universe, rulesBySubject, peersByRule } = prepared;
    const stepByRule = (prepared.stepByRule ??= []);
    const walked: number[] = [];
    const lists: SignatureStep[][] = [];
    for (const v of subjects) {
      if (!vmTakesPart(this.space.vmClasses[v].nsx, family)) continue;
      walked.push(v);
      lists.push(rulesBySubject[v].map((index) => (stepByRule[index] ??= { token: index, peers: peersByRule[index]! })));
    }
    signatureGroupsOfLists(this.automaton, this.peerCount, [{ node: this.automaton.root(family), peers: universe }], lists, (i, walk) =>
      visit(walked[i], walk),
    );
  }

  /**
   * For each peer of `peers`, the walk over every subject VM class at the subjects' vNICs towards (OUT) or from
   * (IN) that peer — the `row` matrix's column — handed to `visit` with the peer's position in `peers`, in walk
   * order (common rule-list prefixes are walked once). Values as in `eachRowWalk`; the walks' base is
   * `prepared.subjects`.
   */
  eachColumnWalk(prepared: PreparedColumns, peers: ArrayLike<number>, visit: (position: number, walk: WalkGroups) => void): void {
    const { family, subjects, stepsByPeer } = prepared;
    const lists = Array.from(peers, (peer) => stepsByPeer[peer]);
    signatureGroupsOfLists(this.automaton, this.peerCount, [{ node: this.automaton.root(family), peers: subjects }], lists, visit);
  }

  /**
   * The columns written straight into subject rows: `rows[subject][peers[i]]` gets the subject's allowed
   * traffic (∩ `limitId`) towards / from `peers[i]`, for every subject of the family. Columns are filled a
   * batch at a time and then written row by row (the batch's peers in ascending order): writing each
   * column down every row touched a different row per cell, which at 10,000 classes cost more than the walks.
   */
  columnsInto(prepared: PreparedColumns, peers: ArrayLike<number>, rows: readonly Int32Array[], limitId?: number): void {
    const length = this.space.vmClasses.length;
    const batch = Math.max(64, Math.min(1024, Math.floor((1 << 22) / Math.max(1, length))));
    const buffer = new Int32Array(batch * length);
    const batchPeers = new Int32Array(batch);
    let filled = 0;
    const { subjects } = prepared;
    const flush = () => {
      const order = Array.from({ length: filled }, (_, k) => k).sort((a, b) => batchPeers[a] - batchPeers[b]);
      for (let j = 0; j < subjects.length; j++) {
        const subject = subjects[j];
        const row = rows[subject];
        for (let k = 0; k < order.length; k++) row[batchPeers[order[k]]] = buffer[order[k] * length + subject];
      }
      filled = 0;
    };
    this.eachColumnWalk(prepared, peers, (i, walk) => {
      this.fill(buffer.subarray(filled * length, (filled + 1) * length), walk, limitId);
      batchPeers[filled++] = peers[i];
      if (filled === batch) flush();
    });
    flush();
  }

  /** Writes each group's allowed traffic (∩ `limitId` when given) at its members. */
  private fill(target: Int32Array, walk: WalkGroups, limitId: number | undefined): void {
    const { automaton, interner } = this;
    fillGroups(
      target,
      walk,
      (node) => (limitId === undefined ? automaton.allowed(node) : interner.restrict(automaton.allowed(node), limitId)),
      interner.emptyId,
    );
  }

  get distinctWalks(): number {
    return this.automaton.stateCount;
  }
}

export function setSize(set: PeerSet, universe: Int32Array): number {
  switch (set.kind) {
    case "all":
      return universe.length;
    case "none":
      return 0;
    case "list":
      return set.peers.length;
    case "allBut":
      return universe.length - set.peers.length;
  }
}

export function forEachMember(set: PeerSet, universe: Int32Array, visit: (peer: number) => void): void {
  if (set.kind === "none") return;
  if (set.kind === "list") {
    for (let i = 0; i < set.peers.length; i++) visit(set.peers[i]);
    return;
  }
  for (let i = 0; i < universe.length; i++) if (set.kind === "all" || !binarySearch(set.peers, universe[i])) visit(universe[i]);
}

/** Membership test on a compact peer set (lists are sorted ascending: built from an ascending universe). */
export function contains(set: PeerSet, peer: number): boolean {
  switch (set.kind) {
    case "all":
      return true;
    case "none":
      return false;
    case "list":
      return binarySearch(set.peers, peer);
    case "allBut":
      return !binarySearch(set.peers, peer);
  }
}

function binarySearch(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = sorted[mid];
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
