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
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import type { Role } from '../../../src/identity/authority.js';
import { signJwtNative } from '../../../src/identity/jwt.js';
import { applyRegistryUpdate, type RegistryState } from '../../../src/identity/registry.js';
import { approveRegistryUpdate, type RegistryOp } from '../../../src/identity/registry-update.js';
import { orderClaimsOf, type JudicialOrder } from '../../../src/judicial/order.js';
import { LightClient } from '../../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../../src/lightclient/memory-store.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput } from '../../../src/wire/messages.js';
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
    seed: async (l) => {
      for (const o of [A, B, RECORDED_3]) await issueJudicialOrder(l, o, { nowMs: NOW });
      await issueJudicialOrder(l, SHORT, { nowMs: NOW, lifetimeMs: 60_000 });
    },
  });
  await judicial.start();
  // The adapter trusts the judicial chain's latest header: every proof below is at it.
  const lb = judicial.ledger.latest();
  client = new LightClient('judicial', new MemoryTrustedStore());
  await client.init(lb.signedHeader, lb.validatorSet, undefined, {
    hashSuite: 'sha256',
    signatureSuite: 'secp256k1',
    trustingPeriodMs: 14 * 86_400_000,
    maxClockDriftMs: 10_000,
    nowMs: NOW,
  });
}, 30_000);

afterAll(async () => {
  await judicial?.close();
});

/** The adapter's context over `state` (the fixture's genesis unless told), at `nowMs`. */
function ctx(options: { state?: RegistryState; nowMs?: number } = {}): OrderCheckContext {
  const state = options.state ?? a.state;
  return {
    definition,
    adapterDid: FixtureDids.adapter(CHAIN),
    authority: new AllianceAuthority(() => state),
    judicial: { chainId: 'judicial', client },
    replay: new MemoryOrderReplayGuard(),
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
  const body = {
    allianceId: state.allianceId,
    sequence: state.sequence + 1,
    prevStateHash: state.stateHash,
    updateId: toHex(sha256(utf8(`order-check ${op.kind} ${state.sequence}`)).slice(0, 16)),
    effectiveAtMs: atMs,
    op,
  };
  const approvals = [FixtureDids.admin1, FixtureDids.admin2].map((d) => approveRegistryUpdate(body, a.signers.get(d)!));
  return applyRegistryUpdate(state, { ...body, approvals }, NOW).state;
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
