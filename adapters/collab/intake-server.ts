/**
 * The collab chain's write door for organs and courts: runs next to the chain (the process holding
 * its dev ledger, with the alliance registry as `authority`) and serves, in queue group
 * `collab-intake`:
 *   `chainIntakeSubject(chain)`  a signed `collab.submit` envelope whose body is a signed statement
 *       (canonical JSON, statement.ts) -> reply an intake receipt (src/bus/intake-reply.ts) once
 *       the tx is in a committed block; a refusal is an error reply with its reason.
 *
 * Checks, in order (each refusal named):
 *   1. the envelope decodes and its body is a signed statement           `malformed` | `invalid_record`
 *   2. the statement's role is a court's or an organ's                  `sender_not_organ`
 *   3. the envelope: fresh, signed by its sender's key at its time, the sender holding that role
 *      for this chain now, its id never seen (src/bus/envelope-verify.ts)
 *                                    `stale` | `tampered` | `unknown_sender` | `revoked` | `out_of_role` | `replayed`
 *   4. the statement's signer is the envelope's sender                 `signer_mismatch`
 *   5. the statement's time is within the envelope freshness window    `stale_statement`
 *   6. the statement's own signature, under the key its signer held at its time
 *                                                                        `statement_signature_invalid` | authority reasons
 *   7. a transfer's receiver, the organs evidence is shared with: active courts or organs of this
 *      chain                                                             `receiver_not_organ`
 * then the contract's own rules (contract.ts). The tx id is the statement's id: the same statement
 * applies once, however often it is sent.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import { decodeEnvelope, encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../src/bus/envelope.js';
import { openEnvelope } from '../../src/bus/envelope-verify.js';
import type { ReplayGuard } from '../../src/bus/replay-guard.js';
import { decodeIntakeReceipt, encodeIntakeReceipt, type IntakeReceipt } from '../../src/bus/intake-reply.js';
import { replyError, replyOk, request } from '../../src/bus/request.js';
import { chainIntakeSubject } from '../../src/bus/subjects.js';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../src/errors.js';
import type { Authority } from '../../src/identity/authority.js';
import { commitOnce } from '../sdk/commit-once.js';
import { COLLAB_ROLES, isCollabRole, txTypeOf, type SignedStatement } from './schema.js';
import { checkStatementSignature, readSignedStatementFrom, statementId } from './statement.js';

/** The envelope type of a statement sent to the intake. */
export const COLLAB_SUBMIT_TYPE = 'collab.submit';

export interface CollabIntakeOptions {
  nc: NatsConnection;
  ledger: DevLedger;
  authority: Authority;
  replay: ReplayGuard;
  now: () => number;
  /** Oldest accepted envelope (and statement) age; 60 s unless told. */
  maxAgeMs?: number;
}

export interface CollabIntake {
  stop(): Promise<void>;
}

const MAX_FUTURE_SKEW_MS = 5_000;

export function startCollabIntake(o: CollabIntakeOptions): CollabIntake {
  const chain = o.ledger.chainId;
  const maxAgeMs = o.maxAgeMs ?? 60_000;
  const onSubmit = async (data: Uint8Array): Promise<Uint8Array> => {
    // 1-2: read what the sender claims (nothing trusted yet) to know which role to check it for.
    let signed: SignedStatement;
    try {
      const env = decodeEnvelope(data);
      signed = readSignedStatementFrom(decodeCanonicalObject(env.body, 'collab.submit body'), 'collab.submit body');
    } catch (e) {
      if (isCourtbridgeError(e)) throw new CourtbridgeError(ErrorCode.InvalidArgument, e.reason, `collab.submit: ${e.message}`);
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'malformed', `collab.submit: ${(e as Error).message}`);
    }
    const s = signed.statement;
    if (!isCollabRole(s.role))
      throw new CourtbridgeError(
        ErrorCode.PermissionDenied,
        'sender_not_organ',
        `collab.submit: ${s.signer} speaks as ${s.role}; the collab chain takes statements of ${COLLAB_ROLES.join(', ')} only`,
      );
    // 3: the envelope, with the role the statement claims, for this chain.
    const nowMs = o.now();
    const opened = await openEnvelope(data, {
      authority: o.authority,
      nowMs,
      maxAgeMs,
      maxFutureSkewMs: MAX_FUTURE_SKEW_MS,
      policy: { [COLLAB_SUBMIT_TYPE]: { role: s.role, scope: 'chain' } },
      chain,
      replay: o.replay,
    });
    if (opened.kind === 'dropped') {
      const r = opened.drop.reason;
      const code =
        r === 'out_of_role' || r === 'revoked'
          ? ErrorCode.PermissionDenied
          : r === 'malformed' || r === 'unknown_type'
            ? ErrorCode.InvalidArgument
            : r === 'replay_unavailable'
              ? ErrorCode.Unavailable
              : ErrorCode.Unauthenticated;
      throw new CourtbridgeError(code, r, `collab.submit dropped: ${opened.drop.message}`);
    }
    // 4-6: the statement is the sender's own, fresh, and signed by the key it held then.
    if (opened.envelope.senderDid !== s.signer)
      throw new CourtbridgeError(
        ErrorCode.PermissionDenied,
        'signer_mismatch',
        `the statement is signed by ${s.signer}, the envelope sent by ${opened.envelope.senderDid}`,
      );
    if (nowMs - s.atMs > maxAgeMs || s.atMs - nowMs > MAX_FUTURE_SKEW_MS)
      throw new CourtbridgeError(
        ErrorCode.Unauthenticated,
        'stale_statement',
        `the statement was made at ${new Date(s.atMs).toISOString()}, outside ${maxAgeMs} ms of the intake's clock`,
      );
    const verdict = checkStatementSignature(signed, o.authority);
    if (!verdict.ok)
      throw new CourtbridgeError(
        verdict.reason === 'revoked' || verdict.reason === 'signer_mismatch' ? ErrorCode.PermissionDenied : ErrorCode.Unauthenticated,
        verdict.reason,
        verdict.message,
      );
    // 7: a case, or evidence, goes only to a court or an organ that may act on this chain now.
    const receivers = s.type === 'transfer' ? [s.receiver] : s.type === 'evidence_share' ? s.sharedWith : [];
    for (const did of receivers)
      if (!COLLAB_ROLES.some((r) => o.authority.mayAct(did, r, chain, nowMs).ok))
        throw new CourtbridgeError(
          ErrorCode.FailedPrecondition,
          'receiver_not_organ',
          `${did} is not an active court or organ (${COLLAB_ROLES.join(', ')}) of chain ${chain}`,
        );
    const id = statementId(s);
    return encodeIntakeReceipt(
      await commitOnce(o.ledger, { type: txTypeOf(s.type), sender: s.signer, id, body: encodeCanonical(signed, 'statement') }),
    );
  };
  const sub: Subscription = o.nc.subscribe(chainIntakeSubject(chain), {
    queue: 'collab-intake',
    callback: (err, msg: Msg) => {
      if (err) return;
      void onSubmit(msg.data).then(
        (out) => replyOk(msg, out),
        (e: unknown) => replyError(msg, e),
      );
    },
  });
  return {
    stop: async () => {
      sub.unsubscribe();
    },
  };
}

/**
 * Send a signed statement to the chain's intake as `signer` (the statement's signer; an organ's
 * bus user may publish to this subject only) and wait for its block.
 * @throws CourtbridgeError the intake's or the contract's refusal, with its reason
 */
export async function submitStatement(
  nc: NatsConnection,
  chain: string,
  signer: EnvelopeSigner,
  signed: SignedStatement,
  options: { nowMs: number; timeoutMs?: number; msgId?: string },
): Promise<IntakeReceipt> {
  const env = sealEnvelope(signer, COLLAB_SUBMIT_TYPE, encodeCanonical(signed, 'statement'), options.nowMs, options.msgId);
  return submitEnvelope(nc, chain, encodeEnvelope(env), options.timeoutMs);
}

/** Send an already sealed `collab.submit` envelope (a replay test sends the same bytes twice). */
export async function submitEnvelope(nc: NatsConnection, chain: string, wire: Uint8Array, timeoutMs = 15_000): Promise<IntakeReceipt> {
  const reply = await request(nc, chainIntakeSubject(chain), wire, { deadlineMs: Date.now() + timeoutMs });
  return decodeIntakeReceipt(reply.data, 'collab.submit reply');
}
