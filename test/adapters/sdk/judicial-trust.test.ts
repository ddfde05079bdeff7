/**
 * The adapter's judicial light client at start (adapters/sdk/judicial-trust.ts
 * `initJudicialClient`): the light block at the configured height, fetched from the judicial
 * chain's adapters over a real nats-server, counts only if its header hash is the configured
 * one; a wrong anchor, a block of another height or a bad configuration stops the adapter. It
 * keeps asking until the sync timeout, on its own clock. The client follows the chain's hash and
 * signature suites. `judicialWitness` asks the judicial parties for their light block.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection, type Subscription } from 'nats';
import { judicial as judicialDefinition } from '../../../adapters/judicial/definition.js';
import { contractsOf } from '../../../adapters/sdk/definition.js';
import { initJudicialClient, judicialWitness, type JudicialTrustOptions } from '../../../adapters/sdk/judicial-trust.js';
import { startWitnessServer } from '../../../adapters/sdk/witness-server.js';
import { replyError } from '../../../src/bus/request.js';
import { lightblockSubject } from '../../../src/bus/subjects.js';
import { headerHash } from '../../../src/chain/header.js';
import { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { encodeLightBlock } from '../../../src/chain/signed-header.js';
import { ByteReader, toHex } from '../../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../../src/errors.js';
import { MemoryTrustedStore } from '../../../src/lightclient/memory-store.js';
import { createLogger, silentLogger } from '../../../src/log.js';
import { allianceFixture, FixtureDids } from '../../helpers/alliance-fixture.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators } from '../../helpers/chain-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';

let srv: NatsServerHandle;
let nc: NatsConnection;
let ledger: DevLedger;
const subs: Subscription[] = [];
/** Heights the responder answers with another height's block: a judicial adapter lying about the height. */
const answerInstead = new Map<number, number>();
/** Requests the judicial responder refuses before it answers (an adapter still starting); and how many it was sent. */
let refuseNext = 0;
let asked = 0;

// Judicial chains of other suites (fixture chains: their header times are fixed, so the client's clock is too).
const sm2Validators = fixtureValidators(4, { suite: 'sm2' });
const gm = new ChainFixture('judicial-gm', sm2Validators, FIXTURE_START_MS, 1_000, 'sm3');
const mixed = new ChainFixture('judicial-mixed', [...sm2Validators.slice(0, 2), ...fixtureValidators(2, { from: 11 })]);
const fixtureNow = () => FIXTURE_START_MS + 60_000;

beforeAll(async () => {
  srv = await startNatsServer();
  nc = await connect({ servers: srv.url });
  ledger = DevLedger.open({ chainId: 'judicial', contracts: contractsOf(judicialDefinition) });
  ledger.produceBlock();
  ledger.produceBlock();
  // The judicial chain's adapter: the light block at the asked height.
  subs.push(
    nc.subscribe(lightblockSubject('judicial'), {
      callback: (_err, msg) => {
        asked++;
        if (refuseNext > 0) {
          refuseNext--;
          replyError(msg, new CourtbridgeError(ErrorCode.Unavailable, 'backend_not_started', 'the judicial backend is starting'));
          return;
        }
        const h = Number(new ByteReader(msg.data).u64());
        msg.respond(encodeLightBlock(ledger.lightBlockAt(answerInstead.get(h) ?? h)));
      },
    }),
  );
  for (const chain of [gm, mixed]) {
    chain.advanceTo(3);
    subs.push(
      nc.subscribe(lightblockSubject(chain.chainId), {
        callback: (_err, msg) => msg.respond(encodeLightBlock(chain.at(Number(new ByteReader(msg.data).u64())))),
      }),
    );
  }
  await nc.flush();
});
afterAll(async () => {
  for (const s of subs) s.unsubscribe();
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
/** The CourtbridgeError `p` is refused with (anything else, or an acceptance, fails the test). */
async function refused(p: Promise<unknown>): Promise<CourtbridgeError> {
  const e = await p.then(
    () => new Error('expected a refusal'),
    (x: unknown) => x,
  );
  if (!isCourtbridgeError(e)) throw e;
  return e;
}

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

  // The hash in the message is taken under the chain's suite, SHA-256 unless told: the operator compares it with theirs.
  it('refuses to start on a light block whose hash is not the configured one: trusted_hash_mismatch, naming the suite', async () => {
    const e = await refused(init(options({ headerHashHex: hashAt(3) })));
    expect(e.reason).toBe('trusted_hash_mismatch');
    expect(e.message).toContain(`has hash ${hashAt(2)} (sha256,`);
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

  it('refuses a hash that is not hex, naming the option', async () => {
    await expect(init(options({ headerHashHex: `zz${hashAt(2).slice(2)}` }))).rejects.toThrow(
      'judicialTrust.headerHashHex: expected an even-length hex string',
    );
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

/**
 * The clock and logger of a start that has to wait: the clock stands still except while
 * initJudicialClient waits between attempts, a wait its warning opens and that takes `stepMs`.
 * Past 60 s of waiting the clock throws, so a start that would never give up fails the test
 * instead of hanging it.
 */
function waitingStart(stepMs: number) {
  const t0 = Date.now();
  let waitedMs = 0;
  const warnings: Record<string, unknown>[] = [];
  const now = (): number => {
    if (waitedMs > 60_000) throw new Error('still waiting after 60 s on the test clock: the start never gives up');
    return t0 + waitedMs;
  };
  const logger = createLogger({
    component: 'judicial-trust-test',
    level: 'warn',
    destination: {
      write: (line: string) => {
        warnings.push(JSON.parse(line) as Record<string, unknown>);
        waitedMs += stepMs;
      },
    },
  });
  return { now, logger, warnings };
}

describe('initJudicialClient: waiting for the judicial chain', () => {
  it('asks again after a failed attempt, saying which chain and height it waits for', async () => {
    const w = waitingStart(10_000);
    refuseNext = 1;
    asked = 0;
    const client = await initJudicialClient(nc, options({ syncTimeoutMs: 30_000 }), w.now, w.logger);
    expect((await client.latest()).height).toBe(2);
    expect(asked).toBe(2);
    expect(w.warnings).toHaveLength(1);
    expect(w.warnings[0]).toMatchObject({ chain: 'judicial', height: 2, msg: 'waiting for the judicial chain' });
    expect(w.warnings[0]!.err).toMatchObject({ message: 'the judicial backend is starting' });
  });

  it('gives up with judicial_unreachable when the sync timeout has passed, carrying the last failure', async () => {
    // Attempts at 0, 10 and 20 s: the one at 20 s fails at the timeout, and is the last.
    const w = waitingStart(10_000);
    const e = await refused(initJudicialClient(nc, options({ chainId: 'judicial-nobody', syncTimeoutMs: 20_000 }), w.now, w.logger));
    expect(e.reason).toBe('judicial_unreachable');
    expect(w.warnings).toHaveLength(2);
    expect(w.warnings.map((x) => x.chain)).toEqual(['judicial-nobody', 'judicial-nobody']);
    expect(isCourtbridgeError(e.cause) && e.cause.reason).toBe('deadline_exceeded');
    expect(e.message).toContain('cannot fetch the trusted judicial light block judicial-nobody@2: deadline passed before the request');
  });

  it('waits 30 s unless told', async () => {
    const w = waitingStart(10_000);
    const { syncTimeoutMs: _, ...untold } = options({ chainId: 'judicial-nobody' });
    const e = await refused(initJudicialClient(nc, untold, w.now, w.logger));
    expect(e.reason).toBe('judicial_unreachable');
    expect(w.warnings).toHaveLength(3);
  });

  // An attempt's deadline is the sooner of its own 2 s and the sync timeout: the wait between
  // attempts took the clock to the timeout, so the second attempt is not sent at all.
  it('sends no attempt past the sync timeout', async () => {
    const w = waitingStart(10_000);
    refuseNext = 1;
    asked = 0;
    try {
      const e = await refused(initJudicialClient(nc, options({ syncTimeoutMs: 10_000 }), w.now, w.logger));
      expect(e.reason).toBe('judicial_unreachable');
      expect(isCourtbridgeError(e.cause) && e.cause.reason).toBe('deadline_exceeded');
      expect(asked).toBe(1);
      expect(w.warnings).toHaveLength(1);
    } finally {
      refuseNext = 0;
    }
  });
});

describe("initJudicialClient: the judicial chain's suites", () => {
  const gmOptions = (more: Partial<JudicialTrustOptions> = {}): JudicialTrustOptions => ({
    chainId: gm.chainId,
    height: 2,
    headerHashHex: toHex(headerHash(gm.at(2).header, 'sm3')),
    hashSuite: 'sm3',
    syncTimeoutMs: 5_000,
    ...more,
  });
  const initAtFixtureTime = (o: JudicialTrustOptions) => initJudicialClient(nc, o, fixtureNow, silentLogger());

  // The SM2 signature suite is the anchor set's: without a registry entry in reach, that set says it.
  it('an SM3 chain of SM2 validators: trusts its anchor under SM3 and follows it', async () => {
    const client = await initAtFixtureTime(gmOptions());
    expect(toHex((await client.latest()).headerHash)).toBe(toHex(headerHash(gm.at(2).header, 'sm3')));
    expect((await client.clientState()).hashSuite).toBe('sm3');
    const b3 = gm.at(3);
    expect((await client.update(b3.signedHeader, b3.validatorSet, fixtureNow())).kind).toBe('updated');
  });

  it("the registry entry's signature suite, when given, is the one the anchor set must hold: signature_suite_mismatch", async () => {
    expect((await refused(initAtFixtureTime(gmOptions({ signatureSuite: 'secp256k1' })))).reason).toBe('signature_suite_mismatch');
  });

  it('an SM3 anchor configured as if the chain were SHA-256: trusted_hash_mismatch', async () => {
    const { hashSuite: _, ...untold } = gmOptions();
    expect((await refused(initAtFixtureTime(untold))).reason).toBe('trusted_hash_mismatch');
  });

  // A set of keys of both suites is of neither: no suite to hold later sets to.
  it('refuses an anchor whose validator set mixes suites: signature_suite_mismatch', async () => {
    const o: JudicialTrustOptions = {
      chainId: mixed.chainId,
      height: 2,
      headerHashHex: toHex(headerHash(mixed.at(2).header, 'sha256')),
      syncTimeoutMs: 5_000,
    };
    expect((await refused(initAtFixtureTime(o))).reason).toBe('signature_suite_mismatch');
  });
});

describe('judicialWitness', () => {
  it("asks every party for its light block at the target's height, by a deadline its budget away", async () => {
    const a = allianceFixture({ chains: ['judicial'] });
    const did = FixtureDids.adapter('judicial');
    // A clock that stands still: the request's whole budget is the witness's.
    const t = Date.now();
    const now = () => t;
    const server = startWitnessServer({
      nc,
      chainId: 'judicial',
      signer: a.adapter('judicial'),
      backend: { latestLightBlock: async () => ledger.lightBlockAt(3), lightBlockAt: async (h) => ledger.lightBlockAt(h) },
      now,
      logger: silentLogger(),
    });
    try {
      await nc.flush();
      const silent = 'did:alliance:judicial-silent';
      const answers = await judicialWitness(nc, a.authority, 'judicial', () => [did, silent], now)(ledger.lightBlockAt(2));
      expect(answers).toHaveLength(2);
      const [served, unanswered] = answers;
      expect(served).toMatchObject({ kind: 'block', witness: did });
      expect(served?.kind === 'block' && toHex(headerHash(served.block.signedHeader.header))).toBe(hashAt(2));
      expect(unanswered).toMatchObject({ kind: 'unreachable', witness: silent });
    } finally {
      server.unsubscribe();
    }
  });
});
