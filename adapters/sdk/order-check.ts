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
 *   4. claims readable; they name THIS chain   order_malformed | order_wrong_chain
 *   5. the request matches the claims (action id, kind, target, amount, case id)   order_mismatch
 *   6. the kind is one of the definition's actions, amount as its spec says
 *                                              unknown_action | amount_required | amount_not_allowed | invalid_record
 *   7. the judicial proof: present, for the judicial chain, key `order/<orderId>`; its light
 *      block updates our judicial light client (bisecting through light blocks fetched from the
 *      judicial chain when its validator set changed past the 1/3 rule: judicial-sync.ts); the
 *      SMT proof verifies against the verified state root; the record (the judicial schema's
 *      `enforcement_order`, order.ts) says what the order says and has not expired
 *      A judicial header verified by skipping counts only once a witness (a judicial adapter
 *      party) confirmed it (judicial-trust.ts `judicialWitness`); until then checkOrder throws
 *      UNAVAILABLE `judicial_header_unconfirmed` (the order waits, redelivered, never executed)
 *         judicial_proof_missing | judicial_proof_malformed | judicial_header_invalid |
 *         judicial_client_frozen | judicial_proof_invalid | judicial_record_malformed |
 *         judicial_record_mismatch | judicial_order_expired
 *   8. the jti authorises only this action      order_replayed | order_replay_unavailable
 */
import { headerHash } from '../../src/chain/header.js';
import { equalBytes, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../src/errors.js';
import type { Authority } from '../../src/identity/authority.js';
import { verifyJwtFastAsync } from '../../src/identity/jwt-verify-fast.js';
import type { VerifiedJwt } from '../../src/identity/jwt-inspect.js';
import type { LightClient } from '../../src/lightclient/light-client.js';
import { verifyProof } from '../../src/proof/verify.js';
import type { MessageOutput } from '../../src/wire/messages.js';
import { checkAction, type ActionInput, type AdapterDefinition } from './definition.js';
import { syncJudicialClient, type LightBlockFetcher } from './judicial-sync.js';
import type { Witness } from '../../src/lightclient/witness.js';
import { judicialOrderRecordKey } from '../../src/judicial/record-keys.js';
import { judicialRecordVerdict, parseOrder, type JudicialOrder } from '../../src/judicial/order.js';
import { wireKindOf } from '../../src/judicial/wire-kind.js';
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
  | { kind: 'rejected'; reason: string; detail: string };

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

class Rejection extends Error {
  constructor(
    readonly reason: string,
    detail: string,
  ) {
    super(detail);
  }
}
const fail = (reason: string, detail: string): never => {
  throw new Rejection(reason, detail);
};

/** Verify `req` (decoded ActionRequest). Never throws for bad input: a rejection is a verdict. */
export async function checkOrder(req: MessageOutput<'ActionRequest'>, ctx: OrderCheckContext): Promise<OrderVerdict> {
  try {
    return await check(req, ctx);
  } catch (e) {
    if (e instanceof Rejection) return reject(e.reason, e.message);
    throw e;
  }
}

async function check(req: MessageOutput<'ActionRequest'>, ctx: OrderCheckContext): Promise<OrderVerdict> {
  const def = ctx.definition;
  // 1. shape and destination
  if (typeof req.actionId !== 'string' || req.actionId.length === 0) fail('malformed_request', 'actionId: required');
  if (req.chainId !== def.chainId) fail('wrong_chain', `request is for chain ${JSON.stringify(req.chainId).slice(0, 70)}, this adapter serves ${def.chainId}`);

  // 2. the order JWT
  if (typeof req.orderJwt !== 'string' || req.orderJwt.length === 0) fail('order_missing', 'orderJwt: required (the court\'s signed order)');
  let jwt: VerifiedJwt;
  try {
    jwt = await verifyJwtFastAsync(req.orderJwt, { audience: ctx.adapterDid, purpose: 'order', nowMs: ctx.nowMs, authority: ctx.authority });
  } catch (e) {
    if (isCourtbridgeError(e)) return reject(`order_${e.reason}`, `order JWT: ${e.message}`);
    throw e;
  }
  const iatMs = jwt.payload.iat * 1000;

  // 3. the issuer is a court, when it signed and now (a revocation takes effect at once)
  for (const at of [iatMs, ctx.nowMs]) {
    const role = ctx.authority.mayAct(jwt.issuer, 'court', undefined, at);
    if (!role.ok) fail('order_issuer_not_court', `${jwt.issuer} may not order actions: ${role.message}`);
  }

  // 4. claims, for this chain
  let order: JudicialOrder;
  try {
    order = parseOrder(jwt.payload, jwt.issuer, 'order claims', 'order_malformed');
  } catch (e) {
    return reject('order_malformed', (e as Error).message);
  }
  if (order.chain !== def.chainId) fail('order_wrong_chain', `the order is addressed to chain ${order.chain}, not ${def.chainId}`);

  // 5. the request is what the court ordered
  const mismatch = (field: string, got: unknown, want: unknown): never =>
    fail('order_mismatch', `request ${field} ${JSON.stringify(got)?.slice(0, 80)} differs from the order's ${JSON.stringify(want)?.slice(0, 80)}`);
  if (req.actionId !== order.actionId) mismatch('actionId', req.actionId, order.actionId);
  if (req.kind !== wireKindOf(order.kind)) mismatch('kind', req.kind, wireKindOf(order.kind));
  if (req.amount !== order.amount) mismatch('amount', req.amount, order.amount);
  const spec = def.actions.find((a) => a.kind === order.kind);
  if (spec === undefined) fail('unknown_action', `chain ${def.chainId} has no action ${order.kind}`);
  const want = targetOf(def, spec!, order.target);
  if (want === undefined) fail('order_mismatch', `the order's target ${JSON.stringify(order.target).slice(0, 80)} is not a ${spec!.targetRecordType} of chain ${def.chainId}`);
  if (!want!.recordTypes.includes(req.target?.recordType ?? '')) mismatch('target.recordType', req.target?.recordType, want!.recordTypes[0]);
  if (req.target?.key !== want!.key) mismatch('target.key', req.target?.key, want!.key);
  const jp = req.judicialProof;
  if (jp === null || jp === undefined) fail('judicial_proof_missing', 'judicialProof: required (the order on the judicial chain)');
  if (jp!.caseId !== order.caseId) mismatch('judicialProof.caseId', jp!.caseId, order.caseId);

  // 6. an action this chain knows, well-formed
  const action: ActionInput = { actionId: order.actionId, kind: order.kind, target: order.target, court: order.court, caseId: order.caseId, orderId: order.orderId };
  if (order.amount !== '') action.amount = order.amount;
  try {
    checkAction(def, action);
  } catch (e) {
    if (isCourtbridgeError(e)) return reject(e.reason, e.message);
    throw e;
  }

  // 7. the judicial proof
  const judicial = await checkJudicialProof(jp!, order, ctx);

  // 8. the jti binds to this action only
  const verdict = await ctx.replay.claim(jwt.issuer, jwt.payload.jti, order.actionId);
  if (verdict === 'replayed') fail('order_replayed', `order jti ${jwt.payload.jti} already authorised another action`);
  if (verdict === 'unavailable') fail('order_replay_unavailable', 'the order replay guard could not record the jti (fail closed)');

  return { kind: 'accepted', action, order, evidence: { court: jwt.issuer, courtKid: jwt.kid, jti: jwt.payload.jti, ...judicial } };
}

/**
 * The state key an action's target names, and the record types a request may call it. A spec
 * whose `targetRecordType` is a record type: key = prefix + target. A spec naming several types
 * (`copyright|trademark|patent`, IP): the target IS the state key, of one of those types; the
 * request may name that type or the spec's list.
 */
function targetOf(def: OrderCheckContext['definition'], spec: { targetRecordType: string }, target: string): { key: string; recordTypes: string[] } | undefined {
  const rt = def.recordTypes.find((r) => r.name === spec.targetRecordType);
  if (rt !== undefined) return { key: `${rt.keyPrefix}${target}`, recordTypes: [rt.name] };
  const names = spec.targetRecordType.split('|');
  const byKey = def.recordTypes.find((r) => names.includes(r.name) && target.startsWith(r.keyPrefix) && target.length > r.keyPrefix.length);
  return byKey === undefined ? undefined : { key: target, recordTypes: [byKey.name, spec.targetRecordType] };
}

async function checkJudicialProof(
  jp: NonNullable<MessageOutput<'ActionRequest'>['judicialProof']>,
  order: JudicialOrder,
  ctx: OrderCheckContext,
): Promise<Pick<OrderEvidence, 'judicialChainId' | 'judicialHeight' | 'judicialHeaderHash' | 'judicialRecordKey' | 'judicialIntermediate' | 'judicialExpiresAtMs'>> {
  const b = jp.bundle;
  if (b === null || b === undefined) fail('judicial_proof_missing', 'judicialProof.bundle: required (header, proof and record)');
  const bundle = b!;
  const key = judicialOrderRecordKey(order.orderId);
  if (jp.recordKey !== '' && jp.recordKey !== key) fail('judicial_record_mismatch', `judicialProof.recordKey ${jp.recordKey} is not ${key}`);
  const record = bundle.record;
  if (bundle.result !== 'record' || record === null || record === undefined) fail('judicial_proof_invalid', 'the bundle proves no record (an absent order authorises nothing)');
  if (record!.chainId !== ctx.judicial.chainId) fail('judicial_record_mismatch', `the record is on chain ${record!.chainId}, not the judicial chain ${ctx.judicial.chainId}`);
  if (record!.key !== key) fail('judicial_record_mismatch', `the record key ${record!.key} is not ${key}`);

  let sh, vs, proof;
  try {
    sh = signedHeaderFromWire(bundle.signedHeader, 'bundle.signedHeader');
    vs = validatorSetFromWire(bundle.validatorSet, 'bundle.validatorSet');
    proof = proofFromWire(bundle.proof, 'bundle.proof');
  } catch (e) {
    if (isCourtbridgeError(e)) return fail('judicial_proof_malformed', e.message);
    throw e;
  }
  if (sh.header.chainId !== ctx.judicial.chainId) fail('judicial_header_invalid', `the header is of chain ${sh.header.chainId}, not ${ctx.judicial.chainId}`);

  // Our own light client of the judicial chain decides whether the header counts.
  let intermediate: number[] = [];
  try {
    const synced = await syncJudicialClient(ctx.judicial.client, { signedHeader: sh, validatorSet: vs }, ctx.nowMs, {
      ...(ctx.judicial.fetchLightBlock ? { fetch: ctx.judicial.fetchLightBlock } : {}),
      ...(ctx.judicial.witness ? { witness: ctx.judicial.witness } : {}),
    });
    intermediate = synced.intermediate;
    const out = synced.outcome;
    if (out.kind === 'frozen') fail('judicial_client_frozen', `the judicial light client froze on this header: ${out.frozen.misbehaviour.kind}${out.witness === undefined ? '' : ` (witness ${out.witness})`}`);
    // Only a header verified sequentially or confirmed by a witness may carry an order. Held is
    // not final (a witness may answer later): UNAVAILABLE, so the consumer redelivers the order
    // and, after its last delivery, reports it failed with this reason; it is never executed.
    if (out.kind === 'held') {
      throw new CourtbridgeError(ErrorCode.Unavailable, 'judicial_header_unconfirmed', `judicial header ${sh.header.height} was verified by skipping and is held, not trusted: ${out.reason}: ${out.detail}`);
    }
  } catch (e) {
    if (e instanceof Rejection || (isCourtbridgeError(e) && e.reason === 'judicial_header_unconfirmed')) throw e;
    if (isCourtbridgeError(e)) fail(e.reason === 'client_frozen' ? 'judicial_client_frozen' : 'judicial_header_invalid', `judicial header ${sh.header.height}: ${e.reason}: ${e.message}`);
    throw e;
  }
  const hash = headerHash(sh.header);
  let root;
  try {
    root = await ctx.judicial.client.verifiedStateRoot({ kind: 'at', height: sh.header.height }, ctx.nowMs);
  } catch (e) {
    if (isCourtbridgeError(e)) return fail(e.reason === 'client_frozen' ? 'judicial_client_frozen' : 'judicial_header_invalid', e.message);
    throw e;
  }
  if (!equalBytes(root.headerHash, hash)) fail('judicial_header_invalid', `the trusted judicial header at ${sh.header.height} is another one`);
  const value = Uint8Array.from(record!.value);
  try {
    verifyProof(root.stateRoot, utf8(key), value, proof);
  } catch (e) {
    if (isCourtbridgeError(e)) return fail('judicial_proof_invalid', `proof of ${key}: ${e.reason}: ${e.message}`);
    throw e;
  }
  // The same rule the gateway applied before accepting the action (order.ts judicialRecordVerdict).
  const verdict = judicialRecordVerdict(key, value, order, ctx.nowMs);
  if (verdict.kind === 'refused') return fail(verdict.reason, verdict.message);
  return { judicialChainId: ctx.judicial.chainId, judicialHeight: sh.header.height, judicialHeaderHash: hash, judicialRecordKey: key, judicialIntermediate: intermediate, judicialExpiresAtMs: verdict.record.expiresAtMs };
}
