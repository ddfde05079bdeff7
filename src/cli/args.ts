/**
 * The argument parser: `node:util` parseArgs (no dependency), strict, with the global options
 * every command accepts merged in. A parse failure is a UsageError (exit 2) naming the option.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

/** One option of a command: a string value (optionally repeatable) or a flag. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** One line for `--help`. */
  description: string;
  /** Placeholder in `--help`, e.g. `FILE`. */
  value?: string;
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** Options every command accepts (applied before the command's own). */
export const GLOBAL_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  json: { type: 'boolean', description: 'print machine-readable JSON on stdout' },
  config: { type: 'string', value: 'FILE', description: 'config file (JSON); default $COURTBRIDGE_CONFIG' },
  gateway: { type: 'string', value: 'HOST:PORT', description: 'gateway gRPC address; default $COURTBRIDGE_GATEWAY or 127.0.0.1:50051' },
  'gateway-did': {
    type: 'string',
    value: 'DID',
    description: "the gateway's DID, audience of tokens; default $COURTBRIDGE_GATEWAY_DID, else the gateway names it",
  },
  nats: { type: 'string', value: 'URL', description: 'NATS URL; default $NATS_URL or nats://127.0.0.1:4222' },
  'nats-nkey': {
    type: 'string',
    value: 'FILE',
    description: 'nkey seed for a secured NATS (from `courtbridge nats-config`); default $CB_NATS_NKEY_FILE',
  },
  'nats-ca': { type: 'string', value: 'FILE', description: "CA of the NATS server's TLS certificate; default $CB_NATS_CA_FILE" },
  timeout: { type: 'string', value: 'DURATION', description: 'deadline per call, e.g. 5s (default 10s)' },
};

/** What parseArgs gave, with typed accessors. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** A string option's value, or undefined. */
  string(name: string): string | undefined;
  /** A string option's value; UsageError naming it when absent. */
  required(name: string): string;
  /** A repeatable string option's values (empty when absent). */
  strings(name: string): string[];
  /** A flag. */
  flag(name: string): boolean;
}

/**
 * Parse `argv` (after the command words) against the command's options plus GLOBAL_OPTIONS.
 * @param command the command words, for messages (`keys new`)
 * @throws UsageError unknown option, missing value, or more positionals than `maxPositionals`
 */
export function parseCommandArgs(argv: readonly string[], options: OptionSpecs, command: string, maxPositionals = 0): ParsedArgs {
  const all = { ...GLOBAL_OPTIONS, ...options };
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries(all)) {
    config[name] = {
      type: o.type,
      ...(o.short !== undefined ? { short: o.short } : {}),
      ...(o.multiple === true ? { multiple: true } : {}),
    };
  }
  let parsed: { values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: true });
  } catch (e) {
    // parseArgs' messages name the option ("Unknown option '--x'"); keep the first sentence.
    const message = e instanceof Error ? e.message.split('. ')[0]!.replace(/\.$/, '') : String(e);
    throw new UsageError(message, command);
  }
  const values = parsed.values;
  if (values.help !== true && parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument '${parsed.positionals[maxPositionals]}'`, command);
  }
  const str = (name: string): string | undefined => {
    const v = values[name];
    if (typeof v === 'string') return v;
    return undefined;
  };
  return {
    positionals: parsed.positionals,
    string: str,
    required(name) {
      const v = str(name);
      if (v === undefined || v === '') throw new UsageError(`missing --${name}`, command);
      return v;
    },
    strings(name) {
      const v = values[name];
      if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
      return typeof v === 'string' ? [v] : [];
    },
    flag: (name) => values[name] === true,
  };
}

/** The `Options:` block of a help text. */
export function formatOptions(options: OptionSpecs, includeGlobal = true): string {
  const rows = Object.entries(includeGlobal ? { ...options, ...GLOBAL_OPTIONS } : options).map(([name, o]) => {
    const left = `${o.short !== undefined ? `-${o.short}, ` : '    '}--${name}${o.value !== undefined ? ` ${o.value}` : ''}`;
    return `  ${left.padEnd(34)} ${o.description}${o.multiple === true ? ' (repeatable)' : ''}`;
  });
  return `Options:\n${rows.join('\n')}`;
}
