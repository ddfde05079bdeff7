/**
 * The collab chain's contract (rules in adapters/collab/README.md). Every organ tx carries a signed
 * statement whose signer must be the tx's sender (`signer_mismatch`): the intake (intake-server.ts)
 * checked the signature and the role against the registry before submitting, and the statement stays
 * in the record so anyone checks it again. This contract enforces what needs the chain's state:
 *   - a statement's role is a court's or an organ's (`sender_not_organ`);
 *   - a transfer is made once (`record_exists`), not to its sender (`self_transfer`), and hands over
 *     only registered evidence (`unknown_evidence`) the sender owns or is shared (`not_shared`) and no
 *     court has sealed (`evidence_sealed`);
 *   - only the named receiver answers (`not_receiver`), once (`already_answered`); an acceptance
 *     shares the transferred evidence with the receiver;
 *   - evidence is registered once, by its owner; an access is logged only for the owner or an organ
 *     it is shared with (`not_shared`), never while sealed (`evidence_sealed`), numbered from 1;
 *   - a court's `seal` holds until the same case's `release` (`already_sealed`, `not_sealed`).
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { ErrorCode } from '../../src/errors.js';
import { decodeActionTx, recordKey } from '../sdk/definition.js';
import { mustRecord, readRecord, recordWrite, refuse } from '../sdk/record.js';
import {
  asObject,
  COLLAB_ACTIONS,
  COLLAB_CHAIN_ID,
  COLLAB_ROLES,
  CollabTx,
  isCollabRole,
  readEvidence,
  readTransfer,
  type Access,
  type Evidence,
  type SignedStatement,
  type StatementType,
  type Transfer,
} from './schema.js';
import { readSignedStatementFrom } from './statement.js';

const def = { chainId: COLLAB_CHAIN_ID, actions: COLLAB_ACTIONS };

export const transferKey = (transferId: string): string => recordKey('transfer', transferId);
export const evidenceKey = (sha256: string): string => recordKey('evidence', sha256);
export const accessKey = (sha256: string, seq: number): string => recordKey('access', `${sha256}/${seq}`);

const organ = (did: string): { name: string; value: string } => ({ name: 'organ', value: did });

function writeTransfer(t: Transfer): StateWrite {
  return recordWrite(transferKey(t.transferId), asObject(t), [organ(t.sender), organ(t.receiver)]);
}

function writeEvidence(e: Evidence): StateWrite {
  return recordWrite(evidenceKey(e.sha256), asObject(e), [organ(e.owner), ...e.sharedWith.map(organ)]);
}

function writeAccess(a: Access): StateWrite {
  return recordWrite(accessKey(a.sha256, a.seq), asObject(a), [organ(a.accessor)]);
}

const getEvidence = (state: StateView, sha: string): Evidence | undefined =>
  readRecord(state, evidenceKey(sha), 'evidence', 1, readEvidence);

/** The tx's signed statement: of an expected type, signed by the tx's sender, in a court's or an organ's role. */
function statementOf(tx: Tx, types: readonly StatementType[]): SignedStatement {
  const signed = readSignedStatementFrom(decodeCanonicalObject(tx.body, `${tx.type} body`), `${tx.type} body`);
  const s = signed.statement;
  if (!types.includes(s.type))
    throw refuse('invalid_record', `${tx.type} carries ${types.join(' or ')} statements, not ${s.type}`, ErrorCode.InvalidArgument);
  if (s.signer !== tx.sender)
    throw refuse('signer_mismatch', `the statement is signed by ${s.signer}, the tx sent by ${tx.sender}`, ErrorCode.PermissionDenied);
  if (!isCollabRole(s.role))
    throw refuse(
      'sender_not_organ',
      `${s.signer} speaks as ${s.role}; the collab chain takes statements of ${COLLAB_ROLES.join(', ')} only`,
      ErrorCode.PermissionDenied,
    );
  return signed;
}

const mayUse = (e: Evidence, did: string): boolean => e.owner === did || e.sharedWith.includes(did);

function transfer(tx: Tx, state: StateView): StateWrite[] {
  const sent = statementOf(tx, ['transfer']);
  const s = sent.statement;
  if (s.type !== 'transfer') throw new Error('unreachable');
  if (s.receiver === s.signer) throw refuse('self_transfer', `${s.signer} cannot transfer a case to itself`, ErrorCode.InvalidArgument);
  if (state.get(transferKey(s.transferId)) !== undefined)
    throw refuse('record_exists', `transfer ${s.transferId} already exists`, ErrorCode.AlreadyExists);
  for (const sha of s.evidence) {
    const e = getEvidence(state, sha);
    if (e === undefined) throw refuse('unknown_evidence', `evidence ${sha} is not registered on the collab chain`, ErrorCode.NotFound);
    if (!mayUse(e, s.signer))
      throw refuse('not_shared', `evidence ${sha} is neither owned by nor shared with ${s.signer}`, ErrorCode.PermissionDenied);
    if (e.seal) throw refuse('evidence_sealed', `evidence ${sha} is sealed by ${e.seal.court} (case ${e.seal.caseId})`);
  }
  const t: Transfer = {
    type: 'transfer',
    schema: 1,
    transferId: s.transferId,
    sender: s.signer,
    senderRole: s.role as Transfer['senderRole'],
    receiver: s.receiver,
    caseRef: s.caseRef,
    evidence: [...s.evidence],
    sentAtMs: s.atMs,
    status: 'sent',
    sent,
    answeredAtMs: 0,
  };
  return [writeTransfer(t)];
}

function answer(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const signed = statementOf(tx, ['transfer_accept', 'transfer_return']);
  const s = signed.statement;
  if (s.type !== 'transfer_accept' && s.type !== 'transfer_return') throw new Error('unreachable');
  const t = mustRecord(state, transferKey(s.transferId), 'transfer', 1, readTransfer);
  if (s.signer !== t.receiver)
    throw refuse(
      'not_receiver',
      `only ${t.receiver}, the receiver named, answers transfer ${t.transferId}; not ${s.signer}`,
      ErrorCode.PermissionDenied,
    );
  if (t.status !== 'sent') throw refuse('already_answered', `transfer ${t.transferId} was already ${t.status}`);
  const accepted = s.type === 'transfer_accept';
  const writes = [writeTransfer({ ...t, status: accepted ? 'accepted' : 'returned', answer: signed, answeredAtMs: timeMs })];
  if (accepted) {
    // Accepting a case takes its evidence along: the receiver may now use (and log access to) it.
    for (const sha of t.evidence) {
      const e = getEvidence(state, sha);
      if (e !== undefined && !mayUse(e, t.receiver)) writes.push(writeEvidence({ ...e, sharedWith: [...e.sharedWith, t.receiver] }));
    }
  }
  return writes;
}

function share(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const shared = statementOf(tx, ['evidence_share']);
  const s = shared.statement;
  if (s.type !== 'evidence_share') throw new Error('unreachable');
  if (state.get(evidenceKey(s.sha256)) !== undefined)
    throw refuse('record_exists', `evidence ${s.sha256} is already registered`, ErrorCode.AlreadyExists);
  const e: Evidence = {
    type: 'evidence',
    schema: 1,
    sha256: s.sha256,
    owner: s.signer,
    sharedWith: [...s.sharedWith],
    registeredAtMs: timeMs,
    accessCount: 0,
    shared,
  };
  return [writeEvidence(e)];
}

function access(tx: Tx, state: StateView): StateWrite[] {
  const signed = statementOf(tx, ['evidence_access']);
  const s = signed.statement;
  if (s.type !== 'evidence_access') throw new Error('unreachable');
  const e = getEvidence(state, s.sha256);
  if (e === undefined) throw refuse('unknown_evidence', `evidence ${s.sha256} is not registered on the collab chain`, ErrorCode.NotFound);
  if (!mayUse(e, s.signer))
    throw refuse('not_shared', `evidence ${s.sha256} is not shared with ${s.signer} (owner ${e.owner})`, ErrorCode.PermissionDenied);
  if (e.seal)
    throw refuse('evidence_sealed', `evidence ${s.sha256} is sealed by ${e.seal.court} (case ${e.seal.caseId}): no access until released`);
  const seq = e.accessCount + 1;
  const a: Access = { type: 'access', schema: 1, sha256: s.sha256, seq, accessor: s.signer, purpose: s.purpose, atMs: s.atMs, signed };
  return [writeAccess(a), writeEvidence({ ...e, accessCount: seq })];
}

export const collabContract: ContractHandler = {
  types: Object.values(CollabTx),
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    switch (tx.type) {
      case CollabTx.Transfer:
        return transfer(tx, state);
      case CollabTx.Answer:
        return answer(tx, state, ctx.timeMs);
      case CollabTx.Share:
        return share(tx, state, ctx.timeMs);
      case CollabTx.Access:
        return access(tx, state);
    }
    const action = decodeActionTx(def, tx);
    const e = mustRecord(state, evidenceKey(action.target), 'evidence', 1, readEvidence);
    if (action.kind === 'seal') {
      if (e.seal) throw refuse('already_sealed', `evidence ${e.sha256} is already sealed (case ${e.seal.caseId})`);
      return [writeEvidence({ ...e, seal: { orderId: action.orderId, caseId: action.caseId, court: action.court, sinceMs: ctx.timeMs } })];
    }
    if (!e.seal || e.seal.caseId !== action.caseId)
      throw refuse('not_sealed', `evidence ${e.sha256} holds no seal of case ${action.caseId}`);
    const { seal: _lifted, ...rest } = e;
    return [writeEvidence(rest)];
  },
};
