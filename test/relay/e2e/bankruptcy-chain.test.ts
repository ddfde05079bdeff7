/**
 * The bankruptcy chain end to end (real NATS with the alliance's bus permissions, real gRPC over
 * loopback): the court convenes the seeded meeting through SubmitAction; creditors' signed ballots reach the chain through its own intake (a forged one and a
 * secured creditor's are refused with reasons, a redelivery is answered without a second vote);
 * the court queries the case, the claims, the meeting and the ballots and gets bundles that verify
 * offline; it closes the meeting with SubmitAction, executed exactly once with its proven effect,
 * and the tally re-computed from the proven records equals the chain's. Orders the chain must not
 * execute (another case, another court, a JWT for another target) are refused.
 */
import * as grpc from '@grpc/grpc-js';
import type { NatsConnection } from 'nats';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ballotKey, caseKey, claimKey, meetingKey, meetingTarget } from '../../../adapters/bankruptcy/contract.js';
import { startBankruptcyIntake, type BankruptcyIntake } from '../../../adapters/bankruptcy/intake.js';
import {
  readBallot,
  readCase,
  readClaim,
  readMeeting,
  type Ballot,
  type BankruptcyCase,
  type Claim,
  type Meeting,
} from '../../../adapters/bankruptcy/schema.js';
import { recheckTally } from '../../../adapters/bankruptcy/tally-check.js';
import { readTyped, type Fields } from '../../../adapters/sdk/record.js';
import { writeBundleFile } from '../../../src/cli/bundle-file.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex } from '../../../src/encoding/bytes.js';
import { busUserOf, intakeBusUserOf } from '../../../src/bus/permissions.js';
import { decodeIntakeReceipt } from '../../../src/bus/intake-reply.js';
import { errorFromReply } from '../../../src/bus/request.js';
import { chainIntakeSubject } from '../../../src/bus/subjects.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { DEMO_BANKRUPTCY, DEMO_MOTION_HASH } from '../../../src/seed/bankruptcy-seed.js';
import { verifyBundle } from '../../../src/verify/bundle-verify.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import { runCli as runCliIn, type CliRun } from '../../helpers/cli-in-process.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { creditorOf, signedBallot, signedClaim } from '../../helpers/bankruptcy-fixture.js';
import type { Signer } from '../../../src/identity/signer.js';
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
const D = DEMO_BANKRUPTCY;
const [bank, steel, parts, , , lessor] = D.creditors;
const OTHER_COURT = 'did:alliance:court-sh-01';
const target = meetingTarget(D.caseId, D.meetingId);

let e2e: E2e;
let gw: RunningGateway;
let court: CourtCaller;
let platform: NatsConnection;
let adapterNc: NatsConnection;
let intake: BankruptcyIntake;
const dir = mkdtempSync(join(tmpdir(), 'cb-bankruptcy-tally-'));
/** `courtbridge ...` in-process in the test's directory, its output captured. */
const runCli = (argv: string[]): Promise<CliRun> => runCliIn(argv, dir);

const order = (n: string, more: Partial<JudicialOrder> = {}): JudicialOrder => ({
  orderId: `bk-order-${n}`,
  court: FixtureDids.court,
  caseId: D.caseId,
  chain: 'bankruptcy',
  actionId: `bk-${n}`,
  kind: 'close_meeting',
  target,
  amount: '',
  ...more,
});
const submitOf = (o: JudicialOrder, jwt?: string): Obj =>
  submitActionOf(
    o,
    { recordType: 'meeting', key: meetingKey(D.caseId, D.meetingId) },
    jwt ?? mintOrderJwt(e2e.fx, o, { nowMs: Date.now() }),
  );

/** A ballot of a demo creditor, signed with its own key. */
const ballotOf = (c: (typeof D.creditors)[number], choice: 'yes' | 'no', votingCents: string, signer = c) =>
  signedBallot(
    { did: c.did, privateKey: c.privateKey },
    { meetingId: D.meetingId, caseId: D.caseId, motionHash: DEMO_MOTION_HASH, choice, votingCents },
    {
      did: signer.did,
      privateKey: signer.privateKey,
    },
  );

/** An ActionService call as `signer` (a court of the alliance). */
function asCourt(signer: Signer, method: string, req: object): Promise<Obj> {
  const c = serviceClient('ActionService', gw.address);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${authToken(signer, FixtureDids.gateway)}`);
  return new Promise<Obj>((resolve, reject) =>
    c[method]!.call(c, req, md, { deadline: Date.now() + 20_000 }, (e: grpc.ServiceError | null, r?: Obj) => {
      c.close();
      if (e === null) resolve(r ?? {});
      else reject(e);
    }),
  );
}

/** Hand a signed claim or ballot to the chain's intake, as the bankruptcy platform does. */
async function submitSigned(b: object): Promise<{ outcome: string; reason?: string }> {
  const msg = await platform.request(chainIntakeSubject('bankruptcy'), encodeCanonical(b), { timeout: 10_000 });
  const err = errorFromReply(msg);
  if (err !== undefined) return { outcome: 'refused', reason: err.reason };
  return { outcome: decodeIntakeReceipt(msg.data).outcome };
}

/** The court's bundle of a record, as the gateway answers it. */
async function bundleOf(recordType: string, key: string): Promise<MessageOutput<'ProofBundle'>> {
  const r = await court.call('QueryService', 'Query', { query: { chainId: 'bankruptcy', recordType, key, height: { latest: {} } } });
  return r.bundle as MessageOutput<'ProofBundle'>;
}

/** Query a record through the gateway, verify its bundle offline, and decode the proven value. */
async function provenRecord<T>(recordType: string, key: string, type: string, read: (f: Fields) => T): Promise<T> {
  const bundle = await bundleOf(recordType, key);
  expect(bundle.result).toBe('record');
  const v = verifyBundle(bundle, { atMs: Date.now(), authority: e2e.fx.authority });
  expect(v.verdict, JSON.stringify(v.checks.filter((c) => c.outcome === 'failed'))).toBe('valid');
  return readTyped(new Uint8Array(bundle.record!.value as Uint8Array), key, type, 1, read);
}

async function provenMeetingRecords() {
  const bankruptcyCase = await provenRecord<BankruptcyCase>('bankruptcy_case', caseKey(D.caseId), 'bankruptcy_case', readCase);
  const meeting = await provenRecord<Meeting>('meeting', meetingKey(D.caseId, D.meetingId), 'creditors_meeting', readMeeting);
  const claims: Claim[] = [];
  for (const id of bankruptcyCase.claimIds) claims.push(await provenRecord('claim', claimKey(D.caseId, id), 'bankruptcy_claim', readClaim));
  const ballots: Ballot[] = [];
  for (const v of meeting.voters)
    ballots.push(await provenRecord('ballot', ballotKey(D.caseId, D.meetingId, v), 'bankruptcy_ballot', readBallot));
  return { chainId: 'bankruptcy', bankruptcyCase, claims, meeting, ballots };
}

beforeAll(async () => {
  e2e = await startE2e({ chains: ['bankruptcy'], records: 5, extraCourts: [OTHER_COURT] });
  gw = await e2e.startGateway();
  court = courtCaller(e2e.fx, gw.address);
  // The chain's intake runs as its adapter on the secured bus (its permissions allow the subject).
  adapterNc = await e2e.connectAs(busUserOf('adapter', e2e.fx.adapter('bankruptcy').did));
  intake = startBankruptcyIntake({ nc: adapterNc, ledger: e2e.backends.bankruptcy.ledger });
  platform = await e2e.connectAs(intakeBusUserOf('bankruptcy'));
}, 90_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  court?.close();
  await intake?.stop();
  await e2e?.stop();
}, 30_000);

describe('bankruptcy chain through the gateway', () => {
  it('refuses a ballot before the court convenes the meeting; the court convenes it once through SubmitAction', async () => {
    expect(await submitSigned(ballotOf(steel!, 'no', '1'))).toEqual({ outcome: 'refused', reason: 'meeting_not_convened' });
    expect((await provenRecord<Meeting>('meeting', meetingKey(D.caseId, D.meetingId), 'creditors_meeting', readMeeting)).status).toBe(
      'proposed',
    );
    const convene = order('convene', { kind: 'convene_meeting' });
    await issueJudicialOrder(e2e.backends.judicial.ledger, convene, { nowMs: Date.now() });
    const jwt = mintOrderJwt(e2e.fx, convene, { nowMs: Date.now() });
    const { result } = await submitUntilExecuted(court, submitOf(convene, jwt), 30_000);
    expect(result.actionId).toBe(convene.actionId);
    expect(result.status).toBe('ACTION_STATUS_EXECUTED');
    expect((await court.call('ActionService', 'SubmitAction', submitOf(convene, jwt))).status).toBe('ACTION_STATUS_EXECUTED');
    const m = await provenRecord<Meeting>('meeting', meetingKey(D.caseId, D.meetingId), 'creditors_meeting', readMeeting);
    expect(m).toMatchObject({ status: 'open', convened: { court: FixtureDids.court, caseId: D.caseId, orderId: convene.orderId } });
  });

  it("takes creditors' signed ballots at its intake; refuses a forged one and a secured creditor's, votes once", async () => {
    expect(await submitSigned(ballotOf(steel!, 'yes', steel!.review!.confirmedCents))).toEqual({ outcome: 'committed' });
    expect(await submitSigned(ballotOf(steel!, 'yes', steel!.review!.confirmedCents))).toEqual({ outcome: 'already_committed' });
    expect(await submitSigned(ballotOf(steel!, 'no', '1'))).toEqual({ outcome: 'refused', reason: 'already_voted' });
    expect(await submitSigned(ballotOf(parts!, 'no', parts!.amountCents))).toEqual({ outcome: 'refused', reason: 'exceeds_confirmed' });
    expect(await submitSigned(ballotOf(parts!, 'no', parts!.review!.confirmedCents, lessor))).toEqual({
      outcome: 'refused',
      reason: 'bad_signature',
    });
    expect(await submitSigned(ballotOf(bank!, 'yes', bank!.amountCents))).toEqual({ outcome: 'refused', reason: 'secured_no_vote' });
    expect(await submitSigned({ type: 'bankruptcy_review' })).toEqual({ outcome: 'refused', reason: 'malformed_request' });
    expect(await submitSigned(ballotOf(parts!, 'no', parts!.review!.confirmedCents))).toEqual({ outcome: 'committed' });
    expect(await submitSigned(ballotOf(lessor!, 'yes', lessor!.review!.confirmedCents))).toEqual({ outcome: 'committed' });
  });

  it('the court reads the case, claims, meeting and ballots with bundles that verify offline', async () => {
    const r = await provenMeetingRecords();
    expect(r.bankruptcyCase).toMatchObject({ court: FixtureDids.court, claimIds: D.creditors.map((c) => c.claimId) });
    expect(r.meeting).toMatchObject({ status: 'open', voters: [steel!.did, parts!.did, lessor!.did] });
    expect(r.ballots.map((b) => b.choice)).toEqual(['yes', 'no', 'yes']);
    expect(recheckTally(r).verdict).toBe('open');
    // A creditor who did not vote: proven absent.
    const q = await court.call('QueryService', 'Query', {
      query: { chainId: 'bankruptcy', recordType: 'ballot', key: ballotKey(D.caseId, D.meetingId, bank!.did), height: { latest: {} } },
    });
    expect((q.bundle as Obj).result).toBe('absence');
    expect(verifyBundle(q.bundle as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('valid');
  });

  it('refuses orders the chain must not execute: another case, another court, a JWT for another target', async () => {
    const otherCase = order('other-case', { caseId: '(2026)京01破77号' });
    await issueJudicialOrder(e2e.backends.judicial.ledger, otherCase, { nowMs: Date.now() });
    await court.call('ActionService', 'SubmitAction', submitOf(otherCase));
    const otherCourt = order('other-court', { court: OTHER_COURT, caseId: '(2026)沪03破5号' });
    await issueJudicialOrder(e2e.backends.judicial.ledger, otherCourt, { nowMs: Date.now() });
    const shSigner = e2e.fx.signers.get(OTHER_COURT)!;
    await asCourt(
      shSigner,
      'SubmitAction',
      submitOf(otherCourt, mintOrderJwt(e2e.fx, otherCourt, { nowMs: Date.now(), issuer: shSigner })),
    );
    for (const [o, reason] of [
      [otherCase, 'case_mismatch'],
      [otherCourt, 'wrong_court'],
    ] as const) {
      await eventually(
        async () => {
          const a = await asCourt(o.court === OTHER_COURT ? e2e.fx.signers.get(OTHER_COURT)! : e2e.fx.court, 'GetAction', {
            actionId: o.actionId,
          });
          expect(a.status).toBe('ACTION_STATUS_REJECTED');
          expect(a.reason).toBe(reason);
        },
        { timeoutMs: 20_000, what: `${o.actionId} rejected` },
      );
    }
    // A JWT minted for another target does not carry this request.
    const swapped = order('swapped');
    await issueJudicialOrder(e2e.backends.judicial.ledger, swapped, { nowMs: Date.now() });
    const jwtElsewhere = mintOrderJwt(e2e.fx, { ...swapped, target: meetingTarget(D.caseId, 'another-meeting') }, { nowMs: Date.now() });
    const refusedAt = await court.call('ActionService', 'SubmitAction', submitOf(swapped, jwtElsewhere)).then(
      async (first) => {
        expect(first.status).toBe('ACTION_STATUS_PENDING');
        return eventually(
          async () => {
            const a = await court.call('ActionService', 'GetAction', { actionId: swapped.actionId });
            expect(a.status).toBe('ACTION_STATUS_REJECTED');
            return String(a.reason);
          },
          { timeoutMs: 20_000, what: 'the swapped order rejected' },
        );
      },
      async (e: unknown) => (await failure(Promise.reject(e as grpc.ServiceError))).reason,
    );
    expect(refusedAt).toBe('order_mismatch');
    const m = await provenRecord<Meeting>('meeting', meetingKey(D.caseId, D.meetingId), 'creditors_meeting', readMeeting);
    expect(m.status).toBe('open');
  });

  it('the court closes the meeting once (SubmitAction), and the re-computed tally equals the proven one', async () => {
    const close = order('close');
    await issueJudicialOrder(e2e.backends.judicial.ledger, close, { nowMs: Date.now() });
    const jwt = mintOrderJwt(e2e.fx, close, { nowMs: Date.now() });
    const { result } = await submitUntilExecuted(court, submitOf(close, jwt), 30_000);
    expect(result.actionId).toBe(close.actionId);
    expect(result.status).toBe('ACTION_STATUS_EXECUTED');
    // Submitted again (a court's retry): the same action, answered EXECUTED, not executed again.
    const again = await court.call('ActionService', 'SubmitAction', submitOf(close, jwt));
    expect(again.status).toBe('ACTION_STATUS_EXECUTED');
    const r = await provenMeetingRecords();
    const closed = r.meeting.closed!;
    expect(closed).toMatchObject({ court: FixtureDids.court, caseId: D.caseId, orderId: close.orderId });
    // Unsecured confirmed: 2,000,000 + 800,000 + 600,000 + 400,000 + 1,000,000 元; yes 3,000,000 元 by 2 of 3 present.
    expect(closed.tally).toEqual({
      rule: 'art64',
      outcome: 'passed',
      groups: [
        {
          group: 'unsecured',
          present: 3,
          yesCreditors: 2,
          yesCents: '300000000',
          noCents: '80000000',
          totalCents: '480000000',
          outcome: 'passed',
        },
      ],
    });
    const check = recheckTally(r);
    expect(check.problems).toEqual([]);
    expect(check.verdict).toBe('match');
    expect(check.recomputed).toEqual(closed.tally);
    // A second order on the closed meeting is executed by no one: the contract refuses it.
    const late = order('late');
    await issueJudicialOrder(e2e.backends.judicial.ledger, late, { nowMs: Date.now() });
    await court.call('ActionService', 'SubmitAction', submitOf(late));
    await eventually(
      async () => {
        const a = await court.call('ActionService', 'GetAction', { actionId: late.actionId });
        expect(a.status).toBe('ACTION_STATUS_REJECTED');
        expect(a.reason).toBe('meeting_closed');
      },
      { timeoutMs: 20_000, what: 'the late close rejected' },
    );
    const after = await provenRecord<Meeting>('meeting', meetingKey(D.caseId, D.meetingId), 'creditors_meeting', readMeeting);
    expect(after.closed).toEqual(closed);
    // And a ballot after the close is refused by the chain.
    expect(await submitSigned(ballotOf(D.creditors[3]!, 'yes', '1'))).toEqual({ outcome: 'refused', reason: 'meeting_closed' });
  });

  it('`courtbridge tally` re-checks the tally offline from saved bundle files; a tampered bundle or a withheld ballot is refused', async () => {
    const genesis = join(dir, 'genesis.json');
    writeFileSync(genesis, e2e.fx.genesisBytes);
    const genesisHash = toHex(sha256(e2e.fx.genesisBytes));
    const r = await provenMeetingRecords();
    const keys: [string, string][] = [
      ['bankruptcy_case', caseKey(D.caseId)],
      ['meeting', meetingKey(D.caseId, D.meetingId)],
      ...r.bankruptcyCase.claimIds.map((id): [string, string] => ['claim', claimKey(D.caseId, id)]),
      ...r.meeting.voters.map((v): [string, string] => ['ballot', ballotKey(D.caseId, D.meetingId, v)]),
    ];
    const files: string[] = [];
    for (const [i, [type, key]] of keys.entries()) {
      const file = join(dir, `${i}-${type}.json`);
      await writeBundleFile(file, (await bundleOf(type, key)) as never);
      files.push(file);
    }
    const registry = ['--genesis', genesis, '--genesis-hash', genesisHash];
    const ok = await runCli(['tally', ...files, ...registry]);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toContain('一致 MATCH');
    expect(ok.out).toContain('3,000,000.00 元');
    const json = JSON.parse((await runCli(['tally', ...files, ...registry, '--json'])).out) as { verdict: string; recomputed: unknown };
    expect(json.verdict).toBe('match');
    expect(json.recomputed).toEqual(r.meeting.closed!.tally);
    // A withheld ballot: the meeting lists its voter, no bundle proves the ballot.
    const withheld = await runCli(['tally', ...files.slice(0, -1), ...registry]);
    expect(withheld.code).toBe(4);
    expect(withheld.out).toContain('ballot_missing');
    // A ballot bundle whose value was altered (the voting amount): the bundle no longer verifies.
    const last = files.at(-1)!;
    const forged = join(dir, 'forged-ballot.json');
    const b = await bundleOf('ballot', keys.at(-1)![1]);
    const value = JSON.parse(Buffer.from(b.record!.value as Uint8Array).toString('utf8')) as Record<string, unknown>;
    await writeBundleFile(forged, { ...b, record: { ...b.record!, value: encodeCanonical({ ...value, votingCents: '1' }) } } as never);
    const tampered = await runCli(['tally', ...files.filter((f) => f !== last), forged, ...registry]);
    expect(tampered.code).toBe(4);
    expect(tampered.out).toContain('bundle did not verify');
    // Without a pinned registry nothing is judged.
    expect((await runCli(['tally', ...files])).code).toBe(2);
  });

  it("the intake takes a creditor's signed claim, refuses one signed by another key, and answers a redelivery without a second filing", async () => {
    const late = creditorOf('e2e-late-creditor');
    const claim = signedClaim(late, { claimId: 'C900', amountCents: '123456', caseId: D.caseId });
    expect(await submitSigned(signedClaim(late, { claimId: 'C901', amountCents: '1', caseId: D.caseId }, creditorOf('e2e-other')))).toEqual(
      {
        outcome: 'refused',
        reason: 'bad_signature',
      },
    );
    expect(await submitSigned(claim)).toEqual({ outcome: 'committed' });
    expect(await submitSigned(claim)).toEqual({ outcome: 'already_committed' });
    const c = await provenRecord<BankruptcyCase>('bankruptcy_case', caseKey(D.caseId), 'bankruptcy_case', readCase);
    expect(c.claimIds).toEqual([...D.creditors.map((x) => x.claimId), 'C900']);
    const filed = await provenRecord<Claim>('claim', claimKey(D.caseId, 'C900'), 'bankruptcy_claim', readClaim);
    expect(filed).toMatchObject({ creditor: late.did, amountCents: '123456' });
    expect(filed.review).toBeUndefined();
  });
});
