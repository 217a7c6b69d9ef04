/**
 * Collects the findings of one translation: what the engine reported about the estate, what the manifests
 * cannot carry (with the exact lost flows), and the choices made on the way (materialised labels, renamed
 * labels, priority overflows). Stable ids and order, so the same estate yields byte-identical findings.
 */
import { type CompiledNsx, type NsxProblem, IpSet, TrafficSet, type ExternalClass } from "../../policy/index.ts";
import { shortHash } from "../identity/label-normalise.ts";
import type { TaxonomyNote } from "../identity/label-taxonomy.ts";
import type { MaterialisedLabel } from "../selectors/materialised-labels.ts";
import { comparisonUniverse, L4_PROTOCOLS } from "../services/service-to-ports.ts";
import type { LostTraffic } from "../plan/network-policy-stage.ts";
import type { TranslationClass } from "../plan/translation-classes.ts";
import { FINDING_CATALOGUE, type FindingCode } from "./catalogue.ts";
import type { TFinding, TFlowSet } from "./finding.ts";

export function makeFinding(
  code: FindingCode,
  ruleIds: readonly string[],
  detail: string | undefined,
  flows: TFlowSet[] = [],
  effect: TFinding["effect"] = flows.length > 0 ? "lost" : "none",
): TFinding {
  const entry = FINDING_CATALOGUE[code];
  const ids = [...new Set(ruleIds)].sort();
  return {
    id: `${code}-${shortHash(`${code}|${ids.join(",")}|${detail ?? ""}`)}`,
    code,
    severity: entry.severity,
    title: entry.title,
    ruleIds: ids,
    why: detail ? `${entry.why} ${detail}` : entry.why,
    remediation: entry.remediation,
    effect,
    flows,
  };
}

/** `policy/rule (id)` → id. */
function ruleIdOf(subject: string | undefined): string | undefined {
  const m = subject?.match(/\(([^()]+)\)$/);
  return m?.[1];
}

const PROBLEM_CODES: Record<string, FindingCode> = {
  "alg-data-channel": "alg-data-channel",
  "ethertype-service": "ethertype-service",
  "ethernet-category": "ethernet-category",
  "identity-group": "identity-group",
  "mac-members": "mac-members",
  "unsupported-member-type": "unsupported-member-type",
  "unsupported-condition-key": "unsupported-member-type",
  "partial-address-match": "partial-address-match",
};

export function problemFindings(compiled: CompiledNsx): TFinding[] {
  const byCode = new Map<FindingCode, { ruleIds: Set<string>; details: Set<string> }>();
  const add = (code: FindingCode, problem: NsxProblem) => {
    const entry = byCode.get(code) ?? { ruleIds: new Set(), details: new Set() };
    const id = ruleIdOf(problem.subject);
    if (id) entry.ruleIds.add(id);
    entry.details.add(problem.subject ? `${problem.subject}: ${problem.message}` : problem.message);
    byCode.set(code, entry);
  };
  // Services and groups are named by path in problems; name the rules that use them.
  const rulesUsing = (path: string) =>
    compiled.rules
      .filter((r) => [...r.rule.services, ...r.rule.sources, ...r.rule.destinations, ...r.rule.scope].includes(path))
      .map((r) => r.rule.id);
  for (const problem of compiled.problems) {
    if (problem.code === "l7-profile") {
      const fqdn = /fqdn|domain|dns/i.test(problem.message);
      add(fqdn ? "fqdn-profile" : "l7-profile", problem);
      continue;
    }
    const code = PROBLEM_CODES[problem.code] ?? (problem.severity === "error" ? "estate-problem" : undefined);
    if (!code) continue;
    add(code, problem);
    if (problem.subject && !ruleIdOf(problem.subject)) for (const id of rulesUsing(problem.subject)) byCode.get(code)!.ruleIds.add(id);
  }
  return [...byCode.entries()].map(([code, { ruleIds, details }]) =>
    makeFinding(
      code,
      [...ruleIds],
      `Details: ${[...details].sort().slice(0, 20).join("; ")}${details.size > 20 ? `; … ${details.size - 20} more` : ""}.`,
    ),
  );
}

export function ruleFindings(compiled: CompiledNsx): TFinding[] {
  const out: TFinding[] = [];
  const rules = compiled.estate.policies.flatMap((p) => p.rules.map((r) => ({ policy: p, rule: r })));
  const rejects = rules.filter(({ rule }) => !rule.disabled && rule.action === "REJECT").map(({ rule }) => rule.id);
  if (compiled.estate.defaultAction === "REJECT" && compiled.estate.defaultRuleId) rejects.push(compiled.estate.defaultRuleId);
  if (rejects.length > 0) out.push(makeFinding("reject-becomes-drop", rejects, undefined));
  const logged = rules.filter(({ rule }) => !rule.disabled && rule.logged).map(({ rule }) => rule.id);
  if (logged.length > 0) out.push(makeFinding("logging-granularity", logged, undefined));
  const disabled = rules.filter(({ rule }) => rule.disabled).map(({ rule }) => rule.id);
  if (disabled.length > 0) out.push(makeFinding("disabled-rules", disabled, undefined));
  const v6 = IpSet.allV6();
  const v6Rules = compiled.rules
    .filter((r) => r.rule.ipProtocol === "IPV6" || !r.sources.ips.intersect(v6).isEmpty() || !r.destinations.ips.intersect(v6).isEmpty())
    .map((r) => r.rule.id);
  const v6Vms = compiled.vms.filter((v) => !v.addresses.intersect(v6).isEmpty()).length;
  // On an IPv4-only cluster no IPv6 flow exists at all: the finding accounts for every IPv6 flow NSX allows.
  const everyIpv6Flow: TFlowSet = {
    srcVms: [],
    srcAddresses: [],
    dstVms: [],
    dstAddresses: [],
    traffic: "All Connections",
    trafficJson: TrafficSet.all().toJSON(),
    family: 6,
  };
  if (v6Rules.length > 0 || v6Vms > 0)
    out.push(
      makeFinding("ipv6-not-carried", v6Rules, `${v6Vms} VM(s) have IPv6 addresses; ${v6Rules.length} rule(s) name IPv6.`, [everyIpv6Flow]),
    );
  return out;
}

export function identityFindings(
  notes: readonly TaxonomyNote[],
  materialised: readonly MaterialisedLabel[],
  ambiguousNamespaces: readonly string[],
): TFinding[] {
  const out: TFinding[] = [];
  const normalised = notes.filter((n) => n.kind === "normalised").map((n) => n.message);
  const collisions = notes.filter((n) => n.kind === "collision").map((n) => n.message);
  if (normalised.length > 0)
    out.push(
      makeFinding(
        "label-normalised",
        [],
        `${normalised.slice(0, 30).join("; ")}${normalised.length > 30 ? `; … ${normalised.length - 30} more` : ""}.`,
      ),
    );
  if (collisions.length > 0) out.push(makeFinding("label-collision", [], `${collisions.join("; ")}.`));
  for (const m of materialised)
    out.push(
      makeFinding(
        "materialised-label",
        m.ruleIds,
        `${m.key}=true stands for ${m.standsFor} (${m.vmIds.length} VM(s)), because ${m.reason}.`,
      ),
    );
  if (ambiguousNamespaces.length > 0) out.push(makeFinding("namespace-ambiguous", [], `${ambiguousNamespaces.join("; ")}.`));
  return out;
}

/** Lost traffic of the NetworkPolicy stage → findings by kind, each with its exact flows. */
export function lostTrafficFindings(
  lost: readonly LostTraffic[],
  classes: readonly TranslationClass[],
  externals: readonly ExternalClass[],
): TFinding[] {
  const universe = comparisonUniverse();
  const l4 = L4_PROTOCOLS.reduce((acc, p) => acc.union(TrafficSet.l4(p)), TrafficSet.empty());
  const icmp = TrafficSet.icmp(4);
  const kinds: { code: FindingCode; part: TrafficSet }[] = [
    { code: "icmp-not-carried", part: icmp },
    { code: "source-ports-not-carried", part: l4 },
    { code: "ip-protocol-not-carried", part: universe.subtract(icmp).subtract(l4) },
  ];
  const nC = classes.length;
  const out: TFinding[] = [];
  for (const { code, part } of kinds) {
    const ruleIds = new Set<string>();
    // Group subjects by (direction, peer, traffic), then peers by (direction, subjects, traffic).
    const bySubjects = new Map<string, { direction: string; subjects: number[]; peers: number[]; traffic: TrafficSet }>();
    const byPeer = new Map<string, { direction: string; peer: number; subjects: number[]; traffic: TrafficSet }>();
    // Lost traffic sets are shared between entries (one per distinct expression): cut and key each once.
    const cut = new Map<TrafficSet, { traffic: TrafficSet; json: string }>();
    for (const entry of lost) {
      let c = cut.get(entry.traffic);
      if (!c) {
        const t = entry.traffic.intersect(part);
        cut.set(entry.traffic, (c = { traffic: t, json: t.isEmpty() ? "" : JSON.stringify(t.toJSON()) }));
      }
      const traffic = c.traffic;
      if (traffic.isEmpty()) continue;
      entry.ruleIds.forEach((id) => ruleIds.add(id));
      const key = `${entry.direction}|${entry.peer}|${c.json}`;
      const g = byPeer.get(key) ?? { direction: entry.direction, peer: entry.peer, subjects: [], traffic };
      g.subjects.push(entry.subject);
      byPeer.set(key, g);
    }
    for (const g of byPeer.values()) {
      const key = `${g.direction}|${g.subjects.join(",")}|${JSON.stringify(g.traffic.toJSON())}`;
      const h = bySubjects.get(key) ?? { direction: g.direction, subjects: g.subjects, peers: [], traffic: g.traffic };
      h.peers.push(g.peer);
      bySubjects.set(key, h);
    }
    const flows: TFlowSet[] = [];
    for (const h of bySubjects.values()) {
      const subjectVms = h.subjects.flatMap((i) => classes[i].members.map((m) => m.vm.id)).sort();
      const peerVms = h.peers
        .filter((p) => p < nC)
        .flatMap((p) => classes[p].members.map((m) => m.vm.id))
        .sort();
      const peerAddresses = h.peers
        .filter((p) => p >= nC)
        .reduce((acc, p) => acc.union(externals[p - nC].endpoint.addresses), IpSet.empty())
        .toRanges();
      const [srcVms, srcAddresses, dstVms, dstAddresses] =
        h.direction === "egress" ? [subjectVms, [], peerVms, peerAddresses] : [peerVms, peerAddresses, subjectVms, []];
      flows.push({ srcVms, srcAddresses, dstVms, dstAddresses, traffic: h.traffic.toString(), trafficJson: h.traffic.toJSON() });
    }
    if (flows.length > 0) out.push(makeFinding(code, [...ruleIds], `${flows.length} flow set(s) are not carried.`, flows, "lost"));
  }
  return out;
}
