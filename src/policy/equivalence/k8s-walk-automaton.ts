/**
 * The Kubernetes per-direction decision (the same stages as `evaluateDirection`) as an automaton over
 * interned states. Tokens are applicable rules in evaluation order: admin rules (first match: Allow, Deny,
 * Pass), NetworkPolicy rules (union, only for isolated subjects), baseline rules (first match, only for
 * subjects no NetworkPolicy selects). A state also carries what the walk depends on besides the rules:
 * whether the subject is isolated and the destination's named ports.
 */
import type { Direction, NamedPort, NormalisedPolicy, PolicyRule, PortSpec } from "../k8s/model.ts";
import type { K8sEndpoint } from "../k8s/model.ts";
import { portsTraffic } from "../k8s/rule-traffic.ts";
import { TrafficSet } from "../sets/traffic-set.ts";
import { PairTable } from "./pair-table.ts";
import type { TrafficInterner } from "./traffic-interner.ts";

const TOKEN_LIMIT = 2 ** 21;
const ADMIN = 0;
const NETWORK_POLICY = 1;
const BASELINE = 2;

export interface RuleToken {
  policy: NormalisedPolicy;
  rule: PolicyRule;
  direction: Direction;
}

interface WalkState {
  stage: number;
  isolated: boolean;
  portKey: number;
  remaining: number;
  allowed: number;
  passed: number;
  networkPolicyAllowed: number;
}

export class K8sWalkAutomaton {
  readonly tokens: RuleToken[] = [];
  private readonly states: WalkState[] = [];
  private readonly stateIds = new Map<string, number>();
  private readonly transitions = new PairTable();
  private readonly finals: number[] = [];
  private readonly portKeys = new Map<string, number>();
  private readonly portDestinations: (K8sEndpoint | undefined)[] = [];
  private readonly ruleTraffic = new Map<number, number>();

  constructor(private readonly interner: TrafficInterner) {}

  addToken(token: RuleToken): number {
    if (this.tokens.length >= TOKEN_LIMIT - 1) throw new RangeError(`at most ${TOKEN_LIMIT - 1} Kubernetes rules are supported`);
    this.tokens.push(token);
    return this.tokens.length - 1;
  }

  private state(s: WalkState): number {
    const key = `${s.stage},${s.isolated ? 1 : 0},${s.portKey},${s.remaining},${s.allowed},${s.passed},${s.networkPolicyAllowed}`;
    let id = this.stateIds.get(key);
    if (id === undefined) {
      id = this.states.length;
      this.states.push(s);
      this.stateIds.set(key, id);
    }
    return id;
  }

  private allId: number | undefined;

  /** `namedPorts` of the destination (the subject for ingress, the peer for egress; none for externals). */
  root(isolated: boolean, namedPorts: readonly NamedPort[]): number {
    const text = namedPorts.length === 0 ? "[]" : JSON.stringify([...namedPorts].map((p) => `${p.name}/${p.protocol}/${p.port}`).sort());
    let portKey = this.portKeys.get(text);
    if (portKey === undefined) {
      portKey = this.portDestinations.length;
      this.portKeys.set(text, portKey);
      // Only named ports matter to port resolution; an endpoint without any behaves like an external.
      this.portDestinations.push(namedPorts.length > 0 ? ({ namedPorts } as K8sEndpoint) : undefined);
    }
    const empty = this.interner.emptyId;
    this.allId ??= this.interner.intern(TrafficSet.all());
    return this.state({
      stage: ADMIN,
      isolated,
      portKey,
      remaining: this.allId,
      allowed: empty,
      passed: empty,
      networkPolicyAllowed: empty,
    });
  }

  private traffic(token: number, portKey: number): number {
    const key = token * 4096 + portKey;
    let id = this.ruleTraffic.get(key);
    if (id === undefined) {
      // Many rules share a port list (every rule of a translated NetworkPolicy row with the same spec): the
      // traffic is built and interned once per distinct list and destination ports.
      const ports = this.tokens[token].rule.ports;
      let text = this.portsText.get(ports);
      if (text === undefined) this.portsText.set(ports, (text = JSON.stringify(ports)));
      const byText = `${portKey}\u0000${text}`;
      id = this.trafficByPorts.get(byText);
      if (id === undefined) {
        id = this.interner.intern(portsTraffic(ports, this.portDestinations[portKey]));
        this.trafficByPorts.set(byText, id);
      }
      this.ruleTraffic.set(key, id);
    }
    return id;
  }

  private readonly portsText = new WeakMap<readonly PortSpec[], string>();
  private readonly trafficByPorts = new Map<string, number>();

  child(node: number, token: number): number {
    const known = this.transitions.get(node, token);
    if (known >= 0) return known;
    const { interner } = this;
    const { policy, rule } = this.tokens[token];
    const s = { ...this.states[node] };
    const stage = policy.stage === "admin" ? ADMIN : policy.stage === "networkPolicy" ? NETWORK_POLICY : BASELINE;
    let id = node;
    // Baseline rules are never consulted for a subject a NetworkPolicy selects.
    if (!(stage === BASELINE && s.isolated)) {
      if (stage !== s.stage) {
        // Leaving the admin stage: what admin rules passed is undecided again.
        s.remaining = interner.union(s.remaining, s.passed);
        s.passed = interner.emptyId;
        s.stage = stage;
      }
      const matched = interner.intersect(s.remaining, this.traffic(token, s.portKey));
      if (stage === NETWORK_POLICY) s.networkPolicyAllowed = interner.union(s.networkPolicyAllowed, matched);
      else if (matched !== interner.emptyId) {
        s.remaining = interner.subtract(s.remaining, matched);
        if (rule.action === "Allow") s.allowed = interner.union(s.allowed, matched);
        else if (rule.action === "Pass") s.passed = interner.union(s.passed, matched);
      }
      id = this.state(s);
    }
    this.transitions.set(node, token, id);
    return id;
  }

  /** Allowed once no more rules apply: isolation denies the rest, otherwise the default allows it. */
  allowed(node: number): number {
    let id = this.finals[node];
    if (id === undefined) {
      const s = this.states[node];
      const undecided = this.interner.union(s.remaining, s.passed);
      if (s.stage === NETWORK_POLICY) id = this.interner.union(s.allowed, s.networkPolicyAllowed);
      else if (s.isolated) id = s.allowed;
      else id = this.interner.union(s.allowed, undecided);
      this.finals[node] = id;
    }
    return id;
  }

  /** What the state's rules allowed so far (for an admin-only walk: allowed if the rest were denied). */
  ruleAllowed(node: number): number {
    return this.states[node].allowed;
  }

  get stateCount(): number {
    return this.states.length;
  }
}
