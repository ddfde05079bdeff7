/**
 * The configuration machinery of the processes beside an adapter (the notaries: adapters/evm/
 * notary-config.ts, adapters/notary/record-notary-config.ts): one typed object, parsed once at
 * the edge. Sources, later wins: the defaults, a JSON file (`--config FILE`, else `CB_CONFIG`)
 * keyed by field name, `CB_*` environment variables, command-line flags (the process's field
 * table). Every value is checked where it is read; a bad one is INVALID_ARGUMENT `invalid_config`
 * naming the field and the source that gave it. A misspelt key in the file or an unknown flag is
 * refused too.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';

/** How a field's value is checked (and normalised). */
export type ProcessFieldKind = 'url' | 'chain' | 'count' | 'path' | 'list' | 'millis' | 'port' | 'host' | 'addresses' | 'replicas';

/** One field: its environment variable, its flag, and its kind. */
export interface ProcessField {
  readonly env: string;
  readonly flag: string;
  readonly kind: ProcessFieldKind;
}

/** A process's configuration table: its fields, defaults, the ones it cannot start without, and where they are documented. */
export interface ProcessConfigSpec<C extends object> {
  readonly fields: Readonly<Record<keyof C & string, ProcessField>>;
  readonly defaults: C;
  /** Required fields: their default is `''` or `-1` (unset). */
  readonly required: readonly (keyof C & string)[];
  /** Where a person reads about them, e.g. `adapters/evm/README.md "Notaries"`. */
  readonly docs: string;
}

export interface LoadProcessConfigOptions {
  /** The environment; `process.env` is passed by the caller (the edge), never read here. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Command-line arguments after the script. */
  argv?: readonly string[];
}

const invalid = (field: string, source: string, why: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_config', `${source}: ${why}`, { details: { field, source } });

const shown = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Check one value from one source (strings from the environment and flags, JSON values from the file). */
export function checkProcessValue(kind: ProcessFieldKind, field: string, raw: unknown, source: string): unknown {
  const integer = (): number | undefined => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
    return Number.isSafeInteger(n) ? n : undefined;
  };
  switch (kind) {
    case 'url':
      if (typeof raw !== 'string' || !/^https?:\/\/\S+$/.test(raw)) throw invalid(field, source, `${shown(raw)} is not an http(s) URL`);
      return raw;
    case 'chain':
      if (typeof raw !== 'string' || !/^[a-z0-9-]{1,64}$/.test(raw))
        throw invalid(field, source, `${shown(raw)} is not a chain id (a-z, 0-9, -)`);
      return raw;
    case 'count': {
      const n = integer();
      if (n === undefined) throw invalid(field, source, `${shown(raw)} is not an integer >= 0`);
      return n;
    }
    case 'replicas': {
      const n = integer();
      if (n === undefined || n < 1 || n > 5) throw invalid(field, source, `${shown(raw)} is not a JetStream replica count (1-5)`);
      return n;
    }
    case 'path':
      if (typeof raw !== 'string' || raw === '') throw invalid(field, source, `${shown(raw)} is not a path`);
      return raw;
    case 'list': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : undefined;
      if (items === undefined || items.length === 0 || items.some((s) => typeof s !== 'string' || s === '' || /\s/.test(s))) {
        throw invalid(field, source, `${shown(raw)} is not a list of NATS URLs (comma-separated, e.g. nats://127.0.0.1:4222)`);
      }
      return items as string[];
    }
    case 'millis': {
      const n = integer();
      if (n === undefined || n < 10) throw invalid(field, source, `${shown(raw)} is not a duration in ms (>= 10)`);
      return n;
    }
    case 'port': {
      const n = integer();
      if (n === undefined || n > 65_535) throw invalid(field, source, `${shown(raw)} is not a port (0-65535)`);
      return n;
    }
    case 'host':
      if (typeof raw !== 'string' || raw.trim() === '' || /\s/.test(raw)) throw invalid(field, source, `${shown(raw)} is not a host`);
      return raw;
    case 'addresses': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : undefined;
      if (items === undefined || items.length === 0 || items.some((s) => typeof s !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(s))) {
        throw invalid(field, source, `${shown(raw)} is not a list of Ethereum addresses (comma-separated 0x + 40 hex digits)`);
      }
      return (items as string[]).map((s) => s.toLowerCase());
    }
  }
}

/**
 * Build and check a configuration by `spec`. The result is frozen (arrays are the caller's to freeze).
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_config` naming the field and its source
 */
export function loadProcessConfig<C extends object>(spec: ProcessConfigSpec<C>, options: LoadProcessConfigOptions = {}): C {
  const fields = spec.fields as Readonly<Record<string, ProcessField>>;
  const names = Object.keys(fields);
  const check = (name: string, raw: unknown, source: string): unknown => checkProcessValue(fields[name]!.kind, name, raw, source);
  const env = options.env ?? {};
  const flagOptions: Record<string, { type: 'string' }> = { config: { type: 'string' } };
  for (const f of names) flagOptions[fields[f]!.flag] = { type: 'string' };
  let flags: Record<string, string | undefined>;
  try {
    flags = parseArgs({ args: [...(options.argv ?? [])], options: flagOptions, strict: true, allowPositionals: false }).values as Record<
      string,
      string | undefined
    >;
  } catch (e) {
    // parseArgs' messages name the option; keep their first sentence.
    const why = e instanceof Error ? e.message.split(/\.\s/)[0]!.replace(/\.$/, '') : String(e);
    throw invalid('flags', 'command line', `${why}; flags: --config, ${names.map((f) => `--${fields[f]!.flag}`).join(', ')}`);
  }
  const file = flags['config'] ?? env['CB_CONFIG'];
  const layers: Record<string, unknown>[] = [file !== undefined && file !== '' ? fileLayer(file, names, check) : {}, {}, {}];
  for (const f of names) {
    const fromEnv = env[fields[f]!.env];
    // Empty counts as unset, as in a shell `CB_X= cmd`.
    if (fromEnv !== undefined && fromEnv !== '') layers[1]![f] = check(f, fromEnv, fields[f]!.env);
    const fromFlag = flags[fields[f]!.flag];
    if (fromFlag !== undefined) layers[2]![f] = check(f, fromFlag, `--${fields[f]!.flag}`);
  }
  const merged: Record<string, unknown> = { ...(spec.defaults as Record<string, unknown>) };
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) if (v !== undefined) merged[k] = v;
  for (const f of spec.required) {
    if (merged[f] === '' || merged[f] === -1) {
      const { env: name, flag } = fields[f]!;
      throw invalid(f, f, `required; set ${name}, --${flag} or "${f}" in the config file (see ${spec.docs})`);
    }
  }
  return Object.freeze(merged) as C;
}

function fileLayer(
  file: string,
  names: readonly string[],
  check: (name: string, raw: unknown, source: string) => unknown,
): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw invalid('file', file, `cannot read it as JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('file', file, 'expected a JSON object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    // A misspelt key would otherwise be silently ignored.
    if (!names.includes(key)) throw invalid(key, `${file}: ${key}`, `unknown field; known: ${names.join(', ')}`);
    if (value !== null) out[key] = check(key, value, `${file}: ${key}`);
  }
  return out;
}
