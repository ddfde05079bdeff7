/**
 * The national cryptography suite end to end: a real nats-server, in-process adapters over dev
 * ledgers and a real gateway, with real SM2 and secp256k1 signatures throughout.
 *
 * - A whole alliance on SM2/SM3: every member key SM2, the judicial, property and finance chains
 *   signed by SM2 validators and hashed with SM3. A court's SM2SM3 bearer token is accepted; its
 *   query returns a bundle that verifies offline with an SM2-signed batch receipt; its order
 *   executes on the property chain after the adapter checked the SM3 judicial proof.
 * - A mixed alliance: an SM2 court and SM2/SM3 judicial chain beside a secp256k1 bank on a
 *   secp256k1/SHA-256 finance chain (its adapter and the gateway secp256k1): the court's query of
 *   finance and its freeze on finance both work, each party checking the other's suite.
 * - Suite confusion: a token whose alg does not match its signature or its key is refused with
 *   the gateway's named reason; an SM3 chain's bundle checked against a registry that says
 *   SHA-256 is refused with the verifier's.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkEnvelope } from '../../../src/bus/envelope-verify.js';
import { encodeEnvelope, envelopeFromMessage } from '../../../src/bus/envelope.js';
import { headerHash } from '../../../src/chain/header.js';
import { CURVE_N } from '../../../src/crypto/secp256k1.js';
import { signWith, suiteOfKey, verify } from '../../../src/crypto/signature-suite.js';
import { fromBase64url, toBase64url, utf8 } from '../../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import type { Genesis } from '../../../src/identity/genesis.js';
import { registryStateFromGenesis } from '../../../src/identity/registry.js';
import type { Signer } from '../../../src/identity/signer.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { verifyProof } from '../../../src/proof/verify.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { proofFromWire, validatorSetFromWire } from '../../../src/verify/bundle-convert.js';
import { type BundleVerification, verifyBundle } from '../../../src/verify/bundle-verify.js';
import { batchRootSigningInput } from '../../../src/verify/receipt-layout.js';
import { decodeMessage } from '../../../src/wire/codec.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import {
  authToken,
  type CourtCaller,
  courtCaller,
  type E2e,
  failure,
  serviceClient,
  startE2e,
  submitActionOf,
  submitUntilExecuted,
} from './e2e-setup.js';

type Obj = Record<string, unknown>;
const cast = demoCast();
const NATIONAL = { hashSuite: 'sm3', signatureSuite: 'sm2' } as const;

/** Every member SM2; judicial, property and finance on SM2 validators and SM3. */
let gm: E2e;
let gmGw: RunningGateway;
let gmCourt: CourtCaller;
/** An SM2 court and judicial chain (and adapter); a secp256k1 bank, finance chain, adapter and gateway. */
let mixed: E2e;
let mixedGw: RunningGateway;
let mixedCourt: CourtCaller;
const clients: grpc.Client[] = [];

beforeAll(async () => {
  // Both alliances start together; settled first, so one that failed to start never leaves the other running.
  const started = await Promise.allSettled([
    startE2e({
      chains: ['property', 'finance'],
      records: 5,
      keySuites: { all: 'sm2' },
      chainSuites: { judicial: NATIONAL, property: NATIONAL, finance: NATIONAL },
    }),
    startE2e({
      chains: ['finance'],
      records: 5,
      keySuites: { byDid: { [FixtureDids.court]: 'sm2', [FixtureDids.adapter('judicial')]: 'sm2' } },
      chainSuites: { judicial: NATIONAL },
    }),
  ]);
  if (started[0].status === 'fulfilled') gm = started[0].value;
  if (started[1].status === 'fulfilled') mixed = started[1].value;
  for (const r of started) if (r.status === 'rejected') throw r.reason;
  [gmGw, mixedGw] = await Promise.all([gm.startGateway(), mixed.startGateway()]);
  gmCourt = courtCaller(gm.fx, gmGw.address);
  mixedCourt = courtCaller(mixed.fx, mixedGw.address);
}, 90_000);

afterAll(async () => {
  gmCourt?.close();
  mixedCourt?.close();
  for (const c of clients) c.close();
  await Promise.all([gm?.stop(), mixed?.stop()]);
}, 30_000);

/** A unary call to `gw` with exactly `token` as the bearer token. */
function callWith(gw: RunningGateway, token: string, service: string, method: string, req: object): Promise<Obj> {
  const c = serviceClient(service, gw.address);
  clients.push(c);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${token}`);
  return new Promise((resolve, reject) =>
    c[method]!.call(c, req, md, { deadline: Date.now() + 10_000 }, (e: grpc.ServiceError | null, r?: Obj) =>
      e === null ? resolve(r ?? {}) : reject(e),
    ),
  );
}

const q = (chainId: string, recordType: string, key: string): Obj => ({ query: { chainId, recordType, key, height: { latest: {} } } });
const segments = (jwt: string): [string, string, string] => jwt.split('.') as [string, string, string];
const headerOf = (jwt: string): Obj => JSON.parse(Buffer.from(fromBase64url(segments(jwt)[0])).toString('utf8')) as Obj;
/** `jwt` with its header's alg replaced (key order kept: alg, typ, kid), payload and signature unchanged. */
function relabel(jwt: string, alg: string): string {
  const [, p, s] = segments(jwt);
  return `${toBase64url(utf8(JSON.stringify({ ...headerOf(jwt), alg })))}.${p}.${s}`;
}
const failedChecks = (v: BundleVerification): Obj[] =>
  v.checks.filter((c) => c.outcome === 'failed').map((c) => ({ name: c.name, reason: c.reason }));

/** The adapter's signed result re-verified as received, and the ActionResult it carries. */
function checkedResult(e2e: E2e, env: Obj, chain: string): MessageOutput<'ActionResult'> {
  const encoded = encodeEnvelope(envelopeFromMessage(env as never));
  const checked = checkEnvelope(encoded, {
    authority: e2e.fx.authority,
    nowMs: Date.now(),
    maxAgeMs: 600_000,
    maxFutureSkewMs: 5_000,
    chain,
  });
  if (checked.kind !== 'accepted') throw new Error(`result envelope: ${checked.drop.reason}`);
  return decodeMessage('ActionResult', checked.envelope.body);
}

describe('a whole alliance on SM2/SM3', () => {
  it("a court's SM2SM3 token is accepted; its query returns a bundle of SM2 validators that verifies offline, with an SM2 batch receipt", async () => {
    expect(gm.fx.court.suite).toBe('sm2');
    expect(headerOf(authToken(gm.fx.court, FixtureDids.gateway)).alg).toBe('SM2SM3');
    const chains = (await gmCourt.call('ChainService', 'ListChains', {})).chains as Obj[];
    expect(chains.map((c) => c.chainId).sort()).toEqual(['finance', 'judicial', 'property']);

    const bundle = (await gmCourt.call('QueryService', 'Query', q('property', 'title', cast.debtor.apartment.key))).bundle as Obj;
    expect(bundle.result).toBe('record');
    expect(bundle.requesterDid).toBe(FixtureDids.court);
    expect(JSON.parse(Buffer.from((bundle.record as Obj).value as Uint8Array).toString('utf8'))).toMatchObject({
      titleNo: cast.debtor.apartment.titleNo,
    });
    // The header's signers are the chain's SM2 validators.
    const set = validatorSetFromWire(bundle.validatorSet as never);
    expect(set.validators.map((v) => suiteOfKey(v.publicKey))).toEqual(['sm2', 'sm2', 'sm2', 'sm2']);

    const v = verifyBundle(bundle as never, { atMs: Date.now(), authority: gm.fx.authority });
    expect(failedChecks(v)).toEqual([]);
    expect(v.verdict).toBe('valid');
    expect(v.verifiedHeader?.hashSuite).toBe('sm3');
    expect(v.checks.find((c) => c.name === 'receipt_signature')?.outcome).toBe('passed');
    // The batch receipt: the gateway's SM2 key signed the (SM3) batch root; a secp256k1 reading of it fails.
    const receipt = bundle.receipt as Obj;
    expect(receipt.form).toBe('batch');
    const batch = receipt.batch as {
      gatewayDid: string;
      batchRoot: Uint8Array;
      leafCount: number;
      signedAtMs: number;
      rootSignature: Uint8Array;
    };
    expect(batch.gatewayDid).toBe(FixtureDids.gateway);
    const signed = batchRootSigningInput(batch.batchRoot, Number(batch.leafCount), Number(batch.signedAtMs));
    expect(suiteOfKey(gm.fx.gateway.publicKey)).toBe('sm2');
    expect(verify(batch.rootSignature, signed, gm.fx.gateway.publicKey)).toBe(true);
    expect(verify(batch.rootSignature, signed, gm.fx.gateway.publicKey.subarray(2))).toBe(false);
    // The gateway's own verifier agrees.
    expect((await gmCourt.call('VerificationService', 'VerifyBundle', { bundle })).verdict).toBe('VERDICT_VALID');
  });

  it("Investigate finds the demo debtor's apartment, accounts and card across the SM3 chains, each bundle valid offline", async () => {
    const r = await gmCourt.call('InvestigationService', 'Investigate', {
      ownerIdHash: Buffer.from(cast.debtor.idHash, 'hex'),
      domains: ['ASSET_DOMAIN_PROPERTY', 'ASSET_DOMAIN_FINANCE'],
    });
    expect(r.completeness).toBe('COMPLETENESS_COMPLETE');
    const keys: string[] = [];
    for (const item of r.items as Obj[]) {
      const v = verifyBundle(item.bundle as never, { atMs: Date.now(), authority: gm.fx.authority });
      expect(failedChecks(v)).toEqual([]);
      expect(v.verifiedHeader?.hashSuite).toBe('sm3');
      keys.push(((item.bundle as Obj).record as Obj).key as string);
    }
    expect(keys.sort()).toEqual([cast.debtor.apartment.key, ...cast.debtor.accounts.map((a) => a.key), cast.debtor.card.key].sort());
  });

  it('a gateway issuing JWT receipts signs them SM2SM3; the receipt re-labelled ES256K is refused offline', async () => {
    const jg = await gm.startGateway({ receiptMode: 'jwt' });
    const caller = courtCaller(gm.fx, jg.address);
    let bundle: Obj;
    try {
      bundle = (await caller.call('QueryService', 'Query', q('finance', 'account', cast.debtor.accounts[0].key))).bundle as Obj;
    } finally {
      caller.close();
    }
    const receipt = bundle.receipt as Obj;
    expect(receipt.form).toBe('jwt');
    expect(headerOf(receipt.jwt as string).alg).toBe('SM2SM3');
    const v = verifyBundle(bundle as never, { atMs: Date.now(), authority: gm.fx.authority });
    expect(failedChecks(v)).toEqual([]);
    expect(v.verdict).toBe('valid');
    // ES256K would bind the SHA-256 digest and name the SM2 key as secp256k1: both checks refuse.
    const relabelled = { ...bundle, receipt: { ...receipt, jwt: relabel(receipt.jwt as string, 'ES256K') } };
    expect(failedChecks(verifyBundle(relabelled as never, { atMs: Date.now(), authority: gm.fx.authority }))).toEqual([
      { name: 'receipt_binding', reason: 'receipt_digest_mismatch' },
      { name: 'receipt_signature', reason: 'alg_key_mismatch' },
    ]);
  });

  it("a court's SM2-signed order executes on the property chain, its SM3 judicial proof checked by the SM2 adapter", async () => {
    const order: JudicialOrder = {
      orderId: 'gm-seize-1',
      court: FixtureDids.court,
      caseId: '(2026) Jing 0101 Zhi 901',
      chain: 'property',
      actionId: 'gm-seize-1',
      kind: 'seize',
      target: cast.debtor.apartment.titleNo,
      amount: '',
    };
    await issueJudicialOrder(gm.backends.judicial.ledger, order, { nowMs: Date.now() });
    const jwt = mintOrderJwt(gm.fx, order, { nowMs: Date.now() });
    expect(headerOf(jwt).alg).toBe('SM2SM3');
    const { first, result } = await submitUntilExecuted(
      gmCourt,
      submitActionOf(order, { recordType: 'title', key: cast.debtor.apartment.key }, jwt),
      30_000,
    );
    expect(first.status).toBe('ACTION_STATUS_PENDING');
    expect(result.status).toBe('ACTION_STATUS_EXECUTED');
    // The result is the SM2 adapter's, and its proof holds under the property chain's SM3 header.
    const done = await gmCourt.call('ActionService', 'GetAction', { actionId: order.actionId });
    const env = (done.outcome as Obj).signedResult as Obj;
    expect(env.senderDid).toBe(FixtureDids.adapter('property'));
    const checked = checkedResult(gm, env, 'property');
    expect(checked.actionId).toBe(order.actionId);
    const height = Number(result.header!.height);
    const header = gm.backends.property.ledger.lightBlockAt(height).signedHeader.header;
    expect(Buffer.from(result.header!.headerHash)).toEqual(Buffer.from(headerHash(header, 'sm3')));
    expect(Buffer.from(result.header!.headerHash)).not.toEqual(Buffer.from(headerHash(header, 'sha256')));
    const record = result.record!;
    expect(Buffer.from(record.value).toString('utf8')).toContain(order.caseId);
    expect(verifyProof(header.stateRoot, utf8(record.key), record.value, proofFromWire(result.proof), 'sm3').kind).toBe('member');
  }, 40_000);
});

describe('a mixed alliance: SM2 court and judicial chain, secp256k1 bank', () => {
  it("the SM2 court's query of the secp256k1 finance chain verifies offline, with the secp256k1 gateway's receipt", async () => {
    expect([mixed.fx.court.suite, mixed.fx.adapter('judicial').suite]).toEqual(['sm2', 'sm2']);
    expect([mixed.fx.agency.suite, mixed.fx.adapter('finance').suite, mixed.fx.gateway.suite]).toEqual([
      'secp256k1',
      'secp256k1',
      'secp256k1',
    ]);
    const bundle = (await mixedCourt.call('QueryService', 'Query', q('finance', 'account', cast.debtor.accounts[0].key))).bundle as Obj;
    expect(bundle.result).toBe('record');
    expect(validatorSetFromWire(bundle.validatorSet as never).validators.every((x) => suiteOfKey(x.publicKey) === 'secp256k1')).toBe(true);
    const v = verifyBundle(bundle as never, { atMs: Date.now(), authority: mixed.fx.authority });
    expect(failedChecks(v)).toEqual([]);
    expect(v.verdict).toBe('valid');
    expect(v.verifiedHeader?.hashSuite).toBe('sha256');
    expect((bundle.receipt as Obj).form).toBe('batch');
    // The judicial chain is SM2/SM3 in the same alliance.
    const judicial = (await mixedCourt.call('QueryService', 'Query', q('judicial', 'case', 'case/none'))).bundle as Obj;
    expect(judicial.result).toBe('absence');
    const vj = verifyBundle(judicial as never, { atMs: Date.now(), authority: mixed.fx.authority });
    expect(failedChecks(vj)).toEqual([]);
    expect(vj.verifiedHeader?.hashSuite).toBe('sm3');
  });

  it("the SM2 court's freeze executes on the secp256k1 finance chain: its adapter checked the SM2 order and the SM3 judicial proof", async () => {
    const order: JudicialOrder = {
      orderId: 'mixed-freeze-1',
      court: FixtureDids.court,
      caseId: '(2026) Jing 0101 Zhi 902',
      chain: 'finance',
      actionId: 'mixed-freeze-1',
      kind: 'freeze',
      target: cast.debtor.accounts[0].accountNo,
      amount: '100000',
    };
    await issueJudicialOrder(mixed.backends.judicial.ledger, order, { nowMs: Date.now() });
    const jwt = mintOrderJwt(mixed.fx, order, { nowMs: Date.now() });
    expect(headerOf(jwt).alg).toBe('SM2SM3');
    const { result } = await submitUntilExecuted(
      mixedCourt,
      submitActionOf(order, { recordType: 'account', key: `account/${order.target}` }, jwt),
      30_000,
    );
    expect(result.status).toBe('ACTION_STATUS_EXECUTED');
    const done = await mixedCourt.call('ActionService', 'GetAction', { actionId: order.actionId });
    const env = (done.outcome as Obj).signedResult as Obj;
    expect(env.senderDid).toBe(FixtureDids.adapter('finance'));
    expect(checkedResult(mixed, env, 'finance').actionId).toBe(order.actionId);
    const header = mixed.backends.finance.ledger.lightBlockAt(Number(result.header!.height)).signedHeader.header;
    expect(Buffer.from(result.header!.headerHash)).toEqual(Buffer.from(headerHash(header, 'sha256')));
    const record = result.record!;
    expect(Buffer.from(record.value).toString('utf8')).toContain(order.caseId);
    expect(verifyProof(header.stateRoot, utf8(record.key), record.value, proofFromWire(result.proof), 'sha256').kind).toBe('member');
  }, 40_000);
});

describe('suite confusion', () => {
  /** The s of a JWT's compact r || s signature. */
  const sOf = (jwt: string): bigint => BigInt(`0x${Buffer.from(fromBase64url(segments(jwt)[2]).subarray(32)).toString('hex')}`);
  /** Tokens of `signer` until `pick` holds for one's s (SM2 signatures are randomised). */
  function tokenWhere(signer: Signer, pick: (s: bigint) => boolean): string {
    for (let i = 0; i < 200; i++) {
      const t = authToken(signer, FixtureDids.gateway);
      if (pick(sOf(t))) return t;
    }
    throw new Error('no token with such a signature in 200 tries');
  }

  it("an SM2 court's token re-labelled ES256K: refused by secp256k1's shape rule (high_s_signature) or by the key's suite (alg_key_mismatch)", async () => {
    // jwt-inspect checks the signature's shape under the alg's curve before it looks up the key:
    // an SM2 s above secp256k1's n/2 fails low-S first; any other reaches the SM2 key and is refused there.
    const high = relabel(
      tokenWhere(gm.fx.court, (s) => s > CURVE_N / 2n),
      'ES256K',
    );
    const low = relabel(
      tokenWhere(gm.fx.court, (s) => s <= CURVE_N / 2n),
      'ES256K',
    );
    const fh = await failure(callWith(gmGw, high, 'ChainService', 'ListChains', {}));
    expect(fh.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(fh.reason).toBe('high_s_signature');
    const fl = await failure(callWith(gmGw, low, 'ChainService', 'ListChains', {}));
    expect(fl.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(fl.reason).toBe('alg_key_mismatch');
    // The refusal tells the court which alg its key signs with.
    expect(fl.details).toContain('SM2SM3');
    // The same token, alg untouched, is accepted: only the label was changed.
    const [, p, s] = segments(low);
    const original = `${toBase64url(utf8(JSON.stringify({ ...headerOf(low), alg: 'SM2SM3' })))}.${p}.${s}`;
    expect((await callWith(gmGw, original, 'ChainService', 'ListChains', {})).chains).toBeTruthy();
  });

  it('a secp256k1 signature under an SM2SM3 header: bad_signature for an SM2 key, alg_key_mismatch for a secp256k1 key', async () => {
    // The SM2 court's own private key, signing the token's input as secp256k1 would.
    const t = authToken(gm.fx.court, FixtureDids.gateway);
    const [h, p] = segments(t);
    const sk = gm.fx.privateKeys.get(FixtureDids.court)!;
    const forged = `${h}.${p}.${toBase64url(signWith('secp256k1', utf8(`${h}.${p}`), sk))}`;
    const f = await failure(callWith(gmGw, forged, 'ChainService', 'ListChains', {}));
    expect(f.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(f.reason).toBe('bad_signature');
    // The mixed alliance's secp256k1 bank, its genuine token re-labelled SM2SM3.
    const bank = relabel(authToken(mixed.fx.agency, FixtureDids.gateway), 'SM2SM3');
    const g = await failure(callWith(mixedGw, bank, 'ChainService', 'ListChains', {}));
    expect(g.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(g.reason).toBe('alg_key_mismatch');
  });

  it("an SM2 court's order JWT re-labelled ES256K: SubmitAction refuses it, order_signature_invalid naming alg_key_mismatch", async () => {
    const order: JudicialOrder = {
      orderId: 'gm-relabel-1',
      court: FixtureDids.court,
      caseId: '(2026) Jing 0101 Zhi 903',
      chain: 'finance',
      actionId: 'gm-relabel-1',
      kind: 'freeze',
      target: cast.debtor.accounts[1].accountNo,
      amount: '100',
    };
    let jwt = '';
    for (let i = 0; i < 200 && jwt === ''; i++) {
      const t = mintOrderJwt(gm.fx, order, { nowMs: Date.now() });
      // A low s passes secp256k1's shape rule and reaches the key (a high one stops at high_s_signature).
      if (sOf(t) <= CURVE_N / 2n) jwt = relabel(t, 'ES256K');
    }
    const f = await failure(
      gmCourt.call('ActionService', 'SubmitAction', submitActionOf(order, { recordType: 'account', key: `account/${order.target}` }, jwt)),
    );
    expect(f.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(f.reason).toBe('order_signature_invalid');
    expect(f.details).toContain('order_jwt alg_key_mismatch');
    const none = await failure(gmCourt.call('ActionService', 'GetAction', { actionId: order.actionId }));
    expect(none.reason).toBe('unknown_action');
  });

  it("an SM3 chain's bundle checked against a registry whose entry says sha256: invalid, named by the verifier", async () => {
    const bundle = (await gmCourt.call('QueryService', 'Query', q('property', 'title', cast.debtor.apartment.key))).bundle as Obj;
    expect(verifyBundle(bundle as never, { atMs: Date.now(), authority: gm.fx.authority }).verdict).toBe('valid');
    const genesis: Genesis = {
      ...gm.fx.genesis,
      chains: gm.fx.genesis.chains!.map((e) => (e.chainId === 'property' ? { ...e, hashSuite: 'sha256' } : e)),
    };
    const state = registryStateFromGenesis({ genesis, hash: gm.fx.loaded.hash });
    const sha = new AllianceAuthority(() => state);
    expect(sha.chainAt('property', Date.now())?.hashSuite).toBe('sha256');
    // Every hash the verifier takes under SHA-256 misses its SM3 counterpart: each check names where.
    const v = verifyBundle(bundle as never, { atMs: Date.now(), authority: sha });
    expect(v.verdict).toBe('invalid');
    expect(failedChecks(v)).toEqual([
      { name: 'validator_set_hash', reason: 'wrong_validator_set_hash' },
      { name: 'anchored_trace', reason: 'trace_not_anchored' },
      { name: 'state_proof', reason: 'wrong_leaf' },
      { name: 'receipt_binding', reason: 'root_mismatch' },
    ]);
    // The quorum is not even looked at: the set is not the one the header names under SHA-256.
    expect(v.checks.find((c) => c.name === 'header_quorum')).toMatchObject({ outcome: 'skipped', reason: 'earlier_check_failed' });
  });
});
