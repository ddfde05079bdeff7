/** Test builders for the bankruptcy chain: creditors with real keys, signed claims and ballots, and the txs that carry them. */
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { sha256 } from '../../src/crypto/hash.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { didKeyOf } from '../../src/identity/did-key.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import {
  BANKRUPTCY_CHAIN_ID,
  BankruptcyTx,
  type BallotCast,
  type Choice,
  type Claim,
  type MeetingKind,
  type Security,
  type VotingClass,
} from '../../adapters/bankruptcy/schema.js';
import { ballotSigningBytes, claimSigningBytes, signAsCreditor } from '../../adapters/bankruptcy/signed-layout.js';

export const B_CASE = '(2026)京01破9号';
export const B_COURT = 'did:alliance:court-bj-01';
export const B_ADMIN = 'did:alliance:bankruptcy-administrator-01';
export const B_DEBTOR = '91110108MA01B2C3D4';
export const MOTION = toHex(sha256(utf8('test motion')));

export interface TestCreditor {
  privateKey: Uint8Array;
  did: string;
}

export function creditorOf(label: string): TestCreditor {
  const privateKey = sha256(utf8(`bankruptcy test creditor ${label}`));
  return { privateKey, did: didKeyOf(publicKeyOf(privateKey)) };
}

let seq = 0;
const txOf = (type: string, sender: string, body: object): Tx => ({
  type,
  sender,
  id: `t${++seq}:${type}`,
  body: encodeCanonical(body),
});

export function caseTx(caseId = B_CASE, court = B_COURT, administrator = B_ADMIN): Tx {
  return txOf(BankruptcyTx.CaseOpen, court, {
    type: 'bankruptcy_case',
    schema: 1,
    caseId,
    debtor: B_DEBTOR,
    court,
    administrator,
    status: 'accepted',
    acceptedAtMs: 1_700_000_000_000,
  });
}

export interface ClaimSpec {
  claimId: string;
  amountCents: string;
  security?: Security;
  votingClass?: VotingClass;
  caseId?: string;
  filedAtMs?: number;
}

/** A claim signed by `signer` (the creditor itself unless a forgery is wanted). */
export function signedClaim(creditor: TestCreditor, spec: ClaimSpec, signer: TestCreditor = creditor): Claim {
  const security = spec.security ?? 'unsecured';
  const filing = {
    caseId: spec.caseId ?? B_CASE,
    claimId: spec.claimId,
    creditor: creditor.did,
    amountCents: spec.amountCents,
    security,
    votingClass: spec.votingClass ?? (security === 'secured' ? 'secured' : 'ordinary'),
    filedAtMs: spec.filedAtMs ?? 1_700_000_100_000,
  } as const;
  return {
    type: 'bankruptcy_claim',
    schema: 1,
    ...filing,
    signature: signAsCreditor(claimSigningBytes(BANKRUPTCY_CHAIN_ID, filing), signer.privateKey),
  };
}

export const claimTx = (c: Claim): Tx => txOf(BankruptcyTx.ClaimFile, c.creditor, c);

export function reviewTx(claimId: string, confirmedCents: string, disputedCents: string, sender = B_ADMIN, caseId = B_CASE): Tx {
  return txOf(BankruptcyTx.ClaimReview, sender, { type: 'claim_review', schema: 1, caseId, claimId, confirmedCents, disputedCents });
}

export function meetingTx(
  meetingId: string,
  kind: MeetingKind,
  opensAtMs: number,
  closesAtMs: number,
  sender = B_ADMIN,
  motionHash = MOTION,
): Tx {
  return txOf(BankruptcyTx.MeetingOpen, sender, {
    type: 'meeting_open',
    schema: 1,
    caseId: B_CASE,
    meetingId,
    kind,
    motionHash,
    opensAtMs,
    closesAtMs,
  });
}

export interface BallotSpec {
  meetingId: string;
  choice: Choice;
  votingCents: string;
  motionHash?: string;
  caseId?: string;
  signedAtMs?: number;
}

export function signedBallot(creditor: TestCreditor, spec: BallotSpec, signer: TestCreditor = creditor): BallotCast {
  const fields = {
    caseId: spec.caseId ?? B_CASE,
    meetingId: spec.meetingId,
    creditor: creditor.did,
    motionHash: spec.motionHash ?? MOTION,
    choice: spec.choice,
    votingCents: spec.votingCents,
    signedAtMs: spec.signedAtMs ?? 1_700_000_200_000,
  };
  return {
    type: 'bankruptcy_ballot',
    schema: 1,
    ...fields,
    signature: signAsCreditor(ballotSigningBytes(BANKRUPTCY_CHAIN_ID, fields), signer.privateKey),
  };
}

export const ballotTx = (b: BallotCast): Tx => txOf(BankruptcyTx.BallotCast, b.creditor, b);
