"use client";
/** The ranking in words, next to the totals chart: who leads and why, and what weight change would swap ranks 1 and 2. */
import type { TScorecard } from "../../scorecard/scorecard.ts";

export function RankingInWords({ scorecard }: { scorecard: TScorecard }) {
  const e = scorecard.explanation;
  return (
    <div className="stack" style={{ gap: 6, marginTop: 10 }} aria-label="Ranking in words">
      <p style={{ margin: 0 }} data-testid="explanation-lead">
        {e.leadSentence}
      </p>
      {e.flipSentence ? (
        <p style={{ margin: 0 }} className="muted" data-testid="explanation-flip">
          {e.flipSentence}
        </p>
      ) : null}
    </div>
  );
}
