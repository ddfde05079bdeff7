/**
 * Chains admitted, refused and removed over the network while a gateway runs (DESIGN.md "Trust
 * ends at an anchor"): a real nats-server, a real gateway over loopback, the property adapter on a
 * seeded DevLedger. The gateway starts following no chain; the adapter's DID and then the chain
 * are admitted through AllianceService with admin approvals, and the running gateway serves it,
 * with bundles that verify offline from the genesis and the registry updates alone.
 */
import { randomBytes } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { property as propertyDefinition } from '../../../adapters/property/definition.js';
import { announcementBytes } from '../../../adapters/sdk/announce.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { startAdapter, type AdapterHandle } from '../../../adapters/sdk/runtime.js';
import { chainEntryToProto } from '../../../src/bus/chain-entry-proto.js';
import { checkEnvelope } from '../../../src/bus/envelope-verify.js';
import { encodeEnvelope, sealEnvelope } from '../../../src/bus/envelope.js';
import { registryUpdateFromProto } from '../../../src/bus/registry-follower.js';
import { newValidatorKeys } from '../../../src/chain/ledger/validator-keys.js';
import { loadGatewayConfig } from '../../../src/config/gateway-config.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyOf } from '../../../src/crypto/secp256k1.js';
import { toHex } from '../../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import { AllianceRegistry } from '../../../src/identity/alliance-registry.js';
import { MemoryRegistryStore } from '../../../src/identity/registry-store.js';
import { approveRegistryUpdate, type RegistryUpdate } from '../../../src/identity/registry-update.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import { silentLogger } from '../../../src/log.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { startGatewayNode } from '../../../src/node/gateway-node.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { loadSeed, seedChain } from '../../../src/seed/seed.js';
import { verifyBundleBytes } from '../../../src/verify/bundle-verify.js';
import { encodeMessage } from '../../../src/wire/codec.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import { allianceFixture, allianceKey, fixtureChainEntry, FixtureDids, type AllianceFixture } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';
import { authToken, serviceClient, type ServiceClient } from './e2e-setup.js';

type Obj = Record<string, unknown>;
interface Failure {
  code: number;
  reason: string;
  details: string;
}

const CHAIN = 'property';
// Reads only: an adapter executing actions also needs a trusted judicial header, not the point here.
const definition = { ...propertyDefinition, actions: [] };
const cast = demoCast();
let nats: NatsServerHandle;
let fx: AllianceFixture;
let backend: DevLedgerBackend;
let adapter: AdapterHandle | undefined;
let gw: RunningGateway;
const clients: ServiceClient[] = [];
/** The updates the alliance applied, in order: with the genesis, all an offline verifier needs. */
const applied: RegistryUpdate[] = [];
// Partners joining at run time: the chain's adapter, and a member that is not its server.
const server: Signer = createSigner('did:alliance:property-bureau', 'did:alliance:property-bureau#key-1', allianceKey(500));
const rogue: Signer = createSigner('did:alliance:rogue-adapter', 'did:alliance:rogue-adapter#key-1', allianceKey(501));

function client(service: string): ServiceClient {
  const c = serviceClient(service, gw.address);
  clients.push(c);
  return c;
}

function call(service: string, method: string, req: object, as: Signer = fx.court): Promise<Obj> {
  const c = client(service);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${authToken(as, FixtureDids.gateway)}`);
  return new Promise((resolve, reject) =>
    c[method]!.call(c, req, md, { deadline: Date.now() + 15_000 }, (e: grpc.ServiceError | null, r?: Obj) =>
      e === null ? resolve(r ?? {}) : reject(e),
    ),
  );
}

async function failure(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (e) {
    const s = e as grpc.ServiceError;
    return { code: s.code, reason: String(s.metadata?.get(REASON_TRAILER)[0] ?? ''), details: s.details };
  }
  throw new Error('expected the call to fail');
}

/** A proto RegistryUpdate on the gateway's current registry version. */
function protoUpdate(fields: Partial<MessageOutput<'RegistryUpdate'>>): MessageOutput<'RegistryUpdate'> {
  return {
    operation: 'REGISTRY_OPERATION_UNSPECIFIED',
    did: '',
    member: null,
    reason: '',
    newKey: null,
    retireKid: '',
    effectiveAtMs: Date.now(),
    baseRegistryVersion: gw.deps.registry.state.sequence,
    nonce: randomBytes(16),
    chain: null,
    chainId: '',
    ...fields,
  } as MessageOutput<'RegistryUpdate'>;
}

/** Approvals of `update` by the given admins (both fixture admins unless told). */
function approvals(
  update: MessageOutput<'RegistryUpdate'>,
  admins: string[] = [FixtureDids.admin1, FixtureDids.admin2],
): Array<MessageOutput<'AdminApproval'>> {
  const body = registryUpdateFromProto(update, [], gw.deps.registry.state);
  return admins.map((d) => {
    const a = approveRegistryUpdate(body, fx.signers.get(d)!);
    return { adminDid: a.adminDid, kid: a.kid, signature: Buffer.from(a.signature) };
  });
}

/** Submit `update` with `sigs` through AllianceService/`method`; remembers what was applied. */
async function submit(method: string, update: MessageOutput<'RegistryUpdate'>, sigs = approvals(update)): Promise<Obj> {
  const body = registryUpdateFromProto(update, sigs, gw.deps.registry.state);
  const r = await call('AllianceService', method, { update, approvals: sigs }, fx.signers.get(FixtureDids.admin1)!);
  applied.push(body);
  return r;
}

const registerAdapter = (s: Signer): Promise<Obj> =>
  submit(
    'RegisterMember',
    protoUpdate({
      operation: 'REGISTRY_OPERATION_REGISTER',
      did: s.did,
      member: {
        did: s.did,
        organisation: `${s.did} operator`,
        roles: ['MEMBER_ROLE_ADAPTER'],
        chains: [CHAIN],
        status: 'MEMBER_STATUS_ACTIVE',
        keys: [
          { kid: '#key-1', publicKey: Buffer.from(publicKeyOf(allianceKey(s === server ? 500 : 501))), validFromMs: 0, validUntilMs: 0 },
        ],
        revokedAtMs: 0,
      },
    }),
  );

const entryProto = (servers: string[]): MessageOutput<'ChainEntry'> =>
  ({
    ...chainEntryToProto({ ...fixtureChainEntry(CHAIN, backend.ledger.latest()), servers }),
    attestation: null,
  }) as unknown as MessageOutput<'ChainEntry'>;
const titleQuery = { query: { chainId: CHAIN, recordType: 'title', key: cast.debtor.apartment.key, height: { latest: {} } } };
const registryChains = async (): Promise<Obj[]> => (await call('AllianceService', 'ListChains', {})).chains as Obj[];

beforeAll(async () => {
  nats = await startNatsServer();
  backend = new DevLedgerBackend({
    definition,
    blockIntervalMs: 20,
    heartbeatMs: 60_000,
    ledger: { validatorKeys: newValidatorKeys(4) },
    seed: async (l) => void (await loadSeed(l, seedChain(CHAIN, { records: 10, seed: 'courtbridge-admission' }))),
  });
  await backend.start();
  // No chain in the genesis and no adapter granted: the gateway starts following nothing.
  fx = allianceFixture({ chains: [] });
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
  gw = await startGatewayNode(config, { signer: fx.gateway, genesisBytes: fx.genesisBytes, watchIntervalMs: 200 });
  await registerAdapter(server);
  await registerAdapter(rogue);
  // The partner's adapter follows the registry stream, so it knows its own registration.
  const registry = await AllianceRegistry.open(new MemoryRegistryStore(fx.genesisBytes), toHex(sha256(fx.genesisBytes)), Date.now());
  // (It checks its own role before it starts following, so it starts from what was applied.)
  for (const u of applied) await registry.submit(u, Date.now());
  adapter = await startAdapter({
    servers: nats.url,
    signer: server,
    authority: new AllianceAuthority(() => registry.state),
    registry,
    backend,
    definition,
    replicaId: 'property-1',
    announceIntervalMs: 500,
    logger: silentLogger(),
  });
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await gw?.shutdown().catch(() => undefined);
  await adapter?.drain().catch(() => undefined);
  await backend?.close().catch(() => undefined);
  await nats?.stop();
}, 30_000);

describe('admitting a chain at run time', () => {
  it('one approval short of the quorum: PERMISSION_DENIED, the gateway does not serve the chain', async () => {
    const update = protoUpdate({ operation: 'REGISTRY_OPERATION_ADMIT_CHAIN', chain: entryProto([server.did]) });
    const f = await failure(
      call(
        'AllianceService',
        'AdmitChain',
        { update, approvals: approvals(update, [FixtureDids.admin1]) },
        fx.signers.get(FixtureDids.admin1)!,
      ),
    );
    expect(f.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(f.reason).toBe('quorum_not_met');
    expect(gw.deps.registry.state.chains.has(CHAIN)).toBe(false);
    expect(await registryChains()).toEqual([]);
    const q = await failure(call('QueryService', 'Query', titleQuery));
    expect(q.code).toBe(grpc.status.NOT_FOUND);
    expect(q.reason).toBe('unknown_chain');
  });

  it('a forged entry (servers changed to a DID the admins did not approve): refused, and that DID may not announce for the chain', async () => {
    const approved = protoUpdate({ operation: 'REGISTRY_OPERATION_ADMIT_CHAIN', chain: entryProto([server.did]) });
    const sigs = approvals(approved);
    const forged = { ...approved, chain: entryProto([rogue.did]) };
    const f = await failure(
      call('AllianceService', 'AdmitChain', { update: forged, approvals: sigs }, fx.signers.get(FixtureDids.admin1)!),
    );
    expect(f.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(f.reason).toBe('quorum_not_met');
    expect(gw.deps.registry.state.chains.has(CHAIN)).toBe(false);
    // The approved entry is admitted; the rogue member holds the adapter grant for the chain but
    // is not its server: its announcement is dropped by name and never counted as a replica.
    const r = await submit('AdmitChain', approved, sigs);
    expect((r.chain as Obj).servers).toEqual([server.did]);
    const ann = encodeEnvelope(
      sealEnvelope(
        rogue,
        'adapter.announce',
        announcementBytes({ signer: rogue, definition: propertyDefinition, replicaId: 'rogue-1' }),
        Date.now(),
      ),
    );
    const check = checkEnvelope(ann, {
      authority: gw.deps.authority,
      nowMs: Date.now(),
      maxAgeMs: 60_000,
      maxFutureSkewMs: 5_000,
      chain: CHAIN,
    });
    expect(check.kind).toBe('dropped');
    // The envelope layer names the refusal out_of_role; its message names the registry rule.
    if (check.kind === 'dropped') {
      expect(check.drop.reason).toBe('out_of_role');
      expect(check.drop.message).toContain(`${rogue.did} is not a server of chain ${CHAIN}`);
    }
    await eventually(() => gw.deps.queryPath!.manager.chains().some((c) => c.chainId === CHAIN), {
      what: `${CHAIN} followed by the query path`,
    });
    expect(gw.deps.queryPath!.replicas.record(CHAIN, ann)).toBe(false);
    expect(gw.deps.queryPath!.replicas.parties(CHAIN)).not.toContain(rogue.did);
  });

  it('with the quorum: the running gateway serves it from its anchor, and its bundle verifies VALID offline with the updated registry', async () => {
    const listed = await registryChains();
    expect(listed.map((c) => [(c.entry as Obj).chainId, c.status])).toEqual([[CHAIN, 'CHAIN_ENTRY_STATUS_ADMITTED']]);
    await eventually(async () => expect((await registryChains())[0]!.servedHere).toBe(true));
    // Followed is not yet initialised: its light client trusts the anchor a moment later.
    await eventually(() => expect(gw.deps.queryPath!.manager.view(CHAIN).status).toBe('active'), {
      what: `${CHAIN} light client initialised`,
    });
    const r = await call('QueryService', 'Query', titleQuery);
    const bundle = r.bundle as Obj;
    expect(bundle.result).toBe('record');
    expect(Number((bundle.header as Obj | undefined)?.height ?? 1)).toBeGreaterThan(0);
    // Offline: the pinned genesis and the updates the admins approved, nothing from the gateway.
    const offline = await AllianceRegistry.open(new MemoryRegistryStore(fx.genesisBytes), toHex(sha256(fx.genesisBytes)), Date.now());
    for (const u of applied) await offline.submit(u, Date.now());
    const v = verifyBundleBytes(encodeMessage('ProofBundle', bundle as never), {
      atMs: Date.now(),
      authority: new AllianceAuthority(() => offline.state),
    });
    expect(v.verdict).toBe('valid');
    // The genesis alone does not know the chain: the same bytes are not valid without the admission.
    const genesisOnly = verifyBundleBytes(encodeMessage('ProofBundle', bundle as never), { atMs: Date.now(), authority: fx.authority });
    expect(genesisOnly.verdict).not.toBe('valid');
  });
});

describe('removing a chain at run time', () => {
  it('with the quorum: queries are refused FAILED_PRECONDITION chain_removed and its light client stops following', async () => {
    await submit('RemoveChain', protoUpdate({ operation: 'REGISTRY_OPERATION_REMOVE_CHAIN', chainId: CHAIN }));
    await eventually(() => !gw.deps.queryPath!.manager.chains().some((c) => c.chainId === CHAIN), { what: `${CHAIN} no longer followed` });
    const q = await failure(call('QueryService', 'Query', titleQuery));
    expect(q.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(q.reason).toBe('chain_removed');
    expect(q.details).toContain('removed from the alliance registry');
    const [c] = await registryChains();
    expect(c!.status).toBe('CHAIN_ENTRY_STATUS_REMOVED');
    expect(c!.servedHere).toBe(false);
    expect(c!.notServedReason).toBe('chain_removed');
    const status = await failure(call('ChainService', 'GetChainStatus', { chainId: CHAIN }));
    expect(status.reason).toBe('chain_removed');
  });
});

describe('a notary chain admitted at run time', () => {
  it('is served as a notary chain (its registry notaries, trust basis notarized_record), never followed as a bft-smt chain', async () => {
    // `lawyer` is in the gateway's catalog; the registry decides it is a database vouched for by notaries.
    const chainId = 'lawyer';
    const entry = chainEntryToProto({
      ...fixtureChainEntry(chainId, backend.ledger.latest()),
      kind: 'notary',
      servers: [server.did],
      attestation: { threshold: 1, attesters: [FixtureDids.agency] },
    }) as unknown as MessageOutput<'ChainEntry'>;
    await submit('AdmitChain', protoUpdate({ operation: 'REGISTRY_OPERATION_ADMIT_CHAIN', chain: entry }));
    await eventually(async () => {
      const c = (await registryChains()).find((x) => (x.entry as Obj).chainId === chainId);
      expect(c).toMatchObject({ status: 'CHAIN_ENTRY_STATUS_ADMITTED', servedHere: true });
    });
    const manager = gw.deps.queryPath!.manager;
    expect(manager.config(chainId)).toMatchObject({
      trustBasis: 'notarized_record',
      notary: { notaries: { threshold: 1, notaries: [FixtureDids.agency] } },
    });
    // No light client: nothing was asked of an adapter, the chain is active with no notarized version seen yet.
    expect(manager.view(chainId)).toMatchObject({ status: 'active', trustedHeight: 0 });
  });
});
