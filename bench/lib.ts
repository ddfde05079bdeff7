/**
 * Bench harness: each suite measures its lines and the ceilings they are compared with in the
 * same run, and prints one JSON object per line on stdout (DEVELOPERS.md bench contract).
 * Progress goes to stderr so stdout stays machine-readable.
 */
export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  ceiling?: string;
  ratio?: number;
}

export interface BenchContext {
  quick: boolean;
  /** `--scale`: only the suites that have a scale mode, at full size (the state suite: 10M records). */
  scale?: boolean;
  /** Time budget for one measured loop. */
  durationMs: number;
  /** Values already measured in this run, by name (so a line can cite a ceiling). */
  results: Map<string, BenchLine>;
  emit(line: BenchLine): void;
  progress(msg: string): void;
}

export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<void>;
  /**
   * `run` in two steps, for a suite whose processes take seconds to start: `start` starts and warms
   * them up (nothing timed), the started suite then measures and emits its lines, and is closed.
   * run.ts starts adjacent such suites at once and measures them one after another, so their
   * start-ups overlap each other and no measurement overlaps anything.
   */
  start?(ctx: BenchContext): Promise<StartedSuite>;
}

/** A suite whose processes are up and warm. */
export interface StartedSuite {
  measure(): Promise<void>;
  /** Stops everything the suite started (once measured, or on failure). */
  close(): Promise<void>;
}

/** A suite made of `start` (which stops what it started if it fails), whose `run` starts, measures and closes. */
export function stagedSuite(name: string, start: (ctx: BenchContext) => Promise<StartedSuite>): BenchSuite {
  return {
    name,
    start,
    async run(ctx) {
      const s = await start(ctx);
      try {
        await s.measure();
      } finally {
        await s.close();
      }
    },
  };
}

/** Run `fn` repeatedly for about `durationMs` (after a short warm-up) and return ops/s. */
export function opsPerSecond(fn: () => void, durationMs: number, batch = 64): number {
  const warm = performance.now() + Math.min(200, durationMs / 5);
  while (performance.now() < warm) for (let i = 0; i < batch; i++) fn();
  let n = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  let t = t0;
  while (t < end) {
    for (let i = 0; i < batch; i++) fn();
    n += batch;
    t = performance.now();
  }
  return (n * 1000) / (t - t0);
}

/** Async variant with `concurrency` operations in flight. */
export async function opsPerSecondAsync(fn: () => Promise<unknown>, durationMs: number, concurrency = 1): Promise<number> {
  const warmEnd = performance.now() + Math.min(300, durationMs / 5);
  const worker = async (end: number): Promise<number> => {
    let n = 0;
    while (performance.now() < end) {
      await fn();
      n++;
    }
    return n;
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker(warmEnd)));
  const t0 = performance.now();
  const counts = await Promise.all(Array.from({ length: concurrency }, () => worker(t0 + durationMs)));
  const elapsed = performance.now() - t0;
  return (counts.reduce((a, b) => a + b, 0) * 1000) / elapsed;
}

/** Latency percentiles (ms) of `count` sequential calls. */
export async function latencies(fn: () => Promise<unknown>, count: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(50, count); i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  const at = (q: number): number => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

export const round = (v: number, digits = 1): number => Number(v.toFixed(digits));

/** A line compared with a ceiling measured earlier in the same run. */
export function withCeiling(ctx: BenchContext, name: string, value: number, unit: string, ceiling: string, scale = 1): BenchLine {
  const c = ctx.results.get(ceiling);
  if (!c) throw new Error(`bench: ceiling ${ceiling} must be measured before ${name}`);
  return { name, value: round(value), unit, ceiling, ratio: round(value / (c.value * scale), 3) };
}
