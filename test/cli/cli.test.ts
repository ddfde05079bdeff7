/**
 * The `courtbridge` binary, run as a child process (`node bin/courtbridge.mjs ...`): help for
 * every command, exit codes, key files, tokens, offline verify, and calls to a real gRPC server.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKeyFile } from '../../src/identity/keystore.js';
import { verifyJwtFast } from '../../src/identity/jwt-verify-fast.js';
import { createGatewayServer, type GatewayServer } from '../../src/relay/host/server.js';
import { COMMANDS } from '../../src/cli/main.js';
import { allianceFixture } from '../helpers/alliance-fixture.js';
import { freePort } from '../helpers/nats-server.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'courtbridge.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { env?: Record<string, string>; cwd?: string; nodeArgs?: string[] } = {}): Promise<Run> {
  return new Promise((res) => {
    execFile(
      process.execPath,
      [...(opts.nodeArgs ?? []), BIN, ...args],
      { cwd: opts.cwd ?? ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env }, timeout: 60_000 },
      (error, stdout, stderr) => res({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}

let dir: string;
const fixture = allianceFixture();
const GATEWAY_DID = fixture.gateway.did;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('help', () => {
  it('courtbridge --help lists every command and the exit codes', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name} `);
    expect(r.stdout).toContain('Exit codes:');
  });

  it.each(COMMANDS.map((c) => c.name))('courtbridge %s --help prints usage, options and examples', async (name) => {
    const r = await cli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage:\n {2}courtbridge /);
    expect(r.stdout).toContain('Options:');
    expect(r.stdout).toContain('Examples:');
  });
});

describe('usage errors exit 2 with one clear line', () => {
  const cases: Array<{ name: string; args: string[]; message: RegExp }> = [
    { name: 'unknown command', args: ['frobnicate'], message: /unknown command 'frobnicate'/ },
    { name: 'unknown option', args: ['token', '--frob'], message: /--frob/ },
    { name: 'unknown subcommand', args: ['keys', 'old'], message: /unknown subcommand 'keys old'/ },
    { name: 'missing option', args: ['query', '--chain', 'credit', '--type', 't'], message: /give exactly one of --id ID or --key KEY/ },
    { name: 'bad duration', args: ['token', '--as', 'x.key', '--ttl', 'soon'], message: /--ttl: expected a duration/ },
    { name: 'ttl over the auth limit', args: ['token', '--as', 'x.key', '--ttl', '1h'], message: /--ttl: expected 1s to 10m/ },
    { name: 'bad gateway address', args: ['status', '--gateway', 'nope'], message: /expected HOST:PORT/ },
    {
      name: 'investigate without the salt',
      args: ['investigate', '--id-number', '110101199003077777', '--case', 'C-1', '--as', 'x.key'],
      message: /alliance salt/,
    },
    { name: 'bad owner hash', args: ['investigate', '--owner', 'abc', '--case', 'C-1'], message: /--owner: expected 64 hex/ },
    { name: 'verify without a file', args: ['verify'], message: /expected a bundle file/ },
  ];
  it.each(cases)('$name', async ({ args, message }) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1); // one line, no stack trace
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('COURTBRIDGE_DEBUG=1 adds the stack trace', async () => {
    const r = await cli(['frobnicate'], { env: { COURTBRIDGE_DEBUG: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').length).toBeGreaterThan(2);
  });
});

describe('keys and DIDs', () => {
  it('keys new writes a 0600 file and did show reads the same DID back', async () => {
    const file = join(dir, 'court.key');
    const made = await cli(['keys', 'new', '--out', file, '--did-alliance', 'court-sh-02', '--json']);
    expect(made.code).toBe(0);
    const created = JSON.parse(made.stdout) as { did: string; kid: string; publicKeyHex: string };
    expect(created.did).toBe('did:alliance:court-sh-02');
    expect(created.kid).toBe('did:alliance:court-sh-02#key-1');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ did: created.did, publicKeyHex: created.publicKeyHex });

    const shown = await cli(['did', 'show', '--key', file, '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ did: created.did, kid: created.kid, publicKeyHex: created.publicKeyHex });
  });

  it('an encrypted key file needs its passphrase variable; the wrong one is denied (exit 5)', async () => {
    const file = join(dir, 'enc.key');
    const made = await cli(['keys', 'new', '--out', file, '--passphrase-env', 'P', '--json'], { env: { P: 'correct horse' } });
    expect(made.code).toBe(0);
    const { did } = JSON.parse(made.stdout) as { did: string };
    expect(did).toMatch(/^did:key:z/);
    const ok = await cli(['did', 'show', '--key', file, '--passphrase-env', 'P'], { env: { P: 'correct horse' } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(did);
    const wrong = await cli(['did', 'show', '--key', file, '--passphrase-env', 'P'], { env: { P: 'battery staple' } });
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toMatch(/wrong_passphrase/);
    const none = await cli(['did', 'show', '--key', file]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/passphrase_required/);
  });

  it('keys new refuses to overwrite a file without --force', async () => {
    const file = join(dir, 'twice.key');
    expect((await cli(['keys', 'new', '--out', file])).code).toBe(0);
    const again = await cli(['keys', 'new', '--out', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; pass --force/);
  });

  it('a key file readable by others is refused with its reason', async () => {
    const file = join(dir, 'loose.key');
    expect((await cli(['keys', 'new', '--out', file])).code).toBe(0);
    const { chmod } = await import('node:fs/promises');
    await chmod(file, 0o644);
    const r = await cli(['did', 'show', '--key', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/key_file_permissions/);
  });
});

describe('token', () => {
  it('prints an auth JWT for the gateway audience that verifyJwtFast accepts', async () => {
    const file = join(dir, 'fixture-court.key');
    await writeKeyFile(file, { did: fixture.court.did, kid: fixture.court.kid, privateKey: courtPrivateKey });
    const r = await cli(['token', '--as', file, '--aud', GATEWAY_DID, '--ttl', '2m']);
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    const verified = verifyJwtFast(token, { audience: GATEWAY_DID, purpose: 'auth', nowMs: Date.now(), authority: fixture.authority });
    expect(verified.issuer).toBe(fixture.court.did);
    expect(verified.payload.exp - verified.payload.iat).toBe(120);
    // Wrong audience and wrong purpose are rejected with their named reasons.
    expect(() =>
      verifyJwtFast(token, { audience: 'did:alliance:gateway-2', purpose: 'auth', nowMs: Date.now(), authority: fixture.authority }),
    ).toThrow(expect.objectContaining({ reason: expect.stringMatching(/aud/) }));
    expect(() =>
      verifyJwtFast(token, { audience: GATEWAY_DID, purpose: 'order', nowMs: Date.now(), authority: fixture.authority }),
    ).toThrow(expect.objectContaining({ reason: expect.stringMatching(/purpose/) }));
  });
});

/** The fixture court's private key: the fixture derives its keys with allianceKey(n); find the court's. */
let courtPrivateKey: Uint8Array;
beforeAll(async () => {
  const { allianceKey } = await import('../helpers/alliance-fixture.js');
  const { publicKeyOf } = await import('../../src/crypto/secp256k1.js');
  const { equalBytes } = await import('../../src/encoding/bytes.js');
  for (let n = 100; n < 164; n++) {
    const sk = allianceKey(n);
    if (equalBytes(publicKeyOf(sk), fixture.court.publicKey)) {
      courtPrivateKey = sk;
      return;
    }
  }
  throw new Error('fixture court key not found');
});

describe('verify is offline', () => {
  it('never opens a connection: a malformed bundle is reported from the file alone, with network calls made impossible', async () => {
    const file = join(dir, 'broken-bundle.json');
    await writeFile(file, JSON.stringify({ format: 'courtbridge.v1.ProofBundle', protobuf: 'not base64url!' }));
    const r = await cli(['verify', file], {
      nodeArgs: ['--import', join(ROOT, 'test', 'cli', 'no-network.mjs')],
      env: { COURTBRIDGE_GATEWAY: '127.0.0.1:1', NATS_URL: 'nats://127.0.0.1:1' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bundle_file_malformed/);
    expect(r.stderr).not.toMatch(/network access attempted/);
  });
});

describe('against a gateway over real gRPC', () => {
  let server: GatewayServer;
  let address: string;
  const seenTokens: string[] = [];
  const authed = (call: grpc.ServerUnaryCall<unknown, unknown>): boolean => {
    const h = call.metadata.get('authorization')[0];
    if (typeof h !== 'string' || !h.startsWith('Bearer ')) return false;
    try {
      verifyJwtFast(h.slice(7), { audience: GATEWAY_DID, purpose: 'auth', nowMs: Date.now(), authority: fixture.authority });
      seenTokens.push(h);
      return true;
    } catch {
      return false;
    }
  };
  const denied = { code: grpc.status.UNAUTHENTICATED, details: 'token missing or invalid' };

  beforeAll(async () => {
    server = createGatewayServer({
      handlers: {
        AllianceService: {
          ListMembers: (_call, cb) =>
            cb(null, {
              members: [
                {
                  did: GATEWAY_DID,
                  organisation: 'Gateway 1',
                  roles: ['MEMBER_ROLE_GATEWAY'],
                  chains: [],
                  status: 'MEMBER_STATUS_ACTIVE',
                  keys: [],
                },
              ],
              registryVersion: 3,
            }),
        },
        ChainService: {
          ListChains: (call, cb) => (authed(call) ? cb(null, { chains: [{ chainId: 'credit' }, { chainId: 'finance' }] }) : cb(denied)),
          GetChainStatus: (call, cb) => {
            if (!authed(call)) return cb(denied);
            const id = call.request.chainId;
            if (id === 'nowhere') return cb({ code: grpc.status.NOT_FOUND, details: 'unknown_chain: nowhere' });
            cb(null, {
              chainId: id,
              status: id === 'finance' ? 'CLIENT_STATUS_FROZEN' : 'CLIENT_STATUS_ACTIVE',
              trustedHeight: 42,
              breaker: 'BREAKER_STATE_CLOSED',
              replicas: [],
            });
          },
        },
      },
    });
    const port = await freePort();
    address = `127.0.0.1:${(await server.start(`127.0.0.1:${port}`)).port}`;
  });
  afterAll(async () => {
    await server.shutdown(1000);
  });

  it('token without --aud asks the gateway for its DID', async () => {
    const r = await cli(['token', '--as', join(dir, 'fixture-court.key'), '--gateway', address, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ audience: GATEWAY_DID, issuer: fixture.court.did });
  });

  it('status authenticates with a fresh token and reports a frozen chain with exit 1', async () => {
    const r = await cli(['status', '--json'], { env: { COURTBRIDGE_GATEWAY: address, COURTBRIDGE_KEY: join(dir, 'fixture-court.key') } });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { chains: Array<{ chainId: string; status: string; trustedHeight: number }> };
    expect(out.chains.map((c) => [c.chainId, c.status])).toEqual([
      ['credit', 'CLIENT_STATUS_ACTIVE'],
      ['finance', 'CLIENT_STATUS_FROZEN'],
    ]);
    expect(seenTokens.length).toBeGreaterThan(0);
  });

  it('a config file sets the gateway and key; NOT_FOUND maps to exit 6', async () => {
    const config = join(dir, 'courtbridge.json');
    await writeFile(config, JSON.stringify({ cli: { gateway: address, key: 'fixture-court.key', gatewayDid: GATEWAY_DID } }));
    const r = await cli(['status', '--chain', 'nowhere', '--config', config]);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/NOT_FOUND/);
  });

  it('an unauthenticated call maps to exit 5; an unimplemented method to exit 7', async () => {
    const stranger = join(dir, 'stranger.key');
    // An alliance DID the registry does not know: its token cannot verify.
    expect((await cli(['keys', 'new', '--out', stranger, '--did-alliance', 'stranger-org'])).code).toBe(0);
    const r = await cli(['status', '--gateway', address, '--as', stranger]);
    expect(r.stderr).toMatch(/UNAUTHENTICATED/);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/UNAUTHENTICATED/);
    const q = await cli([
      'query',
      '--chain',
      'credit',
      '--type',
      'credit.dishonest_debtor',
      '--id',
      'x',
      '--gateway',
      address,
      '--as',
      join(dir, 'fixture-court.key'),
    ]);
    expect(q.code).toBe(7);
    expect(q.stderr).toMatch(/UNIMPLEMENTED/);
  });

  it('an unreachable gateway exits 3', async () => {
    const port = await freePort();
    // With a key (without one, status is refused before any call: every gateway call needs a token).
    const r = await cli(['status', '--gateway', `127.0.0.1:${port}`, '--timeout', '2s', '--as', join(dir, 'fixture-court.key')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/UNAVAILABLE|DEADLINE_EXCEEDED/);
  });
});
