/**
 * Kubernetes side over the common endpoint space: for a direction, each VM class's row of allowed traffic
 * (egress towards, ingress from) every peer — VM classes, then external atoms — as interned ids. The
 * policies selecting a subject and the rules matching a peer are found once per distinct selector; peers
 * are grouped by the walk state their applicable rules lead to (`K8sWalkAutomaton`, the stages of the
 * engine's `evaluateDirection`, which also depend on isolation and the destination's named ports).
 */
import type {
  Direction,
  K8sNamespace,
  LabelSelector,
  NamedPort,
  NamespaceMatch,
  NormalisedPolicy,
  Peer,
  PolicyRule,
} from "../k8s/model.ts";
import { peerMatches, podsMatch, type Party } from "../k8s/party.ts";
import { namespaceMatches } from "../k8s/selectors.ts";
import type { EndpointSpace } from "./endpoint-space.ts";
import { peerSetOf, peerSetOfHits, signatureGroups, type PeerSet } from "./peer-signatures.ts";
import { fillGroups, type PeerGroup, type WalkGroups } from "./walk-groups.ts";
import { K8sWalkAutomaton } from "./k8s-walk-automaton.ts";
import type { TrafficInterner } from "./traffic-interner.ts";

/**
 * A peer's cache text: equal texts ⇔ equal peers. Only address peers hold a non-JSON value (an IpSet);
 * everything else is plain data, so the replacer-free (fast) `JSON.stringify` suffices. Kept per peer
 * object (normalisers share one object between rules written alike); a rule's key numbers these texts.
 */
const peerKeys = new WeakMap<Peer, string>();

function peerKey(p: Peer): string {
  let key = peerKeys.get(p);
  if (key === undefined) peerKeys.set(p, (key = p.kind === "addresses" ? `A${p.addresses.toString()}` : JSON.stringify(p)));
  return key;
}

/** Per peer, the rules whose peers match it (in evaluation order), each with the subjects its policy selects. */
interface ColumnRules {
  rulesByPeer: { token: number; peers: PeerSet }[][];
  isolated: Uint8Array;
}

interface SubjectRules {
  policies: NormalisedPolicy[];
  /** Positions of `policies` in the enforcement's policy list: equal lists ⇔ equal steps. */
  policyIndexes: number[];
  isolated: boolean;
  steps: { token: number; peers: PeerSet }[];
  /** How many leading policies (and their steps) are admin-stage: the prefix many subjects share. */
  adminPolicies: number;
  adminSteps: number;
}

export class K8sEnforcement {
  readonly automaton: K8sWalkAutomaton;
  readonly universe: Int32Array;
  private readonly peerCount: number;
  private readonly parties: Party[];
  private readonly portKeys: string[];
  private readonly namedPorts: (readonly NamedPort[])[];
  private readonly bySubject = new Map<Direction, SubjectRules[]>();
  private readonly byPeer = new Map<Direction, ColumnRules>();
  private readonly tokenOf = new Map<NormalisedPolicy, Map<PolicyRule, number>>();
  private readonly peerSetCache = new Map<string, PeerSet>();
  /** `key\0value` → endpoint parties (VM classes) carrying that label, ascending. */
  private readonly labelIndex = new Map<string, number[]>();
  private readonly endpointIndices: number[];

  constructor(
    readonly policies: readonly NormalisedPolicy[],
    readonly space: EndpointSpace,
    private readonly interner: TrafficInterner,
  ) {
    this.parties = [
      ...space.vmClasses.map((c) => c.k8s as Party),
      ...space.atoms.map((a): Party => ({ kind: "external", addresses: a.addresses })),
    ];
    this.peerCount = this.parties.length;
    this.automaton = new K8sWalkAutomaton(interner);
    this.namedPorts = this.parties.map((p) => (p.kind === "endpoint" ? p.endpoint.namedPorts : []));
    this.universe = Int32Array.from(this.parties.keys());
    this.endpointIndices = space.vmClasses.map((_, v) => v);
    space.vmClasses.forEach((c, v) => {
      for (const [key, value] of Object.entries(c.k8s.endpoint.labels)) {
        const label = `${key}\u0000${value}`;
        const list = this.labelIndex.get(label);
        if (list) list.push(v);
        else this.labelIndex.set(label, [v]);
      }
    });
    this.portKeys = this.parties.map((p) =>
      p.kind === "endpoint" ? JSON.stringify([...p.endpoint.namedPorts].map((n) => `${n.name}/${n.protocol}/${n.port}`).sort()) : "[]",
    );
  }

  private subjectRulesOf(direction: Direction): SubjectRules[] {
    let rules = this.bySubject.get(direction);
    if (!rules) {
      rules = this.subjectRules(direction);
      this.bySubject.set(direction, rules);
    }
    return rules;
  }

  private token(policy: NormalisedPolicy, rule: PolicyRule, direction: Direction): number {
    let tokens = this.tokenOf.get(policy);
    if (!tokens) {
      tokens = new Map();
      this.tokenOf.set(policy, tokens);
    }
    let token = tokens.get(rule);
    if (token === undefined) {
      token = this.automaton.addToken({ policy, rule, direction });
      tokens.set(rule, token);
    }
    return token;
  }

  private subjectsOf(policy: NormalisedPolicy, cache: Map<string, number[]>): number[] {
    const subjectKey = JSON.stringify(policy.subject); // plain data: selectors and namespace names
    let subjects = cache.get(subjectKey);
    if (!subjects) {
      subjects = [];
      for (const v of this.podCandidates(policy.subject.pods, policy.subject.namespaces))
        if (podsMatch(policy.subject.namespaces, policy.subject.pods, this.parties[v])) subjects.push(v);
      cache.set(subjectKey, subjects);
    }
    return subjects;
  }

  /** The rules seen from the peer's side, for columns (one peer, every subject). */
  private columnRules(direction: Direction): ColumnRules {
    let known = this.byPeer.get(direction);
    if (known) return known;
    const c = this.space.vmClasses.length;
    const rulesByPeer: { token: number; peers: PeerSet }[][] = this.parties.map(() => []);
    const isolated = new Uint8Array(c);
    const subjectSets = new Map<string, number[]>();
    const subjectPeerSets = new Map<number[], PeerSet>();
    const subjectUniverse = this.universe.subarray(0, c);
    for (const policy of this.policies) {
      if (!policy.directions.has(direction)) continue;
      const subjects = this.subjectsOf(policy, subjectSets);
      if (subjects.length === 0) continue;
      if (policy.stage === "networkPolicy") for (const v of subjects) isolated[v] = 1;
      let subjectSet = subjectPeerSets.get(subjects);
      if (!subjectSet) {
        const member = new Uint8Array(c);
        for (const v of subjects) member[v] = 1;
        subjectSet = peerSetOf(subjectUniverse, (v) => member[v] === 1);
        subjectPeerSets.set(subjects, subjectSet);
      }
      for (const rule of policy[direction]) {
        const peers = this.rulePeers(rule, this.peerSetCache);
        if (peers.kind === "none") continue;
        const step = { token: this.token(policy, rule, direction), peers: subjectSet };
        if (peers.kind === "list") for (const peer of peers.peers) rulesByPeer[peer].push(step);
        else {
          // all / allBut: every peer but the (ascending) listed ones, without a peer-long mark array per rule.
          const skipped = peers.kind === "allBut" ? peers.peers : undefined;
          for (let peer = 0, k = 0; peer < this.peerCount; peer++) {
            if (skipped && k < skipped.length && skipped[k] === peer) k++;
            else rulesByPeer[peer].push(step);
          }
        }
      }
    }
    known = { rulesByPeer, isolated };
    this.byPeer.set(direction, known);
    return known;
  }

  /**
   * The walk over every subject VM class in this direction with one peer (egress towards it, ingress from it):
   * the `row` matrix's column for that peer (values: `automaton.allowed(node)`; every subject is in a group).
   */
  columnWalk(direction: Direction, peer: number): WalkGroups {
    const { rulesByPeer } = this.columnRules(direction);
    // Named ports resolve on the destination: the peer for egress, each subject for ingress.
    const initial = this.columnStarts(direction).map(({ isolated, portsOf, peers }) => ({
      node: this.automaton.root(isolated, this.namedPorts[direction === "egress" ? peer : portsOf]),
      peers,
    }));
    return signatureGroups(this.automaton, this.peerCount, initial, rulesByPeer[peer]);
  }

  /**
   * A column's starting subject groups, made once per direction (the same arrays each time, so the largest
   * serves every column's walk as its implicit rest): by isolation, and for ingress by the subject's named
   * ports (`portsOf`: a subject whose named ports the group shares).
   */
  private columnStarts(direction: Direction): { isolated: boolean; portsOf: number; peers: Int32Array }[] {
    let starts = this.columnStartsByDirection.get(direction);
    if (starts) return starts;
    const { isolated } = this.columnRules(direction);
    starts = [];
    for (const flag of [0, 1] as const) {
      const byPorts = new Map<string, number[]>();
      for (let v = 0; v < this.space.vmClasses.length; v++) {
        if (isolated[v] !== flag) continue;
        const key = direction === "egress" ? "" : this.portKeys[v];
        const list = byPorts.get(key);
        if (list) list.push(v);
        else byPorts.set(key, [v]);
      }
      for (const subjects of byPorts.values())
        starts.push({ isolated: flag === 1, portsOf: subjects[0], peers: Int32Array.from(subjects) });
    }
    this.columnStartsByDirection.set(direction, starts);
    return starts;
  }

  private readonly columnStartsByDirection = new Map<Direction, { isolated: boolean; portsOf: number; peers: Int32Array }[]>();

  party(peer: number): Party {
    return this.parties[peer];
  }

  private subjectRules(direction: Direction): SubjectRules[] {
    const result: SubjectRules[] = this.space.vmClasses.map(() => ({
      policies: [],
      policyIndexes: [],
      isolated: false,
      steps: [],
      adminPolicies: 0,
      adminSteps: 0,
    }));
    const subjectSets = new Map<string, number[]>();
    for (let index = 0; index < this.policies.length; index++) {
      const policy = this.policies[index];
      if (!policy.directions.has(direction)) continue;
      const subjects = this.subjectsOf(policy, subjectSets);
      const rules: { token: number; peers: PeerSet }[] = [];
      for (const rule of policy[direction]) {
        const peers = this.rulePeers(rule, this.peerSetCache);
        if (peers.kind !== "none") rules.push({ token: this.token(policy, rule, direction), peers });
      }
      for (let i = 0; i < subjects.length; i++) {
        const entry = result[subjects[i]];
        if (policy.stage === "admin" && entry.adminPolicies === entry.policies.length) {
          entry.adminPolicies++;
          entry.adminSteps += rules.length;
        }
        entry.policies.push(policy);
        entry.policyIndexes.push(index);
        if (policy.stage === "networkPolicy") entry.isolated = true;
        for (let r = 0; r < rules.length; r++) entry.steps.push(rules[r]);
      }
    }
    return result;
  }

  /** Peer sets by the rule's peer list itself: normalisers share one list between rules written alike. */
  private readonly peerSetByList = new WeakMap<readonly Peer[], PeerSet>();

  private rulePeers(rule: PolicyRule, cache: Map<string, PeerSet>): PeerSet {
    const known = this.peerSetByList.get(rule.peers);
    if (known) return known;
    const set = this.rulePeersByKey(rule, cache);
    this.peerSetByList.set(rule.peers, set);
    return set;
  }

  /** Distinct peer texts numbered, so a rule's cache key is a short list of numbers. */
  private readonly peerNumbers = new Map<string, number>();

  private peersKey(peers: readonly Peer[]): string {
    let key = "";
    for (let i = 0; i < peers.length; i++) {
      const text = peerKey(peers[i]);
      let n = this.peerNumbers.get(text);
      if (n === undefined) this.peerNumbers.set(text, (n = this.peerNumbers.size));
      key += i > 0 ? `,${n}` : String(n);
    }
    return key;
  }

  private rulePeersByKey(rule: PolicyRule, cache: Map<string, PeerSet>): PeerSet {
    const key = this.peersKey(rule.peers);
    let set = cache.get(key);
    if (!set) {
      // The union of the peers' matches (each ascending), as a compact set over every party.
      let hits: ArrayLike<number>;
      if (rule.peers.length === 1) hits = this.peerMatchesOf(rule.peers[0]);
      else {
        const all: number[] = [];
        for (let i = 0; i < rule.peers.length; i++) {
          const matched = this.peerMatchesOf(rule.peers[i]);
          for (let m = 0; m < matched.length; m++) all.push(matched[m]);
        }
        all.sort((a, b) => a - b);
        hits = all.filter((peer, i) => i === 0 || all[i - 1] !== peer);
      }
      set = peerSetOfHits(this.universe, hits);
      cache.set(key, set);
    }
    return set;
  }

  /** The parties one peer matches, ascending; once per distinct peer (rules' lists repeat the same peers). */
  private readonly matchesByPeer = new Map<string, Int32Array>();

  private peerMatchesOf(p: Peer): Int32Array {
    const key = peerKey(p);
    let matched = this.matchesByPeer.get(key);
    if (!matched) {
      const found: number[] = [];
      if (p.kind === "pods") {
        const candidates = this.podCandidates(p.pods, p.namespaces);
        for (let i = 0; i < candidates.length; i++) if (peerMatches(p, this.parties[candidates[i]])) found.push(candidates[i]);
      } else if (p.kind === "addresses") {
        for (let x = this.space.vmClasses.length; x < this.peerCount; x++) if (peerMatches(p, this.parties[x])) found.push(x);
      } else if (p.kind !== "nodes") {
        for (let x = 0; x < this.peerCount; x++) if (peerMatches(p, this.parties[x])) found.push(x);
      }
      this.matchesByPeer.set(key, (matched = Int32Array.from(found)));
    }
    return matched;
  }

  /**
   * Endpoint parties that can match a pod selector (and, when given, a Namespace match): those carrying its
   * rarest matchLabels pair, or living in a matching Namespace, whichever list is shorter; every endpoint
   * when neither narrows. Callers still test each candidate in full.
   */
  private podCandidates(pods: LabelSelector, namespaces?: NamespaceMatch): readonly number[] {
    let best: readonly number[] | undefined;
    for (const [key, value] of Object.entries(pods.matchLabels)) {
      const list = this.labelIndex.get(`${key}\u0000${value}`) ?? [];
      if (!best || list.length < best.length) best = list;
    }
    if (namespaces) {
      const inNamespaces = this.endpointsInNamespaces(namespaces);
      if (!best || inNamespaces.length < best.length) best = inNamespaces;
    }
    return best ?? this.endpointIndices;
  }

  /** Endpoint parties whose Namespace matches, ascending; once per distinct Namespace match. */
  private endpointsInNamespaces(match: NamespaceMatch): readonly number[] {
    const key = JSON.stringify(match);
    let list = this.byNamespaceMatch.get(key);
    if (!list) {
      if (!this.namespaces) {
        this.namespaces = new Map();
        this.parties.forEach((party, v) => {
          if (party.kind !== "endpoint") return;
          const entry = this.namespaces!.get(party.namespace.name);
          if (entry) entry.endpoints.push(v);
          else this.namespaces!.set(party.namespace.name, { namespace: party.namespace, endpoints: [v] });
        });
      }
      const found: number[] = [];
      for (const { namespace, endpoints } of this.namespaces.values()) if (namespaceMatches(match, namespace)) found.push(...endpoints);
      this.byNamespaceMatch.set(key, (list = found.sort((a, b) => a - b)));
    }
    return list;
  }

  private namespaces: Map<string, { namespace: K8sNamespace; endpoints: number[] }> | undefined;
  private readonly byNamespaceMatch = new Map<string, number[]>();

  /** Allowed traffic ids for the subject class in this direction, per peer; each ∩ `limitId` when given (once per group). */
  row(direction: Direction, subject: number, limitId?: number): Int32Array {
    const row = new Int32Array(this.peerCount);
    const { automaton, interner } = this;
    fillGroups(
      row,
      this.rowWalk(direction, subject),
      (node) => (limitId === undefined ? automaton.allowed(node) : interner.restrict(automaton.allowed(node), limitId)),
      interner.emptyId,
    );
    return row;
  }

  /**
   * The walk state (a node of `automaton`) each peer's walk ends in, for the subject class in this
   * direction; -1 for peers outside every group (none: every peer starts in a group). Subjects that walk
   * alike (same policies, isolation and, for ingress, named ports) share one array: read-only.
   */
  rowNodes(direction: Direction, subject: number): Int32Array {
    const key = this.walkKey(direction, subject);
    const known = this.rowNodesByWalk[direction].get(key);
    if (known) return known;
    const nodes = new Int32Array(this.peerCount);
    fillGroups(nodes, this.rowWalk(direction, subject), (node) => node, -1);
    this.rowNodesByWalk[direction].set(key, nodes);
    return nodes;
  }

  /** `row` for subjects that walk alike, made once and shared (per `limitId`): read-only. */
  sharedRow(direction: Direction, subject: number, limitId?: number): Int32Array {
    const key = limitId === undefined ? this.walkKey(direction, subject) : `${limitId}#${this.walkKey(direction, subject)}`;
    let row = this.rowsByWalk[direction].get(key);
    if (!row) this.rowsByWalk[direction].set(key, (row = this.row(direction, subject, limitId)));
    return row;
  }

  private readonly rowNodesByWalk: Record<Direction, Map<string, Int32Array>> = { ingress: new Map(), egress: new Map() };
  private readonly rowsByWalk: Record<Direction, Map<string, Int32Array>> = { ingress: new Map(), egress: new Map() };

  /** Equal keys ⇔ equal walks: the policies' rules in order, the isolation, the destination's named ports. */
  private walkKey(direction: Direction, subject: number): string {
    // Made once per subject: a subject's policy list can be long, and rows are asked for repeatedly.
    const keys = this.walkKeys[direction];
    let key = keys[subject];
    if (key === undefined) {
      const rules = this.subjectRulesOf(direction)[subject];
      key = keys[subject] =
        `${rules.isolated ? 1 : 0}|${direction === "ingress" ? this.portKeys[subject] : ""}|${rules.policyIndexes.join(",")}`;
    }
    return key;
  }

  private readonly walkKeys: Record<Direction, (string | undefined)[]> = { ingress: [], egress: [] };

  private egressStartGroups: Int32Array[] | undefined;

  /** `row` as its walk (values: `automaton.allowed(node)`; every peer is in a group). */
  rowWalk(direction: Direction, subject: number): WalkGroups {
    const rules = this.subjectRulesOf(direction)[subject];
    let initial: PeerGroup[];
    if (direction === "ingress") initial = [{ node: this.automaton.root(rules.isolated, this.namedPorts[subject]), peers: this.universe }];
    else {
      // Egress: the destination is the peer, whose named ports resolve the rules' named ports.
      if (!this.egressStartGroups) {
        const byPorts = new Map<string, number[]>();
        for (const peer of this.universe) {
          const key = this.portKeys[peer];
          const list = byPorts.get(key);
          if (list) list.push(peer);
          else byPorts.set(key, [peer]);
        }
        // Kept as arrays: the same starting lists each walk, so the largest serves as the walks' implicit rest.
        this.egressStartGroups = [...byPorts.values()].map((peers) => Int32Array.from(peers));
      }
      initial = this.egressStartGroups.map((peers) => ({
        node: this.automaton.root(rules.isolated, this.namedPorts[peers[0]]),
        peers,
      }));
    }
    let groups: WalkGroups;
    if (rules.adminSteps > 0 && rules.adminSteps < rules.steps.length) {
      // The admin prefix is walked once per distinct start and admin policy list, then each subject goes on
      // from its groups (a walk is a pure function of its start groups and steps).
      const key = `${direction}|${initial.map((g) => g.node).join(",")}|${rules.policyIndexes.slice(0, rules.adminPolicies).join(",")}`;
      let prefix = this.adminPrefixes.get(key);
      if (!prefix)
        this.adminPrefixes.set(
          key,
          (prefix = signatureGroups(this.automaton, this.peerCount, initial, rules.steps.slice(0, rules.adminSteps))),
        );
      groups = signatureGroups(this.automaton, this.peerCount, prefix, rules.steps.slice(rules.adminSteps));
    } else groups = signatureGroups(this.automaton, this.peerCount, initial, rules.steps);
    return groups;
  }

  /** Groups after the admin prefix, by direction, start nodes and admin policies (read-only, reused as starts). */
  private readonly adminPrefixes = new Map<string, WalkGroups>();

  get distinctWalks(): number {
    return this.automaton.stateCount;
  }
}
