/**
 * A query over a set of flows, decided exactly: each enforcement point splits the set into parts it decides
 * by one rule (or default); the side's parts are the non-empty intersections across its enforcement points.
 * Parts decided by the same rules everywhere are merged, so the answer reads "allowed for code 0 (rule A);
 * denied for codes 1-255 (default)" and the verdict is `partial` when the parts disagree.
 */
import type { Decision, FlowPart, FlowResult, Side, Verdict } from "./explain.ts";
import { TrafficSet } from "./sets/traffic-set.ts";

/** One enforcement point's decision over the part of the flow set it covers. */
export interface DecidedTraffic {
  traffic: TrafficSet;
  decision: Decision;
}

function partVerdict(decisions: readonly Decision[]): Verdict {
  return decisions.find((d) => d.verdict !== "allow")?.verdict ?? "allow";
}

const decisionKey = (d: Decision) =>
  `${d.enforcementPoint}|${d.verdict}|${d.policy ?? ""}|${d.ruleId ?? d.rule ?? ""}|${d.action}|${d.summary}`;

/**
 * Combines the per-enforcement-point partitions of `queried` into the side's result. `points` lists, per
 * enforcement point in order, a partition of (its part of) the queried traffic.
 */
export function combineFlowParts(side: Side, queried: TrafficSet, points: readonly (readonly DecidedTraffic[])[]): FlowResult {
  let parts: { traffic: TrafficSet; decisions: Decision[] }[] = [{ traffic: queried, decisions: [] }];
  for (const partition of points) {
    const next: typeof parts = [];
    for (const part of parts) {
      for (const piece of partition) {
        const traffic = part.traffic.intersect(piece.traffic);
        if (!traffic.isEmpty()) next.push({ traffic, decisions: [...part.decisions, piece.decision] });
      }
    }
    parts = next;
  }
  const merged = new Map<string, { traffic: TrafficSet; decisions: Decision[] }>();
  for (const part of parts) {
    const key = part.decisions.map(decisionKey).join("\n");
    const existing = merged.get(key);
    if (existing) existing.traffic = existing.traffic.union(part.traffic);
    else merged.set(key, { ...part });
  }
  // Allowed parts first, then the refused ones, each in the order the walk found them.
  const ordered = [...merged.values()].sort(
    (a, b) => Number(partVerdict(a.decisions) !== "allow") - Number(partVerdict(b.decisions) !== "allow"),
  );
  const result: FlowPart[] = ordered.map((p) => ({
    traffic: p.traffic.toString(),
    verdict: partVerdict(p.decisions),
    decisions: p.decisions,
  }));
  // Partial means allowed for some flows and refused for others; deny vs reject parts are told apart in `parts`.
  const allowedParts = result.filter((p) => p.verdict === "allow").length;
  const verdict: FlowResult["verdict"] =
    result.length === 0 ? "deny" : allowedParts === result.length ? "allow" : allowedParts > 0 ? "partial" : result[0].verdict;
  const allowed = ordered.filter((p) => partVerdict(p.decisions) === "allow").reduce((acc, p) => acc.union(p.traffic), TrafficSet.empty());
  return {
    side,
    verdict,
    decisions: result[0]?.decisions ?? [],
    parts: result,
    allowed: allowed.toString(),
  };
}

/** "allowed for ICMP type 8 code 0 (by …); denied for ICMP type 8 code 1-255 (by …)": one line per side. */
export function describeFlowParts(result: FlowResult): string {
  const verb: Record<Verdict, string> = { allow: "allowed", deny: "denied", reject: "rejected" };
  return (result.parts ?? [])
    .map((p) => {
      const deciding = p.decisions.find((d) => d.verdict === p.verdict && p.verdict !== "allow") ?? p.decisions[p.decisions.length - 1];
      const by = deciding ? ` (${deciding.summary})` : "";
      return `${verb[p.verdict]} for ${p.traffic}${by}`;
    })
    .join("; ");
}
