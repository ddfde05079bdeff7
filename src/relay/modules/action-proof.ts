/**
 * What a court is told about an action is what can be proven (DESIGN.md "The bus is not trusted":
 * what a court is told about an action comes from the adapter's signed result, never from a bare
 * KV entry). An entry of `cb_actions` is written by gateways, but the bucket is only as safe as
 * the bus: an entry is served only as far as the signatures it carries prove it.
 *
 *   1. the court's order: `orderJwt` verifies (ES256K, purpose `order`, the court's key at its
 *      `iat`), its issuer is the entry's `courtDid` and a court, its audience an adapter of the
 *      entry's chain, and its claims are the entry's fields (src/judicial/order-check.ts: action
 *      id, chain, kind, target, amount, case). Else the entry is no action: `not_submitted`
 *      (GetAction/WatchActions: NOT_FOUND `unknown_action`; ListActions and the chain watch skip it).
 *   2. a final status (EXECUTED, REJECTED, FAILED) or DELIVERED: `outcome.signed_result` is an
 *      `action.result` envelope signed by a DID holding role `adapter` for the entry's chain (now:
 *      a revoked adapter proves nothing), whose ActionResult is for this action id and chain and
 *      says this status. The served `outcome.result` and `reason` are the signed ones. Else the
 *      action is served as what the order proves: PENDING, reason `action_state_unproven`, no
 *      outcome (a court polling it keeps waiting for the signed result; the tracker may still
 *      apply the real one).
 * Pure but for the signature checks (keys from the Authority, `nowMs` given).
 */
import { checkEnvelope } from '../../bus/envelope-verify.js';
import { encodeEnvelope, envelopeFromMessage } from '../../bus/envelope.js';
import { isCourtbridgeError } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import { verifyJwtFast } from '../../identity/jwt-verify-fast.js';
import type { VerifiedJwt } from '../../identity/jwt-inspect.js';
import { checkOrderRequest } from '../../judicial/order-check.js';
import { decodeMessage } from '../../wire/codec.js';
import type { MessageOutput } from '../../wire/messages.js';

type StoredAction = MessageOutput<'Action'>;

/** The reason an action whose stored status is not backed by a signed result is served with (as PENDING). */
export const ACTION_STATE_UNPROVEN = 'action_state_unproven';

/** Why a stored entry is not an action a court submitted. */
export type NotSubmittedReason = 'order_missing' | 'order_signature_invalid' | 'order_not_from_court' | 'order_mismatch';

export type ActionProof =
  /** The order and (when the status needs one) the signed result prove the entry as served. */
  | { kind: 'proven'; action: StoredAction }
  /** The order is proven, the stored status is not: served as PENDING, reason `action_state_unproven`. */
  | { kind: 'result_unproven'; action: StoredAction; why: string }
  /** No court's signed order for this entry: not an action. */
  | { kind: 'not_submitted'; reason: NotSubmittedReason; why: string };

/** Statuses only an adapter's signed result may set. */
const NEEDS_RESULT: ReadonlySet<string> = new Set([
  'ACTION_STATUS_DELIVERED',
  'ACTION_STATUS_EXECUTED',
  'ACTION_STATUS_REJECTED',
  'ACTION_STATUS_FAILED',
]);

/** Verified order JWTs (signature and issuer only; the claims are checked against each entry): one verify per order, not per read. */
export class OrderSignatureCache {
  private readonly verified = new Map<string, VerifiedJwt>();
  constructor(private readonly capacity = 4_096) {}

  /** The verified JWT, or the rejection thrown by `verifyJwtFast`. */
  verify(jwt: string, authority: Authority): VerifiedJwt {
    const hit = this.verified.get(jwt);
    if (hit !== undefined) return hit;
    const aud = unverifiedAudience(jwt);
    if (aud === undefined) throw new TypeError('no audience');
    const iat = unverifiedIat(jwt);
    // Judged as when the court signed: an old order stays the proof of the action it created.
    const v = verifyJwtFast(jwt, { audience: aud, purpose: 'order', nowMs: iat * 1000, authority });
    if (this.verified.size >= this.capacity) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(jwt, v);
    return v;
  }
}

export interface ActionProofContext {
  authority: Authority;
  nowMs: number;
  orders: OrderSignatureCache;
}

/** Prove `a` (a decoded `cb_actions` entry; `key` its KV key when read by key, checked against the id). */
export function proveAction(a: StoredAction, ctx: ActionProofContext, keyOf?: (actionId: string) => string, key?: string): ActionProof {
  if (key !== undefined && keyOf !== undefined && keyOf(a.actionId) !== key)
    return { kind: 'not_submitted', reason: 'order_mismatch', why: `entry ${key} holds action ${a.actionId}, stored under another key` };
  if (a.orderJwt === '') return { kind: 'not_submitted', reason: 'order_missing', why: 'the entry carries no order JWT' };
  let order: VerifiedJwt;
  try {
    order = ctx.orders.verify(a.orderJwt, ctx.authority);
  } catch (e) {
    return {
      kind: 'not_submitted',
      reason: 'order_signature_invalid',
      why: `order JWT: ${isCourtbridgeError(e) ? `${e.reason}: ${e.message}` : (e as Error).message}`,
    };
  }
  const iatMs = order.payload.iat * 1000;
  if (order.issuer !== a.courtDid || !ctx.authority.mayAct(order.issuer, 'court', undefined, iatMs).ok)
    return {
      kind: 'not_submitted',
      reason: 'order_not_from_court',
      why: `the order is signed by ${order.issuer}, the entry names ${a.courtDid}`,
    };
  const aud = typeof order.payload.aud === 'string' ? order.payload.aud : '';
  if (!ctx.authority.mayAct(aud, 'adapter', a.chainId, iatMs).ok)
    return { kind: 'not_submitted', reason: 'order_mismatch', why: `the order is addressed to ${aud}, not an adapter of ${a.chainId}` };
  const checked = checkOrderRequest({
    claims: order.payload,
    issuer: order.issuer,
    request: {
      actionId: a.actionId,
      chainId: a.chainId,
      kind: a.kind,
      target: a.target,
      amount: a.amount,
      judicialProof: { caseId: a.caseId },
    },
  });
  if (!checked.ok) return { kind: 'not_submitted', reason: 'order_mismatch', why: `${checked.reason}: ${checked.message}` };

  if (!NEEDS_RESULT.has(a.status)) return { kind: 'proven', action: { ...a, outcome: null } };
  const result = provenResult(a, ctx);
  if (typeof result === 'string') {
    const { outcome: _dropped, ...rest } = a;
    return {
      kind: 'result_unproven',
      action: { ...rest, outcome: null, status: 'ACTION_STATUS_PENDING', reason: ACTION_STATE_UNPROVEN },
      why: result,
    };
  }
  return {
    kind: 'proven',
    action: { ...a, reason: result.reason, outcome: { result, signedResult: a.outcome!.signedResult, newState: null } },
  };
}

/** The signed ActionResult behind `a`'s status, or why there is none. */
export function provenResult(a: StoredAction, ctx: ActionProofContext): MessageOutput<'ActionResult'> | string {
  const env = a.outcome?.signedResult;
  if (env === null || env === undefined) return `status ${a.status} without the adapter's signed result`;
  const wire = encodeEnvelope(envelopeFromMessage(env));
  // Its age is not judged (a result stays the proof for as long as it is kept); its signer must
  // hold role adapter for this chain now (a revoked adapter proves nothing).
  const r = checkEnvelope(wire, {
    authority: ctx.authority,
    nowMs: ctx.nowMs,
    maxAgeMs: Number.MAX_SAFE_INTEGER,
    maxFutureSkewMs: 60_000,
    chain: a.chainId,
  });
  if (r.kind !== 'accepted') return `signed result does not verify: ${r.drop.reason}`;
  if (r.envelope.type !== 'action.result') return `signed envelope is a ${r.envelope.type}, not an action.result`;
  let result: MessageOutput<'ActionResult'>;
  try {
    result = decodeMessage('ActionResult', r.envelope.body);
  } catch {
    return 'signed result undecodable';
  }
  if (result.actionId !== a.actionId) return `signed result is for action ${result.actionId}`;
  if (result.chainId !== a.chainId) return `signed result is for chain ${result.chainId}`;
  if (result.status !== a.status) return `signed result says ${result.status}, the entry ${a.status}`;
  return result;
}

/** A JWT's claim read before verification (only to choose what to verify it for). */
function unverifiedClaim(jwt: string, name: string): unknown {
  const p = jwt.split('.')[1];
  if (p === undefined) return undefined;
  try {
    return (JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

export function unverifiedAudience(jwt: string): string | undefined {
  const aud = unverifiedClaim(jwt, 'aud');
  return typeof aud === 'string' ? aud : undefined;
}

function unverifiedIat(jwt: string): number {
  const iat = unverifiedClaim(jwt, 'iat');
  if (typeof iat !== 'number' || !Number.isSafeInteger(iat)) throw new TypeError('no iat');
  return iat;
}
