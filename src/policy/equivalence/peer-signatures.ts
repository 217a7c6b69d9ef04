/**
 * For one enforcement point's subject, which peers see the same ordered list of applicable rules.
 * Peers start in groups (one per walk context, e.g. destination named ports) and every applicable rule, in
 * order, splits the groups by the peers it matches (partition refinement): cost is the size of the matched
 * lists plus the number of groups, never peers × rules. Each final group carries its trie node: equal
 * node ⇔ equal rule list ⇔ equal first-match outcome.
 */
/** Anything that extends a node by a token: a trie of rule lists, or a walk automaton over states. */
export interface Transitions {
  child(node: number, token: number): number;
}

/** A rule's peers as the smaller of the matched list or its complement, over one peer universe. */
export type PeerSet =
  | { kind: "all" }
  | { kind: "none" }
  | { kind: "list"; peers: Int32Array }
  | { kind: "allBut"; peers: Int32Array };

export interface SignatureStep {
  token: number;
  peers: PeerSet;
}

export interface PeerGroup {
  node: number;
  peers: Int32Array;
}

/** `matches(peer)` over `universe`, stored compactly. */
export function peerSetOf(universe: Int32Array, matches: (peer: number) => boolean): PeerSet {
  const hit: number[] = [];
  const miss: number[] = [];
  for (const peer of universe) (matches(peer) ? hit : miss).push(peer);
  if (miss.length === 0) return { kind: "all" };
  if (hit.length === 0) return { kind: "none" };
  return hit.length <= miss.length ? { kind: "list", peers: Int32Array.from(hit) } : { kind: "allBut", peers: Int32Array.from(miss) };
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
export function signatureGroups(trie: Transitions, peerCount: number, initial: readonly PeerGroup[], steps: Iterable<SignatureStep>): PeerGroup[] {
  const walk = new GroupWalk(trie, peerCount);
  for (const group of initial) walk.addInitial(group);
  for (const step of steps) walk.step(step);
  return walk.groups();
}

let scratchGroupOf = new Int32Array(0);

/** Advancing-peer bitsets of long peer lists, by set (peer sets are shared and immutable). */
const bitsCache = new WeakMap<PeerSet, Int32Array>();

/** The peers a step advances, as a bitset over `words` words (allBut: every peer but the listed ones). */
function advancingBits(set: PeerSet & { peers: Int32Array }, words: number): Int32Array {
  let bits = bitsCache.get(set);
  if (!bits || bits.length !== words) {
    bits = new Int32Array(words);
    for (const peer of set.peers) bits[peer >>> 5] |= 1 << (peer & 31);
    if (set.kind === "allBut") for (let w = 0; w < words; w++) bits[w] = ~bits[w];
    bitsCache.set(set, bits);
  }
  return bits;
}

function hasBit(bits: Int32Array, peer: number): boolean {
  return (bits[peer >>> 5] & (1 << (peer & 31))) !== 0;
}
let scratchPosition = new Int32Array(0);

const NO_SPLIT = -1;
const STAYS_WHOLE = -2;

class GroupWalk {
  private readonly members: number[][] = [];
  private readonly node: number[] = [];
  private readonly pending: number[] = [];
  /** Per group: how many of its peers the current step lists, and where they go (or NO_SPLIT / STAYS_WHOLE). */
  private readonly touched: number[] = [];
  private readonly splitOf: number[] = [];
  /** Live groups by node: exactly one group per distinct node. */
  private readonly byNode = new Map<number, number>();
  private readonly groupOf: Int32Array;
  private readonly position: Int32Array;
  private readonly touchedGroups: number[] = [];
  private readonly detached: number[] = [];
  /** Large groups also keep a bitset, so a long step list is applied word by word, not peer by peer. */
  private readonly bits: (Int32Array | undefined)[] = [];
  private readonly words: number;
  /** Members of groups without a bitset, and groups with one: what a word-by-word step would cost. */
  private smallTotal = 0;
  private bitGroups = 0;
  private readonly live: number[] = [];
  private readonly moving: number[] = [];

  constructor(
    private readonly trie: Transitions,
    peerCount: number,
  ) {
    if (scratchGroupOf.length < peerCount) {
      scratchGroupOf = new Int32Array(peerCount);
      scratchPosition = new Int32Array(peerCount);
    }
    this.groupOf = scratchGroupOf;
    this.groupOf.fill(-1, 0, peerCount);
    this.position = scratchPosition;
    this.words = (peerCount + 31) >>> 5;
  }

  private newGroup(node: number): number {
    const g = this.members.length;
    this.members.push([]);
    this.node.push(node);
    this.pending.push(node);
    this.touched.push(0);
    this.splitOf.push(NO_SPLIT);
    this.bits.push(undefined);
    return g;
  }

  private add(g: number, peer: number): void {
    const list = this.members[g];
    this.groupOf[peer] = g;
    this.position[peer] = list.length;
    list.push(peer);
    const bits = this.bits[g];
    if (bits) bits[peer >>> 5] |= 1 << (peer & 31);
    else {
      this.smallTotal++;
      if (list.length === this.words * 2 && this.words >= 8) {
        const fresh = new Int32Array(this.words);
        for (const member of list) fresh[member >>> 5] |= 1 << (member & 31);
        this.bits[g] = fresh;
        this.smallTotal -= list.length;
        this.bitGroups++;
      }
    }
  }

  private remove(g: number, peer: number): void {
    const list = this.members[g];
    const at = this.position[peer];
    const last = list.pop()!;
    if (last !== peer) {
      list[at] = last;
      this.position[last] = at;
    }
    const bits = this.bits[g];
    if (bits) bits[peer >>> 5] &= ~(1 << (peer & 31));
    else this.smallTotal--;
  }

  /** Places a detached group at its pending node, merging (smaller into larger) with the group already there. */
  private attach(g: number): void {
    const target = this.pending[g];
    this.node[g] = target;
    const other = this.byNode.get(target);
    if (other === undefined) {
      this.byNode.set(target, g);
      return;
    }
    const [small, large] = this.members[g].length <= this.members[other].length ? [g, other] : [other, g];
    if (large === g) this.byNode.set(target, g);
    if (this.bits[small]) this.bitGroups--;
    else this.smallTotal -= this.members[small].length;
    for (const peer of this.members[small]) this.add(large, peer);
    this.members[small] = [];
    this.bits[small] = undefined;
  }

  private detachAll(): void {
    for (const g of this.byNode.values()) this.detached.push(g);
    this.byNode.clear();
  }

  addInitial(group: PeerGroup): void {
    const g = this.newGroup(group.node);
    for (const peer of group.peers) if (this.groupOf[peer] < 0) this.add(g, peer);
    if (this.members[g].length > 0) this.attach(g);
  }

  step({ token, peers }: SignatureStep): void {
    if (peers.kind === "none") return;
    const { trie, node, pending, detached, touched, splitOf, members, groupOf, touchedGroups } = this;
    detached.length = 0;
    if (peers.kind === "all") {
      // Every group advances; groups reaching the same node merge.
      this.detachAll();
      for (const g of detached) pending[g] = trie.child(node[g], token);
      for (const g of detached) this.attach(g);
      return;
    }
    if (this.words >= 8 && peers.peers.length * 2 > this.smallTotal + this.bitGroups * this.words) {
      this.stepByWords(token, advancingBits(peers, this.words));
      for (const g of detached) this.attach(g);
      return;
    }
    touchedGroups.length = 0;
    for (const peer of peers.peers) {
      const g = groupOf[peer];
      if (g < 0) continue;
      if (touched[g]++ === 0) touchedGroups.push(g);
    }
    if (peers.kind === "list") {
      // Listed peers advance: a wholly listed group moves, a partly listed one loses them to a new group.
      let moves = false;
      for (const g of touchedGroups) {
        const target = trie.child(node[g], token);
        if (target === node[g]) continue;
        if (touched[g] === members[g].length) {
          this.byNode.delete(node[g]);
          pending[g] = target;
          detached.push(g);
        } else {
          const split = this.newGroup(target);
          splitOf[g] = split;
          detached.push(split);
          moves = true;
        }
      }
      if (moves) this.moveListed(peers.peers);
    } else {
      // allBut: unlisted peers advance, listed ones stay where they are.
      for (const g of touchedGroups) {
        if (touched[g] === members[g].length) splitOf[g] = STAYS_WHOLE;
        else {
          const stay = this.newGroup(node[g]);
          splitOf[g] = stay;
          detached.push(stay);
        }
      }
      this.moveListed(peers.peers);
      const stayers = detached.length;
      this.detachAll();
      for (let i = stayers; i < detached.length; i++) {
        const g = detached[i];
        pending[g] = splitOf[g] === STAYS_WHOLE ? node[g] : trie.child(node[g], token);
      }
    }
    for (const g of touchedGroups) {
      touched[g] = 0;
      splitOf[g] = NO_SPLIT;
    }
    for (const g of detached) this.attach(g);
  }

  /**
   * A long list: each live group is tested against the step's bitset — word by word if it keeps a bitset,
   * member by member if small — and only peers that change group are moved.
   */
  private stepByWords(token: number, advancing: Int32Array): void {
    const { trie, node, pending, detached, words } = this;
    const { live, moving } = this;
    live.length = 0;
    for (const g of this.byNode.values()) live.push(g);
    for (const g of live) {
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
        for (const peer of this.members[g]) if (hasBit(advancing, peer)) moving.push(peer);
        if (moving.length === 0) continue;
        allIn = moving.length === this.members[g].length;
      }
      const target = trie.child(node[g], token);
      if (target === node[g]) continue;
      if (allIn) {
        this.byNode.delete(node[g]);
        pending[g] = target;
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
      for (const peer of moving) {
        this.remove(g, peer);
        this.add(split, peer);
      }
      detached.push(split);
    }
  }

  /** Moves each listed peer whose group split off a part for it. */
  private moveListed(listed: Int32Array): void {
    const { groupOf, splitOf } = this;
    for (const peer of listed) {
      const g = groupOf[peer];
      if (g < 0) continue;
      const split = splitOf[g];
      if (split < 0) continue;
      this.remove(g, peer);
      this.add(split, peer);
    }
  }

  groups(): PeerGroup[] {
    const result: PeerGroup[] = [];
    for (const [node, g] of this.byNode) result.push({ node, peers: Int32Array.from(this.members[g]) });
    return result;
  }
}
