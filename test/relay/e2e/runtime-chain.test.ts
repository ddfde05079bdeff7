/**
 * A chain admitted to the alliance after the gateways started is served by every running gateway,
 * without restart, through the path an operator uses: the real `courtbridge alliance` CLI with
 * admin key files against a real gateway over loopback gRPC, two gateways on one real
 * nats-server, the property adapter on a seeded DevLedger. Its record is proven with a bundle that
 * verifies offline against the registry as followed from the stream; re-anchoring it restarts the
 * light client at the new anchor; removing it stops both gateways serving it. A third gateway, whose
 * `chains` is an explicit list without it, logs the admission and does not follow it. Forged admissions
 * (below the quorum, or approved by a non-admin, through the CLI or straight onto the registry
 * stream) are refused and no gateway follows the chain.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { property as propertyDefinition } from '../../../adapters/property/definition.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { startAdapter, type AdapterHandle } from '../../../adapters/sdk/runtime.js';
import { chainEntryToProto } from '../../../src/bus/chain-entry-proto.js';
import { encodeEnvelope, sealEnvelope } from '../../../src/bus/envelope.js';
import { RegistryFollower, registryUpdateFromProto } from '../../../src/bus/registry-follower.js';
import { Buckets, REGISTRY_SUBJECT } from '../../../src/bus/subjects.js';
import { kvTrustedStore } from '../../../src/bus/trusted-store-kv.js';
import { headerHash } from '../../../src/chain/header.js';
import type { LightBlock } from '../../../src/chain/signed-header.js';
import { newValidatorKeys } from '../../../src/chain/ledger/validator-keys.js';
import { loadGatewayConfig } from '../../../src/config/gateway-config.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyOf } from '../../../src/crypto/secp256k1.js';
import { equalBytes, toHex } from '../../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import { AllianceRegistry } from '../../../src/identity/alliance-registry.js';
import { chainEntryToJson, type ChainEntry } from '../../../src/identity/chain-entry.js';
import { MemoryRegistryStore } from '../../../src/identity/registry-store.js';
import { approveRegistryUpdate } from '../../../src/identity/registry-update.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import { silentLogger } from '../../../src/log.js';
import { startGatewayNode } from '../../../src/node/gateway-node.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { loadSeed, seedChain } from '../../../src/seed/seed.js';
import { verifyBundleBytes } from '../../../src/verify/bundle-verify.js';
import { encodeMessage } from '../../../src/wire/codec.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import { cli, writeAllianceFiles } from '../../cli/cli-helpers.js';
import { allianceFixture, allianceKey, fixtureChainEntry, FixtureDids, type AllianceFixture } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';
import { authToken, serviceClient, type ServiceClient } from './e2e-setup.js';

type Obj = Record<string, unknown>;

const CHAIN = 'property';
const CHANGES = 'courtbridge_gateway_chain_changes_total';
// Reads only: an adapter executing actions also needs a trusted judicial header, not the point here.
const definition = { ...propertyDefinition, actions: [] };
const cast = demoCast();
// The partner joining at run time: the chain's adapter.
const bureauKey = allianceKey(600);
const bureau: Signer = createSigner('did:alliance:property-bureau', 'did:alliance:property-bureau#key-1', bureauKey);

let nats: NatsServerHandle;
let fx: AllianceFixture;
let dir: string;
let files: Awaited<ReturnType<typeof writeAllianceFiles>>;
let env: Record<string, string>;
let backend: DevLedgerBackend;
let adapter: AdapterHandle | undefined;
let gateways: RunningGateway[] = [];
/** A gateway whose `chains` is an explicit list without the admitted chain: it logs the admission and does not follow it. */
let pinned: RunningGateway | undefined;
/** The registry as anyone follows it from the stream (here: the adapter's, and the offline verifier's). */
let followed: AllianceRegistry;
let follower: RegistryFollower | undefined;
let nc: NatsConnection | undefined;
const clients: ServiceClient[] = [];

const admins = (): string[] => ['--admin-key', files.keyFile(FixtureDids.admin1), '--admin-key', files.keyFile(FixtureDids.admin2)];

function call(gw: RunningGateway, service: string, method: string, req: object): Promise<Obj> {
  const c = serviceClient(service, gw.address);
  clients.push(c);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${authToken(fx.court, FixtureDids.gateway)}`);
  return new Promise((resolve, reject) =>
    c[method]!.call(c, req, md, { deadline: Date.now() + 15_000 }, (e: grpc.ServiceError | null, r?: Obj) =>
      e === null ? resolve(r ?? {}) : reject(e),
    ),
  );
}

async function failure(p: Promise<unknown>): Promise<{ code: number; reason: string; details: string }> {
  try {
    await p;
  } catch (e) {
    const s = e as grpc.ServiceError;
    return { code: s.code, reason: String(s.metadata?.get(REASON_TRAILER)[0] ?? ''), details: s.details };
  }
  throw new Error('expected the call to fail');
}

/** The first header a gateway streams for `chainId` (WatchService.WatchHeaders from the latest trusted one). */
function firstWatchedHeight(gw: RunningGateway, chainId: string): Promise<number> {
  const c = serviceClient('WatchService', gw.address);
  clients.push(c);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${authToken(fx.court, FixtureDids.gateway)}`);
  const watch = c.WatchHeaders as unknown as (req: object, md: grpc.Metadata) => grpc.ClientReadableStream<Obj>;
  const stream = watch.call(c, { chainId, fromHeight: 0 }, md);
  return new Promise((resolve, reject) => {
    stream.on('data', (h: Obj) => {
      resolve(Number(((h.signedHeader as Obj).header as Obj).height));
      stream.cancel();
    });
    stream.on('error', (e: grpc.ServiceError) => {
      if (e.code !== grpc.status.CANCELLED) reject(e);
    });
  });
}

const titleQuery = { query: { chainId: CHAIN, recordType: 'title', key: cast.debtor.apartment.key, height: { latest: {} } } };

/** The chain entry an operator writes for `courtbridge alliance admit-chain --entry`, anchored at `anchor`. */
async function entryFile(name: string, anchor: LightBlock): Promise<string> {
  const entry: ChainEntry = { ...fixtureChainEntry(CHAIN, anchor), servers: [bureau.did] };
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(chainEntryToJson(entry)));
  return path;
}

const followedChains = (gw: RunningGateway): string[] => gw.deps.queryPath!.manager.chains().map((c) => c.chainId);
const changes = async (gw: RunningGateway): Promise<string> => (await gw.deps.promRegistry.getSingleMetricAsString(CHANGES)) ?? '';

/** A proven answer of `gw` for the apartment title, checked offline against the followed registry. */
async function provenTitle(gw: RunningGateway): Promise<Obj> {
  const r = await call(gw, 'QueryService', 'Query', titleQuery);
  const bundle = r.bundle as Obj;
  expect(bundle.result).toBe('record');
  const v = verifyBundleBytes(encodeMessage('ProofBundle', bundle as never), {
    atMs: Date.now(),
    authority: new AllianceAuthority(() => followed.state),
  });
  expect(v.verdict, JSON.stringify(v.checks.filter((c) => c.outcome !== 'passed'))).toBe('valid');
  return bundle;
}

beforeAll(async () => {
  nats = await startNatsServer();
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-runtime-chain-'));
  // No chain in the genesis and no adapter granted: both gateways start following nothing.
  fx = allianceFixture({ chains: [] });
  files = await writeAllianceFiles(fx, dir);
  backend = new DevLedgerBackend({
    definition,
    blockIntervalMs: 20,
    heartbeatMs: 60_000,
    ledger: { validatorKeys: newValidatorKeys(4) },
    seed: async (l) => void (await loadSeed(l, seedChain(CHAIN, { records: 10, seed: 'courtbridge-runtime-chain' }))),
  });
  await backend.start();
  const config = loadGatewayConfig({
    overrides: {
      listen: '127.0.0.1:0',
      natsServers: [nats.url],
      genesisHash: toHex(sha256(fx.genesisBytes)),
      metricsPort: -1,
      logLevel: 'silent',
      chains: [],
    },
  });
  for (let i = 0; i < 2; i++)
    gateways.push(await startGatewayNode(config, { signer: fx.gateway, genesisBytes: fx.genesisBytes, watchIntervalMs: 200 }));
  pinned = await startGatewayNode(
    { ...config, chains: ['lawyer'] },
    { signer: fx.gateway, genesisBytes: fx.genesisBytes, watchIntervalMs: 200 },
  );
  env = { COURTBRIDGE_GATEWAY: gateways[0]!.address, COURTBRIDGE_GATEWAY_DID: FixtureDids.gateway };
  nc = await connect({ servers: nats.url, name: 'runtime-chain-test' });
  followed = await AllianceRegistry.open(new MemoryRegistryStore(fx.genesisBytes), toHex(sha256(fx.genesisBytes)), Date.now());
  follower = new RegistryFollower({
    nc,
    registry: followed,
    authority: new AllianceAuthority(() => followed.state),
    logger: silentLogger(),
  });
  await follower.start();
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  for (const gw of gateways) await gw.shutdown().catch(() => undefined);
  gateways = [];
  await pinned?.shutdown().catch(() => undefined);
  await adapter?.drain().catch(() => undefined);
  await backend?.close().catch(() => undefined);
  await follower?.stop().catch(() => undefined);
  await nc?.close().catch(() => undefined);
  await nats?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}, 30_000);

describe('a forged admission', () => {
  it('below the quorum or approved by a non-admin, through the CLI: refused, no gateway follows the chain', async () => {
    const entry = await entryFile('forged.json', backend.ledger.latest());
    const one = await cli(['alliance', 'admit-chain', '--entry', entry, '--admin-key', files.keyFile(FixtureDids.admin1)], { env });
    expect(one.code, one.stderr).toBe(5);
    expect(one.stderr).toContain('quorum_not_met');
    const court = await cli(
      [
        'alliance',
        'admit-chain',
        '--entry',
        entry,
        '--admin-key',
        files.keyFile(FixtureDids.admin1),
        '--admin-key',
        files.keyFile(FixtureDids.court),
      ],
      { env },
    );
    expect(court.code, court.stderr).toBe(5);
    expect(court.stderr).toContain('quorum_not_met');
    for (const gw of gateways) {
      expect(gw.deps.registry.state.chains.has(CHAIN)).toBe(false);
      expect(followedChains(gw)).toEqual([]);
    }
  }, 60_000);

  it('straight onto the registry stream (a relaying gateway, one admin and the court approving): dropped by every gateway', async () => {
    const [gw] = gateways;
    const state = gw!.deps.registry.state;
    const update = {
      operation: 'REGISTRY_OPERATION_ADMIT_CHAIN',
      did: '',
      member: null,
      reason: '',
      newKey: null,
      retireKid: '',
      effectiveAtMs: Date.now(),
      baseRegistryVersion: state.sequence,
      nonce: randomBytes(16),
      chain: { ...chainEntryToProto({ ...fixtureChainEntry(CHAIN, backend.ledger.latest()), servers: [bureau.did] }), attestation: null },
      chainId: '',
    } as unknown as MessageOutput<'RegistryUpdate'>;
    const body = registryUpdateFromProto(update, [], state);
    const approvals = [fx.signers.get(FixtureDids.admin1)!, fx.court].map((s) => {
      const a = approveRegistryUpdate(body, s);
      return { adminDid: a.adminDid, kid: a.kid, signature: Buffer.from(a.signature) };
    });
    const env = sealEnvelope(fx.gateway, 'registry.update', encodeMessage('SignedRegistryUpdate', { update, approvals }), Date.now());
    const ack = await nc!.jetstream().publish(REGISTRY_SUBJECT, encodeEnvelope(env));
    for (const g of gateways) await g.deps.sync.waitFor(ack.seq, 10_000);
    for (const g of gateways) {
      expect(g.deps.registry.state.chains.has(CHAIN)).toBe(false);
      await g.deps.chains.settled();
      expect(followedChains(g)).toEqual([]);
      const q = await failure(call(g, 'QueryService', 'Query', titleQuery));
      expect(q.code).toBe(grpc.status.NOT_FOUND);
      expect(q.reason).toBe('unknown_chain');
    }
    expect(followed.state.chains.has(CHAIN)).toBe(false);
  }, 30_000);
});

describe('a chain admitted with the quorum while the gateways run', () => {
  let anchor: LightBlock;

  it('the CLI registers its adapter and admits it: both running gateways follow it from its anchor', async () => {
    const reg = await cli(
      [
        'alliance',
        'register',
        '--did',
        bureau.did,
        '--org',
        'Municipal property bureau',
        '--role',
        'adapter',
        '--chain',
        CHAIN,
        '--public-key',
        toHex(publicKeyOf(bureauKey)),
        ...admins(),
      ],
      { env },
    );
    expect(reg.code, reg.stderr).toBe(0);
    anchor = backend.ledger.latest();
    const r = await cli(['alliance', 'admit-chain', '--entry', await entryFile('property-chain.json', anchor), ...admins()], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`已准入链 admitted chain ${CHAIN}`);
    for (const gw of gateways) await eventually(() => followedChains(gw).includes(CHAIN), { what: `${CHAIN} followed by ${gw.address}` });
    await eventually(() => followed.state.chains.has(CHAIN), { what: 'the admission on the followed registry' });
    // The adapter starts on the registry as followed from the stream (its grant is an update, not in the genesis).
    adapter = await startAdapter({
      servers: nats.url,
      signer: bureau,
      authority: new AllianceAuthority(() => followed.state),
      backend,
      definition,
      replicaId: 'property-1',
      announceIntervalMs: 500,
      logger: silentLogger(),
    });
    for (const gw of gateways) {
      await eventually(() => expect(gw.deps.queryPath!.manager.view(CHAIN).status).toBe('active'), {
        what: `${CHAIN} light client initialised on ${gw.address}`,
      });
      expect(gw.deps.queryPath!.manager.config(CHAIN).trustAnchor?.height).toBe(anchor.signedHeader.header.height);
      expect(await changes(gw)).toContain(`${CHANGES}{chain="${CHAIN}",change="added"} 1`);
    }
    // config.chains names only `lawyer`: the admission is logged and counted, the chain not followed.
    const other = pinned!;
    await eventually(async () => {
      const c = ((await call(other, 'AllianceService', 'ListChains', {})).chains as Obj[]).find((x) => (x.entry as Obj).chainId === CHAIN);
      expect(c).toMatchObject({ status: 'CHAIN_ENTRY_STATUS_ADMITTED', servedHere: false, notServedReason: 'not_configured' });
    });
    expect(followedChains(other)).toEqual(['lawyer']);
    expect(await changes(other)).toContain(`${CHANGES}{chain="${CHAIN}",change="not_served"} 1`);
    const q = await failure(call(other, 'QueryService', 'Query', titleQuery));
    expect([q.code, q.reason]).toEqual([grpc.status.NOT_FOUND, 'unknown_chain']);
  }, 90_000);

  it('Query answers through either gateway with a bundle valid offline; ListChains, GetChainStatus and WatchHeaders serve it', async () => {
    for (const gw of gateways) {
      await provenTitle(gw);
      const listed = (await call(gw, 'ChainService', 'ListChains', {})).chains as Obj[];
      expect(listed.map((c) => c.chainId)).toEqual([CHAIN]);
      const status = await call(gw, 'ChainService', 'GetChainStatus', { chainId: CHAIN });
      expect(status.status).toBe('CLIENT_STATUS_ACTIVE');
      expect(Number(status.trustedHeight)).toBeGreaterThanOrEqual(anchor.signedHeader.header.height);
      expect(await firstWatchedHeight(gw, CHAIN)).toBeGreaterThanOrEqual(anchor.signedHeader.header.height);
      const registry = (await call(gw, 'AllianceService', 'ListChains', {})).chains as Obj[];
      expect(registry.map((c) => [(c.entry as Obj).chainId, c.status, c.servedHere])).toEqual([
        [CHAIN, 'CHAIN_ENTRY_STATUS_ADMITTED', true],
      ]);
    }
  }, 60_000);

  it('update-chain with another anchor: the trust held is dropped and restarts there, answers verify against the new anchor', async () => {
    const height = anchor.signedHeader.header.height;
    expect(height).toBeGreaterThan(1);
    // A header of the same ledger no gateway trusts yet (trust began at the old anchor, above it).
    const moved = backend.ledger.lightBlockAt(height - 1);
    const store = await kvTrustedStore(nc!, { bucket: Buckets.trusted });
    expect((await store.heights(CHAIN))[0]).toBe(height);
    expect(await store.getConsensusState(CHAIN, height - 1)).toBeUndefined();
    const r = await cli(['alliance', 'update-chain', '--entry', await entryFile('property-moved.json', moved), ...admins()], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`已更新链 updated chain ${CHAIN}`);
    for (const gw of gateways) {
      await eventually(() => gw.deps.queryPath!.manager.config(CHAIN).trustAnchor?.height === height - 1, {
        what: `${CHAIN} re-anchored on ${gw.address}`,
      });
      await eventually(() => expect(gw.deps.queryPath!.manager.view(CHAIN).status).toBe('active'));
    }
    await eventually(() => followed.state.chains.get(CHAIN)?.versions.length === 2, { what: 'the update on the followed registry' });
    // The shared trusted store now starts at the new anchor, with its very header.
    const cs = await store.getConsensusState(CHAIN, height - 1);
    expect(cs !== undefined && equalBytes(cs.headerHash, headerHash(moved.signedHeader.header))).toBe(true);
    expect((await store.heights(CHAIN))[0]).toBe(height - 1);
    for (const gw of gateways) {
      await eventually(async () => void (await provenTitle(gw)), { what: `a proven answer on ${gw.address} after the re-anchoring` });
      expect(await changes(gw)).toContain(`${CHANGES}{chain="${CHAIN}",change="updated"} 1`);
    }
  }, 90_000);

  it('remove-chain: both gateways stop following it and refuse its queries by name', async () => {
    const r = await cli(['alliance', 'remove-chain', CHAIN, ...admins()], { env });
    expect(r.code, r.stderr).toBe(0);
    for (const gw of gateways) {
      await eventually(() => !followedChains(gw).includes(CHAIN), { what: `${CHAIN} no longer followed by ${gw.address}` });
      const q = await failure(call(gw, 'QueryService', 'Query', titleQuery));
      expect(q.code).toBe(grpc.status.FAILED_PRECONDITION);
      expect(q.reason).toBe('chain_removed');
      expect(q.details).toContain('removed from the alliance registry');
      expect((await call(gw, 'ChainService', 'ListChains', {})).chains).toEqual([]);
      expect((await failure(call(gw, 'ChainService', 'GetChainStatus', { chainId: CHAIN }))).reason).toBe('chain_removed');
      expect(await changes(gw)).toContain(`${CHANGES}{chain="${CHAIN}",change="removed"} 1`);
    }
  }, 60_000);
});
