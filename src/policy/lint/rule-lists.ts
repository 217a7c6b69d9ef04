/**
 * The distinct ordered lists of rules that apply at the DFW's enforcement points (vNIC class × direction ×
 * peer class × family), in the order a point-by-point scan meets them (family, subject class, OUT then IN,
 * peer), without that scan: per subject class and direction, the peers are split by each applicable rule's
 * peer set (the equivalence engine's per-selector sets), so the work follows the rules' peer lists, not
 * peers × rules. A list is a node of a trie of rule indices: equal lists ⇔ the same node, and lists with a
 * common prefix share its nodes (the lint walks a shared prefix once).
 */
import { NsxEnforcement } from "../equivalence/nsx-enforcement.ts";
import type { PeerSet } from "../equivalence/peer-signatures.ts";
import { TrafficInterner } from "../equivalence/traffic-interner.ts";
import { nsxOnlySpace } from "../heatmap/one-sided-spaces.ts";
import { FAMILIES, type AddressFamily } from "../nsx/address-family.ts";
import type { CompiledNsx } from "../nsx/compile.ts";

export interface RuleList {
  family: AddressFamily;
  /** Indices into `compiled.rules`, in table order. */
  indices: number[];
  /** The trie node of each prefix (`nodes[i]`: the list up to and including position i); lists sharing a prefix share its nodes. */
  nodes: number[];
  /** The empty list's node (of the family). */
  root: number;
}

/** Rule-index sequences as trie nodes (node 0 per family is the empty list). */
class ListTrie {
  private readonly parent: number[] = [];
  private readonly rule: number[] = [];
  private readonly children: Map<number, number>[] = [];

  root(): number {
    this.parent.push(-1);
    this.rule.push(-1);
    this.children.push(new Map());
    return this.parent.length - 1;
  }

  child(node: number, rule: number): number {
    let next = this.children[node].get(rule);
    if (next === undefined) {
      next = this.parent.length;
      this.parent.push(node);
      this.rule.push(rule);
      this.children.push(new Map());
      this.children[node].set(rule, next);
    }
    return next;
  }

  /** The rule indices and the prefix nodes on the way from the root to `node`. */
  path(node: number): { indices: number[]; nodes: number[] } {
    const indices: number[] = [];
    const nodes: number[] = [];
    for (let n = node; this.parent[n] >= 0; n = this.parent[n]) {
      indices.push(this.rule[n]);
      nodes.push(n);
    }
    return { indices: indices.reverse(), nodes: nodes.reverse() };
  }
}

export function distinctRuleLists(compiled: CompiledNsx): { lists: RuleList[]; points: number } {
  const enforcement = new NsxEnforcement(compiled, nsxOnlySpace(compiled), new TrafficInterner());
  const peerCount = compiled.vmClasses.length + compiled.externalClasses.length;
  const trie = new ListTrie();
  const seen = new Set<number>();
  const lists: RuleList[] = [];
  // Per peer its slot (a group of peers with the same list so far); per slot its trie node.
  const slotOf = new Int32Array(peerCount);
  let slotNode: number[] = [];
  // Indexed by slot; slots can outnumber peers (a split may leave a slot empty), so plain arrays that grow.
  const splitAt: number[] = [];
  const splitStamp: number[] = [];
  const firstSeen: number[] = [];
  let stamp = 0;
  let points = 0;
  for (const family of FAMILIES) {
    const root = trie.root();
    const prepared = { OUT: enforcement.prepare(family, "OUT"), IN: enforcement.prepare(family, "IN") };
    const universe = prepared.OUT.universe;
    const inUniverse = new Uint8Array(peerCount);
    for (const peer of universe) inUniverse[peer] = 1;
    for (let subject = 0; subject < compiled.vmClasses.length; subject++) {
      if (!inUniverse[subject]) continue;
      // A single-member class is no peer of itself (a VM does not send to itself).
      const skipSelf = compiled.vmClasses[subject].members.length < 2;
      for (const direction of ["OUT", "IN"] as const) {
        const { rulesBySubject, peersByRule } = prepared[direction];
        points += universe.length - (skipSelf ? 1 : 0);
        for (let i = 0; i < universe.length; i++) slotOf[universe[i]] = 0;
        slotNode = [root];
        for (const index of rulesBySubject[subject]) {
          const set: PeerSet = peersByRule[index]!;
          if (set.kind === "none") continue;
          if (set.kind === "all") {
            for (let s = 0; s < slotNode.length; s++) slotNode[s] = trie.child(slotNode[s], index);
            continue;
          }
          // The listed peers leave their slot for a new one: with the rule ("list") or without it ("allBut",
          // whose old slots then all take the rule).
          stamp++;
          const before = slotNode.length;
          const listed = set.peers;
          for (let k = 0; k < listed.length; k++) {
            const peer = listed[k];
            const slot = slotOf[peer];
            if (splitStamp[slot] !== stamp) {
              splitStamp[slot] = stamp;
              splitAt[slot] = slotNode.length;
              slotNode.push(set.kind === "list" ? trie.child(slotNode[slot], index) : slotNode[slot]);
            }
            slotOf[peer] = splitAt[slot];
          }
          if (set.kind === "allBut") for (let s = 0; s < before; s++) slotNode[s] = trie.child(slotNode[s], index);
        }
        // In peer order, as a point-by-point scan meets them.
        stamp++;
        for (let i = 0; i < universe.length; i++) {
          const peer = universe[i];
          if (skipSelf && peer === subject) continue;
          const slot = slotOf[peer];
          if (firstSeen[slot] === stamp) continue;
          firstSeen[slot] = stamp;
          const node = slotNode[slot];
          if (seen.has(node)) continue;
          seen.add(node);
          lists.push({ family, root, ...trie.path(node) });
        }
      }
    }
  }
  return { lists, points };
}
