"use client";
/** One flow's path through one side's enforcement points: each decision with its rule, action and why. */
import type { Decision, FlowResult } from "../../policy/explain.ts";
import { FlowVerdictBadge } from "../../ui/badges.tsx";
import { Badge } from "../../ui/components.tsx";

export function Trace({ result, title }: { result: FlowResult; title: string }) {
  const parts = result.parts ?? [];
  return (
    <div data-testid={`trace-${result.side}`}>
      <h3>
        {title} <FlowVerdictBadge verdict={result.verdict} />
      </h3>
      {parts.length > 1 ? (
        // A set of flows decided in parts: each part with its own deciding rules.
        parts.map((part, i) => (
          <div key={i} data-testid="trace-part">
            <div className="row" style={{ gap: 6, marginTop: 8 }}>
              <FlowVerdictBadge verdict={part.verdict} /> <span className="mono">{part.traffic}</span>
            </div>
            <Decisions decisions={part.decisions} />
          </div>
        ))
      ) : (
        <Decisions decisions={result.decisions} />
      )}
    </div>
  );
}

function Decisions({ decisions }: { decisions: Decision[] }) {
  return decisions.map((d, i) => (
    <div key={i} className={`trace ${d.verdict}`}>
      <div className="row" style={{ gap: 6 }}>
        <span className="mono">{d.enforcementPoint}</span> <FlowVerdictBadge verdict={d.verdict} />
        {d.isDefault ? <Badge>default</Badge> : null}
      </div>
      <div>
        {d.policy ? <strong>{d.policy}</strong> : null}
        {d.rule ? ` · rule ${d.rule}` : ""}
        {d.ruleId && d.ruleId !== d.rule ? <span className="mono muted"> ({d.ruleId})</span> : null} · {d.action}
      </div>
      <div className="muted" style={{ fontSize: 12.5 }}>
        {d.summary}
      </div>
    </div>
  ));
}

/** "allows it", "denies it" or "allows TCP 443; denies TCP 0-442,…": one side's answer in words. */
export function verdictWords(result: FlowResult): string {
  if (result.verdict !== "partial")
    return result.verdict === "allow" ? "allows it" : result.verdict === "reject" ? "rejects it" : "denies it";
  const verb = { allow: "allows", deny: "denies", reject: "rejects" } as const;
  return `decides it in parts: ${(result.parts ?? []).map((p) => `${verb[p.verdict]} ${p.traffic}`).join("; ")}`;
}

/** The rule that refused the flow (or, if none refused, the last one that decided it), in a few words. */
export function decidingRule(result: FlowResult): string {
  const refusal = result.decisions.find((d) => d.verdict !== "allow") ?? result.decisions[result.decisions.length - 1];
  if (!refusal) return "–";
  return refusal.isDefault ? `default (${refusal.enforcementPoint})` : `${refusal.policy ?? ""} ${refusal.rule ?? ""}`.trim();
}
