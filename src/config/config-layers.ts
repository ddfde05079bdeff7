/**
 * The layering every courtbridge service's configuration shares (the gateway's and the workflow
 * service's): defaults, then a JSON file, then environment variables, then explicit overrides,
 * each merged over the last; nested objects merge, anything else replaces. A bad value is
 * refused INVALID_ARGUMENT `invalid_config` naming the field.
 */
import { readFileSync } from 'node:fs';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { NatsClientAuth } from '../bus/connection.js';

type Layer = Record<string, unknown>;
type Env = Readonly<Record<string, string | undefined>>;

export const invalidConfig = (field: string, why: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_config', `config.${field}: ${why}`, { details: { field } });

export const isConfigObject = (v: unknown): v is Layer => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` merged onto `base`; keys in `replaceWhole` replace instead of merging (a policy is given whole). */
export function mergeConfig(base: Layer, over: Layer, replaceWhole: ReadonlySet<string> = new Set()): Layer {
  const out: Layer = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    out[k] = isConfigObject(v) && isConfigObject(base[k]) && !replaceWhole.has(k) ? mergeConfig(base[k] as Layer, v, replaceWhole) : v;
  }
  return out;
}

/**
 * The variables of `fields` (name -> dotted path) present in `env`, as a layer: comma lists for
 * `listPaths`, integers where `isInteger(path)`, strings otherwise.
 */
export function envConfigLayer(
  env: Env,
  fields: Readonly<Record<string, string>>,
  listPaths: readonly string[],
  isInteger: (path: string) => boolean,
): Layer {
  const out: Layer = {};
  for (const [name, path] of Object.entries(fields)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    let value: unknown = raw;
    if (listPaths.includes(path))
      value = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    else if (isInteger(path)) {
      value = Number(raw);
      if (!Number.isSafeInteger(value)) throw invalidConfig(path, `${name}=${raw} is not an integer`);
    }
    const parts = path.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) {
      at[p] ??= {};
      at = at[p] as Layer;
    }
    at[parts[parts.length - 1]!] = value;
  }
  return out;
}

/** The JSON file's layer; a passphrase in it is refused (it comes from `passphraseEnv` only). */
export function fileConfigLayer(file: string, passphraseEnv: string): Layer {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw invalidConfig('file', `cannot read ${file} as JSON: ${(e as Error).message}`);
  }
  if (!isConfigObject(json)) throw invalidConfig('file', `${file} must hold a JSON object`);
  if ('keyPassphrase' in json) throw invalidConfig('keyPassphrase', `set it in ${passphraseEnv}, never in the file`);
  return json;
}

export const positiveInt = (v: unknown, field: string, min = 1): number => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)
    throw invalidConfig(field, `expected an integer >= ${min}, got ${JSON.stringify(v)}`);
  return v;
};

export const nonEmptyString = (v: unknown, field: string, allowEmpty = false): string => {
  if (typeof v !== 'string' || (!allowEmpty && v.length === 0)) throw invalidConfig(field, 'expected a non-empty string');
  return v;
};

/** A metrics endpoint's port: -1 turns it off, 0 picks a free one. */
export const metricsPortOf = (v: unknown, field = 'metricsPort'): number => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < -1 || v > 65535)
    throw invalidConfig(field, 'expected a port 0-65535 (0 picks a free one), or -1 to turn the metrics endpoint off');
  return v;
};

const NATS_AUTH_FIELDS = ['nkeySeedFile', 'caFile', 'certFile', 'keyFile'] as const;

/**
 * The `natsAuth` object of a service's config (src/bus/connection.ts `NatsClientAuth`): its nkey
 * seed from `courtbridge nats-config` and the TLS files; undefined (an open bus) when absent.
 */
export function natsAuthOf(v: unknown, field = 'natsAuth'): NatsClientAuth | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isConfigObject(v))
    throw invalidConfig(field, 'expected { "nkeySeedFile": FILE, "caFile": FILE, "certFile": FILE, "keyFile": FILE } (each optional)');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (!(NATS_AUTH_FIELDS as readonly string[]).includes(k))
      throw invalidConfig(`${field}.${k}`, `unknown field; expected one of ${NATS_AUTH_FIELDS.join(', ')}`);
    if (x === undefined || x === '') continue;
    out[k] = nonEmptyString(x, `${field}.${k}`);
  }
  return Object.keys(out).length === 0 ? undefined : (out as NatsClientAuth);
}
