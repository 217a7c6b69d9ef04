/**
 * For one enforcement point's subject, which peers see the same ordered list of applicable rules.
 * Peers start in groups (one per walk context, e.g. destination named ports) and every applicable rule, in
 * order, splits the groups by the peers it matches (partition refinement): cost is the size of the matched
 * lists plus the number of groups, never peers × rules. Each final group carries its trie node: equal
 * node ⇔ equal rule list ⇔ equal first-match outcome.
 */
import { isWalkGroups, marksOf, type PeerGroup, type WalkGroups, type WalkStart } from "./walk-groups.ts";

/** Anything that extends a node by a token: a trie of rule lists, or a walk automaton over states. */
export interface Transitions {
  child(node: number, token: number): number;
}

/** A rule's peers as the smaller of the matched list or its complement, over one peer universe. */
export type PeerSet = { kind: "all" } | { kind: "none" } | { kind: "list"; peers: Int32Array } | { kind: "allBut"; peers: Int32Array };

export interface SignatureStep {
  token: number;
  peers: PeerSet;
}

/** `matches(peer)` over `universe`, stored compactly. */
export function peerSetOf(universe: Int32Array, matches: (peer: number) => boolean): PeerSet {
  const hit: number[] = [];
  const miss: number[] = [];
  for (let i = 0; i < universe.length; i++) (matches(universe[i]) ? hit : miss).push(universe[i]);
  if (miss.length === 0) return { kind: "all" };
  if (hit.length === 0) return { kind: "none" };
  return hit.length <= miss.length ? { kind: "list", peers: Int32Array.from(hit) } : { kind: "allBut", peers: Int32Array.from(miss) };
}

/**
 * `peerSetOf(subjects, v => has(a, v) && has(b, v))` where `subjects` are the universe's peers
 * below `c`: from a listed side when there is one (cost: the list), else by the scan.
 */
export function intersectOver(subjects: Int32Array, c: number, a: PeerSet, b: PeerSet): PeerSet {
  // As `peerSetOf`: over no subjects every predicate holds for all of them.
  if (subjects.length === 0) return { kind: "all" };
  if (a.kind === "none" || b.kind === "none") return { kind: "none" };
  if (a.kind !== "list" && b.kind !== "list") return peerSetOf(subjects, (v) => has(a, v) && has(b, v));
  const [listed, other] = a.kind === "list" ? [a, b] : [b, a];
  const hits: number[] = [];
  const peers = (listed as PeerSet & { peers: Int32Array }).peers;
  // Listed peers come from the universe, so those below c are subjects.
  for (let i = 0; i < peers.length; i++) if (peers[i] < c && has(other, peers[i])) hits.push(peers[i]);
  return peerSetOfHits(subjects, hits);
}

/** The compact set of `hits` (ascending, all in `universe`): exactly what `peerSetOf` makes for them. */
export function peerSetOfHits(universe: Int32Array, hits: ArrayLike<number>): PeerSet {
  if (hits.length === universe.length) return { kind: "all" };
  if (hits.length === 0) return { kind: "none" };
  if (hits.length * 2 <= universe.length) return { kind: "list", peers: Int32Array.from(hits) };
  return { kind: "allBut", peers: complementOf(universe, hits) };
}

/** The compact set of every peer of `universe` except `misses` (ascending, all in `universe`). */
export function peerSetOfMisses(universe: Int32Array, misses: readonly number[]): PeerSet {
  if (misses.length === 0) return { kind: "all" };
  if (misses.length === universe.length) return { kind: "none" };
  if ((universe.length - misses.length) * 2 <= universe.length) return { kind: "list", peers: complementOf(universe, misses) };
  return { kind: "allBut", peers: Int32Array.from(misses) };
}

/** The peers of ascending `universe` not in ascending `subset` (a subset of it). */
function complementOf(universe: Int32Array, subset: ArrayLike<number>): Int32Array {
  const out = new Int32Array(universe.length - subset.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < universe.length; i++) {
    if (j < subset.length && subset[j] === universe[i]) j++;
    else out[k++] = universe[i];
  }
  return out;
}

function has(set: PeerSet, peer: number): boolean {
  if (set.kind === "all" || set.kind === "none") return set.kind === "all";
  // Lists are ascending (made from an ascending universe).
  let lo = 0;
  let hi = set.peers.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (set.peers[mid] === peer) return set.kind === "list";
    if (set.peers[mid] < peer) lo = mid + 1;
    else hi = mid - 1;
  }
  return set.kind === "allBut";
}

/**
 * `initial`: the starting groups (disjoint peer lists with their root nodes). `peerCount`: size of the
 * index space peers come from (peers outside every initial group are ignored).
 *
 * Groups are kept one per distinct node: peers whose walks reach the same node share every later step
 * (equal state ⇔ equal future), so they merge (smaller into larger). A step that lists peers costs the
 * list's length plus one transition per touched group; a step over all peers (or all but a list) costs one
 * transition per live group — the distinct states at that point, not the peers or the rules seen so far.
 */
export function signatureGroups(trie: Transitions, peerCount: number, initial: WalkStart, steps: readonly SignatureStep[]): WalkGroups {
  // Walks reuse one set of buffers (a walk runs to completion before the next starts): at thousands of
  // walks per estate, fresh arrays per walk were a large share of the garbage collector's work.
  const walk = spareWalk ?? new GroupWalk();
  spareWalk = undefined;
  try {
    walk.reset(trie, peerCount);
    walk.start(initial);
    for (let i = 0; i < steps.length; i++) walk.step(steps[i]);
    return walk.groups();
  } finally {
    walk.release();
    spareWalk = walk;
  }
}

/** Below this many peers a walk lists every group (an implicit rest saves nothing worth its bookkeeping). */
const REST_MIN_PEERS = 64;

/**
 * `signatureGroups` for many step lists at once, walking the prefixes they share once: the lists form a trie
 * (by token: within one call a token must always carry the same peers), each run of the trie without a
 * branch or an ending list is one walk from the groups where it starts, and `visit(i, groups)` gets list i's
 * final groups. NSX rules apply in table order and most subjects share long runs of them (the Emergency and
 * Infrastructure rules), so at benchmark sizes this walks about a tenth of the steps.
 */
export function signatureGroupsOfLists(
  trie: Transitions,
  peerCount: number,
  initial: WalkStart,
  lists: readonly (readonly SignatureStep[])[],
  visit: (list: number, groups: WalkGroups) => void,
): void {
  // Most trie nodes have one child and end no list: a child field, with a map (in insertion order) only
  // where lists branch, keeps the trie to one small object per node (thousands of lists, long ones).
  interface TrieNode {
    step: SignatureStep | undefined;
    child: TrieNode | undefined;
    children: Map<number, TrieNode> | undefined;
    ends: number[] | undefined;
  }
  const newNode = (step: SignatureStep | undefined): TrieNode => ({ step, child: undefined, children: undefined, ends: undefined });
  const childOf = (node: TrieNode, step: SignatureStep): TrieNode => {
    if (node.children) {
      let child = node.children.get(step.token);
      if (!child) node.children.set(step.token, (child = newNode(step)));
      return child;
    }
    if (!node.child) return (node.child = newNode(step));
    if (node.child.step!.token === step.token) return node.child;
    const child = newNode(step);
    node.children = new Map([
      [node.child.step!.token, node.child],
      [step.token, child],
    ]);
    node.child = undefined;
    return child;
  };
  const root = newNode(undefined);
  for (let i = 0; i < lists.length; i++) {
    const steps = lists[i];
    let node = root;
    for (let k = 0; k < steps.length; k++) node = childOf(node, steps[k]);
    (node.ends ??= []).push(i);
  }
  const descendChild = (child: TrieNode, groups: WalkStart): void => {
    const segment: SignatureStep[] = [child.step!];
    let end = child;
    while (!end.ends && end.child) {
      end = end.child;
      segment.push(end.step!);
    }
    descend(end, signatureGroups(trie, peerCount, groups, segment));
  };
  const descend = (node: TrieNode, groups: WalkStart): void => {
    if (node.ends) {
      // A list ending at the root gets the start as a walk's result (no step changes it).
      const result = isWalkGroups(groups) ? groups : signatureGroups(trie, peerCount, groups, []);
      for (let e = 0; e < node.ends.length; e++) visit(node.ends[e], result);
    }
    if (node.child) descendChild(node.child, groups);
    else if (node.children) for (const child of node.children.values()) descendChild(child, groups);
  };
  descend(root, initial);
}

let spareWalk: GroupWalk | undefined;

/** Advancing-peer bitsets of long peer lists, by set (peer sets are shared and immutable). */
const bitsCache = new WeakMap<PeerSet, Int32Array>();

/** The peers a step advances, as a bitset over `words` words (allBut: every peer but the listed ones). */
function advancingBits(set: PeerSet & { peers: Int32Array }, words: number): Int32Array {
  let bits = bitsCache.get(set);
  if (!bits || bits.length !== words) {
    bits = new Int32Array(words);
    const peers = set.peers;
    for (let i = 0; i < peers.length; i++) bits[peers[i] >>> 5] |= 1 << (peers[i] & 31);
    if (set.kind === "allBut") for (let w = 0; w < words; w++) bits[w] = ~bits[w];
    bitsCache.set(set, bits);
  }
  return bits;
}

function hasBit(bits: Int32Array, peer: number): boolean {
  return (bits[peer >>> 5] & (1 << (peer & 31))) !== 0;
}

const EMPTY_PEERS = new Int32Array(0);
const NO_SPLIT = -1;
const STAYS_WHOLE = -2;

function grown(array: Int32Array, size: number): Int32Array {
  if (array.length >= size) return array;
  const bigger = new Int32Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * Partition refinement state for one walk. Groups are numbered per walk; their member lists, bitsets and
 * per-group fields live in buffers kept from walk to walk. Live groups (exactly one per distinct node) are
 * found by node through a stamped index (`groupAtNode` valid where `stampAtNode` equals the walk's stamp)
 * and listed in `live` for iteration.
 */
class GroupWalk {
  private trie!: Transitions;
  private groupCount = 0;
  /** Per group: members (first `size[g]` entries), node, pending node, step bookkeeping, optional bitset. */
  private memberBuffers: Int32Array[] = [];
  private size: Int32Array = new Int32Array(64);
  private node: Int32Array = new Int32Array(64);
  private pending: Int32Array = new Int32Array(64);
  /** Per group: how many of its peers the current step lists, and where they go (or NO_SPLIT / STAYS_WHOLE). */
  private touched: Int32Array = new Int32Array(64);
  private splitOf: Int32Array = new Int32Array(64);
  /** Large groups also keep a bitset, so a long step list is applied word by word, not peer by peer. */
  private bits: (Int32Array | undefined)[] = [];
  private spareBits: Int32Array[] = [];
  /** Live groups, with each one's position in `live` (-1: not live). */
  private live: Int32Array = new Int32Array(64);
  private liveCount = 0;
  private livePosition: Int32Array = new Int32Array(64);
  private groupAtNode: Int32Array = new Int32Array(64);
  private stampAtNode: Int32Array = new Int32Array(64);
  private stamp = 0;
  private groupOf: Int32Array = new Int32Array(0);
  private position: Int32Array = new Int32Array(0);
  private peerCount = 0;
  private words = 0;
  /** Members of groups without a bitset, and groups with one: what a word-by-word step would cost. */
  private smallTotal = 0;
  private bitGroups = 0;
  private readonly touchedGroups: number[] = [];
  private readonly detached: number[] = [];
  private readonly liveSnapshot: number[] = [];
  private readonly moving: number[] = [];
  /**
   * The implicit group (-1: none): its members are the base's peers whose `groupOf` is -1 (`restImplicit` of
   * them, never listed) plus listed extras (`size[rest]`, peers outside the base). Never has a bitset and is
   * not counted in `smallTotal`: a step reaches it through the step's own list.
   */
  private rest = -1;
  private restImplicit = 0;
  private base: Int32Array | undefined;
  private inBase: Uint8Array = new Uint8Array(0);
  private baseCount = 0;
  /** Base peers placed in listed starting groups (not in the rest). */
  private claimed = 0;
  private noBase: Uint8Array = new Uint8Array(0);

  reset(trie: Transitions, peerCount: number): void {
    this.trie = trie;
    this.groupCount = 0;
    this.rest = -1;
    this.restImplicit = 0;
    this.base = undefined;
    this.baseCount = 0;
    this.claimed = 0;
    if (this.noBase.length < peerCount) this.noBase = new Uint8Array(peerCount);
    this.inBase = this.noBase;
    this.liveCount = 0;
    this.smallTotal = 0;
    this.bitGroups = 0;
    this.peerCount = peerCount;
    this.words = (peerCount + 31) >>> 5;
    if (this.groupOf.length < peerCount) {
      this.groupOf = new Int32Array(peerCount);
      this.position = new Int32Array(peerCount);
    }
    this.groupOf.fill(-1, 0, peerCount);
    // A new stamp invalidates every node → group entry of the previous walk.
    if (++this.stamp === 0x7fffffff) {
      this.stampAtNode.fill(0);
      this.stamp = 1;
    }
  }

  /** Member-buffer entries held across walks; past the cap they are dropped (a long-lived worker keeps little). */
  private retained = 0;
  private static readonly RETAINED_CAP = 1 << 23;

  /** Returns bitsets to the spare list once the walk's groups have been read. */
  release(): void {
    for (let g = 0; g < this.groupCount; g++) {
      const bits = this.bits[g];
      if (bits) this.spareBits.push(bits);
      this.bits[g] = undefined;
    }
    this.groupCount = 0;
    if (this.retained > GroupWalk.RETAINED_CAP) {
      this.memberBuffers = [];
      this.spareBits = [];
      this.retained = 0;
    }
  }

  /** Starts the walk: listed groups, then the rest (a walk result's, or the largest group holding half the peers). */
  start(initial: WalkStart): void {
    if (isWalkGroups(initial)) {
      const rest = initial.rest;
      if (rest) this.useBase(rest.base);
      for (let i = 0; i < initial.groups.length; i++) this.addInitial(initial.groups[i]);
      if (rest) this.addRest(rest.node, rest.extras);
      return;
    }
    let largest = -1;
    if (this.peerCount >= REST_MIN_PEERS) {
      for (let i = 0; i < initial.length; i++) {
        const n = initial[i].peers.length;
        if (n * 2 >= this.peerCount && (largest < 0 || n > initial[largest].peers.length)) largest = i;
      }
    }
    if (largest >= 0) this.useBase(initial[largest].peers);
    for (let i = 0; i < initial.length; i++) if (i !== largest) this.addInitial(initial[i]);
    if (largest >= 0) this.addRest(initial[largest].node, EMPTY_PEERS);
  }

  private useBase(base: Int32Array): void {
    const { marks, count } = marksOf(base, this.peerCount);
    this.base = base;
    this.inBase = marks;
    this.baseCount = count;
    this.claimed = 0;
  }

  /** The rest: every base peer no listed group took, plus `extras`. */
  private addRest(node: number, extras: Int32Array): void {
    const g = this.newGroup(node);
    this.rest = g;
    this.restImplicit = this.baseCount - this.claimed;
    for (let i = 0; i < extras.length; i++) this.add(g, extras[i]);
    if (this.sizeOf(g) > 0) this.attach(g);
  }

  private sizeOf(g: number): number {
    return g === this.rest ? this.size[g] + this.restImplicit : this.size[g];
  }

  /** The group holding `peer` (-1: none). */
  private memberOf(peer: number): number {
    if (peer >= this.peerCount) return -1;
    const g = this.groupOf[peer];
    if (g >= 0) return g;
    return this.rest >= 0 && this.inBase[peer] === 1 ? this.rest : -1;
  }

  private groupAt(node: number): number {
    return node < this.stampAtNode.length && this.stampAtNode[node] === this.stamp ? this.groupAtNode[node] : -1;
  }

  private setGroupAt(node: number, g: number): void {
    if (node >= this.stampAtNode.length) {
      this.stampAtNode = grown(this.stampAtNode, node + 1);
      this.groupAtNode = grown(this.groupAtNode, node + 1);
    }
    this.stampAtNode[node] = this.stamp;
    this.groupAtNode[node] = g;
  }

  private clearGroupAt(node: number): void {
    if (node < this.stampAtNode.length) this.stampAtNode[node] = 0;
  }

  private makeLive(g: number): void {
    this.livePosition[g] = this.liveCount;
    this.live[this.liveCount++] = g;
  }

  private makeNotLive(g: number): void {
    const at = this.livePosition[g];
    const last = this.live[--this.liveCount];
    this.live[at] = last;
    this.livePosition[last] = at;
    this.livePosition[g] = -1;
  }

  private newGroup(node: number): number {
    const g = this.groupCount++;
    if (g >= this.size.length) {
      const n = g + 1;
      this.size = grown(this.size, n);
      this.node = grown(this.node, n);
      this.pending = grown(this.pending, n);
      this.touched = grown(this.touched, n);
      this.splitOf = grown(this.splitOf, n);
      this.live = grown(this.live, n);
      this.livePosition = grown(this.livePosition, n);
    }
    if (g >= this.memberBuffers.length) {
      this.memberBuffers.push(new Int32Array(8));
      this.retained += 8;
    }
    this.size[g] = 0;
    this.node[g] = node;
    this.pending[g] = node;
    this.touched[g] = 0;
    this.splitOf[g] = NO_SPLIT;
    this.livePosition[g] = -1;
    this.bits[g] = undefined;
    return g;
  }

  private add(g: number, peer: number): void {
    if (g === this.rest && this.inBase[peer] === 1) {
      this.groupOf[peer] = -1;
      this.restImplicit++;
      return;
    }
    let list = this.memberBuffers[g];
    const n = this.size[g];
    if (n === list.length) {
      list = this.memberBuffers[g] = grown(list, n + 1);
      this.retained += list.length - n;
    }
    this.groupOf[peer] = g;
    this.position[peer] = n;
    list[n] = peer;
    this.size[g] = n + 1;
    if (g === this.rest) return;
    const bits = this.bits[g];
    if (bits) bits[peer >>> 5] |= 1 << (peer & 31);
    else {
      this.smallTotal++;
      if (n + 1 === this.words * 2 && this.words >= 8) {
        const fresh = this.freshBits();
        for (let i = 0; i <= n; i++) fresh[list[i] >>> 5] |= 1 << (list[i] & 31);
        this.bits[g] = fresh;
        this.smallTotal -= n + 1;
        this.bitGroups++;
      }
    }
  }

  private freshBits(): Int32Array {
    let bits = this.spareBits.pop();
    while (bits && bits.length !== this.words) bits = this.spareBits.pop();
    if (!bits) return new Int32Array(this.words);
    bits.fill(0);
    return bits;
  }

  private remove(g: number, peer: number): void {
    if (g === this.rest && this.groupOf[peer] !== g) {
      this.restImplicit--;
      return;
    }
    const list = this.memberBuffers[g];
    const at = this.position[peer];
    const last = list[--this.size[g]];
    if (last !== peer) {
      list[at] = last;
      this.position[last] = at;
    }
    if (g === this.rest) return;
    const bits = this.bits[g];
    if (bits) bits[peer >>> 5] &= ~(1 << (peer & 31));
    else this.smallTotal--;
  }

  /** Places a detached group at its pending node, merging (smaller into larger) with the group already there. */
  private attach(g: number): void {
    const target = this.pending[g];
    this.node[g] = target;
    const other = this.groupAt(target);
    if (other < 0) {
      this.setGroupAt(target, g);
      this.makeLive(g);
      return;
    }
    // Into the rest always (its implicit members cannot move), else smaller into larger.
    const [small, large] = other === this.rest || (g !== this.rest && this.size[g] <= this.size[other]) ? [g, other] : [other, g];
    if (large === g) {
      this.setGroupAt(target, g);
      this.makeNotLive(other);
      this.makeLive(g);
    }
    const smallBits = this.bits[small];
    if (smallBits) {
      this.bitGroups--;
      this.spareBits.push(smallBits);
      this.bits[small] = undefined;
    } else this.smallTotal -= this.size[small];
    const members = this.memberBuffers[small];
    const n = this.size[small];
    this.size[small] = 0;
    for (let i = 0; i < n; i++) this.add(large, members[i]);
  }

  private detach(g: number): void {
    this.clearGroupAt(this.node[g]);
    this.makeNotLive(g);
  }

  private detachAll(): void {
    const { live, detached } = this;
    for (let i = 0; i < this.liveCount; i++) {
      const g = live[i];
      detached.push(g);
      this.clearGroupAt(this.node[g]);
      this.livePosition[g] = -1;
    }
    this.liveCount = 0;
  }

  /**
   * Adds an initial group's peers (those in range and in no earlier group) in one pass: the same state as
   * `add` per peer — a bitset once the group reaches `words * 2` members (with `words >= 8`) — without its
   * per-peer bookkeeping. Every walk starts here with up to every peer, so this loop is hot.
   */
  addInitial(group: PeerGroup): void {
    const g = this.newGroup(group.node);
    const peers = group.peers;
    let list = this.memberBuffers[g];
    if (list.length < peers.length) {
      this.retained += peers.length - list.length;
      list = this.memberBuffers[g] = grown(list, peers.length);
    }
    const { groupOf, position, peerCount, inBase } = this;
    let n = 0;
    let claimed = 0;
    for (let i = 0; i < peers.length; i++) {
      const peer = peers[i];
      if (peer < peerCount && groupOf[peer] < 0) {
        groupOf[peer] = g;
        position[peer] = n;
        list[n++] = peer;
        claimed += inBase[peer];
      }
    }
    this.claimed += claimed;
    this.size[g] = n;
    if (this.words >= 8 && n >= this.words * 2) {
      const fresh = this.freshBits();
      for (let i = 0; i < n; i++) fresh[list[i] >>> 5] |= 1 << (list[i] & 31);
      this.bits[g] = fresh;
      this.bitGroups++;
    } else this.smallTotal += n;
    if (n > 0) this.attach(g);
  }

  step({ token, peers }: SignatureStep): void {
    if (peers.kind === "none") return;
    const { trie, detached, touchedGroups } = this;
    detached.length = 0;
    if (peers.kind === "all") {
      // Every group advances; groups reaching the same node merge.
      this.detachAll();
      for (let i = 0; i < detached.length; i++) this.pending[detached[i]] = trie.child(this.node[detached[i]], token);
      this.attachDetached();
      return;
    }
    if (this.words >= 8 && peers.peers.length * 2 > this.smallTotal + this.bitGroups * this.words) {
      this.stepByWords(token, advancingBits(peers, this.words), peers);
      this.attachDetached();
      return;
    }
    touchedGroups.length = 0;
    // Per-group arrays are read through `this` below: `newGroup` may replace them with larger copies.
    const listed = peers.peers;
    for (let i = 0; i < listed.length; i++) {
      const g = this.memberOf(listed[i]);
      if (g < 0) continue;
      if (this.touched[g]++ === 0) touchedGroups.push(g);
    }
    if (peers.kind === "list") {
      // Listed peers advance: a wholly listed group moves, a partly listed one loses them to a new group.
      let moves = false;
      for (let i = 0; i < touchedGroups.length; i++) {
        const g = touchedGroups[i];
        const target = trie.child(this.node[g], token);
        if (target === this.node[g]) continue;
        if (this.touched[g] === this.sizeOf(g)) {
          this.detach(g);
          this.pending[g] = target;
          detached.push(g);
        } else {
          const split = this.newGroup(target);
          this.splitOf[g] = split;
          detached.push(split);
          moves = true;
        }
      }
      if (moves) this.moveListed(peers.peers);
    } else {
      // allBut: unlisted peers advance, listed ones stay where they are.
      for (let i = 0; i < touchedGroups.length; i++) {
        const g = touchedGroups[i];
        if (this.touched[g] === this.sizeOf(g)) this.splitOf[g] = STAYS_WHOLE;
        else {
          const stay = this.newGroup(this.node[g]);
          this.splitOf[g] = stay;
          detached.push(stay);
        }
      }
      this.moveListed(peers.peers);
      const stayers = detached.length;
      this.detachAll();
      for (let i = stayers; i < detached.length; i++) {
        const g = detached[i];
        this.pending[g] = this.splitOf[g] === STAYS_WHOLE ? this.node[g] : trie.child(this.node[g], token);
      }
    }
    for (let i = 0; i < touchedGroups.length; i++) {
      this.touched[touchedGroups[i]] = 0;
      this.splitOf[touchedGroups[i]] = NO_SPLIT;
    }
    this.attachDetached();
  }

  /** Indexed loops here and below: cold (unoptimised) code would allocate an iterator result per item. */
  private attachDetached(): void {
    const { detached } = this;
    for (let i = 0; i < detached.length; i++) this.attach(detached[i]);
  }

  /**
   * A long list: each live group is tested against the step's bitset — word by word if it keeps a bitset,
   * member by member if small — and only peers that change group are moved.
   */
  private stepByWords(token: number, advancing: Int32Array, set: PeerSet & { peers: Int32Array }): void {
    const { trie, detached, words, liveSnapshot, moving } = this;
    liveSnapshot.length = 0;
    for (let i = 0; i < this.liveCount; i++) liveSnapshot.push(this.live[i]);
    for (let s = 0; s < liveSnapshot.length; s++) {
      const g = liveSnapshot[s];
      if (g === this.rest) {
        this.stepRest(token, set);
        continue;
      }
      const own = this.bits[g];
      moving.length = 0;
      let allIn: boolean;
      if (own) {
        let anyIn = 0;
        let anyOut = 0;
        for (let w = 0; w < words; w++) {
          anyIn |= own[w] & advancing[w];
          anyOut |= own[w] & ~advancing[w];
        }
        if (anyIn === 0) continue;
        allIn = anyOut === 0;
      } else {
        const members = this.memberBuffers[g];
        const n = this.size[g];
        for (let i = 0; i < n; i++) if (hasBit(advancing, members[i])) moving.push(members[i]);
        if (moving.length === 0) continue;
        allIn = moving.length === n;
      }
      const target = trie.child(this.node[g], token);
      if (target === this.node[g]) continue;
      if (allIn) {
        this.detach(g);
        this.pending[g] = target;
        detached.push(g);
        continue;
      }
      const split = this.newGroup(target);
      if (own) {
        for (let w = 0; w < words; w++) {
          let word = own[w] & advancing[w];
          while (word !== 0) {
            const low = word & -word;
            moving.push((w << 5) + 31 - Math.clz32(low));
            word ^= low;
          }
        }
      }
      for (let i = 0; i < moving.length; i++) {
        this.remove(g, moving[i]);
        this.add(split, moving[i]);
      }
      detached.push(split);
    }
  }

  /** The rest under a step, through the step's list (its members are not listed). */
  private stepRest(token: number, set: PeerSet & { peers: Int32Array }): void {
    const g = this.rest;
    const hits = this.moving;
    hits.length = 0;
    const listed = set.peers;
    for (let i = 0; i < listed.length; i++) if (this.memberOf(listed[i]) === g) hits.push(listed[i]);
    const size = this.sizeOf(g);
    const node = this.node[g];
    // list: the listed members advance; allBut: they stay and the others advance.
    const advancing = set.kind === "list" ? hits.length : size - hits.length;
    if (advancing === 0) return;
    const target = this.trie.child(node, token);
    if (target === node) return;
    if (advancing < size) {
      const part = this.newGroup(set.kind === "list" ? target : node);
      for (let i = 0; i < hits.length; i++) {
        this.remove(g, hits[i]);
        this.add(part, hits[i]);
      }
      this.detached.push(part);
      if (set.kind === "list") return;
    }
    this.detach(g);
    this.pending[g] = target;
    this.detached.push(g);
  }

  /** Moves each listed peer whose group split off a part for it. */
  private moveListed(listed: Int32Array): void {
    const { splitOf } = this;
    for (let i = 0; i < listed.length; i++) {
      const peer = listed[i];
      const g = this.memberOf(peer);
      if (g < 0) continue;
      const split = splitOf[g];
      if (split < 0) continue;
      this.remove(g, peer);
      this.add(split, peer);
    }
  }

  groups(): WalkGroups {
    const groups: PeerGroup[] = [];
    let rest: WalkGroups["rest"];
    for (let i = 0; i < this.liveCount; i++) {
      const g = this.live[i];
      const peers = this.memberBuffers[g].slice(0, this.size[g]);
      if (g === this.rest) rest = { node: this.node[g], base: this.base!, extras: peers, size: this.sizeOf(g) };
      else groups.push({ node: this.node[g], peers });
    }
    return rest ? { rest, groups } : { groups };
  }
}
