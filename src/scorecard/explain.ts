/**
 * The ranking in words (issue #16): which criteria carry the leader's lead over the runner-up, and the
 * smallest single-weight change that swaps ranks 1 and 2. Computed from the same matrix as the totals, so
 * the sentences change whenever the weights or scores do (the browser preview included).
 *
 * Contribution of criterion c to the lead of a over b: w_c · (s_c,a − s_c,b); they sum to the lead exactly.
 */
import type { TPlatform, TPlatformId } from "./platforms.ts";
import { pairFlip, type TPairFlip } from "./rank-flip.ts";
import { weightedTotals, type ScoreMatrix } from "./scoring.ts";

export interface TLeadContribution {
  criterion: string;
  /** Weighted score difference (leader − runner-up), in total points. */
  contribution: number;
}

export interface TRankExplanation {
  leader: TPlatformId | null;
  runnerUp: TPlatformId | null;
  /** Leader's total − runner-up's total. */
  lead: number;
  /** The three largest positive contributions, largest first. */
  topContributors: TLeadContribution[];
  /** The largest contribution in the runner-up's favour, if any. */
  strongestAgainst: TLeadContribution | null;
  flip: TPairFlip | null;
  /** Sentence on who leads and why. */
  leadSentence: string;
  /** Sentence on the smallest weight change that swaps ranks 1 and 2. */
  flipSentence: string;
}

const pts = (x: number) => x.toFixed(2);
const pp = (x: number) => `${(x * 100).toFixed(1)} %`;
const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export function explainRanking(
  m: ScoreMatrix,
  weights: readonly number[],
  names: { platforms: readonly TPlatform[]; criteria: Record<string, string> },
): TRankExplanation {
  const platformName = (id: TPlatformId) => names.platforms.find((p) => p.id === id)?.name ?? id;
  const criterionName = (id: string) => names.criteria[id] ?? id;
  const totals = weightedTotals(m, weights);
  const order = m.platforms
    .map((_, p) => p)
    .filter((p) => m.eligible[p])
    .sort((a, b) => totals[b] - totals[a] || a - b);
  const none: TRankExplanation = {
    leader: null,
    runnerUp: null,
    lead: 0,
    topContributors: [],
    strongestAgainst: null,
    flip: null,
    leadSentence: "",
    flipSentence: "",
  };
  if (order.length === 0) return { ...none, leadSentence: "Every platform fails a knock-out: there is no ranking to explain." };
  const [a, b] = order;
  if (b === undefined)
    return {
      ...none,
      leader: m.platforms[a],
      leadSentence: `${platformName(m.platforms[a])} is the only platform that passes every knock-out.`,
      flipSentence: "No weight change can change the leader: every other platform is excluded by a knock-out.",
    };

  const contributions = m.criteria.map((criterion, i) => ({ criterion, contribution: weights[i] * (m.scores[i][a] - m.scores[i][b]) }));
  const lead = totals[a] - totals[b];
  const topContributors = contributions
    .filter((c) => c.contribution > 1e-12)
    .sort((x, y) => y.contribution - x.contribution)
    .slice(0, 3);
  const against = contributions.filter((c) => c.contribution < -1e-12).sort((x, y) => x.contribution - y.contribution)[0] ?? null;
  const [A, B] = [platformName(m.platforms[a]), platformName(m.platforms[b])];

  let leadSentence: string;
  if (lead <= 1e-9) leadSentence = `${A} and ${B} tie at ${pts(totals[a])}.`;
  else {
    const why = topContributors.map((c) => `${criterionName(c.criterion)} (${signed(c.contribution)})`);
    leadSentence =
      `${A} leads ${B} by ${pts(lead)} points (${pts(totals[a])} against ${pts(totals[b])}). ` +
      (topContributors.length === 1
        ? `The lead comes from ${why[0]}`
        : `The ${topContributors.length === 3 ? "three criteria" : "criteria"} that contribute most to the lead are ${listInWords(why)}`) +
      (against ? `; ${criterionName(against.criterion)} counts most against it (${signed(against.contribution)}).` : ".");
  }

  const flip = pairFlip(m, weights, a, b);
  let flipSentence: string;
  if (!flip)
    flipSentence = `No change of a single weight between 0 and 100 % puts ${B} ahead of ${A}: ${A} scores at least as high wherever it matters.`;
  else {
    const from = flip.flip.weight - flip.flip.change;
    const verb = flip.direction === "increase" ? "Raising" : "Lowering";
    flipSentence =
      `${verb} the weight of ${criterionName(flip.criterion)} from ${pp(from)} to ${pp(flip.flip.weight)} ` +
      `(${flip.flip.change >= 0 ? "+" : "−"}${(Math.abs(flip.flip.change) * 100).toFixed(1)} percentage points, the other weights scaled proportionally) ` +
      `is the smallest single change that brings ${B} level with ${A}; beyond it ${B} ranks above ${A}` +
      (flip.overtakenBy ? `, but ${platformName(flip.overtakenBy)} would lead at that weight.` : ".");
  }
  return {
    leader: m.platforms[a],
    runnerUp: m.platforms[b],
    lead,
    topContributors,
    strongestAgainst: against,
    flip,
    leadSentence,
    flipSentence,
  };
}
