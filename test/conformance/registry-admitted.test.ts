/**
 * The conformance kit certifies an adapter the alliance admitted after the genesis (a
 * `register_member` update on the registry stream `CB_REGISTRY`): given the registry opened at
 * the pinned genesis, the kit catches up on the stream before its first check and every check
 * passes. A forged admission on the stream (a broken admin signature, approvals below the quorum)
 * grants nothing: the kit does not know the adapter's DID, and the checks on its signed
 * envelopes fail with `unknown_sender`. Real nats-server, real signatures, the adapter runtime
 * in-process on a seeded dev ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { lawyer } from '../../adapters/examples/lawyer/definition.js';
import { DevLedgerBackend } from '../../adapters/sdk/dev-ledger-backend.js';
import { startAdapter, type AdapterHandle } from '../../adapters/sdk/runtime.js';
import { CONFORMANCE_CHECK_IDS, formatReport, registryFromGenesis, runConformance, type KitRegistry } from '../../src/conformance/mod.js';
import { headerHash } from '../../src/chain/header.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { toHex } from '../../src/encoding/bytes.js';
import { createSigner } from '../../src/identity/signer.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { loadSeed, seedChain } from '../../src/seed/seed.js';
import { allianceFixture, allianceKey, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { belowQuorum, publishRegistryUpdate, registerAdapterUpdate, withForgedApproval } from '../helpers/registry-stream.js';
import { judicialOrdersDefinition, orderDeskOf } from './judicial-orders.js';

const PARTNER = 'did:alliance:lawyer-bureau';
const partnerKey = allianceKey(710);
const partner = createSigner(PARTNER, `${PARTNER}#key-1`, partnerKey);
const ACTION = { kind: 'suspend', target: DEMO_CAST.lawyer.licenceNo, recordType: 'lawyer' };

let nats: NatsServerHandle;
let nc: NatsConnection;
let fx: AllianceFixture;
let judicialBackend: DevLedgerBackend;
const handles: AdapterHandle[] = [];

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  // The genesis knows the judicial chain's adapter; the lawyer registry's is admitted later.
  fx = allianceFixture({ chains: ['judicial'] });
  judicialBackend = new DevLedgerBackend({ definition: judicialOrdersDefinition, blockIntervalMs: 20, heartbeatMs: 400 });
  handles.push(
    await startAdapter({
      servers: nats.url,
      signer: fx.adapter('judicial'),
      authority: fx.authority,
      backend: judicialBackend,
      definition: judicialOrdersDefinition,
      replicaId: 'judicial-1',
      announceIntervalMs: 300,
    }),
  );
}, 60_000);

afterAll(async () => {
  for (const h of handles.reverse()) await h.drain().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
});

const kitRegistry = (): Promise<KitRegistry> => registryFromGenesis(fx.genesisBytes, toHex(fx.loaded.hash), Date.now());

function kit(r: KitRegistry, only?: string[]) {
  return runConformance({
    chain: 'lawyer',
    nc,
    court: fx.court,
    gateway: fx.gateway,
    authority: r.authority,
    registry: r.registry,
    orderDesk: orderDeskOf(() => judicialBackend.ledger),
    action: ACTION,
    timeoutMs: 5_000,
    announceWaitMs: 3_000,
    ...(only === undefined ? {} : { only }),
  });
}

describe('the kit follows the registry like everyone else', () => {
  it('a forged admission on the stream grants nothing: the kit does not know the adapter', async () => {
    const valid = registerAdapterUpdate(fx, fx.state, { did: PARTNER, chain: 'lawyer', publicKey: publicKeyOf(partnerKey) });
    await publishRegistryUpdate(nc, fx.gateway, withForgedApproval(valid).signed);
    await publishRegistryUpdate(nc, fx.gateway, belowQuorum(valid).signed);
    // The adapter, told (wrongly) that it is admitted: its own registry holds the forged grant.
    const lb = judicialBackend.ledger.latest();
    const trust = { chainId: 'judicial', height: lb.signedHeader.header.height, headerHashHex: toHex(headerHash(lb.signedHeader.header)) };
    const own = await kitRegistry();
    await own.registry.submit(valid.update, Date.now());
    const backend = new DevLedgerBackend({
      definition: lawyer,
      blockIntervalMs: 20,
      heartbeatMs: 400,
      seed: async (l) => {
        await loadSeed(l, seedChain('lawyer', { records: 40, seed: 'registry-admitted' }));
      },
    });
    const handle = await startAdapter({
      servers: nats.url,
      signer: partner,
      authority: own.authority,
      backend,
      definition: lawyer,
      replicaId: 'lawyer-1',
      announceIntervalMs: 300,
      actions: { ackWaitMs: 2_000, maxDeliver: 5 },
      judicialTrust: trust,
    });
    handles.push(handle);
    const r = await kitRegistry();
    const report = await kit(r, ['announce', 'headers']);
    expect(r.registry.state.sequence).toBe(0);
    expect(report.passed).toBe(false);
    expect(report.checks.find((c) => c.id === 'announce')!.detail).toContain('unknown_sender');
  }, 60_000);

  it('an adapter admitted by a registry update passes every check', async () => {
    const valid = registerAdapterUpdate(fx, fx.state, { did: PARTNER, chain: 'lawyer', publicKey: publicKeyOf(partnerKey) });
    await publishRegistryUpdate(nc, fx.gateway, valid.signed);
    const r = await kitRegistry();
    const report = await kit(r);
    const text = formatReport(report);
    expect(r.registry.state.sequence, text).toBe(1);
    expect(report.checks.map((c) => c.id)).toEqual([...CONFORMANCE_CHECK_IDS]);
    expect(
      report.checks.filter((c) => c.status !== 'pass'),
      text,
    ).toEqual([]);
    expect(report.counts).toEqual({ pass: CONFORMANCE_CHECK_IDS.length, fail: 0, skip: 0 });
    expect(report.adapterDid).toBe(PARTNER);
  }, 120_000);
});
