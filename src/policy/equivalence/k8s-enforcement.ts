/**
 * Kubernetes side over the common endpoint space: for a direction, each VM class's row of allowed traffic
 * (egress towards, ingress from) every peer — VM classes, then external atoms — as interned ids. The
 * policies selecting a subject and the rules matching a peer are found once per distinct selector; the
 * walk itself is the Kubernetes engine's `evaluateDirection`, run once per distinct applicable-rule list
 * (plus isolation and destination named ports, which the outcome also depends on).
 */
import { evaluateDirection } from "../k8s/evaluate-direction.ts";
import type { Direction, NormalisedPolicy, Peer, PolicyRule } from "../k8s/model.ts";
import { peerMatches, podsMatch, type Party } from "../k8s/party.ts";
import { IpSet } from "../sets/ip-set.ts";
import type { EndpointSpace } from "./endpoint-space.ts";
import { peerSetOf, signatureGroups, type PeerGroup, type PeerSet } from "./peer-signatures.ts";
import { SignatureTrie } from "./signature-trie.ts";
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
  readonly trie = new SignatureTrie();
  private readonly memo = new Map<number, number>();
  readonly universe: Int32Array;
  private readonly peerCount: number;
  private readonly parties: Party[];
  private readonly portKeys: string[];
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
    let token = 0;
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
        if (peers.kind !== "none") rules.push({ token, peers });
        token++;
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
    const context = (portKey: string) => this.trie.root(`${direction}|${rules.isolated}|${portKey}`);
    let initial: PeerGroup[];
    if (direction === "ingress") initial = [{ node: context(this.portKeys[subject]), peers: this.universe }];
    else {
      const byPorts = new Map<string, number[]>();
      for (const peer of this.universe) {
        const key = this.portKeys[peer];
        const list = byPorts.get(key);
        if (list) list.push(peer);
        else byPorts.set(key, [peer]);
      }
      initial = [...byPorts].map(([key, peers]) => ({ node: context(key), peers: Int32Array.from(peers) }));
    }
    const subjectParty = this.parties[subject];
    for (const group of signatureGroups(this.trie, this.peerCount, initial, rules.steps)) {
      let id = this.memo.get(group.node);
      if (id === undefined) {
        id = this.interner.intern(evaluateDirection(rules.policies, direction, subjectParty, this.parties[group.peers[0]]).allowed);
        this.memo.set(group.node, id);
      }
      for (const peer of group.peers) row[peer] = id;
    }
    return row;
  }

  get distinctWalks(): number {
    return this.memo.size;
  }
}
