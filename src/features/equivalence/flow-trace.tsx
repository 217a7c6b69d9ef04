"use client";
/** One flow's path through one side's enforcement points: each decision with its rule, action and why. */
import type { FlowResult } from "../../policy/explain.ts";
import { FlowVerdictBadge } from "../../ui/badges.tsx";
import { Badge } from "../../ui/components.tsx";

export function Trace({ result, title }: { result: FlowResult; title: string }) {
  return (
    <div data-testid={`trace-${result.side}`}>
      <h3>
        {title} <FlowVerdictBadge verdict={result.verdict} />
      </h3>
      {result.decisions.map((d, i) => (
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
      ))}
    </div>
  );
}

/** The rule that refused the flow (or, if none refused, the last one that decided it), in a few words. */
export function decidingRule(result: FlowResult): string {
  const refusal = result.decisions.find((d) => d.verdict !== "allow") ?? result.decisions[result.decisions.length - 1];
  if (!refusal) return "–";
  return refusal.isDefault ? `default (${refusal.enforcementPoint})` : `${refusal.policy ?? ""} ${refusal.rule ?? ""}`.trim();
}
