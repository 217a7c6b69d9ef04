/** Badges for the values every page shows the same way: a rule's action and a flow's verdict. */
import { Badge } from "./components.tsx";

/** An NSX rule action (disabled rules say so instead). */
export function ActionBadge({ action, disabled }: { action: string; disabled?: boolean }) {
  if (disabled) return <Badge>disabled</Badge>;
  const tone = action === "ALLOW" ? "ok" : action === "DROP" ? "bad" : action === "REJECT" ? "warn" : "info";
  return <Badge tone={tone}>{action === "JUMP_TO_APPLICATION" ? "JUMP" : action}</Badge>;
}

/** One flow's verdict at an enforcement point or overall ("allow" or a refusal). */
export function FlowVerdictBadge({ verdict }: { verdict: string }) {
  return <Badge tone={verdict === "allow" ? "ok" : "bad"}>{verdict}</Badge>;
}

/** A sealed equivalence verdict word ("EQUIVALENT", "NOT EQUIVALENT", …), shown in lower case. */
export function EquivalenceWordBadge({ word }: { word: string }) {
  const tone = word === "EQUIVALENT" ? "ok" : word === "NOT EQUIVALENT" ? "bad" : "neutral";
  return <Badge tone={tone}>{word.toLowerCase()}</Badge>;
}
