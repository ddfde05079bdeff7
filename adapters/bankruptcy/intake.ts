/**
 * The bankruptcy chain's own intake (request/reply on `chainIntakeSubject(chain)`, queue group
 * `bankruptcy-intake`, served next to the chain's dev ledger): a creditor's signed claim or signed
 * ballot, as canonical JSON, becomes a ledger tx. The bus message needs no envelope: what it carries
 * is signed by its creditor, and the contract verifies that signature against the creditor's
 * did:key, so whoever relays it (the bankruptcy platform, the creditor's own client) cannot alter it.
 *   request:  canonical JSON of a `bankruptcy_claim` (a filing, no review) or a `bankruptcy_ballot`
 *             (no `castAtMs`)
 *   reply:    an intake receipt (src/bus/intake-reply.ts) once the tx is in a committed block; a
 *             refusal is an error reply with the contract's reason.
 * The tx id is the record's key (`claim/<case>/<claim>`, `ballot/<case>/<meeting>/<creditor>`) and
 * the body's hash, so a redelivered submission is answered `already committed` and never applied
 * twice, while another ballot of the same creditor reaches the contract (`already_voted`); the
 * sender is the creditor. Reviews and meetings are not taken here: their sender, the administrator, must be
 * authenticated by whoever submits them.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import { encodeIntakeReceipt } from '../../src/bus/intake-reply.js';
import { replyError, replyOk } from '../../src/bus/request.js';
import { chainIntakeSubject } from '../../src/bus/subjects.js';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { toHex } from '../../src/encoding/bytes.js';
import { sha256 } from '../../src/crypto/hash.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { commitOnce } from '../sdk/commit-once.js';
import { Fields } from '../sdk/record.js';
import { ballotKey, claimKey } from './contract.js';
import { BankruptcyTx, readBallotCast, readClaimFiling } from './schema.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';

/** Largest accepted submission (a claim or ballot is well under 1 KiB). */
const MAX_SUBMISSION_BYTES = 8 * 1024;

/** Tx id: the record's key and the body's hash, so the same bytes again are a redelivery, other bytes a new tx the contract judges. */
function txOf(type: string, sender: string, key: string, body: Uint8Array): Tx {
  return { type, sender, id: `${key}#${toHex(sha256(body)).slice(0, 32)}`, body };
}

/** The tx a submission becomes (checked for shape; the contract checks the rest). */
export function intakeTx(data: Uint8Array): Tx {
  const bad = (m: string): CourtbridgeError =>
    new CourtbridgeError(ErrorCode.InvalidArgument, 'malformed_request', `bankruptcy intake: ${m}`);
  if (data.length > MAX_SUBMISSION_BYTES) throw bad(`at most ${MAX_SUBMISSION_BYTES} bytes`);
  const f = new Fields(decodeCanonicalObject(data, 'submission'), 'submission');
  const type = f.value['type'];
  if (type === 'bankruptcy_claim') {
    const c = readClaimFiling(f);
    f.raw('type');
    f.raw('schema');
    f.done();
    const key = claimKey(c.caseId, c.claimId);
    return txOf(BankruptcyTx.ClaimFile, c.creditor, key, encodeCanonical(c, key));
  }
  if (type === 'bankruptcy_ballot') {
    const b = readBallotCast(f);
    f.raw('type');
    f.raw('schema');
    f.done();
    const key = ballotKey(b.caseId, b.meetingId, b.creditor);
    return txOf(BankruptcyTx.BallotCast, b.creditor, key, encodeCanonical(b, key));
  }
  throw bad('expected a bankruptcy_claim or a bankruptcy_ballot');
}

export interface BankruptcyIntake {
  stop(): Promise<void>;
}

export function startBankruptcyIntake(o: { nc: NatsConnection; ledger: DevLedger }): BankruptcyIntake {
  const onSubmit = async (data: Uint8Array): Promise<Uint8Array> => encodeIntakeReceipt(await commitOnce(o.ledger, intakeTx(data)));
  const sub: Subscription = o.nc.subscribe(chainIntakeSubject(o.ledger.chainId), {
    queue: 'bankruptcy-intake',
    callback: (err, msg: Msg) => {
      if (err) return;
      void onSubmit(msg.data).then(
        (out) => replyOk(msg, out),
        (e: unknown) => replyError(msg, e),
      );
    },
  });
  return { stop: async () => sub.unsubscribe() };
}
