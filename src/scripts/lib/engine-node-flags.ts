/**
 * Node/V8 flags for processes that run the policy engine (the job worker, the benchmarks). The engine
 * allocates many short-lived objects while its caches stay alive: with V8's default 16 MB semi-space the
 * young generation is scavenged ~130 times per 3,200 × 5,000 translate + verify, copying the same live
 * caches each time. A 64 MB semi-space halves the scavenges and cut their pause time from ≈ 0.86–0.93 s to
 * ≈ 0.40–0.56 s (`--trace-gc`, 2026-11-22), for ≈ 100 MB more peak RSS. 128 MB measured no better.
 * (`npm run worker` in package.json repeats the flag: JSON cannot import it.)
 */
export const ENGINE_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=64"];
