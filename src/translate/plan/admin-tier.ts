/**
 * Emergency / Infrastructure / Environment rules → AdminNetworkPolicies, rule by rule and in NSX order
 * (first match, Allow / Deny / Pass), each rule split into its two enforcement halves: the egress half at the
 * sources' vNICs (subject = sources ∩ Applied-To) and the ingress half at the destinations' vNICs (subject =
 * destinations ∩ Applied-To). JUMP_TO_APPLICATION → Pass, which — like the jump — skips every remaining
 * admin rule. The tier only has to be *sound*: whatever it decides must be what NSX decides. So a rule whose
 * traffic has no Kubernetes form (ICMP, other protocols, source ports) becomes a Pass over the smallest
 * expressible superset, external sources are left out of ingress halves (ANP ingress peers cannot be CIDRs),
 * and policies beyond the OVN-Kubernetes limit are dropped from the end; the class-based NetworkPolicy stage
 * then decides all of that traffic exactly.
 */
import { type CompiledNsx, type NsxCategory, type CompiledRule, IpSet } from "../../policy/index.ts";
import type { TMappingProfile } from "../profile/mapping-profile.ts";
import { andDnf, type Conjunction, type Dnf } from "../selectors/label-requirement.ts";
import type { RuleSelectorPlanner } from "../selectors/rule-selector.ts";
import { comparisonUniverse, expressOver, expressUnder, type PortsSpec } from "../services/service-to-ports.ts";

export type AdminCategory = Exclude<NsxCategory, "Ethernet" | "Application">;
export const ADMIN_CATEGORIES: readonly AdminCategory[] = ["Emergency", "Infrastructure", "Environment"];

export interface AdminPeers {
  pods: Dnf;
  networks: IpSet;
}

export interface AdminRulePlan {
  name: string;
  action: "Allow" | "Deny" | "Pass";
  peers: AdminPeers;
  ports: PortsSpec;
  ruleId: string;
  /** Set when the rule could not be carried as written and became a Pass. */
  widened?: string;
  logged: boolean;
}

export interface AdminPolicyPlan {
  category: AdminCategory;
  subject: Conjunction;
  subjectKey: string;
  ingress: AdminRulePlan[];
  egress: AdminRulePlan[];
  priority: number;
}

export interface AdminTierPlan {
  policies: AdminPolicyPlan[];
  /** Policies that did not fit the priority range (their traffic falls to the NetworkPolicy stage). */
  dropped: AdminPolicyPlan[];
  bandOverflow?: string;
  limitOverflow?: string;
  widenedRuleIds: string[];
}

interface Half {
  category: AdminCategory;
  direction: "ingress" | "egress";
  subject: Conjunction;
  subjectKey: string;
  /** Bitset over compiled.vms. */
  members: Readonly<Uint32Array>;
  rule: AdminRulePlan;
}

const ACTION = { ALLOW: "Allow", DROP: "Deny", REJECT: "Deny", JUMP_TO_APPLICATION: "Pass" } as const;

function ruleName(rule: CompiledRule): string {
  const text = `${rule.rule.id} ${rule.rule.name}`.replace(/\s+/g, " ").trim();
  return text.length <= 100 ? text : `${text.slice(0, 99)}…`;
}

export function planAdminTier(
  compiled: CompiledNsx,
  planner: RuleSelectorPlanner,
  profile: TMappingProfile,
  rulesPerDirection: number,
): AdminTierPlan {
  const members = (dnf: Dnf) => planner.members(dnf);
  const halves: Half[] = [];
  const widenedRuleIds: string[] = [];
  const universe = comparisonUniverse();
  for (const rule of compiled.rules) {
    const category = rule.category as AdminCategory;
    if (!ADMIN_CATEGORIES.includes(category)) continue;
    if (rule.rule.ipProtocol === "IPV6") continue; // never applies on an IPv4 cluster
    const traffic = rule.traffic.intersect(universe);
    if (traffic.isEmpty()) continue;
    const id = rule.rule.id;
    let action: AdminRulePlan["action"] = ACTION[rule.rule.action];
    let ports = expressUnder(traffic).spec;
    let widened: string | undefined;
    if (!expressUnder(traffic).lost.isEmpty()) {
      action = "Pass";
      ports = expressOver(traffic);
      widened = `its traffic (${traffic.toString()}) has no Kubernetes port form; carried as Pass over ${ports.all ? "all traffic" : "its ports"}, decided by the NetworkPolicy stage`;
      widenedRuleIds.push(id);
    }
    const scopeEntries =
      rule.policy.scope.length > 0 && !rule.policy.scope.some((s) => s.toUpperCase() === "ANY") ? rule.policy.scope : rule.rule.scope;
    const src = planner.peer(rule.rule.sources, rule.sources, `rule-${id}-sources`, id);
    const dst = planner.peer(rule.rule.destinations, rule.destinations, `rule-${id}-destinations`, id);
    const at = planner.appliedTo(scopeEntries, rule.appliedTo, `rule-${id}-applied-to`, id);
    const base = { name: ruleName(rule), action, ports, ruleId: id, logged: rule.rule.logged, ...(widened ? { widened } : {}) };
    const subjectOf = (side: Dnf, direction: string): Dnf => {
      const both = andDnf(side, at);
      if (both !== undefined && both.length <= 1) return both;
      const set = planner.bothHold(side, at);
      return set.size === 0 ? [] : planner.subject(`rule-${id}-${direction}-subject`, id, set);
    };
    const push = (direction: Half["direction"], subject: Dnf, peers: AdminPeers) => {
      if (subject.length === 0) return;
      if (peers.pods.length === 0 && peers.networks.isEmpty()) return;
      const conj = subject[0];
      halves.push({
        category,
        direction,
        subject: conj,
        subjectKey: JSON.stringify(conj),
        members: members(subject),
        rule: { ...base, peers },
      });
    };
    if (rule.rule.direction !== "IN") push("egress", subjectOf(src.pods, "egress"), { pods: dst.pods, networks: dst.addresses });
    if (rule.rule.direction !== "OUT") push("ingress", subjectOf(dst.pods, "ingress"), { pods: src.pods, networks: IpSet.empty() });
  }

  // Pack: a half joins the latest policy with the same subject and category when every policy after that one
  // with rules in the same direction has a subject disjoint from it — then no reordering is observable.
  type Draft = AdminPolicyPlan & { members: Readonly<Uint32Array> };
  const drafts: Draft[] = [];
  const overlaps = (a: Readonly<Uint32Array>, b: Readonly<Uint32Array>) => {
    for (let w = 0; w < a.length; w++) if ((a[w] & b[w]) !== 0) return true;
    return false;
  };
  for (const half of halves) {
    let target: Draft | undefined;
    for (let i = drafts.length - 1; i >= 0; i--) {
      const q = drafts[i];
      if (q.category !== half.category) break;
      if (q.subjectKey === half.subjectKey) {
        if (q[half.direction].length < rulesPerDirection) target = q;
        break;
      }
      if (q[half.direction].length > 0 && overlaps(q.members, half.members)) break;
    }
    if (!target) {
      target = {
        category: half.category,
        subject: half.subject,
        subjectKey: half.subjectKey,
        members: half.members,
        ingress: [],
        egress: [],
        priority: 0,
      };
      drafts.push(target);
    }
    target[half.direction].push(half.rule);
  }

  // Priorities: each category in its band; if a band is too small, one sequence across bands; beyond the
  // OVN-Kubernetes range the tail is dropped (a suffix of first-match rules can always be left to later stages).
  const max = profile.limits.maxAdminPolicies;
  let bandOverflow: string | undefined;
  let limitOverflow: string | undefined;
  const counts = Object.fromEntries(ADMIN_CATEGORIES.map((c) => [c, drafts.filter((d) => d.category === c).length])) as Record<
    AdminCategory,
    number
  >;
  const fits = ADMIN_CATEGORIES.every((c) => counts[c] <= profile.bands[c].to - profile.bands[c].from + 1 && profile.bands[c].to < max);
  if (fits) {
    for (const c of ADMIN_CATEGORIES) drafts.filter((d) => d.category === c).forEach((d, i) => (d.priority = profile.bands[c].from + i));
  } else {
    bandOverflow = ADMIN_CATEGORIES.map((c) => `${c} needs ${counts[c]} (band ${profile.bands[c].from}–${profile.bands[c].to})`).join("; ");
    drafts.forEach((d, i) => (d.priority = i));
  }
  const kept = drafts.filter((d) => d.priority < max);
  const dropped = drafts.filter((d) => d.priority >= max);
  if (dropped.length > 0)
    limitOverflow = `${drafts.length} AdminNetworkPolicies needed, ${max} allowed (priorities 0–${max - 1}); ${dropped.length} policies (${dropped.reduce((n, d) => n + d.ingress.length + d.egress.length, 0)} rule halves) left to the NetworkPolicy stage`;
  const strip = ({ members: _m, ...rest }: Draft): AdminPolicyPlan => rest;
  return { policies: kept.map(strip), dropped: dropped.map(strip), bandOverflow, limitOverflow, widenedRuleIds };
}
