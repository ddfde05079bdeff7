/**
 * `courtbridge trust export` and `courtbridge verify --trust` (the real binary): a real title
 * bundle whose chain was admitted by a registry update after genesis verifies VALID offline (the
 * network made impossible) from the trust file and the pinned genesis hash alone; a tampered
 * genesis, a forged approval and updates out of order are refused with the named reason and the
 * update; a chain removed before the receipt is INVALID unknown_chain; with no registry the
 * verdict is INDETERMINATE and the output says what to give. The export also reads the gateway's
 * view: the registry stream on a real nats-server, each message re-checked as a gateway does.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEnvelope, sealEnvelope } from '../../src/bus/envelope.js';
import { ensureStream } from '../../src/bus/jetstream.js';
import { REGISTRY_STREAM } from '../../src/bus/registry-follower.js';
import { REGISTRY_SUBJECT } from '../../src/bus/subjects.js';
import { fromUtf8, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { sha256 } from '../../src/crypto/hash.js';
import { createSigner } from '../../src/identity/signer.js';
import { loadGenesis } from '../../src/identity/genesis.js';
import { registryStateFromGenesis } from '../../src/identity/registry.js';
import { approveRegistryUpdate, registryUpdateToJson, type RegistryUpdate } from '../../src/identity/registry-update.js';
import { trustFileOf } from '../../src/identity/trust-file.js';
import { encodeMessage } from '../../src/wire/codec.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { titleBundles, TITLE_ADMIN_DID, type TitleBundles } from '../helpers/title-bundle.js';
import { stateAfter, titleAdmin, titleTrust, type TitleTrust } from '../helpers/title-trust.js';
import { nextUpdateBody } from '../helpers/registry-next.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { cli, ROOT } from './cli-helpers.js';

const OFFLINE = ['--import', join(ROOT, 'test', 'cli', 'no-network.mjs')];
const offline = (args: string[]) =>
  cli(args, { nodeArgs: OFFLINE, env: { COURTBRIDGE_GATEWAY: '127.0.0.1:1', NATS_URL: 'nats://127.0.0.1:1' } });

let dir: string;
let b: TitleBundles;
let tt: TitleTrust;
let now: number;
let admit: RegistryUpdate;
let bundleFile: string;
let genesisFile: string;

const jsonl = (us: RegistryUpdate[]): string => us.map((u) => `${JSON.stringify(registryUpdateToJson(u))}\n`).join('');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cb-cli-trust-'));
  b = await titleBundles();
  tt = titleTrust(b);
  now = Date.now();
  admit = tt.update(tt.genesisState(), { kind: 'admit_chain', chain: tt.chain }, now - 600_000);
  bundleFile = join(dir, 'title.json');
  await writeFile(bundleFile, JSON.stringify({ format: 'courtbridge.v1.ProofBundle', protobuf: toBase64url(b.bytes(b.title)) }));
  genesisFile = join(dir, 'genesis.json');
  await writeFile(genesisFile, tt.genesisBytes);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('trust export from files, verify --trust offline', () => {
  it('a chain admitted after genesis: exported, then the bundle verifies VALID from the trust file and the pinned hash', async () => {
    await writeFile(join(dir, 'updates.jsonl'), jsonl([admit]));
    const trust = join(dir, 'trust.json');
    const ex = await offline([
      'trust',
      'export',
      '--out',
      trust,
      '--genesis',
      genesisFile,
      '--updates',
      join(dir, 'updates.jsonl'),
      '--genesis-hash',
      tt.genesisHash,
    ]);
    expect(ex.stderr).toBe('');
    expect(ex.code).toBe(0);
    expect(ex.stdout).toMatch(/^已写入信任文件 Trust file written/);
    expect(ex.stdout).toContain('注册表版本 Registry version: 1');
    expect(ex.stdout).toContain('链 Chains: property');
    const r = await offline(['verify', bundleFile, '--trust', trust, '--genesis-hash', tt.genesisHash]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('有效 VALID');
    // The genesis alone does not know the chain.
    const g = await offline(['verify', bundleFile, '--genesis', genesisFile, '--genesis-hash', tt.genesisHash]);
    expect(g.code).toBe(4);
    expect(g.stdout).toContain('[unknown_chain]');
  });

  it('a registry file store directory exports the same file', async () => {
    const store = join(dir, 'store');
    await import('node:fs/promises').then((fs) => fs.mkdir(store));
    await writeFile(join(store, 'genesis.json'), tt.genesisBytes);
    await writeFile(join(store, 'updates.jsonl'), jsonl([admit]));
    const trust = join(dir, 'trust-store.json');
    const ex = await offline(['trust', 'export', '--out', trust, '--registry', store, '--genesis-hash', tt.genesisHash, '--json']);
    expect(ex.code).toBe(0);
    expect(JSON.parse(ex.stdout)).toMatchObject({ registryVersion: 1, updates: 1, chains: ['property'] });
    expect(new Uint8Array(await readFile(trust))).toEqual(trustFileOf(tt.genesisBytes, [admit]));
  });

  it('a tampered genesis in the trust file is refused genesis_hash_mismatch', async () => {
    const trust = join(dir, 'tampered.json');
    await writeFile(trust, trustFileOf(utf8(fromUtf8(tt.genesisBytes).replace('"quorum": 1', '"quorum": 0')), [admit]));
    const r = await offline(['verify', bundleFile, '--trust', trust, '--genesis-hash', tt.genesisHash]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).not.toContain('VALID');
    expect(r.stderr).toMatch(/genesis_hash_mismatch/);
  });

  it('an update with a forged approval is refused quorum_not_met, naming the update; export refuses it too', async () => {
    const forger = createSigner(TITLE_ADMIN_DID, `${TITLE_ADMIN_DID}#key-1`, sha256(utf8('a forger')));
    const forged = tt.update(tt.genesisState(), { kind: 'admit_chain', chain: tt.chain }, now - 600_000, [forger]);
    const trust = join(dir, 'forged.json');
    await writeFile(trust, trustFileOf(tt.genesisBytes, [forged]));
    const r = await offline(['verify', bundleFile, '--trust', trust, '--genesis-hash', tt.genesisHash]);
    expect(r.code).toBe(ExitCode.Denied); // PERMISSION_DENIED
    expect(r.stderr).toMatch(/PERMISSION_DENIED/);
    expect(r.stdout).not.toContain('VALID');
    expect(r.stderr).toMatch(/quorum_not_met/);
    expect(r.stderr).toContain(`update #0 (${forged.updateId})`);
    await writeFile(join(dir, 'forged.jsonl'), jsonl([forged]));
    const ex = await offline([
      'trust',
      'export',
      '--out',
      join(dir, 'never.json'),
      '--genesis',
      genesisFile,
      '--updates',
      join(dir, 'forged.jsonl'),
      '--genesis-hash',
      tt.genesisHash,
    ]);
    expect(ex.code).not.toBe(0);
    expect(ex.stderr).toMatch(/quorum_not_met/);
    await expect(readFile(join(dir, 'never.json'))).rejects.toThrow();
  });

  it('updates out of order are refused out_of_order', async () => {
    const remove = tt.update(stateAfter(tt, [admit], now), { kind: 'remove_chain', chainId: 'property' }, now - 300_000);
    const trust = join(dir, 'swapped.json');
    await writeFile(trust, trustFileOf(tt.genesisBytes, [remove, admit]));
    const r = await offline(['verify', bundleFile, '--trust', trust, '--genesis-hash', tt.genesisHash]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/out_of_order/);
    expect(r.stderr).toContain(`update #0 (${remove.updateId})`);
  });

  it('a chain removed before the receipt was signed: INVALID unknown_chain', async () => {
    const remove = tt.update(stateAfter(tt, [admit], now), { kind: 'remove_chain', chainId: 'property' }, now - 300_000);
    const trust = join(dir, 'removed.json');
    await writeFile(trust, trustFileOf(tt.genesisBytes, [admit, remove]));
    const r = await offline(['verify', bundleFile, '--trust', trust, '--genesis-hash', tt.genesisHash]);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('无效 INVALID');
    expect(r.stdout).toContain('[unknown_chain]');
  });

  it('without a registry: INDETERMINATE, and the output says what to give', async () => {
    const r = await offline(['verify', bundleFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('无法确定 INDETERMINATE');
    expect(r.stdout).toContain('--trust FILE --genesis-hash HEX');
    const u = await offline(['verify', bundleFile, '--trust', join(dir, 'trust.json')]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/--genesis-hash/);
  });
});

describe('trust export from the registry stream (a real nats-server)', () => {
  let nats: NatsServerHandle;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await nats?.stop();
  });

  it('exports what a gateway applied: a revocation signed by the admin quorum, and skips a message no gateway would apply', async () => {
    // Genesis as the title alliance has it (chain admitted there); the stream revokes the adapter.
    const state = registryStateFromGenesis(loadGenesis(b.genesisBytes, b.genesisHash));
    const nonce = sha256(utf8('cli-trust nonce')).slice(0, 16);
    const op = { kind: 'revoke_member' as const, did: 'did:alliance:property-adapter' };
    const body = nextUpdateBody(state, op, now - 60_000, toHex(nonce));
    const approval = approveRegistryUpdate(body, titleAdmin());
    const signed = {
      update: {
        operation: 'REGISTRY_OPERATION_REVOKE' as const,
        did: op.did,
        reason: 'test',
        effectiveAtMs: body.effectiveAtMs,
        baseRegistryVersion: 0,
        nonce,
      },
      approvals: [{ adminDid: approval.adminDid, kid: approval.kid, signature: approval.signature }],
    };
    const nc = await connect({ servers: nats.url });
    try {
      await ensureStream(await nc.jetstreamManager(), {
        name: REGISTRY_STREAM.name,
        subjects: [...REGISTRY_STREAM.subjects],
        duplicateWindowMs: 120_000,
      });
      const js = nc.jetstream();
      // An envelope signed by a stranger's did:key: dropped by every follower, so not exported.
      const stranger = createSigner('did:alliance:nobody', 'did:alliance:nobody#key-1', sha256(utf8('nobody')));
      await js.publish(
        REGISTRY_SUBJECT,
        encodeEnvelope(sealEnvelope(stranger, 'registry.update', encodeMessage('SignedRegistryUpdate', signed), Date.now())),
      );
      await js.publish(
        REGISTRY_SUBJECT,
        encodeEnvelope(sealEnvelope(titleAdmin(), 'registry.update', encodeMessage('SignedRegistryUpdate', signed), Date.now())),
      );
    } finally {
      await nc.close();
    }
    const gFile = join(dir, 'title-genesis.json');
    await writeFile(gFile, b.genesisBytes);
    const trust = join(dir, 'trust-nats.json');
    const ex = await cli([
      'trust',
      'export',
      '--out',
      trust,
      '--genesis',
      gFile,
      '--genesis-hash',
      b.genesisHash,
      '--nats',
      nats.url,
      '--json',
    ]);
    expect(ex.stderr).toBe('');
    expect(ex.code).toBe(0);
    const report = JSON.parse(ex.stdout) as { registryVersion: number; dropped: Array<{ seq: number; reason: string }> };
    expect(report.registryVersion).toBe(1);
    expect(report.dropped).toEqual([{ seq: 1, reason: expect.any(String) }]);
    const file = JSON.parse(await readFile(trust, 'utf8')) as { updates: Array<{ op: { kind: string; did: string } }> };
    expect(file.updates.map((u) => u.op)).toEqual([{ kind: 'revoke_member', did: 'did:alliance:property-adapter' }]);
    const r = await offline(['verify', bundleFile, '--trust', trust, '--genesis-hash', b.genesisHash]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('有效 VALID');
  });
});
