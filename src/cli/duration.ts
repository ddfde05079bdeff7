/**
 * Durations on the command line: `500ms`, `30s`, `5m`, `2h`, or a bare number of milliseconds.
 */
import { UsageError } from './errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parse a duration into milliseconds.
 * @param title the option it came from, for the message (`--ttl`)
 * @throws UsageError when malformed or negative
 */
export function parseDurationMs(value: string, title: string, command = ''): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (m === null) throw new UsageError(`${title}: expected a duration like 500ms, 30s, 5m or 2h, got '${value}'`, command);
  const ms = Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 'ms']!);
  if (!Number.isSafeInteger(ms)) throw new UsageError(`${title}: duration too large`, command);
  return ms;
}

/** Parse a positive integer option. */
export function parsePositiveInt(value: string, title: string, command = ''): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${title}: expected a positive integer, got '${value}'`, command);
  }
  return Number(value);
}
