/**
 * The NSX first-match walk at one vNIC (the same steps as `allowedAtVnic`) as an automaton over interned
 * states: a state is (phase, undecided traffic, traffic waiting for Application after a JUMP, allowed
 * traffic), a token is an applicable rule. Points whose applicable rules lead to equal states share all
 * further work, so set operations run once per distinct (state, rule), not once per endpoint pair.
 * The caller feeds only rules that apply at the point, in rule-table order.
 */
import { familyTraffic, type AddressFamily } from "../nsx/address-family.ts";
import type { NsxEstate } from "../nsx/model.ts";
import type { CompiledRule } from "../nsx/rule-table.ts";
import { PairTable } from "./pair-table.ts";
import type { TrafficInterner } from "./traffic-interner.ts";

const TOKEN_LIMIT = 2 ** 21;

interface WalkState {
  inApplication: boolean;
  remaining: number;
  jumped: number;
  allowed: number;
}

export class NsxWalkAutomaton {
  private readonly states: WalkState[] = [];
  private readonly stateIds = new Map<string, number>();
  private readonly transitions = new PairTable();
  private readonly finals: number[] = [];
  private readonly ruleTraffic: number[];

  constructor(
    private readonly rules: readonly CompiledRule[],
    private readonly defaultAction: NsxEstate["defaultAction"],
    private readonly interner: TrafficInterner,
  ) {
    if (rules.length >= TOKEN_LIMIT) throw new RangeError(`at most ${TOKEN_LIMIT - 1} rules are supported`);
    this.ruleTraffic = rules.map((r) => interner.intern(r.traffic));
  }

  private state(s: WalkState): number {
    const key = `${s.inApplication ? 1 : 0},${s.remaining},${s.jumped},${s.allowed}`;
    let id = this.stateIds.get(key);
    if (id === undefined) {
      id = this.states.length;
      this.states.push(s);
      this.stateIds.set(key, id);
    }
    return id;
  }

  private readonly roots = new Map<AddressFamily, number>();

  /** Nothing decided yet: everything the family can carry is undecided (one state per family, made once). */
  root(family: AddressFamily): number {
    let node = this.roots.get(family);
    if (node === undefined) {
      const empty = this.interner.emptyId;
      node = this.state({ inApplication: false, remaining: this.interner.intern(familyTraffic(family)), jumped: empty, allowed: empty });
      this.roots.set(family, node);
    }
    return node;
  }

  child(node: number, token: number): number {
    const known = this.transitions.get(node, token);
    if (known >= 0) return known;
    const { interner } = this;
    const rule = this.rules[token];
    let { inApplication, remaining, jumped, allowed } = this.states[node];
    if (rule.category === "Application" && !inApplication) {
      // Traffic that jumped waits for the Application category.
      inApplication = true;
      remaining = interner.union(remaining, jumped);
      jumped = interner.emptyId;
    }
    const matched = interner.intersect(remaining, this.ruleTraffic[token]);
    if (matched !== interner.emptyId) {
      remaining = interner.subtract(remaining, matched);
      if (rule.rule.action === "ALLOW") allowed = interner.union(allowed, matched);
      // A jump outside Application waits for it; inside Application it has nowhere to go: the default decides.
      else if (rule.rule.action === "JUMP_TO_APPLICATION") jumped = interner.union(jumped, matched);
    }
    const id = this.state({ inApplication, remaining, jumped, allowed });
    this.transitions.set(node, token, id);
    return id;
  }

  /** What the vNIC allows once no more rules apply: undecided traffic falls to the default rule. */
  allowed(node: number): number {
    let id = this.finals[node];
    if (id === undefined) {
      const { remaining, jumped, allowed } = this.states[node];
      id = this.defaultAction === "ALLOW" ? this.interner.union(allowed, this.interner.union(remaining, jumped)) : allowed;
      this.finals[node] = id;
    }
    return id;
  }

  get stateCount(): number {
    return this.states.length;
  }
}
