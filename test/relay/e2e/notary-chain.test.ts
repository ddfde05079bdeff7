/**
 * A `notary` chain behind a real gateway over a real nats-server: a registry kept in a database
 * (`enterprise`), admitted in the alliance registry with two of three notaries. A test responder
 * answers the gateway's QueryRequests on the chain's query subject as the adapter contract says:
 * the record (or its absence) at a database version, a header reference naming that version and
 * sha256 of the notarized record, and the notaries' signatures (real keys of the fixture's
 * notaries) over it. An honest answer becomes a bundle valid at VerifyBundle and offline; each
 * dishonest one is refused with a named reason (too few notaries, a notary outside the set, a
 * signature over another value, a stale or future statement, a statement for another key or
 * version); each forged bundle fails its named offline check.
 */
import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection, type Subscription } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLIANCE_CATALOG } from '../../../adapters/catalog.js';
import { replyError, replyOk } from '../../../src/bus/request.js';
import { querySubject } from '../../../src/bus/subjects.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { utf8 } from '../../../src/encoding/bytes.js';
import type { Signer } from '../../../src/identity/signer.js';
import type { ChainCatalog } from '../../../src/relay/chain-catalog.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import type { NotarySignature } from '../../../src/verify/notary.js';
import { type NotarizedRecord, notarizedRecordLayout } from '../../../src/verify/notary-record.js';
import { verifyProofBundleBytes } from '../../../src/verify/proof-bundle-verify.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../../src/wire/messages.js';
import { type AllianceFixture, allianceFixture, FixtureDids, fixtureNotaryDid } from '../../helpers/alliance-fixture.js';
import { type NatsServerHandle, startNatsServer } from '../../helpers/nats-server.js';
import { notarizeRecord } from '../../helpers/notary-bundle-maker.js';
import { type CourtCaller, courtCaller, failure, startE2eGateway } from './e2e-setup.js';

type Obj = Record<string, unknown>;

const CHAIN = 'enterprise';
const TYPE = 'enterprise.license';
const LICENSED = 'license/91110000600037341L';
const NEVER_ISSUED = 'license/91110000000000000X';
const VALUE = utf8('{"holder":"hash:ab12","status":"valid"}');

/** The chain's catalog entry, given to this gateway only (adapters/catalog.ts is not this test's to change). */
const CATALOG: ChainCatalog = {
  ...ALLIANCE_CATALOG,
  [CHAIN]: {
    kind: 'registry',
    displayName: 'Enterprise registry (notarized database)',
    recordTypes: [{ name: TYPE, keyPrefix: 'license/', indexes: [] }],
    actions: [],
  },
};

let nats: NatsServerHandle;
let fx: AllianceFixture;
let gw: RunningGateway;
let nc: NatsConnection;
let responder: Subscription | undefined;
let court: CourtCaller;

/** The database: its version grows with every write; LICENSED was written at version 4,000. */
const HEAD_VERSION = 4_211;
const notary = (i: number): Signer => fx.signers.get(fixtureNotaryDid(CHAIN, i))!;

/** What the adapter states for a request: the honest record at the asked version (or the head), read now. */
function honestRecord(req: MessageOutput<'QueryRequest'>): NotarizedRecord {
  return {
    chainId: req.chainId,
    recordType: req.recordType,
    key: req.key,
    result: req.key === LICENSED ? { kind: 'record', value: VALUE } : { kind: 'absence' },
    version: req.height === 0 ? HEAD_VERSION : req.height,
    timeMs: Date.now() - 1_000,
  };
}

/** A QueryResponse per the contract: the record stated, the header naming it, the signatures given. */
function responseOf(
  requestId: string,
  r: NotarizedRecord,
  notarizations: readonly NotarySignature[],
  headerHash: Uint8Array = sha256(notarizedRecordLayout(r)),
): MessageInput<'QueryResponse'> {
  return {
    requestId,
    ...(r.result.kind === 'record'
      ? { record: { chainId: r.chainId, key: r.key, value: r.result.value, recordType: r.recordType } }
      : { absence: { chainId: r.chainId, key: r.key, recordType: r.recordType } }),
    header: { chainId: r.chainId, height: r.version, headerHash },
    notary: { version: r.version, timeMs: r.timeMs, notarizations: [...notarizations] },
  };
}

/** Answer the gateway's queries of the chain with `answer(request)`. */
async function respond(answer: (req: MessageOutput<'QueryRequest'>) => MessageInput<'QueryResponse'>): Promise<void> {
  responder?.unsubscribe();
  responder = nc.subscribe(querySubject(CHAIN), {
    callback: (_e, m) => {
      try {
        replyOk(m, encodeMessage('QueryResponse', answer(decodeMessage('QueryRequest', m.data))));
      } catch (e) {
        replyError(m, e);
      }
    },
  });
  await nc.flush();
}

/** The honest adapter: the record as read, signed by notaries 1 and 2. */
const honest = (req: MessageOutput<'QueryRequest'>): MessageInput<'QueryResponse'> => {
  const r = honestRecord(req);
  return responseOf(req.requestId, r, [notarizeRecord(notary(1), r), notarizeRecord(notary(2), r)]);
};

const call = (service: string, method: string, req: object): Promise<Obj> => court.call(service, method, req);

const query = (key: string, height: object = { latest: {} }, maxStalenessMs = 0): Promise<Obj> =>
  call('QueryService', 'Query', { query: { chainId: CHAIN, recordType: TYPE, key, height }, maxStalenessMs });

const bytesOf = (bundle: Obj | MessageOutput<'ProofBundle'>): Uint8Array =>
  encodeMessage('ProofBundle', bundle as MessageInput<'ProofBundle'>);
const offline = (bundle: Obj | MessageOutput<'ProofBundle'>) =>
  verifyProofBundleBytes(bytesOf(bundle), { atMs: Date.now(), authority: fx.authority });
const failedChecks = (v: { checks: { name: string; outcome: string; reason: string }[] }): Record<string, string> =>
  Object.fromEntries(v.checks.filter((c) => c.outcome === 'failed').map((c) => [c.name, c.reason]));

beforeAll(async () => {
  nats = await startNatsServer();
  fx = allianceFixture({ chains: [CHAIN], notaryChains: { [CHAIN]: { notaries: 3, threshold: 2 } } });
  nc = await connect({ servers: nats.url });
  await respond(honest);
  gw = await startE2eGateway(fx, nats.url, [CHAIN], { catalog: CATALOG });
  court = courtCaller(fx, gw.address, 15_000);
}, 60_000);

afterAll(async () => {
  court?.close();
  responder?.unsubscribe();
  await gw?.shutdown().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
}, 30_000);

describe('a notary chain behind the gateway', () => {
  it('is listed with trust basis NOTARIZED_RECORD and is active once admitted: there is no header to wait for', async () => {
    const list = await call('ChainService', 'ListChains', {});
    const info = (list.chains as Obj[]).find((c) => c.chainId === CHAIN);
    expect(info).toMatchObject({ trustBasis: 'TRUST_BASIS_NOTARIZED_RECORD', operatorDid: FixtureDids.adapter(CHAIN) });
    const status = await call('ChainService', 'GetChainStatus', { chainId: CHAIN });
    expect(status.status).toBe('CLIENT_STATUS_ACTIVE');
  });

  it("a court's query: the record two of three notaries signed at the head version; valid at VerifyBundle and offline", async () => {
    await respond(honest);
    const b = (await query(LICENSED)).bundle as Obj;
    expect(b.trustBasis).toBe('TRUST_BASIS_NOTARIZED_RECORD');
    expect(Buffer.from((b.record as Obj).value as Uint8Array)).toEqual(Buffer.from(VALUE));
    expect(b.stateHeight).toBe(HEAD_VERSION);
    const n = b.notary as Obj;
    expect(n.version).toBe(HEAD_VERSION);
    expect(b.stateTimeMs).toBe(n.timeMs);
    expect((n.notarizations as Obj[]).map((x) => x.notaryDid)).toEqual([notary(1).did, notary(2).did]);
    expect(b.proof).toBeNull();
    expect(b.signedHeader).toBeNull();
    const v = await call('VerificationService', 'VerifyBundle', { bundle: b });
    expect(v.verdict).toBe('VERDICT_VALID');
    const off = await offline(b);
    expect(failedChecks(off)).toEqual({});
    expect(off.verdict).toBe('valid');
    // The newest notarized version the gateway accepted stands for the chain's trusted height.
    const status = await call('ChainService', 'GetChainStatus', { chainId: CHAIN });
    expect(status.trustedHeight).toBe(HEAD_VERSION);
  });

  it('an absence, and a record asked at a version: answered at that version, valid offline', async () => {
    const absent = (await query(NEVER_ISSUED)).bundle as Obj;
    expect(absent.result).toBe('absence');
    expect((await offline(absent)).verdict).toBe('valid');
    const at = (await query(LICENSED, { at: 4_000 })).bundle as Obj;
    expect(at.stateHeight).toBe(4_000);
    expect((await call('VerificationService', 'VerifyBundle', { bundle: at })).verdict).toBe('VERDICT_VALID');
  });

  it('three signatures, one of them from outside the set: answered with the two that count, still valid offline', async () => {
    await respond((req) => {
      const r = honestRecord(req);
      return responseOf(req.requestId, r, [notarizeRecord(fx.court, r), notarizeRecord(notary(2), r), notarizeRecord(notary(3), r)]);
    });
    const b = (await query(LICENSED)).bundle as Obj;
    expect(((b.notary as Obj).notarizations as Obj[]).map((x) => x.notaryDid)).toEqual([notary(2).did, notary(3).did]);
    expect((await offline(b)).verdict).toBe('valid');
  });
});

describe('an adapter whose answer its notaries do not vouch for is refused, naming what is wrong', () => {
  const refused = async (reason: string, p: Promise<unknown> = query(LICENSED), code = grpc.status.UNAVAILABLE) => {
    const f = await failure(p);
    expect({ code: f.code, reason: f.reason }).toEqual({ code, reason });
    return f;
  };

  it('one notary of the two needed: notary_quorum_not_met', async () => {
    await respond((req) => {
      const r = honestRecord(req);
      return responseOf(req.requestId, r, [notarizeRecord(notary(1), r)]);
    });
    const f = await refused('notary_quorum_not_met');
    expect(f.details).toContain('1 valid signatures');
  });

  it('a member outside the notary set signing in place of a notary: notary_quorum_not_met naming unknown_notary', async () => {
    await respond((req) => {
      const r = honestRecord(req);
      return responseOf(req.requestId, r, [notarizeRecord(notary(1), r), notarizeRecord(fx.court, r)]);
    });
    const f = await refused('notary_quorum_not_met');
    expect(f.details).toContain(`${fx.court.did} (unknown_notary)`);
  });

  it('signatures over another value than the one stated: notary_quorum_not_met naming bad_notary_signature', async () => {
    await respond((req) => {
      const r = honestRecord(req);
      const signed: NotarizedRecord = { ...r, result: { kind: 'record', value: utf8('{"status":"revoked"}') } };
      return responseOf(req.requestId, r, [notarizeRecord(notary(1), signed), notarizeRecord(notary(2), signed)]);
    });
    const f = await refused('notary_quorum_not_met');
    expect(f.details).toContain('bad_notary_signature');
  });

  it('a statement older than the court allows: stale_state', async () => {
    await respond((req) => {
      const r = { ...honestRecord(req), timeMs: Date.now() - 120_000 };
      return responseOf(req.requestId, r, [notarizeRecord(notary(1), r), notarizeRecord(notary(2), r)]);
    });
    await refused('stale_state', query(LICENSED, { latest: {} }, 30_000), grpc.status.FAILED_PRECONDITION);
    // Allowed more staleness, the same statement is served.
    expect(((await query(LICENSED, { latest: {} }, 300_000)).bundle as Obj).trustBasis).toBe('TRUST_BASIS_NOTARIZED_RECORD');
  });

  it('a statement dated ahead of the clock beyond the allowed drift: notary_time_in_future', async () => {
    await respond((req) => {
      const r = { ...honestRecord(req), timeMs: Date.now() + 3_600_000 };
      return responseOf(req.requestId, r, [notarizeRecord(notary(1), r), notarizeRecord(notary(2), r)]);
    });
    await refused('notary_time_in_future');
  });

  it('a statement, duly signed, about another key than asked: notary_record_mismatch', async () => {
    await respond((req) => {
      const r = honestRecord({ ...req, key: NEVER_ISSUED });
      return responseOf(req.requestId, r, [notarizeRecord(notary(1), r), notarizeRecord(notary(2), r)]);
    });
    await refused('notary_record_mismatch');
  });

  it('the record at another version than asked: notary_record_mismatch', async () => {
    await respond((req) => {
      const r = honestRecord({ ...req, height: req.height + 1 });
      return responseOf(req.requestId, r, [notarizeRecord(notary(1), r), notarizeRecord(notary(2), r)]);
    });
    await refused('notary_record_mismatch', query(LICENSED, { at: 4_000 }));
  });

  it('a header reference that does not name the notarized record: header_mismatch', async () => {
    await respond((req) => {
      const r = honestRecord(req);
      return responseOf(req.requestId, r, [notarizeRecord(notary(1), r), notarizeRecord(notary(2), r)], new Uint8Array(32));
    });
    await refused('header_mismatch');
  });

  it('no notary evidence at all: unverifiable_answer', async () => {
    await respond((req) => {
      const { notary: _, ...rest } = responseOf(req.requestId, honestRecord(req), []);
      return rest;
    });
    await refused('unverifiable_answer');
  });
});

describe('a forged notary bundle fails offline, by name', () => {
  it('below threshold, a notary outside the set, a value changed after signing', async () => {
    await respond(honest);
    const b = decodeMessage('ProofBundle', bytesOf((await query(LICENSED)).bundle as Obj));
    const n = b.notary!;
    const below = await offline({ ...b, notary: { ...n, notarizations: n.notarizations.slice(0, 1) } });
    expect(failedChecks(below)).toMatchObject({ header_quorum: 'notary_quorum_not_met' });
    const r: NotarizedRecord = {
      chainId: CHAIN,
      recordType: TYPE,
      key: LICENSED,
      result: { kind: 'record', value: VALUE },
      version: n.version,
      timeMs: n.timeMs,
    };
    const outsider = notarizeRecord(fx.court, r);
    const foreign = await offline({
      ...b,
      notary: { ...n, notarizations: [n.notarizations[0]!, { ...outsider, signature: Buffer.from(outsider.signature) }] },
    });
    expect(failedChecks(foreign)).toMatchObject({ header_quorum: 'notary_quorum_not_met', commit_signatures: 'unknown_notary' });
    const changed = await offline({ ...b, record: { ...b.record!, value: Buffer.from('{"status":"revoked"}') } });
    expect(failedChecks(changed)).toMatchObject({ header_quorum: 'notary_quorum_not_met', receipt_binding: expect.any(String) });
  });
});
