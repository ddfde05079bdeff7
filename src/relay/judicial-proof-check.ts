/**
 * The ActionService's deep check of an order's judicial proof (DESIGN.md "Actions": an action
 * travels "together with proof that the underlying case or decision exists on the judicial
 * chain"), run by the gateway before it forwards the action, with the query path's verifier:
 *
 *   - a proof given by the court (`judicial_proof.bundle`): its header must be one the gateway's
 *     judicial light client verifies (`ensureVerified`), and its record must be proven against
 *     that header's state root;
 *   - none given (bundle.proto: "when unset the gateway fetches and verifies it and fills it in
 *     before forwarding"): the gateway queries the judicial chain for `record_key` (or
 *     `order/<orderId>` from the order's claims), verifies the answer like any query, and puts
 *     the resulting bundle into the request the adapter receives.
 *
 * Either way an absent order authorises nothing. The adapter checks the bundle again against its
 * own judicial light client (adapters/sdk/order-check.ts); this check refuses early, with a
 * status the court sees at once instead of a REJECTED action later.
 */
import { headerHash } from '../chain/header.js';
import { fromBase64url, fromUtf8, utf8 } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../errors.js';
import { verifyProof } from '../proof/verify.js';
import { proofFromWire, signedHeaderFromWire } from '../verify/bundle-convert.js';
import type { MessageInput } from '../wire/messages.js';
import type { JudicialProofCheck } from './services/actions.js';
import type { QueryEngine } from './services/query.js';

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

/** `orderId` claim of an order JWT the ActionService already verified (step 3). */
function orderIdOf(orderJwt: string): string | undefined {
  try {
    const payload = JSON.parse(fromUtf8(fromBase64url(orderJwt.split('.')[1] ?? ''))) as { orderId?: unknown };
    return typeof payload.orderId === 'string' && payload.orderId !== '' ? payload.orderId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Build the check.
 * @throws (from the check) FAILED_PRECONDITION `judicial_proof_invalid` (no such order, a proof
 *   that does not verify); the light client's own statuses (`client_frozen`, UNAVAILABLE ...)
 */
export function judicialProofCheck(o: JudicialProofCheckOptions): JudicialProofCheck {
  const chainId = o.judicialChainId ?? 'judicial';
  const budgetMs = o.budgetMs ?? 5_000;
  let seq = 0;
  return async (req, caseId, nowMs) => {
    const jp = req.judicialProof;
    if (jp === null) throw invalid(`judicial_proof: required, for the order's case ${caseId}`);
    const key = jp.recordKey !== '' ? jp.recordKey : `order/${orderIdOf(req.orderJwt) ?? ''}`;
    if (key === 'order/') throw invalid('judicial_proof.record_key: required when the order JWT names no orderId');
    const deadlineMs = nowMs + budgetMs;
    const b = jp.bundle;
    if (b !== null && b !== undefined) {
      // Given by the court: the header must verify under our judicial light client, the record under its root.
      try {
        const sh = signedHeaderFromWire(b.signedHeader, 'judicial_proof.bundle.signed_header');
        if (sh.header.chainId !== chainId) throw invalid(`judicial_proof.bundle: header of chain ${sh.header.chainId}, not ${chainId}`);
        const vh = await o.engine.o.manager.ensureVerified(chainId, sh.header.height, headerHash(sh.header), deadlineMs);
        const rec = b.record;
        if (b.result !== 'record' || rec === null || rec === undefined) throw invalid('judicial_proof.bundle proves no record (an absent order authorises nothing)');
        if (rec.key !== key) throw invalid(`judicial_proof.bundle proves ${rec.key}, not ${key}`);
        verifyProof(vh.stateRoot, utf8(key), new Uint8Array(rec.value), proofFromWire(b.proof, 'judicial_proof.bundle.proof'));
        return;
      } catch (e) {
        if (isCourtbridgeError(e) && (e.reason === 'judicial_proof_invalid' || e.code === ErrorCode.Unavailable || e.reason === 'client_frozen' || e.code === ErrorCode.DeadlineExceeded)) throw e;
        throw invalid(`judicial_proof.bundle does not verify against the judicial light client: ${(e as Error).message}`, e);
      }
    }
    // Not given: fetch, verify, fill in.
    const bundle = await o.engine.answer(
      { chainId, recordType: 'order', key, height: Number(jp.height) },
      { requestId: `judicial-proof:${req.actionId}:${++seq}`, requesterDid: o.requesterDid, maxStalenessMs: 0, deadlineMs },
    );
    if (bundle.record === undefined || bundle.record === null) throw invalid(`the judicial chain proves that ${key} does not exist: issue the order on the judicial chain first`);
    (jp as { bundle: MessageInput<'ProofBundle'> | null }).bundle = bundle;
  };
}
