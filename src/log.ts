/**
 * Structured JSON logging (DESIGN.md "Every service logs structured JSON").
 *
 * A factory, not a global: nothing is created on import (STYLE.md 9). Every line carries the
 * `component` that wrote it. Key material and personal identifiers never reach a log line:
 * callers log DIDs, kids, message types and ids, and the known secret-bearing field names are
 * redacted as a second line of defence (DESIGN.md "Conventions": personal identifiers never in
 * clear).
 */
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';
export type LogLevel = LevelWithSilent;

export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface LoggerOptions {
  /** The part of the system writing, e.g. `bus`, `relay`, `adapter-credit`. */
  component: string;
  /** Minimum level; `info` unless told (parsed once at the edge, never read from env here). */
  level?: LogLevel;
  /** Where lines go; stdout unless told (tests pass a capturing stream). */
  destination?: DestinationStream;
}

/**
 * Field names whose values are never written. Paths cover the top level and one level down,
 * which is where pino merges objects passed by callers.
 */
export const REDACTED_FIELDS: readonly string[] = [
  'privateKey',
  'secretKey',
  'seed',
  'mnemonic',
  'password',
  'pass',
  'token',
  'jwt',
  'authorization',
  'salt',
  'idNumber',
  'idCard',
  'personName',
].flatMap((f) => [f, `*.${f}`]);

/**
 * Create a logger for `component`.
 *
 * @example
 * const log = createLogger({ component: 'bus', level: 'warn' });
 * log.warn({ reason: 'stale', sender: 'did:alliance:court-a' }, 'envelope dropped');
 */
export function createLogger(options: LoggerOptions): Logger {
  if (typeof options.component !== 'string' || options.component.length === 0) {
    throw new TypeError('options.component: expected a non-empty string');
  }
  const level = options.level ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new TypeError(`options.level: expected one of ${LOG_LEVELS.join(', ')}, got ${String(level)}`);
  const opts = {
    level,
    base: { component: options.component },
    redact: { paths: [...REDACTED_FIELDS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination === undefined ? pino(opts) : pino(opts, options.destination);
}

/** A logger that writes nothing: the default for library helpers given no logger. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
