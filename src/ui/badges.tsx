/** Badges for the values every page shows the same way: a rule's action and a flow's verdict. */
import { VERDICT_TONE, type TVerdict } from "../audit/verdict.ts";
import { Badge } from "./components.tsx";

/** An NSX rule action (disabled rules say so instead). */
export function ActionBadge({ action, disabled }: { action: string; disabled?: boolean }) {
  if (disabled) return <Badge>disabled</Badge>;
  const tone = action === "ALLOW" ? "ok" : action === "DROP" ? "bad" : action === "REJECT" ? "warn" : "info";
  return <Badge tone={tone}>{action === "JUMP_TO_APPLICATION" ? "JUMP" : action}</Badge>;
}

/** One flow's verdict at an enforcement point or overall ("allow" or a refusal). */
export function FlowVerdictBadge({ verdict }: { verdict: string }) {
  return <Badge tone={verdict === "allow" ? "ok" : verdict === "partial" ? "warn" : "bad"}>{verdict}</Badge>;
}

/** An equivalence verdict in the one vocabulary of src/audit/verdict.ts ("equivalent except 4 accounted differences (2 findings)"). */
export function VerdictBadge({ verdict }: { verdict: Pick<TVerdict, "kind" | "sentence"> }) {
  return <Badge tone={VERDICT_TONE[verdict.kind]}>{verdict.sentence}</Badge>;
}
