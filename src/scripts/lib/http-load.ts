/**
 * A small HTTP load generator for `npm run measure -- --http`: `clients` concurrent clients, each sending its
 * next request `intervalMs` after the previous one started (or at once if it took longer), so
 * clients × 1000 / intervalMs requests per second in total while the server keeps up; latencies per read.
 */
export interface HttpRead {
  name: string;
  path: string;
}

export interface LoadResult {
  read: string;
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p975: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function runLoad(options: {
  baseUrl: string;
  cookie: string;
  reads: readonly HttpRead[];
  clients: number;
  intervalMs: number;
  /** Keep going while this answers true (checked between requests), at most maxMs. */
  keepGoing: () => boolean;
  maxMs: number;
}): Promise<{ rows: LoadResult[]; all: LoadResult; seconds: number }> {
  const samples = new Map<string, number[]>(options.reads.map((r) => [r.name, []]));
  const errors = new Map<string, number>(options.reads.map((r) => [r.name, 0]));
  const started = performance.now();
  const client = async (index: number) => {
    await new Promise((r) => setTimeout(r, (index * options.intervalMs) / options.clients));
    for (let k = index; options.keepGoing() && performance.now() - started < options.maxMs; k++) {
      const read = options.reads[k % options.reads.length];
      const t0 = performance.now();
      try {
        const response = await fetch(`${options.baseUrl}${read.path}`, { headers: { cookie: options.cookie } });
        await response.arrayBuffer();
        if (!response.ok) errors.set(read.name, errors.get(read.name)! + 1);
        else samples.get(read.name)!.push(performance.now() - t0);
      } catch {
        errors.set(read.name, errors.get(read.name)! + 1);
      }
      const wait = options.intervalMs - (performance.now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  const summarise = (read: string, values: number[], errorCount: number): LoadResult => {
    const sorted = [...values].sort((a, b) => a - b);
    const round = (x: number) => Math.round(x);
    return {
      read,
      n: sorted.length,
      errors: errorCount,
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p975: round(percentile(sorted, 97.5)),
      max: round(sorted[sorted.length - 1] ?? NaN),
    };
  };
  const rows = options.reads.map((r) => summarise(r.name, samples.get(r.name)!, errors.get(r.name)!));
  const all = summarise(
    "all reads",
    [...samples.values()].flat(),
    [...errors.values()].reduce((a, b) => a + b, 0),
  );
  return { rows, all, seconds: Math.round((performance.now() - started) / 100) / 10 };
}
