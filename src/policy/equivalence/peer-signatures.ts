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
 */
export function signatureGroups(trie: Transitions, peerCount: number, initial: readonly PeerGroup[], steps: Iterable<SignatureStep>): PeerGroup[] {
  const order = new Int32Array(initial.reduce((n, g) => n + g.peers.length, 0));
  const position = new Int32Array(peerCount).fill(-1);
  const groupOf = new Int32Array(peerCount).fill(-1);
  const start: number[] = [];
  const end: number[] = [];
  const node: number[] = [];
  const touched: number[] = [];
  let filled = 0;
  for (const group of initial) {
    if (group.peers.length === 0) continue;
    const g = start.length;
    start.push(filled);
    for (const peer of group.peers) {
      order[filled] = peer;
      position[peer] = filled;
      groupOf[peer] = g;
      filled++;
    }
    end.push(filled);
    node.push(group.node);
    touched.push(0);
  }

  // `handled[g] === stamp` marks groups a step already dealt with (no per-step Set allocation).
  let handled = new Int32Array(Math.max(16, node.length * 2));
  let stamp = 0;
  const advanceAll = (token: number, skipHandled: boolean) => {
    for (let g = 0; g < node.length; g++) if (!skipHandled || handled[g] !== stamp) node[g] = trie.child(node[g], token);
  };
  const touchedGroups: number[] = [];

  for (const { token, peers } of steps) {
    if (peers.kind === "none") continue;
    if (peers.kind === "all") {
      advanceAll(token, false);
      continue;
    }
    // Move every listed peer to the front of its group.
    touchedGroups.length = 0;
    stamp++;
    for (const peer of peers.peers) {
      const g = groupOf[peer];
      if (g < 0) continue;
      if (touched[g] === 0) touchedGroups.push(g);
      const target = start[g] + touched[g];
      const from = position[peer];
      const other = order[target];
      order[target] = peer;
      position[peer] = target;
      order[from] = other;
      position[other] = from;
      touched[g]++;
    }
    const listedAdvance = peers.kind === "list";
    if (handled.length < node.length + touchedGroups.length) {
      const bigger = new Int32Array((node.length + touchedGroups.length) * 2);
      bigger.set(handled);
      handled = bigger;
    }
    for (const g of touchedGroups) {
      const count = touched[g];
      touched[g] = 0;
      if (count === end[g] - start[g]) {
        handled[g] = stamp;
        if (listedAdvance) node[g] = trie.child(node[g], token);
        continue;
      }
      // Split: the listed front part becomes a new group, the rest stays in g.
      const split = node.length;
      start.push(start[g]);
      end.push(start[g] + count);
      node.push(listedAdvance ? trie.child(node[g], token) : node[g]);
      touched.push(0);
      for (let i = start[g]; i < start[g] + count; i++) groupOf[order[i]] = split;
      start[g] += count;
      if (!listedAdvance) node[g] = trie.child(node[g], token);
      handled[split] = stamp;
      handled[g] = stamp;
    }
    // allBut: every peer not listed advances; groups untouched by the list advance whole.
    if (!listedAdvance) advanceAll(token, true);
  }
  const result: PeerGroup[] = [];
  for (let g = 0; g < node.length; g++) result.push({ node: node[g], peers: order.slice(start[g], end[g]) });
  return result;
}
