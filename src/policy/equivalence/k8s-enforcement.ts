/**
 * Kubernetes side over the common endpoint space: for a direction, each VM class's row of allowed traffic
 * (egress towards, ingress from) every peer — VM classes, then external atoms — as interned ids. The
 * policies selecting a subject and the rules matching a peer are found once per distinct selector; peers
 * are grouped by the walk state their applicable rules lead to (`K8sWalkAutomaton`, the stages of the
 * engine's `evaluateDirection`, which also depend on isolation and the destination's named ports).
 */
import type { Direction, NamedPort, NormalisedPolicy, Peer, PolicyRule } from "../k8s/model.ts";
import { peerMatches, podsMatch, type Party } from "../k8s/party.ts";
import { IpSet } from "../sets/ip-set.ts";
import type { EndpointSpace } from "./endpoint-space.ts";
import { peerSetOf, signatureGroups, type PeerGroup, type PeerSet } from "./peer-signatures.ts";
import { K8sWalkAutomaton } from "./k8s-walk-automaton.ts";
import type { TrafficInterner } from "./traffic-interner.ts";

function jsonKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof IpSet ? v.toString() : v instanceof Set ? [...(v as Set<unknown>)] : v));
}

interface SubjectRules {
  policies: NormalisedPolicy[];
  isolated: boolean;
  steps: { token: number; peers: PeerSet }[];
}

export class K8sEnforcement {
  readonly automaton: K8sWalkAutomaton;
  readonly universe: Int32Array;
  private readonly peerCount: number;
  private readonly parties: Party[];
  private readonly portKeys: string[];
  private readonly namedPorts: (readonly NamedPort[])[];
  private readonly bySubject = new Map<Direction, SubjectRules[]>();

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
    this.portKeys = this.parties.map((p) =>
      p.kind === "endpoint" ? jsonKey([...p.endpoint.namedPorts].map((n) => `${n.name}/${n.protocol}/${n.port}`).sort()) : "[]",
    );
    for (const direction of ["ingress", "egress"] as const) this.bySubject.set(direction, this.subjectRules(direction));
  }

  party(peer: number): Party {
    return this.parties[peer];
  }

  private subjectRules(direction: Direction): SubjectRules[] {
    const c = this.space.vmClasses.length;
    const result: SubjectRules[] = this.space.vmClasses.map(() => ({ policies: [], isolated: false, steps: [] }));
    const subjectSets = new Map<string, number[]>();
    const peerSets = new Map<string, PeerSet>();
    for (const policy of this.policies) {
      if (!policy.directions.has(direction)) continue;
      const subjectKey = jsonKey(policy.subject);
      let subjects = subjectSets.get(subjectKey);
      if (!subjects) {
        subjects = [];
        for (let v = 0; v < c; v++) if (podsMatch(policy.subject.namespaces, policy.subject.pods, this.parties[v])) subjects.push(v);
        subjectSets.set(subjectKey, subjects);
      }
      const rules: { token: number; peers: PeerSet }[] = [];
      for (const rule of policy[direction]) {
        const peers = this.rulePeers(rule, peerSets);
        if (peers.kind !== "none") rules.push({ token: this.automaton.addToken({ policy, rule, direction }), peers });
      }
      for (const v of subjects) {
        const entry = result[v];
        entry.policies.push(policy);
        if (policy.stage === "networkPolicy") entry.isolated = true;
        for (const step of rules) entry.steps.push(step);
      }
    }
    return result;
  }

  private rulePeers(rule: PolicyRule, cache: Map<string, PeerSet>): PeerSet {
    const key = jsonKey(rule.peers);
    let set = cache.get(key);
    if (!set) {
      const peers: readonly Peer[] = rule.peers;
      set = peerSetOf(this.universe, (peer) => peers.some((p) => peerMatches(p, this.parties[peer])));
      cache.set(key, set);
    }
    return set;
  }

  /** Allowed traffic ids for the subject class in this direction, per peer. */
  row(direction: Direction, subject: number): Int32Array {
    const row = new Int32Array(this.peerCount).fill(this.interner.emptyId);
    const rules = this.bySubject.get(direction)![subject];
    let initial: PeerGroup[];
    if (direction === "ingress") initial = [{ node: this.automaton.root(rules.isolated, this.namedPorts[subject]), peers: this.universe }];
    else {
      // Egress: the destination is the peer, whose named ports resolve the rules' named ports.
      const byPorts = new Map<string, number[]>();
      for (const peer of this.universe) {
        const key = this.portKeys[peer];
        const list = byPorts.get(key);
        if (list) list.push(peer);
        else byPorts.set(key, [peer]);
      }
      initial = [...byPorts.values()].map((peers) => ({ node: this.automaton.root(rules.isolated, this.namedPorts[peers[0]]), peers: Int32Array.from(peers) }));
    }
    for (const group of signatureGroups(this.automaton, this.peerCount, initial, rules.steps)) {
      const id = this.automaton.allowed(group.node);
      for (const peer of group.peers) row[peer] = id;
    }
    return row;
  }

  get distinctWalks(): number {
    return this.automaton.stateCount;
  }
}
