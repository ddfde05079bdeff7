/**
 * Verification of an action request before anything is executed (DESIGN.md "Actions": the
 * adapter checks the court's signed order and the order's proof on the judicial chain before
 * it executes). Pure except its lookups: the Authority (in memory), the judicial light client
 * (its trusted store) and the order replay guard; time is `nowMs`, never the wall clock.
 *
 * Checks, in this order (cheap and stateless first; the replay guard last, so only an
 * authenticated order can bind a jti), each failure a named reason:
 *   1. request shape and destination           malformed_request | wrong_chain
 *   2. the order JWT (ES256K, purpose `order`, audience = this adapter's DID, key of the issuer
 *      at iat, low-S, not expired)              order_missing | order_<jwt reason> (order_bad_signature, ...)
 *   3. the issuer holds the court role at iat and now   order_issuer_not_court
 *   4-5. the request against the order's claims, by the check the gateway runs too
 *      (src/judicial/order-check.ts, given this definition: the kind is one of its actions, the
 *      target exactly its state key)           order_malformed | order_wrong_chain | order_mismatch |
 *                                              unknown_action | judicial_proof_missing
 *   6. the action as the definition reads it, amount as its spec says
 *                                              amount_required | amount_not_allowed | invalid_record
 *   7. the judicial proof: present, for the judicial chain, key `order/<orderId>`; its light
 *      block updates our judicial light client (bisecting through light blocks fetched from the
 *      judicial chain when its validator set changed past the 1/3 rule: judicial-sync.ts); the
 *      SMT proof verifies against the verified state root; the record (the judicial schema's
 *      `enforcement_order`, src/judicial/order.ts) says what the order says and has not expired
 *      A judicial header verified by skipping counts only once a witness (a judicial adapter
 *      party) confirmed it (judicial-trust.ts `judicialWitness`); until then checkOrder throws
 *      UNAVAILABLE `judicial_header_unconfirmed` (the order waits, redelivered, never executed)
 *         judicial_proof_missing | judicial_proof_malformed | judicial_header_invalid |
 *         judicial_client_frozen | judicial_proof_invalid | judicial_record_malformed |
 *         judicial_record_mismatch | judicial_order_expired
 *   8. the jti authorises only this action      order_replayed
 *      The replay guard unreachable (JetStream between leaders, a node down) is not a verdict on
 *      the order: `unavailable` (`order_replay_unavailable`), and the caller retries (the action
 *      consumer holds or redelivers the action; it never publishes a rejection for it).
 */
import { headerHash } from '../../src/chain/header.js';
import type { SignedHeader } from '../../src/chain/signed-header.js';
import type { ValidatorSet } from '../../src/chain/validator-set.js';
import { equalBytes, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../src/errors.js';
import type { Authority } from '../../src/identity/authority.js';
import { verifyJwtFastAsync } from '../../src/identity/jwt-verify-fast.js';
import type { VerifiedJwt } from '../../src/identity/jwt-inspect.js';
import type { LightClient, VerifiedStateRoot } from '../../src/lightclient/light-client.js';
import type { SmtProof } from '../../src/proof/smt-proof.js';
import { verifyProof } from '../../src/proof/verify.js';
import type { MessageOutput } from '../../src/wire/messages.js';
import { checkAction, type ActionInput, type AdapterDefinition } from './definition.js';
import { syncJudicialClient, type JudicialSyncResult, type LightBlockFetcher } from './judicial-sync.js';
import type { Witness } from '../../src/lightclient/witness.js';
import { judicialOrderRecordKey } from '../../src/judicial/record-keys.js';
import { judicialRecordVerdict, type JudicialOrder } from '../../src/judicial/order.js';
import { checkOrderRequest } from '../../src/judicial/order-check.js';
import type { OrderReplayGuard } from './order-replay.js';
import { proofFromWire, signedHeaderFromWire, validatorSetFromWire } from '../../src/verify/bundle-convert.js';

/** What an accepted order rests on (STYLE.md 5: results carry their evidence). */
export interface OrderEvidence {
  court: string;
  courtKid: string;
  jti: string;
  judicialChainId: string;
  judicialHeight: number;
  judicialHeaderHash: Uint8Array;
  judicialRecordKey: string;
  /** Intermediate judicial heights our light client verified to reach `judicialHeight`. */
  judicialIntermediate: number[];
  /** Until when the judicial record says the order may be executed. */
  judicialExpiresAtMs: number;
}

export type OrderVerdict =
  | { kind: 'accepted'; action: ActionInput; order: JudicialOrder; evidence: OrderEvidence }
  | { kind: 'rejected'; reason: string; detail: string }
  /** Not decided: a store the check needs did not answer; ask again later (never final). */
  | { kind: 'unavailable'; reason: 'order_replay_unavailable'; detail: string };

export interface OrderCheckContext {
  definition: Pick<AdapterDefinition, 'chainId' | 'actions' | 'recordTypes'>;
  /** This adapter's DID: the order's `aud` must be it. */
  adapterDid: string;
  authority: Authority;
  /**
   * Our judicial light client; `fetchLightBlock` (optional) lets it bisect a validator-set
   * change; `witness` confirms judicial headers verified by skipping (without it such a header
   * is held and the order refused `judicial_header_unconfirmed`).
   */
  judicial: { chainId: string; client: LightClient; fetchLightBlock?: LightBlockFetcher; witness?: Witness };
  replay: OrderReplayGuard;
  nowMs: number;
}

const reject = (reason: string, detail: string): OrderVerdict => ({ kind: 'rejected', reason, detail });
const rejected = (reason: string, detail: string): { kind: 'rejected'; reason: string; detail: string } => ({
  kind: 'rejected',
  reason,
  detail,
});

/** Verify `req` (decoded ActionRequest). Never throws for bad input: a rejection is a verdict. */
export async function checkOrder(req: MessageOutput<'ActionRequest'>, ctx: OrderCheckContext): Promise<OrderVerdict> {
  const def = ctx.definition;
  // 1. shape and destination
  if (typeof req.actionId !== 'string' || req.actionId.length === 0) return reject('malformed_request', 'actionId: required');
  if (req.chainId !== def.chainId)
    return reject('wrong_chain', `request is for chain ${JSON.stringify(req.chainId).slice(0, 70)}, this adapter serves ${def.chainId}`);

  // 2. the order JWT
  if (typeof req.orderJwt !== 'string' || req.orderJwt.length === 0)
    return reject('order_missing', "orderJwt: required (the court's signed order)");
  let jwt: VerifiedJwt;
  try {
    jwt = await verifyJwtFastAsync(req.orderJwt, {
      audience: ctx.adapterDid,
      purpose: 'order',
      nowMs: ctx.nowMs,
      authority: ctx.authority,
    });
  } catch (e) {
    if (isCourtbridgeError(e)) return reject(`order_${e.reason}`, `order JWT: ${e.message}`);
    throw e;
  }
  const iatMs = jwt.payload.iat * 1000;

  // 3. the issuer is a court, when it signed and now (a revocation takes effect at once)
  for (const at of [iatMs, ctx.nowMs]) {
    const role = ctx.authority.mayAct(jwt.issuer, 'court', undefined, at);
    if (!role.ok) return reject('order_issuer_not_court', `${jwt.issuer} may not order actions: ${role.message}`);
  }

  // 4-5. the request is what the court ordered, for this chain (the gateway's check too)
  const checked = checkOrderRequest({ claims: jwt.payload, issuer: jwt.issuer, request: req, schema: def });
  if (!checked.ok) return reject(checked.reason, checked.message);
  const order = checked.order;
  const jp = req.judicialProof!;

  // 6. an action this chain knows, well-formed
  const action: ActionInput = {
    actionId: order.actionId,
    kind: order.kind,
    target: order.target,
    court: order.court,
    caseId: order.caseId,
    orderId: order.orderId,
  };
  if (order.amount !== '') action.amount = order.amount;
  try {
    checkAction(def, action);
  } catch (e) {
    if (isCourtbridgeError(e)) return reject(e.reason, e.message);
    throw e;
  }

  // 7. the judicial proof
  const judicial = await checkJudicialProof(jp, order, ctx);
  if (judicial.kind === 'rejected') return judicial;

  // 8. the jti binds to this action only
  const verdict = await ctx.replay.claim(jwt.issuer, jwt.payload.jti, order.actionId);
  if (verdict === 'replayed') return reject('order_replayed', `order jti ${jwt.payload.jti} already authorised another action`);
  if (verdict === 'unavailable')
    return {
      kind: 'unavailable',
      reason: 'order_replay_unavailable',
      detail: 'the order replay guard could not record the jti; not executed now, retried when it answers',
    };

  return {
    kind: 'accepted',
    action,
    order,
    evidence: { court: jwt.issuer, courtKid: jwt.kid, jti: jwt.payload.jti, ...judicial.evidence },
  };
}

type JudicialEvidence = Pick<
  OrderEvidence,
  'judicialChainId' | 'judicialHeight' | 'judicialHeaderHash' | 'judicialRecordKey' | 'judicialIntermediate' | 'judicialExpiresAtMs'
>;

async function checkJudicialProof(
  jp: NonNullable<MessageOutput<'ActionRequest'>['judicialProof']>,
  order: JudicialOrder,
  ctx: OrderCheckContext,
): Promise<{ kind: 'proven'; evidence: JudicialEvidence } | { kind: 'rejected'; reason: string; detail: string }> {
  const bundle = jp.bundle;
  if (bundle === null || bundle === undefined)
    return rejected('judicial_proof_missing', 'judicialProof.bundle: required (header, proof and record)');
  const key = judicialOrderRecordKey(order.orderId);
  if (jp.recordKey !== '' && jp.recordKey !== key)
    return rejected('judicial_record_mismatch', `judicialProof.recordKey ${jp.recordKey} is not ${key}`);
  const record = bundle.record;
  if (bundle.result !== 'record' || record === null || record === undefined)
    return rejected('judicial_proof_invalid', 'the bundle proves no record (an absent order authorises nothing)');
  if (record.chainId !== ctx.judicial.chainId)
    return rejected('judicial_record_mismatch', `the record is on chain ${record.chainId}, not the judicial chain ${ctx.judicial.chainId}`);
  if (record.key !== key) return rejected('judicial_record_mismatch', `the record key ${record.key} is not ${key}`);

  let sh: SignedHeader;
  let vs: ValidatorSet;
  let proof: SmtProof;
  try {
    sh = signedHeaderFromWire(bundle.signedHeader, 'bundle.signedHeader');
    vs = validatorSetFromWire(bundle.validatorSet, 'bundle.validatorSet');
    proof = proofFromWire(bundle.proof, 'bundle.proof');
  } catch (e) {
    if (isCourtbridgeError(e)) return rejected('judicial_proof_malformed', e.message);
    throw e;
  }
  if (sh.header.chainId !== ctx.judicial.chainId)
    return rejected('judicial_header_invalid', `the header is of chain ${sh.header.chainId}, not ${ctx.judicial.chainId}`);

  // Our own light client of the judicial chain decides whether the header counts.
  let synced: JudicialSyncResult;
  try {
    synced = await syncJudicialClient(ctx.judicial.client, { signedHeader: sh, validatorSet: vs }, ctx.nowMs, {
      ...(ctx.judicial.fetchLightBlock ? { fetch: ctx.judicial.fetchLightBlock } : {}),
      ...(ctx.judicial.witness ? { witness: ctx.judicial.witness } : {}),
    });
  } catch (e) {
    if (isCourtbridgeError(e))
      return rejected(
        e.reason === 'client_frozen' ? 'judicial_client_frozen' : 'judicial_header_invalid',
        `judicial header ${sh.header.height}: ${e.reason}: ${e.message}`,
      );
    throw e;
  }
  const out = synced.outcome;
  if (out.kind === 'frozen')
    return rejected(
      'judicial_client_frozen',
      `the judicial light client froze on this header: ${out.frozen.misbehaviour.kind}${out.witness === undefined ? '' : ` (witness ${out.witness})`}`,
    );
  // Only a header verified sequentially or confirmed by a witness may carry an order. Held is
  // not final (a witness may answer later): UNAVAILABLE, so the consumer redelivers the order
  // and, after its last delivery, reports it failed with this reason; it is never executed.
  if (out.kind === 'held') {
    throw new CourtbridgeError(
      ErrorCode.Unavailable,
      'judicial_header_unconfirmed',
      `judicial header ${sh.header.height} was verified by skipping and is held, not trusted: ${out.reason}: ${out.detail}`,
    );
  }
  let root: VerifiedStateRoot;
  try {
    root = await ctx.judicial.client.verifiedStateRoot({ kind: 'at', height: sh.header.height }, ctx.nowMs);
  } catch (e) {
    if (isCourtbridgeError(e))
      return rejected(e.reason === 'client_frozen' ? 'judicial_client_frozen' : 'judicial_header_invalid', e.message);
    throw e;
  }
  // Hashed and proven under the judicial light client's suite (made from the chain's registry entry).
  const hash = headerHash(sh.header, root.hashSuite);
  if (!equalBytes(root.headerHash, hash))
    return rejected('judicial_header_invalid', `the trusted judicial header at ${sh.header.height} is another one`);
  const value = Uint8Array.from(record.value);
  try {
    verifyProof(root.stateRoot, utf8(key), value, proof, root.hashSuite);
  } catch (e) {
    if (isCourtbridgeError(e)) return rejected('judicial_proof_invalid', `proof of ${key}: ${e.reason}: ${e.message}`);
    throw e;
  }
  // The same rule the gateway applied before accepting the action (src/judicial/order.ts judicialRecordVerdict).
  const verdict = judicialRecordVerdict(key, value, order, ctx.nowMs);
  if (verdict.kind === 'refused') return rejected(verdict.reason, verdict.message);
  return {
    kind: 'proven',
    evidence: {
      judicialChainId: ctx.judicial.chainId,
      judicialHeight: sh.header.height,
      judicialHeaderHash: hash,
      judicialRecordKey: key,
      judicialIntermediate: synced.intermediate,
      judicialExpiresAtMs: verdict.record.expiresAtMs,
    },
  };
}
