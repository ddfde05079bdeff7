/**
 * The adapter's judicial light client at start (adapters/sdk/judicial-trust.ts
 * `initJudicialClient`): the light block at the configured height, fetched from the judicial
 * chain's adapters over a real nats-server, counts only if its header hash is the configured
 * one; a wrong anchor, a block of another height or a bad configuration stops the adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection, type Subscription } from 'nats';
import { judicial as judicialDefinition } from '../../../adapters/judicial/definition.js';
import { contractsOf } from '../../../adapters/sdk/definition.js';
import { initJudicialClient, type JudicialTrustOptions } from '../../../adapters/sdk/judicial-trust.js';
import { lightblockSubject } from '../../../src/bus/subjects.js';
import { headerHash } from '../../../src/chain/header.js';
import { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { encodeLightBlock } from '../../../src/chain/signed-header.js';
import { ByteReader, toHex } from '../../../src/encoding/bytes.js';
import { MemoryTrustedStore } from '../../../src/lightclient/memory-store.js';
import { silentLogger } from '../../../src/log.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';

let srv: NatsServerHandle;
let nc: NatsConnection;
let ledger: DevLedger;
let responder: Subscription;
/** Heights the responder answers with another height's block: a judicial adapter lying about the height. */
const answerInstead = new Map<number, number>();

beforeAll(async () => {
  srv = await startNatsServer();
  nc = await connect({ servers: srv.url });
  ledger = DevLedger.open({ chainId: 'judicial', contracts: contractsOf(judicialDefinition) });
  ledger.produceBlock();
  ledger.produceBlock();
  // The judicial chain's adapter: the light block at the asked height.
  responder = nc.subscribe(lightblockSubject('judicial'), {
    callback: (_err, msg) => {
      const h = Number(new ByteReader(msg.data).u64());
      msg.respond(encodeLightBlock(ledger.lightBlockAt(answerInstead.get(h) ?? h)));
    },
  });
  await nc.flush();
});
afterAll(async () => {
  responder?.unsubscribe();
  await nc?.close();
  await srv?.stop();
});

const hashAt = (h: number) => toHex(headerHash(ledger.lightBlockAt(h).signedHeader.header, 'sha256'));
const options = (more: Partial<JudicialTrustOptions> = {}): JudicialTrustOptions => ({
  chainId: 'judicial',
  height: 2,
  headerHashHex: hashAt(2),
  syncTimeoutMs: 5_000,
  ...more,
});
const init = (o: JudicialTrustOptions) => initJudicialClient(nc, o, Date.now, silentLogger());

describe('initJudicialClient: the configured anchor', () => {
  it('trusts the fetched light block whose header hash is the configured one', async () => {
    const client = await init(options());
    const latest = await client.latest();
    expect(latest.height).toBe(2);
    expect(toHex(latest.headerHash)).toBe(hashAt(2));
    // Unless told: a 14-day trusting period, 10 s of clock drift, the default block interval.
    const state = await client.clientState();
    expect(state).toMatchObject({ trustingPeriodMs: 14 * 86_400_000, maxClockDriftMs: 10_000 });
    expect(state.minBlockIntervalMs).toBe(1);
  });

  it('initialises the client with the configured trust parameters', async () => {
    const client = await init(options({ trustingPeriodMs: 86_400_000, maxClockDriftMs: 5_000, minBlockIntervalMs: 100 }));
    expect(await client.clientState()).toMatchObject({ trustingPeriodMs: 86_400_000, maxClockDriftMs: 5_000, minBlockIntervalMs: 100 });
  });

  it('refuses to start on a light block whose hash is not the configured one: trusted_hash_mismatch', async () => {
    await expect(init(options({ headerHashHex: hashAt(3) }))).rejects.toMatchObject({ reason: 'trusted_hash_mismatch' });
  });

  // The hash is of the block the adapter answered, but that block is of another height than configured.
  it('refuses to start on a block of another height than configured, though its hash is the one configured: trusted_hash_mismatch', async () => {
    answerInstead.set(1, 2);
    try {
      await expect(init(options({ height: 1 }))).rejects.toMatchObject({ reason: 'trusted_hash_mismatch' });
    } finally {
      answerInstead.delete(1);
    }
  });

  it.each([
    ['a hash of 31 bytes', (): Partial<JudicialTrustOptions> => ({ headerHashHex: hashAt(2).slice(2) })],
    ['height 0', () => ({ height: 0 })],
    ['a fractional height', () => ({ height: 1.5 })],
  ])('refuses a configuration with %s: invalid_trust_options', async (_what, more) => {
    await expect(init(options(more()))).rejects.toMatchObject({ reason: 'invalid_trust_options' });
  });

  it('answers judicial_unreachable when no judicial adapter answers before the sync timeout', async () => {
    await expect(init(options({ chainId: 'judicial-nobody', syncTimeoutMs: 300 }))).rejects.toMatchObject({
      reason: 'judicial_unreachable',
    });
  });

  // A restart over a kept store resumes what it trusts (it may be past the anchor); it does not start over.
  it('keeps the client state of a store already initialised', async () => {
    const store = new MemoryTrustedStore();
    const first = await init(options({ store }));
    await first.update(ledger.lightBlockAt(3).signedHeader, ledger.lightBlockAt(3).validatorSet, Date.now());
    const again = await init(options({ store }));
    expect((await again.latest()).height).toBe(3);
  });
});
