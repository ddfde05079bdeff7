/**
 * The adapter's last check before it executes an action (adapters/sdk/order-check.ts
 * `checkOrder`), driven directly with what a forger can really hold: the court's real order JWTs,
 * real judicial proofs read from a real judicial DevLedger (the `order.issue` tx), a real judicial
 * light client, and a registry changed by real admin-approved updates. Each forgery pairs a real
 * piece with a request it was not made for and must be refused with its named reason; the honest
 * request beside it is accepted, so the refusal is the check's and nothing else's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judicial as judicialDefinition } from '../../../adapters/judicial/definition.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { checkOrder, type OrderCheckContext, type OrderVerdict } from '../../../adapters/sdk/order-check.js';
import { MemoryOrderReplayGuard } from '../../../adapters/sdk/order-replay.js';
import { headerHash, type Header } from '../../../src/chain/header.js';
import type { LightBlock } from '../../../src/chain/signed-header.js';
import { LedgerTx } from '../../../src/chain/ledger/ledger.js';
import { newValidatorKeys } from '../../../src/chain/ledger/validator-keys.js';
import { encodeValidatorSet, newValidatorSet } from '../../../src/chain/validator-set.js';
import { signVote } from '../../../src/chain/vote.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import type { Role } from '../../../src/identity/authority.js';
import { signJwtNative } from '../../../src/identity/jwt.js';
import { applyRegistryUpdate, type RegistryState } from '../../../src/identity/registry.js';
import type { RegistryOp } from '../../../src/identity/registry-update.js';
import { approvedBy, fixtureAdmins, nextUpdateBody } from '../../helpers/registry-next.js';
import { orderClaimsOf, type JudicialOrder } from '../../../src/judicial/order.js';
import { LightClient } from '../../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../../src/lightclient/memory-store.js';
import type { Witness } from '../../../src/lightclient/witness.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../../src/wire/messages.js';
import { signedHeaderToWire } from '../../../src/verify/bundle-convert.js';
import { forwardedActionRequest } from '../../helpers/action-traffic.js';
import { allianceFixture, FixtureDids, issueJudicialOrder, mintOrderJwt, type AllianceFixture } from '../../helpers/alliance-fixture.js';
import { accountsTestDefinition } from './test-definitions.js';

const CHAIN = 'testchain';
const definition = accountsTestDefinition(CHAIN);

const order = (n: number, overrides: Partial<JudicialOrder> = {}): JudicialOrder => ({
  orderId: `o-check-${n}`,
  court: FixtureDids.court,
  caseId: `(2026) Jing 01 Zhi ${n}`,
  chain: CHAIN,
  actionId: `act-check-${n}`,
  kind: 'freeze',
  target: 'acc-1',
  amount: '100000',
  ...overrides,
});

/** Case A and case B: two real orders of two cases, both on the judicial chain. */
const A = order(1);
const B = order(2);
/** The court issued order 3 on the judicial chain for case 3 ... */
const RECORDED_3 = order(3);
/** Issued on the judicial chain with a short life: its record expires while its JWT is still valid. */
const SHORT = order(4);
/** Issued by the agency (before it was a court): the record exists, the issuer's role is what is tested. */
const BY_AGENCY = order(5, { court: FixtureDids.agency });
/** A release: its action takes no amount, and the order names none. */
const RELEASE = order(6, { kind: 'release', amount: '' });
/** The judicial chain's validators: known here so a test can sign a conflicting judicial header with them. */
const judicialKeys = newValidatorKeys(4);

let a: AllianceFixture;
let judicial: DevLedgerBackend;
let client: LightClient;
/** Now, for the adapter; orders are signed two minutes before. */
let NOW = 0;
let SIGNED_AT = 0;
let SHORT_UNTIL = 0;

beforeAll(async () => {
  a = allianceFixture({ chains: ['judicial', CHAIN] });
  NOW = Date.now();
  SIGNED_AT = NOW - 120_000;
  SHORT_UNTIL = NOW + 60_000;
  judicial = new DevLedgerBackend({
    definition: judicialDefinition,
    blockIntervalMs: 20,
    heartbeatMs: 600_000,
    ledger: { validatorKeys: judicialKeys },
    seed: async (l) => {
      for (const o of [A, B, RECORDED_3, RELEASE]) await issueJudicialOrder(l, o, { nowMs: NOW });
      await issueJudicialOrder(l, SHORT, { nowMs: NOW, lifetimeMs: 60_000 });
    },
  });
  await judicial.start();
  // The adapter trusts the judicial chain's latest header: every proof below is at it.
  const lb = judicial.ledger.latest();
  client = await judicialClient(lb);
}, 30_000);

/** A judicial light client of our own, trusting `lb` (the chain's light block at some height), kept in `store`. */
async function judicialClient(lb: LightBlock, store: MemoryTrustedStore = new MemoryTrustedStore()): Promise<LightClient> {
  const c = new LightClient('judicial', store);
  await c.init(lb.signedHeader, lb.validatorSet, undefined, {
    hashSuite: 'sha256',
    signatureSuite: 'secp256k1',
    trustingPeriodMs: 14 * 86_400_000,
    maxClockDriftMs: 10_000,
    nowMs: NOW,
  });
  return c;
}

afterAll(async () => {
  await judicial?.close();
});

/** The adapter's context over `state` (the fixture's genesis unless told), at `nowMs`. */
function ctx(
  options: {
    state?: RegistryState;
    nowMs?: number;
    client?: LightClient;
    witness?: Witness;
    replay?: OrderCheckContext['replay'];
    definition?: OrderCheckContext['definition'];
  } = {},
): OrderCheckContext {
  const state = options.state ?? a.state;
  return {
    definition: options.definition ?? definition,
    adapterDid: FixtureDids.adapter(CHAIN),
    authority: new AllianceAuthority(() => state),
    judicial: {
      chainId: 'judicial',
      client: options.client ?? client,
      ...(options.witness === undefined ? {} : { witness: options.witness }),
    },
    replay: options.replay ?? new MemoryOrderReplayGuard(),
    nowMs: options.nowMs ?? NOW,
  };
}

/** What the gateway forwards for `o`: its real judicial proof; the JWT signed at SIGNED_AT unless told. */
function forwarded(o: JudicialOrder, jwt = mintOrderJwt(a, o, { nowMs: SIGNED_AT })): MessageInput<'ActionRequest'> {
  return forwardedActionRequest(judicial.ledger, o, jwt, { recordType: 'account', key: `account/${o.target}` });
}

/** The adapter checks the request as it decodes it from the wire. */
const check = (req: MessageInput<'ActionRequest'>, c: OrderCheckContext = ctx()): Promise<OrderVerdict> =>
  checkOrder(decodeMessage('ActionRequest', encodeMessage('ActionRequest', req)), c);

async function expectRefused(req: MessageInput<'ActionRequest'>, reason: string, detail?: string, c?: OrderCheckContext): Promise<void> {
  const v = await check(req, c);
  expect(v.kind, JSON.stringify(v)).toBe('rejected');
  if (v.kind !== 'rejected') return;
  expect(v.reason).toBe(reason);
  if (detail !== undefined) expect(v.detail).toContain(detail);
}

/** `state` after a member update approved by the fixture's two admins, effective at `atMs`. */
function updated(state: RegistryState, op: RegistryOp, atMs: number): RegistryState {
  const updateId = toHex(sha256(utf8(`order-check ${op.kind} ${state.sequence}`)).slice(0, 16));
  return applyRegistryUpdate(state, approvedBy(nextUpdateBody(state, op, atMs, updateId), fixtureAdmins(a)), NOW).state;
}
const grants = (did: string, roles: Role[], atMs: number, state: RegistryState = a.state): RegistryState =>
  updated(state, { kind: 'change_grants', did, roles, chains: did === FixtureDids.agency ? ['finance'] : [] }, atMs);

describe('checkOrder: the honest request', () => {
  it("accepts the court's order with its own judicial proof (what every forgery below departs from)", async () => {
    for (const o of [A, B]) {
      const v = await check(forwarded(o));
      expect(v.kind, JSON.stringify(v)).toBe('accepted');
      if (v.kind !== 'accepted') return;
      expect(v.action).toMatchObject({ actionId: o.actionId, caseId: o.caseId, amount: o.amount, target: o.target });
      expect(v.evidence.judicialRecordKey).toBe(`order/${o.orderId}`);
    }
  });
});

describe("checkOrder: the judicial proof must be of the order's case", () => {
  it("refuses case A's order carried with case B's real judicial proof: order_mismatch on judicialProof.caseId", async () => {
    const req = { ...forwarded(A), judicialProof: forwarded(B).judicialProof! };
    await expectRefused(req, 'order_mismatch', 'judicialProof.caseId');
  });

  // The proof is A's own; only its case label is B's. Nothing later reads the label, so only the case comparison refuses it.
  it("refuses case A's order with its proof relabelled as case B's: order_mismatch on judicialProof.caseId", async () => {
    const req = forwarded(A);
    req.judicialProof = { ...req.judicialProof!, caseId: B.caseId };
    await expectRefused(req, 'order_mismatch', 'judicialProof.caseId');
  });

  it("refuses case B's real proof relabelled as case A's, record key left out: judicial_record_mismatch", async () => {
    const proofB = forwarded(B).judicialProof!;
    const req = { ...forwarded(A), judicialProof: { ...proofB, caseId: A.caseId, recordKey: '' } };
    await expectRefused(req, 'judicial_record_mismatch', `order/${A.orderId}`);
  });

  it('refuses an order JWT naming case A for an order the judicial chain records under case B: judicial_record_mismatch on caseId', async () => {
    const claimed = { ...RECORDED_3, caseId: A.caseId };
    const req = forwarded(RECORDED_3, mintOrderJwt(a, claimed, { nowMs: SIGNED_AT }));
    req.judicialProof = { ...req.judicialProof!, caseId: A.caseId };
    await expectRefused(req, 'judicial_record_mismatch', 'caseId');
  });
});

describe('checkOrder: the issuer must be a court when it signed AND when the adapter executes', () => {
  // The court's role was taken away after it signed, before the adapter executes: no longer authorised, so not executed.
  it('refuses an order of a court whose court role was withdrawn after it signed: order_issuer_not_court', async () => {
    const state = grants(FixtureDids.court, ['gateway'], NOW - 60_000);
    await expectRefused(forwarded(A), 'order_issuer_not_court', undefined, ctx({ state }));
    // The same registry, the adapter executing before the withdrawal took effect: accepted.
    expect((await check(forwarded(A), ctx({ state, nowMs: NOW - 90_000 }))).kind).toBe('accepted');
  });

  it('refuses an order of a court revoked after it signed: order_revoked_issuer', async () => {
    const state = updated(a.state, { kind: 'revoke_member', did: FixtureDids.court }, NOW - 60_000);
    await expectRefused(forwarded(A), 'order_revoked_issuer', undefined, ctx({ state }));
  });

  // A member made a court only after signing cannot sign orders in advance.
  it('refuses an order signed by a member before it was made a court: order_issuer_not_court', async () => {
    const state = grants(FixtureDids.agency, ['agency', 'court'], NOW - 60_000);
    const req = forwarded(BY_AGENCY, mintOrderJwt(a, BY_AGENCY, { nowMs: SIGNED_AT, issuer: a.agency }));
    await expectRefused(req, 'order_issuer_not_court', undefined, ctx({ state }));
  });
});

describe('checkOrder: the request must be what the court ordered', () => {
  // Without the comparison the adapter would execute the order's amount while the gateway recorded the request's.
  it.each([
    ['higher than', '100001'],
    ['lower than', '99999'],
    ['missing from', ''],
  ])('refuses a request whose amount is %s the signed order: order_mismatch on amount', async (_how, amount) => {
    await expectRefused({ ...forwarded(A), amount }, 'order_mismatch', 'amount');
  });

  it('refuses a request for another action id than the order: order_mismatch on actionId', async () => {
    await expectRefused({ ...forwarded(A), actionId: B.actionId }, 'order_mismatch', 'actionId');
  });

  it('refuses a seizure requested under a freeze order: order_mismatch on kind', async () => {
    await expectRefused({ ...forwarded(A), kind: 'ACTION_KIND_SEIZE' }, 'order_mismatch', 'kind');
  });

  it("refuses a request on another account than the order's target: order_mismatch on target.key", async () => {
    await expectRefused({ ...forwarded(A), target: { recordType: 'account', key: 'account/acc-2' } }, 'order_mismatch', 'target.key');
  });

  // The suffix rule alone would let it through: only the exact state key of the definition refuses it.
  it("refuses a request on another account whose id ends with the order's target: order_mismatch on target.key", async () => {
    await expectRefused({ ...forwarded(A), target: { recordType: 'account', key: 'account/xacc-1' } }, 'order_mismatch', 'target.key');
  });

  it('refuses a request naming another record type than the action targets: order_mismatch on target.recordType', async () => {
    await expectRefused({ ...forwarded(A), target: { recordType: 'loan', key: 'account/acc-1' } }, 'order_mismatch', 'target.recordType');
  });

  it('refuses an order the court addressed to another chain, sent to this adapter: order_wrong_chain', async () => {
    const other = { ...A, chain: 'finance' };
    const jwt = mintOrderJwt(a, other, { nowMs: SIGNED_AT, audience: FixtureDids.adapter(CHAIN) });
    await expectRefused(forwarded(A, jwt), 'order_wrong_chain');
  });

  it("refuses a request for another chain than this adapter's: wrong_chain", async () => {
    await expectRefused({ ...forwarded(A), chainId: 'finance' }, 'wrong_chain');
  });

  it("refuses an order JWT addressed to another chain's adapter: order_wrong_audience", async () => {
    const jwt = mintOrderJwt(a, A, { nowMs: SIGNED_AT, audience: FixtureDids.adapter('judicial') });
    await expectRefused(forwarded(A, jwt), 'order_wrong_audience');
  });

  it("refuses the court's token minted for another purpose, with the order's claims: order_wrong_purpose", async () => {
    const jwt = signJwtNative(a.court, {
      audience: FixtureDids.adapter(CHAIN),
      purpose: 'auth',
      nowMs: SIGNED_AT,
      lifetimeMs: 10 * 60_000,
      jti: 'auth-not-an-order',
      claims: orderClaimsOf(A),
    });
    await expectRefused(forwarded(A, jwt), 'order_wrong_purpose');
  });

  it('refuses an order JWT expired when the adapter executes: order_expired', async () => {
    const jwt = mintOrderJwt(a, A, { nowMs: SIGNED_AT, lifetimeMs: 30_000 });
    await expectRefused(forwarded(A, jwt), 'order_expired');
  });

  it('refuses an order whose judicial record expired though its JWT has not: judicial_order_expired', async () => {
    const req = forwarded(SHORT);
    expect((await check(req, ctx({ nowMs: SHORT_UNTIL - 1 }))).kind).toBe('accepted');
    await expectRefused(req, 'judicial_order_expired', undefined, ctx({ nowMs: SHORT_UNTIL }));
  });
});

describe('checkOrder: the request itself', () => {
  // The order's own action id is empty too, so only the request's shape check names it.
  it('refuses a request without an action id: malformed_request', async () => {
    const empty = order(20, { actionId: '' });
    await expectRefused(forwarded(empty), 'malformed_request');
  });

  it('refuses a request without an order JWT: order_missing', async () => {
    await expectRefused({ ...forwarded(A), orderJwt: '' }, 'order_missing');
  });

  // A caller handing over an object that never went through the codec: still a verdict, never a crash.
  it.each([
    ['actionId', 'malformed_request'],
    ['orderJwt', 'order_missing'],
  ])('refuses a request object whose %s is absent altogether: %s', async (field, reason) => {
    const req = { ...decodeMessage('ActionRequest', encodeMessage('ActionRequest', forwarded(A))), [field]: undefined };
    const v = await checkOrder(req as MessageOutput<'ActionRequest'>, ctx());
    expect(v).toMatchObject({ kind: 'rejected', reason });
  });

  // Not a verdict on the order: an authority that cannot answer is an outage, thrown to the caller.
  it('throws what the authority throws when it is not a refusal (the order is not judged)', async () => {
    const c = ctx();
    const down = new Error('registry store down');
    c.authority = new Proxy(c.authority, {
      get: (t, p) =>
        typeof (t as never)[p] === 'function'
          ? () => {
              throw down;
            }
          : (t as never)[p],
    });
    await expect(check(forwarded(A), c)).rejects.toBe(down);
  });

  // A court that lost the role before signing and had it back by now: the role at signing time refuses it.
  it('refuses an order signed while its issuer was not a court, though it is one again now: order_issuer_not_court', async () => {
    const withdrawn = grants(FixtureDids.court, ['gateway'], SIGNED_AT - 60_000);
    const state = grants(FixtureDids.court, ['court'], NOW - 60_000, withdrawn);
    await expectRefused(forwarded(A), 'order_issuer_not_court', undefined, ctx({ state }));
  });
});

describe('checkOrder: the action as the definition reads it', () => {
  const withRelease = {
    ...definition,
    actions: [
      ...definition.actions,
      { kind: 'release', txType: 'test.release', description: 'release', amount: 'none' as const, targetRecordType: 'account' },
    ],
  };

  // An order without an amount gives an action without one (not an empty amount the chain would reject).
  it('accepts a release order naming no amount, its action carrying none', async () => {
    const v = await check(forwarded(RELEASE), ctx({ definition: withRelease }));
    expect(v.kind, JSON.stringify(v)).toBe('accepted');
    if (v.kind !== 'accepted') return;
    expect(v.action).not.toHaveProperty('amount');
  });

  it('refuses a freeze order naming no amount: amount_required', async () => {
    await expectRefused(forwarded(order(21, { amount: '' })), 'amount_required');
  });
});

describe('checkOrder: the jti authorises one action only', () => {
  // The court reused a jti for a second order: the first binds it, the second is refused though all else holds.
  it("refuses a second order under the first one's jti: order_replayed; the first is still accepted again", async () => {
    const c = ctx();
    const jti = 'one-jti-two-orders';
    expect((await check(forwarded(A, mintOrderJwt(a, A, { nowMs: SIGNED_AT, jti })), c)).kind).toBe('accepted');
    await expectRefused(forwarded(B, mintOrderJwt(a, B, { nowMs: SIGNED_AT, jti })), 'order_replayed', jti, c);
    expect((await check(forwarded(A, mintOrderJwt(a, A, { nowMs: SIGNED_AT, jti })), c)).kind).toBe('accepted');
  });

  it('answers unavailable, not a rejection, when the replay guard cannot record the jti', async () => {
    const v = await check(forwarded(A), ctx({ replay: { claim: async () => 'unavailable' } }));
    expect(v).toMatchObject({ kind: 'unavailable', reason: 'order_replay_unavailable' });
  });
});

/** The request for A with its judicial bundle changed by `edit` (not re-encoded: null and undefined stay apart). */
function editedBundle(edit: (b: Record<string, unknown>) => void): MessageOutput<'ActionRequest'> {
  const req = decodeMessage('ActionRequest', encodeMessage('ActionRequest', forwarded(A)));
  const bundle = { ...req.judicialProof!.bundle! } as Record<string, unknown>;
  edit(bundle);
  return { ...req, judicialProof: { ...req.judicialProof!, bundle: bundle as never } };
}

async function expectRefusedRaw(req: MessageOutput<'ActionRequest'>, reason: string, detail?: string): Promise<void> {
  const v = await checkOrder(req, ctx());
  expect(v.kind, JSON.stringify(v)).toBe('rejected');
  if (v.kind !== 'rejected') return;
  expect(v.reason).toBe(reason);
  if (detail !== undefined) expect(v.detail).toContain(detail);
}

describe('checkOrder: the judicial bundle', () => {
  it.each([null, undefined])('refuses a judicial proof whose bundle is %s: judicial_proof_missing', async (bundle) => {
    const req = decodeMessage('ActionRequest', encodeMessage('ActionRequest', forwarded(A)));
    await expectRefusedRaw({ ...req, judicialProof: { ...req.judicialProof!, bundle } as never }, 'judicial_proof_missing');
  });

  it("refuses a proof labelled with another record key than the order's: judicial_record_mismatch", async () => {
    const req = forwarded(A);
    req.judicialProof = { ...req.judicialProof!, recordKey: `order/${B.orderId}` };
    await expectRefused(req, 'judicial_record_mismatch', 'judicialProof.recordKey');
  });

  // The label is optional: left out, the record's own key is what is compared.
  it('accepts a proof without a record key label', async () => {
    const req = forwarded(A);
    req.judicialProof = { ...req.judicialProof!, recordKey: '' };
    expect((await check(req)).kind).toBe('accepted');
  });

  it.each([
    ['proves absence though it carries the record', (b: Record<string, unknown>) => (b.result = 'absence')],
    ['carries a null record', (b: Record<string, unknown>) => (b.record = null)],
    ['carries no record', (b: Record<string, unknown>) => (b.record = undefined)],
  ])('refuses a bundle that %s: judicial_proof_invalid', async (_how, edit) => {
    await expectRefusedRaw(editedBundle(edit), 'judicial_proof_invalid');
  });

  it('refuses a record said to be of another chain than the judicial one: judicial_record_mismatch', async () => {
    await expectRefusedRaw(
      editedBundle((b) => (b.record = { ...(b.record as object), chainId: 'finance' })),
      'judicial_record_mismatch',
      'on chain finance',
    );
  });

  it.each(['signedHeader', 'validatorSet', 'proof'])('refuses a bundle whose %s is malformed: judicial_proof_malformed', async (field) => {
    await expectRefusedRaw(
      editedBundle((b) => (b[field] = undefined)),
      'judicial_proof_malformed',
      `bundle.${field}`,
    );
  });

  it('refuses a judicial header of another chain: judicial_header_invalid', async () => {
    const req = editedBundle((b) => {
      const sh = b.signedHeader as { header: { chainId: string } };
      b.signedHeader = { ...sh, header: { ...sh.header, chainId: 'finance' } };
    });
    await expectRefusedRaw(req, 'judicial_header_invalid', 'is of chain finance');
  });

  // B's proof is at the same height (same root) but for another key: only the SMT verification refuses it.
  it("refuses A's record carried with the proof of B's record: judicial_proof_invalid", async () => {
    const proofB = forwarded(B).judicialProof!.bundle!.proof!;
    const req = forwarded(A);
    req.judicialProof = { ...req.judicialProof!, bundle: { ...req.judicialProof!.bundle!, proof: proofB } };
    await expectRefused(req, 'judicial_proof_invalid', `order/${A.orderId}`);
  });
});

describe("checkOrder: the adapter's own judicial light client decides the header", () => {
  const latest = () => judicial.ledger.latest();
  /** A client trusting an early height, so the request's header (the latest) can only be reached by skipping. */
  const behind = async () => {
    expect(latest().signedHeader.header.height).toBeGreaterThanOrEqual(3);
    return judicialClient(judicial.ledger.lightBlockAt(1));
  };
  /** The latest judicial header re-made with another parent and signed by all the judicial validators. */
  const conflictingLatest = (): LightBlock => {
    const header: Header = { ...latest().signedHeader.header, prevHash: sha256(utf8('a fork the validators also signed')) };
    const commit = {
      height: header.height,
      headerHash: headerHash(header),
      signatures: judicialKeys.map((k) => ({ validatorDid: k.did, signature: signVote(header, k.privateKey) })),
    };
    return { signedHeader: { header, commit }, validatorSet: latest().validatorSet };
  };
  const judicialWitness: Witness = async (target) => [
    { kind: 'block', witness: 'judicial-adapter', block: judicial.ledger.lightBlockAt(target.signedHeader.header.height) },
  ];

  it('holds an order on a header verified by skipping with no witness: throws judicial_header_unconfirmed', async () => {
    await expect(check(forwarded(A), ctx({ client: await behind() }))).rejects.toMatchObject({ reason: 'judicial_header_unconfirmed' });
  });

  it('accepts an order on a header verified by skipping once the witness confirms it', async () => {
    const v = await check(forwarded(A), ctx({ client: await behind(), witness: judicialWitness }));
    expect(v.kind, JSON.stringify(v)).toBe('accepted');
  });

  it('refuses a header whose commit carries no signatures: judicial_header_invalid', async () => {
    const req = editedBundle((b) => {
      const sh = b.signedHeader as { commit: object };
      b.signedHeader = { ...sh, commit: { ...sh.commit, signatures: [] } };
    });
    const v = await checkOrder(req, ctx({ client: await behind(), witness: judicialWitness }));
    expect(v).toMatchObject({ kind: 'rejected', reason: 'judicial_header_invalid' });
  });

  // The judicial validators signed two headers at one height: the client freezes, and stays frozen.
  it('freezes on a conflicting judicial header at a trusted height: judicial_client_frozen, then again for any order', async () => {
    const c = await judicialClient(latest());
    const req = forwarded(A);
    req.judicialProof!.bundle!.signedHeader = signedHeaderToWire(conflictingLatest().signedHeader);
    await expectRefused(req, 'judicial_client_frozen', 'froze on this header', ctx({ client: c }));
    await expectRefused(forwarded(B), 'judicial_client_frozen', 'client_frozen', ctx({ client: c }));
  });

  // Trusted once, expired since: the duplicate header passes the update, the state root is refused.
  it('refuses an order on a judicial header whose trust expired: judicial_header_invalid', async () => {
    const later = NOW + 15 * 86_400_000;
    const jwt = mintOrderJwt(a, A, { nowMs: later - 60_000 });
    await expectRefused(
      forwarded(A, jwt),
      'judicial_header_invalid',
      'expired',
      ctx({ client: await judicialClient(latest()), nowMs: later }),
    );
  });

  // Another replica froze the shared client between our update and our read of the state root.
  it('refuses when the client froze between the update and the state root: judicial_client_frozen', async () => {
    const store = new MemoryTrustedStore();
    const c = await judicialClient(latest(), store);
    const replica = new LightClient('judicial', store);
    const racing = Object.create(c) as LightClient;
    racing.update = async (sh, vs, now, o) => {
      const out = await c.update(sh, vs, now, o);
      const fork = conflictingLatest();
      await replica.update(fork.signedHeader, fork.validatorSet, now);
      return out;
    };
    await expectRefused(forwarded(A), 'judicial_client_frozen', undefined, ctx({ client: racing }));
  });

  // A store that fails is an outage, not a verdict on the order: thrown to the caller.
  it.each(['update', 'verifiedStateRoot'] as const)(
    'throws what the light client throws from %s when it is not a refusal',
    async (method) => {
      const c = await judicialClient(latest());
      const failing = Object.create(c) as LightClient;
      const down = new Error('trusted store down');
      failing[method] = async () => {
        throw down;
      };
      await expect(check(forwarded(A), ctx({ client: failing }))).rejects.toBe(down);
    },
  );

  // A client whose trusted store holds another header at that height (another replica's write): the hashes must agree.
  it('refuses a header other than the one the client trusts at its height: judicial_header_invalid', async () => {
    const c = await judicialClient(latest());
    const lying = Object.create(c) as LightClient;
    lying.verifiedStateRoot = async (h, now) => ({ ...(await c.verifiedStateRoot(h, now)), headerHash: sha256(utf8('another header')) });
    await expectRefused(forwarded(A), 'judicial_header_invalid', 'another one', ctx({ client: lying }));
  });
});

describe('checkOrder: a judicial validator-set change past the 1/3 rule is bisected with fetched light blocks', () => {
  const keys = newValidatorKeys(8);
  let changed: DevLedgerBackend;

  beforeAll(async () => {
    changed = new DevLedgerBackend({
      definition: judicialDefinition,
      blockIntervalMs: 20,
      heartbeatMs: 600_000,
      ledger: { validatorKeys: keys },
      seed: async (l) => {
        // Two of the eight validators remain: a quarter of the power the client trusts, under a third.
        const set = newValidatorSet(keys.slice(6).map((k) => ({ did: k.did, publicKey: k.publicKey, power: 1 })));
        await l.submit({ type: LedgerTx.SetValidators, sender: FixtureDids.admin1, id: 'vs-shrunk', body: encodeValidatorSet(set) });
        await issueJudicialOrder(l, A, { nowMs: NOW });
      },
    });
    await changed.start();
  }, 30_000);

  afterAll(async () => {
    await changed?.close();
  });

  const request = () =>
    forwardedActionRequest(changed.ledger, A, mintOrderJwt(a, A, { nowMs: SIGNED_AT }), {
      recordType: 'account',
      key: `account/${A.target}`,
    });
  const witness: Witness = async (target) => [
    { kind: 'block', witness: 'judicial-adapter', block: changed.ledger.lightBlockAt(target.signedHeader.header.height) },
  ];

  it('refuses the header without a light-block fetcher (the skip alone is too far): judicial_header_invalid', async () => {
    const c = await judicialClient(changed.ledger.lightBlockAt(1));
    await expectRefused(request(), 'judicial_header_invalid', 'insufficient_trusted_power', ctx({ client: c, witness }));
  });

  it('accepts the order once the client verified the fetched intermediate light blocks', async () => {
    const c = await judicialClient(changed.ledger.lightBlockAt(1));
    const context = ctx({ client: c, witness });
    context.judicial.fetchLightBlock = async (h) => changed.ledger.lightBlockAt(h);
    const v = await check(request(), context);
    expect(v.kind, JSON.stringify(v)).toBe('accepted');
    if (v.kind !== 'accepted') return;
    expect(v.evidence.judicialIntermediate.length).toBeGreaterThan(0);
  });
});
