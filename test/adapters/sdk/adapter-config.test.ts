import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import {
  ADAPTER_FIELDS,
  DEFAULT_ADAPTER_CONFIG,
  judicialTrustOf,
  loadAdapterConfig,
  type LoadAdapterConfigOptions,
} from '../../../adapters/sdk/adapter-config.js';
import { CourtbridgeError } from '../../../src/errors.js';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
/** The three required fields, from the environment. */
const BASE_ENV = { CB_KEY_FILE: 'adapter.key', CB_GENESIS_FILE: 'genesis.json', CB_GENESIS_HASH: HASH_A };

const dir = mkdtempSync(join(tmpdir(), 'courtbridge-adapter-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

function rejection(options: LoadAdapterConfigOptions): CourtbridgeError {
  try {
    loadAdapterConfig(options);
  } catch (e) {
    expect(e).toBeInstanceOf(CourtbridgeError);
    const err = e as CourtbridgeError;
    expect(err.reason).toBe('invalid_config');
    expect(err.code).toBe('INVALID_ARGUMENT');
    return err;
  }
  throw new Error('expected loadAdapterConfig to throw');
}

describe('adapter config sources', () => {
  it('defaults: dev-ledger backend, local NATS, judicial chain "judicial", metrics off', () => {
    const c = loadAdapterConfig({ env: BASE_ENV });
    expect(c).toEqual({ ...DEFAULT_ADAPTER_CONFIG, keyFile: 'adapter.key', genesisFile: 'genesis.json', genesisHash: HASH_A });
    expect(c.backend).toBe('dev-ledger');
    expect(c.natsServers).toEqual(['nats://127.0.0.1:4222']);
    expect(c.metricsPort).toBeUndefined();
    expect(judicialTrustOf(c)).toBeUndefined();
  });

  it('environment: every CB_* variable sets its field, numbers parsed, lists split', () => {
    const c = loadAdapterConfig({
      env: {
        ...BASE_ENV,
        CB_BACKEND: 'dev-ledger',
        CB_NATS_URL: 'nats://a:4222, nats://b:4222',
        CB_DATA_DIR: '/var/lib/cb/finance',
        CB_REPLICA_ID: 'finance-1',
        CB_JUDICIAL_CHAIN: 'judicial-2',
        CB_JUDICIAL_HEIGHT: '12',
        CB_JUDICIAL_HASH: HASH_B.toUpperCase(),
        CB_METRICS_PORT: '9464',
        CB_METRICS_HOST: '0.0.0.0',
      },
    });
    expect(c.natsServers).toEqual(['nats://a:4222', 'nats://b:4222']);
    expect(c.dataDir).toBe('/var/lib/cb/finance');
    expect(c.replicaId).toBe('finance-1');
    expect(c.metricsPort).toBe(9464);
    expect(c.metricsHost).toBe('0.0.0.0');
    expect(judicialTrustOf(c)).toEqual({ chainId: 'judicial-2', height: 12, headerHashHex: HASH_B });
  });

  it('every field has a CB_ variable and a flag', () => {
    for (const f of Object.values(ADAPTER_FIELDS)) {
      expect(f.env).toMatch(/^CB_[A-Z_]+$/);
      expect(f.flag).toMatch(/^[a-z-]+$/);
    }
  });

  it('config file: from CB_CONFIG or --config, keys are the field names, JSON numbers and arrays', () => {
    const file = writeConfig('file.json', {
      keyFile: 'k.key',
      genesisFile: 'g.json',
      genesisHash: HASH_A,
      natsServers: ['nats://x:4222'],
      dataDir: 'data',
      judicialHeight: 7,
      judicialHash: HASH_B,
      metricsPort: 0,
    });
    const fromEnv = loadAdapterConfig({ env: { CB_CONFIG: file } });
    expect(fromEnv).toMatchObject({ keyFile: 'k.key', natsServers: ['nats://x:4222'], dataDir: 'data', judicialHeight: 7, metricsPort: 0 });
    expect(loadAdapterConfig({ argv: ['--config', file] })).toEqual(fromEnv);
  });

  it('flags: every field has one', () => {
    const c = loadAdapterConfig({
      argv: [
        '--key-file',
        'f.key',
        '--genesis-file',
        'g.json',
        '--genesis-hash',
        HASH_A,
        '--nats',
        'nats://f:1',
        '--data-dir',
        'd',
        '--replica-id',
        'r',
        '--judicial-chain',
        'jc',
        '--judicial-height',
        '3',
        '--judicial-hash',
        HASH_B,
        '--metrics-port',
        '1',
        '--metrics-host',
        'h',
        '--backend',
        'dev-ledger',
        '--jetstream-replicas',
        '3',
      ],
    });
    expect(c).toEqual({
      backend: 'dev-ledger',
      natsServers: ['nats://f:1'],
      keyFile: 'f.key',
      genesisFile: 'g.json',
      genesisHash: HASH_A,
      dataDir: 'd',
      replicaId: 'r',
      judicialChain: 'jc',
      judicialHeight: 3,
      judicialHash: HASH_B,
      metricsPort: 1,
      metricsHost: 'h',
      jetstreamReplicas: 3,
    });
  });

  it('jetstreamReplicas: 1 unless told, CB_JETSTREAM_REPLICAS sets it, 1-5 only', () => {
    const base = { CB_KEY_FILE: 'k', CB_GENESIS_FILE: 'g.json', CB_GENESIS_HASH: HASH_A };
    expect(loadAdapterConfig({ env: base }).jetstreamReplicas).toBe(1);
    expect(loadAdapterConfig({ env: { ...base, CB_JETSTREAM_REPLICAS: '3' } }).jetstreamReplicas).toBe(3);
    for (const bad of ['0', '6', 'three'])
      expect(() => loadAdapterConfig({ env: { ...base, CB_JETSTREAM_REPLICAS: bad } })).toThrow(
        /CB_JETSTREAM_REPLICAS.*replica count \(1-5\)/,
      );
  });
});

describe('adapter config precedence: defaults < file < environment < flags', () => {
  const required = { keyFile: 'file.key', genesisFile: 'g.json', genesisHash: HASH_A };
  const file = writeConfig('precedence.json', { ...required, metricsPort: 1, replicaId: 'file', dataDir: 'file-data' });

  it('the environment overrides the file, flags override both, and the rest falls through', () => {
    const c = loadAdapterConfig({ env: { CB_CONFIG: file, CB_METRICS_PORT: '2', CB_REPLICA_ID: 'env' }, argv: ['--metrics-port', '3'] });
    expect(c.metricsPort).toBe(3); // flag > env > file
    expect(c.replicaId).toBe('env'); // env > file
    expect(c.dataDir).toBe('file-data'); // file > default
    expect(c.metricsHost).toBe('127.0.0.1'); // default
    expect(c.keyFile).toBe('file.key');
  });

  it('--config wins over CB_CONFIG', () => {
    const other = writeConfig('other.json', { keyFile: 'other.key', genesisFile: 'g.json', genesisHash: HASH_A });
    expect(loadAdapterConfig({ env: { CB_CONFIG: file }, argv: ['--config', other] }).keyFile).toBe('other.key');
  });

  it('an empty variable counts as unset', () => {
    expect(loadAdapterConfig({ env: { ...BASE_ENV, CB_METRICS_PORT: '' } }).metricsPort).toBeUndefined();
  });
});

describe('adapter config: a bad value names the field and its source', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['port', { CB_METRICS_PORT: 'abc' }, 'CB_METRICS_PORT: "abc" is not a port (0-65535)'],
    ['port out of range', { CB_METRICS_PORT: '70000' }, 'CB_METRICS_PORT: "70000" is not a port (0-65535)'],
    ['height', { CB_JUDICIAL_HEIGHT: '0' }, 'CB_JUDICIAL_HEIGHT: "0" is not a block height (an integer >= 1)'],
    ['height, not a number', { CB_JUDICIAL_HEIGHT: '12x' }, 'CB_JUDICIAL_HEIGHT: "12x" is not a block height'],
    ['hash', { CB_GENESIS_HASH: 'abc' }, 'CB_GENESIS_HASH: "abc" is not a sha256 (64 hex digits)'],
    ['judicial hash', { CB_JUDICIAL_HASH: 'zz' }, 'CB_JUDICIAL_HASH: "zz" is not a sha256'],
    ['backend (enum)', { CB_BACKEND: 'fabric' }, 'CB_BACKEND: "fabric" is not a known backend (known: dev-ledger)'],
    ['chain id', { CB_JUDICIAL_CHAIN: 'Judicial!' }, 'CB_JUDICIAL_CHAIN: "Judicial!" is not a chain id'],
    ['NATS list', { CB_NATS_URL: 'nats://a:1,,nats://b:2' }, 'CB_NATS_URL: "nats://a:1,,nats://b:2" is not a list of NATS URLs'],
    ['replica id', { CB_REPLICA_ID: 'a b' }, 'CB_REPLICA_ID: "a b" is not a replica id'],
    ['host', { CB_METRICS_HOST: ' ' }, 'CB_METRICS_HOST: " " is not a host name or address'],
  ];
  for (const [kind, env, message] of cases) {
    it(`environment: ${kind}`, () => {
      const err = rejection({ env: { ...BASE_ENV, ...env } });
      expect(err.message).toContain(message);
      expect(err.details?.source).toBe(Object.keys(env)[0]);
    });
  }

  it('a flag names the flag', () => {
    const err = rejection({ env: BASE_ENV, argv: ['--metrics-port=-1'] });
    expect(err.message).toBe('--metrics-port: "-1" is not a port (0-65535)');
    expect(err.details).toMatchObject({ field: 'metricsPort', source: '--metrics-port' });
    expect(rejection({ env: BASE_ENV, argv: ['--judicial-height', '1.5'] }).message).toBe(
      '--judicial-height: "1.5" is not a block height (an integer >= 1)',
    );
    expect(rejection({ env: BASE_ENV, argv: ['--backend', 'x'] }).message).toBe(
      '--backend: "x" is not a known backend (known: dev-ledger)',
    );
  });

  it('a file value names the file and the field', () => {
    const file = writeConfig('bad.json', { metricsPort: 'abc' });
    const err = rejection({ env: { ...BASE_ENV, CB_CONFIG: file } });
    expect(err.message).toBe(`${file}: metricsPort: "abc" is not a port (0-65535)`);
    expect(err.details).toMatchObject({ field: 'metricsPort' });
    expect(rejection({ env: { CB_CONFIG: writeConfig('bad2.json', { judicialHeight: -4 }) } }).message).toContain(
      'judicialHeight: -4 is not a block height',
    );
    const bad3 = writeConfig('bad3.json', { natsServers: 'nats://a:1', backend: 7 });
    expect(rejection({ env: { CB_CONFIG: bad3 } }).message).toContain('backend: 7 is not a backend name');
  });

  it('a bad value is reported even when a later source overrides it', () => {
    expect(rejection({ env: { ...BASE_ENV, CB_METRICS_PORT: 'abc' }, argv: ['--metrics-port', '9464'] }).message).toContain(
      'CB_METRICS_PORT',
    );
  });

  it('a misspelt file key, an unreadable file, an unknown flag', () => {
    expect(rejection({ env: { CB_CONFIG: writeConfig('typo.json', { metricPort: 1 }) } }).message).toContain(
      'metricPort: unknown field; known: backend',
    );
    expect(rejection({ env: { CB_CONFIG: writeConfig('notjson.json', '{') } }).message).toContain('cannot read it as JSON');
    expect(rejection({ env: { CB_CONFIG: writeConfig('array.json', []) } }).message).toContain('expected a JSON object');
    expect(rejection({ env: { CB_CONFIG: join(dir, 'absent.json') } }).message).toContain('absent.json: cannot read it as JSON');
    const unknownFlag = rejection({ env: BASE_ENV, argv: ['--metrics-prot', '1'] }).message;
    expect(unknownFlag).toMatch(/^command line: Unknown option '--metrics-prot'.*flags: --config, --backend/);
  });

  it('a missing required field says how to set it', () => {
    expect(rejection({ env: { CB_GENESIS_FILE: 'g', CB_GENESIS_HASH: HASH_A } }).message).toBe(
      'keyFile: required; set CB_KEY_FILE, --key-file or "keyFile" in the config file (see adapters/sdk/README.md)',
    );
    expect(rejection({ env: { ...BASE_ENV, CB_JUDICIAL_HEIGHT: '3' } }).message).toMatch(
      /^judicialHash: 可信司法链区块头缺一半 required with the other half.*courtbridge adapter judicial-anchor/,
    );
    expect(rejection({ env: BASE_ENV, requireJudicialTrust: true }).message).toMatch(
      /^judicialHeight: 必填：此链执行动作，需要可信的司法链区块头 required: this chain executes actions.*print both with: courtbridge adapter judicial-anchor/,
    );
  });
});
