/**
 * The NSX first-match walk (the steps of `allowedAtVnic`) over a rule list, on interned traffic ids, for
 * the lint: every distinct list of the estate is a path in a trie (`rule-lists.ts`), and the walk's state
 * after a prefix depends on the prefix only, so each trie node is walked once, whatever the number of lists
 * through it. Set operations are memoised per pair of ids (`TrafficInterner`), so the many lists that
 * repeat the same rule traffic cost lookups, not set algebra.
 */
import { TrafficInterner } from "../equivalence/traffic-interner.ts";
import { familyTraffic, type AddressFamily } from "../nsx/address-family.ts";
import type { NsxEstate } from "../nsx/model.ts";
import type { CompiledRule } from "../nsx/rule-table.ts";

/** Traffic not decided yet, jumped to Application, allowed and rejected so far; whether Application began. */
export interface WalkState {
  remaining: number;
  jumped: number;
  allowed: number;
  rejected: number;
  inApplication: boolean;
}

export class ListWalker {
  readonly interner = new TrafficInterner();
  private readonly universes: Record<AddressFamily, number>;
  private readonly trafficOf: number[];

  constructor(
    private readonly rules: readonly CompiledRule[],
    private readonly defaultAction: NsxEstate["defaultAction"],
  ) {
    this.universes = { 4: this.interner.intern(familyTraffic(4)), 6: this.interner.intern(familyTraffic(6)) };
    this.trafficOf = rules.map((rule) => this.interner.intern(rule.traffic));
  }

  get emptyId(): number {
    return this.interner.emptyId;
  }

  start(family: AddressFamily): WalkState {
    const empty = this.interner.emptyId;
    return { remaining: this.universes[family], jumped: empty, allowed: empty, rejected: empty, inApplication: false };
  }

  /** What rule `index` could match in the family were it first. */
  matchable(index: number, family: AddressFamily): number {
    return this.interner.intersect(this.trafficOf[index], this.universes[family]);
  }

  /** One step: the state after rule `index`, and what it decided. */
  step(state: WalkState, index: number): { state: WalkState; decided: number } {
    const { interner } = this;
    const rule = this.rules[index];
    let { remaining, jumped, allowed, rejected, inApplication } = state;
    if (rule.category === "Application" && !inApplication) {
      inApplication = true;
      remaining = interner.union(remaining, jumped);
      jumped = interner.emptyId;
    }
    const decided = interner.intersect(remaining, this.trafficOf[index]);
    if (decided !== interner.emptyId) {
      remaining = interner.subtract(remaining, decided);
      const action = rule.rule.action;
      if (action === "ALLOW") allowed = interner.union(allowed, decided);
      else if (action === "REJECT") rejected = interner.union(rejected, decided);
      else if (action === "JUMP_TO_APPLICATION") jumped = interner.union(jumped, decided);
    }
    return { state: { remaining, jumped, allowed, rejected, inApplication }, decided };
  }

  /** Nothing left to decide: every later rule decides nothing. */
  settled(state: WalkState): boolean {
    return state.remaining === this.interner.emptyId && state.jumped === this.interner.emptyId;
  }

  /** The walk's end: allowed and rejected with the default rule's share, and that share. */
  finish(state: WalkState): { allowed: number; rejected: number; byDefault: number } {
    const byDefault = this.interner.union(state.remaining, state.jumped);
    return {
      allowed: this.defaultAction === "ALLOW" ? this.interner.union(state.allowed, byDefault) : state.allowed,
      rejected: this.defaultAction === "REJECT" ? this.interner.union(state.rejected, byDefault) : state.rejected,
      byDefault,
    };
  }
}
