/**
 * The ActionService's deep check of an order's judicial proof (DESIGN.md "Actions": an action
 * travels "together with proof that the underlying case or decision exists on the judicial
 * chain"), run by the gateway before it forwards the action, with the query path's verifier:
 *
 *   - a proof given by the court (`judicial_proof.bundle`): its header must be one the gateway's
 *     judicial light client verifies (`ensureVerified`), and its record must be proven against
 *     that header's state root;
 *   - none given (bundle.proto: "when unset the gateway fetches and verifies it and fills it in
 *     before forwarding"): the gateway queries the judicial chain for `order/<orderId>` (the
 *     order's claims name it; a `record_key` naming another record is refused), verifies the
 *     answer like any query, and puts the resulting bundle into the request the adapter receives.
 *
 * Either way an absent order authorises nothing, and a proven record authorises only the order it
 * states: the record must be `order/<orderId>` and say what the signed order says (court, case,
 * chain, kind, target, amount, action id) and not have expired, by the adapters' own rule
 * (src/judicial/order.ts `judicialRecordVerdict`), so a court cannot borrow another order's real
 * record. The adapter checks the bundle again against its own judicial light client
 * (adapters/sdk/order-check.ts); this check refuses early, with a status the court sees at once
 * instead of a REJECTED action later, and before anything reaches the action stream.
 */
import { judicialOrderRecordKey } from '../../judicial/record-keys.js';
import { judicialRecordVerdict, type JudicialOrder } from '../../judicial/order.js';
import { headerHash } from '../../chain/header.js';
import { utf8 } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import { verifyProof } from '../../proof/verify.js';
import { proofFromWire, signedHeaderFromWire } from '../../verify/bundle-convert.js';
import type { MessageInput } from '../../wire/messages.js';
import type { JudicialProofCheck } from './actions.js';
import type { QueryEngine } from './query.js';
import { suiteOfConfig } from '../light-clients/manager.js';

export interface JudicialProofCheckOptions {
  engine: QueryEngine;
  /** The judicial chain's id; `judicial` unless told. */
  judicialChainId?: string;
  /** Requester named in the receipt of a bundle the gateway fetches (the gateway's DID). */
  requesterDid: string;
  /** Budget for fetching and verifying, ms; 5,000 unless told. */
  budgetMs?: number;
}

const invalid = (message: string, cause?: unknown): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.FailedPrecondition, 'judicial_proof_invalid', message, cause === undefined ? {} : { cause });

/**
 * Refuse unless the proven record `key` = `value` is `order` (FAILED_PRECONDITION, like every
 * judicial-proof refusal: the request is well formed, the judicial chain does not back it).
 */
function assertRecordIsOrder(key: string, value: unknown, order: JudicialOrder, nowMs: number): void {
  if (!(value instanceof Uint8Array)) throw invalid(`the judicial record ${key} carries no value bytes`);
  const v = judicialRecordVerdict(key, value, order, nowMs);
  if (v.kind === 'refused') throw new CourtbridgeError(ErrorCode.FailedPrecondition, v.reason, v.message);
}

/**
 * Build the check.
 * @throws (from the check) FAILED_PRECONDITION `judicial_proof_invalid` (no such order, a proof
 *   that does not verify), `judicial_record_mismatch` (another record, or a field that differs:
 *   named in the message), `judicial_record_malformed`, `judicial_order_expired`; the light
 *   client's own statuses (`client_frozen`, UNAVAILABLE ...)
 */
export function judicialProofCheck(o: JudicialProofCheckOptions): JudicialProofCheck {
  const chainId = o.judicialChainId ?? 'judicial';
  const budgetMs = o.budgetMs ?? 5_000;
  let seq = 0;
  return async (req, order, nowMs) => {
    const jp = req.judicialProof;
    if (jp === null) throw invalid(`judicial_proof: required, for the order's case ${order.caseId}`);
    const key = judicialOrderRecordKey(order.orderId);
    // Refused before any fetch: the only record that can back this order is its own.
    if (jp.recordKey !== '' && jp.recordKey !== key) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'judicial_record_mismatch',
        `judicial_proof.record_key ${JSON.stringify(jp.recordKey).slice(0, 80)} is not the order's record ${key}`,
      );
    }
    const deadlineMs = nowMs + budgetMs;
    const b = jp.bundle;
    if (b !== null && b !== undefined) {
      // Given by the court: the header must verify under our judicial light client, the record
      // under its root; then the record must be this order.
      let proven: { key: string; value: Uint8Array };
      try {
        const sh = signedHeaderFromWire(b.signedHeader, 'judicial_proof.bundle.signed_header');
        if (sh.header.chainId !== chainId) throw invalid(`judicial_proof.bundle: header of chain ${sh.header.chainId}, not ${chainId}`);
        // The judicial chain's suite comes from its registry entry (the manager's config), never from the bundle.
        const suite = suiteOfConfig(o.engine.o.manager.config(chainId));
        const vh = await o.engine.o.manager.ensureVerified(chainId, sh.header.height, headerHash(sh.header, suite), deadlineMs);
        const rec = b.record;
        if (b.result !== 'record' || rec === null || rec === undefined)
          throw invalid('judicial_proof.bundle proves no record (an absent order authorises nothing)');
        proven = { key: rec.key, value: new Uint8Array(rec.value) };
        verifyProof(vh.stateRoot, utf8(proven.key), proven.value, proofFromWire(b.proof, 'judicial_proof.bundle.proof'), vh.hashSuite);
      } catch (e) {
        if (
          isCourtbridgeError(e) &&
          (e.reason === 'judicial_proof_invalid' ||
            e.code === ErrorCode.Unavailable ||
            e.reason === 'client_frozen' ||
            e.code === ErrorCode.DeadlineExceeded)
        )
          throw e;
        throw invalid(`judicial_proof.bundle does not verify against the judicial light client: ${(e as Error).message}`, e);
      }
      assertRecordIsOrder(proven.key, proven.value, order, nowMs);
      return;
    }
    // Not given: fetch, verify, fill in.
    const bundle = await o.engine.answer(
      { chainId, recordType: 'order', key, height: Number(jp.height) },
      { requestId: `judicial-proof:${req.actionId}:${++seq}`, requesterDid: o.requesterDid, maxStalenessMs: 0, deadlineMs },
    );
    if (bundle.record === undefined || bundle.record === null)
      throw invalid(
        `司法链证明 ${key} 不存在：先在司法链记录裁定 (courtbridge action order) / the judicial chain proves that ${key} does not exist: ` +
          'issue the order on the judicial chain first (`courtbridge action order` writes it and prints the order JWT)',
      );
    assertRecordIsOrder(key, bundle.record.value, order, nowMs);
    (jp as { bundle: MessageInput<'ProofBundle'> | null }).bundle = bundle;
  };
}
