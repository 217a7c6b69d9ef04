"use client";
/** recharts views of a scorecard: radar of scores, stacked weighted contributions, tornado, Monte Carlo. */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { TScorecard } from "../../scorecard/scorecard.ts";
import { EmptyState } from "../../ui/components.tsx";
import { criterionColors, criterionName, num, pct, platformName, PLATFORM_COLORS } from "./format.ts";

const short = (text: string, max = 22) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function ScoreRadar({ scorecard }: { scorecard: TScorecard }) {
  const data = scorecard.criteria.map((c) => ({
    criterion: short(c.name),
    ...Object.fromEntries(c.scores.map((s) => [s.platform, Math.round(s.score * 100) / 100])),
  }));
  return (
    <figure data-testid="chart-radar" aria-label="Radar chart: each platform's score (0–5) per criterion" style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={420}>
        <RadarChart data={data} outerRadius="70%">
          <PolarGrid />
          <PolarAngleAxis dataKey="criterion" tick={{ fontSize: 11 }} />
          <PolarRadiusAxis domain={[0, 5]} tickCount={6} angle={90} tick={{ fontSize: 10 }} />
          {scorecard.platforms.map((p) => (
            <Radar
              key={p.id}
              name={p.shortName}
              dataKey={p.id}
              stroke={PLATFORM_COLORS[p.id]}
              fill={PLATFORM_COLORS[p.id]}
              fillOpacity={0.08}
              isAnimationActive={false}
            />
          ))}
          <Legend />
          <Tooltip />
        </RadarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function ContributionBars({ scorecard }: { scorecard: TScorecard }) {
  const colors = criterionColors(scorecard);
  const data = scorecard.results.map((r) => ({
    platform: `${platformName(scorecard, r.platform, true)}${r.excluded ? " (excluded)" : ""}`,
    ...Object.fromEntries(Object.entries(r.contributions).map(([id, v]) => [id, Math.round(v * 1000) / 1000])),
  }));
  return (
    <figure
      data-testid="chart-contributions"
      aria-label="Stacked bars: weighted contribution of each criterion to each platform's total"
      style={{ margin: 0 }}
    >
      <ResponsiveContainer width="100%" height={420}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="platform" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 5]} tickCount={6} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(value, name) => [num(Number(value), 3), criterionName(scorecard, String(name))]} />
          {scorecard.criteria.map((c) => (
            <Bar key={c.id} dataKey={c.id} name={c.id} stackId="total" fill={colors[c.id]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted" style={{ fontSize: 12, display: "flex", flexWrap: "wrap", gap: "4px 12px" }}>
        {scorecard.criteria.map((c) => (
          <span key={c.id}>
            <span
              aria-hidden
              style={{ display: "inline-block", width: 10, height: 10, background: colors[c.id], marginRight: 4, borderRadius: 2 }}
            />
            {c.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Lead of the base leader over the best other eligible platform, for a totals map. */
function margin(totals: Record<string, number>, leader: string, eligible: Set<string>): number {
  const others = Object.entries(totals).filter(([p]) => p !== leader && eligible.has(p));
  return totals[leader] - Math.max(...others.map(([, v]) => v));
}

export function Tornado({ scorecard }: { scorecard: TScorecard }) {
  const oat = scorecard.sensitivity.oneAtATime;
  const leader = oat.baseTop.length === 1 ? oat.baseTop[0] : undefined;
  const eligible = new Set(scorecard.results.filter((r) => !r.excluded).map((r) => r.platform));
  if (!leader || eligible.size < 2)
    return <EmptyState title="No single leader to test">Sensitivity needs one leader and at least two eligible platforms.</EmptyState>;
  const base = margin(Object.fromEntries(scorecard.results.map((r) => [r.platform, r.total])), leader, eligible);
  const data = scorecard.criteria
    .map((c) => {
      const up = oat.cases.find((x) => x.criterion === c.id && x.direction === "up")!;
      const down = oat.cases.find((x) => x.criterion === c.id && x.direction === "down")!;
      return {
        criterion: short(c.name, 28),
        up: margin(up.totals, leader, eligible) - base,
        down: margin(down.totals, leader, eligible) - base,
        upFlips: up.topChanged,
        downFlips: down.topChanged,
      };
    })
    .sort((a, b) => Math.abs(b.up - b.down) - Math.abs(a.up - a.down));
  return (
    <figure
      data-testid="chart-tornado"
      aria-label={`Tornado: change of ${platformName(scorecard, leader, true)}'s lead when each weight moves ±${Math.round(oat.step * 100)} %`}
      style={{ margin: 0 }}
    >
      <p className="muted" style={{ margin: "0 0 8px" }}>
        Change of {platformName(scorecard, leader, true)}&apos;s lead (now {num(base, 3)}) over the runner-up when one weight moves ±
        {Math.round(oat.step * 100)} % and the others are renormalised. Red: the leader changes.
      </p>
      <ResponsiveContainer width="100%" height={Math.max(240, data.length * 24 + 40)}>
        <BarChart data={data} layout="vertical" stackOffset="sign" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 11 }} tickFormatter={(v: number) => num(v, 3)} />
          <YAxis type="category" dataKey="criterion" width={190} tick={{ fontSize: 11 }} />
          <ReferenceLine x={0} stroke="#14202e" />
          <Tooltip
            formatter={(value, name) => [
              num(Number(value), 4),
              name === "up" ? `weight +${Math.round(oat.step * 100)} %` : `weight −${Math.round(oat.step * 100)} %`,
            ]}
          />
          <Bar dataKey="down" name="down" stackId="t" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.criterion} fill={d.downFlips ? "#b3261e" : "#8fb3d9"} />
            ))}
          </Bar>
          <Bar dataKey="up" name="up" stackId="t" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.criterion} fill={d.upFlips ? "#b3261e" : "#0b5cad"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function MonteCarloBars({ scorecard }: { scorecard: TScorecard }) {
  const mc = scorecard.monteCarlo;
  const data = scorecard.platforms.map((p) => ({ platform: p.shortName, id: p.id, p: mc.probabilityTop[p.id] ?? 0 }));
  return (
    <figure data-testid="chart-monte-carlo" aria-label="Monte Carlo: probability of rank 1 per platform" style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 16, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="platform" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => pct(v, 0)} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(value) => pct(Number(value))} />
          <Bar
            dataKey="p"
            name="P(rank 1)"
            isAnimationActive={false}
            label={{ position: "top", fontSize: 11, formatter: (v: unknown) => pct(Number(v)) }}
          >
            {data.map((d) => (
              <Cell key={d.id} fill={PLATFORM_COLORS[d.id]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted" style={{ fontSize: 12 }}>
        {mc.samples.toLocaleString("de-CH")} weight vectors drawn from a Dirichlet distribution around the chosen weights (α ={" "}
        {mc.concentration}·w, seed {mc.seed}); knocked-out platforms never rank.
      </figcaption>
    </figure>
  );
}
