/**
 * The one check of an action request against the court's signed order: the gateway runs it before
 * it accepts the action (src/relay/modules/actions.ts) and the adapter before it executes it
 * (adapters/sdk/order-check.ts), so an order the gateway accepts is one the adapter accepts.
 * Pure: the claims are those of an order JWT already verified by the caller (its issuer is the
 * court); no I/O, no clock.
 *
 * Rules, in order, each refusal named:
 *   1. the claims read as an order (order.ts `parseOrder`)             order_malformed
 *   2. the order is addressed to the request's chain                    order_wrong_chain
 *   3. the request states what the order states: action id, wire kind of the order's kind, amount
 *                                                                       order_mismatch (naming the field)
 *   4. when the chain's schema is known (the adapter's definition): the order's kind is one of
 *      its actions, and the request's target is exactly the state key that kind's record type
 *      gives the order's target, under that record type               unknown_action | order_mismatch
 *      (a gateway whose catalog lacks the chain checks only rule 5's suffix)
 *   5. the order names a target (non-empty) and the request's target key ends with it   order_mismatch
 *   6. a judicial proof is given, for the order's case                  judicial_proof_missing | order_mismatch
 * Proving the order on the judicial chain is the caller's next step (order.ts `judicialRecordVerdict`).
 */
import type { RecordTypeSpec } from '../chain/ledger/record-type.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../errors.js';
import { parseOrder, type JudicialOrder } from './order.js';
import { wireKindOf } from './wire-kind.js';

/** Why a request is refused against its order. */
export type OrderRejection = 'order_malformed' | 'order_wrong_chain' | 'order_mismatch' | 'unknown_action' | 'judicial_proof_missing';

/** The fields of an ActionRequest / SubmitActionRequest the order is checked against. */
export interface OrderCheckRequest {
  actionId: string;
  chainId: string;
  /** The wire's `ActionKind` name, e.g. `ACTION_KIND_FREEZE`. */
  kind: string;
  target: { recordType: string; key: string } | null | undefined;
  amount: string;
  judicialProof: { caseId: string } | null | undefined;
}

/** What a chain's definition says about its actions (adapters/sdk/definition.ts `ActionSpec`, in part). */
export interface OrderCheckAction {
  kind: string;
  /** A record type name, or several joined by `|` (the target is then the state key itself). */
  targetRecordType: string;
}

/** The chain's actions and record types, when the checker holds them (the adapter from its definition, the gateway from its catalog). */
export interface OrderCheckSchema {
  chainId: string;
  actions: readonly OrderCheckAction[];
  recordTypes: readonly Pick<RecordTypeSpec, 'name' | 'keyPrefix'>[];
}

export interface OrderCheckInput {
  /** The verified order JWT's payload. */
  claims: unknown;
  /** The JWT's issuer: the ordering court. */
  issuer: string;
  request: OrderCheckRequest;
  schema?: OrderCheckSchema;
}

/** The order the request carries out, or why not (STYLE.md 4: a named union, with the evidence). */
export type OrderCheckVerdict =
  | { ok: true; order: JudicialOrder; targetKey: string }
  | { ok: false; reason: OrderRejection; message: string; field?: string };

const refused = (reason: OrderRejection, message: string, field?: string): OrderCheckVerdict =>
  field === undefined ? { ok: false, reason, message } : { ok: false, reason, message, field };

const mismatch = (field: string, got: unknown, want: unknown): OrderCheckVerdict =>
  refused(
    'order_mismatch',
    `request ${field} ${JSON.stringify(got)?.slice(0, 80)} differs from the order's ${JSON.stringify(want)?.slice(0, 80)}`,
    field,
  );

/** Check `request` against the order its verified JWT claims (rules in the file header). */
export function checkOrderRequest(input: OrderCheckInput): OrderCheckVerdict {
  const req = input.request;
  let order: JudicialOrder;
  try {
    order = parseOrder(input.claims, input.issuer, 'order claims', 'order_malformed');
  } catch (e) {
    if (isCourtbridgeError(e)) return refused('order_malformed', e.message);
    throw e;
  }
  if (order.chain !== req.chainId)
    return refused(
      'order_wrong_chain',
      `the order is addressed to chain ${order.chain}, not ${JSON.stringify(req.chainId).slice(0, 70)}`,
      'chain',
    );
  if (req.actionId !== order.actionId) return mismatch('actionId', req.actionId, order.actionId);
  if (req.kind !== wireKindOf(order.kind)) return mismatch('kind', req.kind, wireKindOf(order.kind));
  if (req.amount !== order.amount) return mismatch('amount', req.amount, order.amount);
  const key = req.target?.key ?? '';
  if (input.schema !== undefined) {
    const s = input.schema;
    const spec = s.actions.find((a) => a.kind === order.kind);
    if (spec === undefined) return refused('unknown_action', `chain ${s.chainId} has no action ${order.kind}`, 'kind');
    const want = targetOf(s, spec, order.target);
    if (want === undefined)
      return refused(
        'order_mismatch',
        `the order's target ${JSON.stringify(order.target).slice(0, 80)} is not a ${spec.targetRecordType} of chain ${s.chainId}`,
        'target',
      );
    if (!want.recordTypes.includes(req.target?.recordType ?? ''))
      return mismatch('target.recordType', req.target?.recordType, want.recordTypes[0]);
    if (key !== want.key) return mismatch('target.key', key, want.key);
  }
  if (order.target.length === 0 || !key.endsWith(order.target)) return mismatch('target.key', key, order.target);
  const jp = req.judicialProof;
  if (jp === null || jp === undefined)
    return refused('judicial_proof_missing', 'judicialProof: required (the order on the judicial chain)', 'judicialProof');
  if (jp.caseId !== order.caseId) return mismatch('judicialProof.caseId', jp.caseId, order.caseId);
  return { ok: true, order, targetKey: key };
}

/**
 * A refusal as the gateway answers it: INVALID_ARGUMENT for a request that contradicts its order,
 * FAILED_PRECONDITION when the order's judicial proof is missing (the request is well formed, the
 * judicial chain's backing is not there).
 */
export function orderRejectionError(v: Extract<OrderCheckVerdict, { ok: false }>): CourtbridgeError {
  const code = v.reason === 'judicial_proof_missing' ? ErrorCode.FailedPrecondition : ErrorCode.InvalidArgument;
  return new CourtbridgeError(code, v.reason, v.message, v.field === undefined ? {} : { details: { field: v.field } });
}

/**
 * The state key an action's target names, and the record types a request may call it. A spec
 * whose `targetRecordType` is a record type: key = prefix + target. A spec naming several types
 * (`copyright|trademark|patent`, IP): the target IS the state key, of one of those types; the
 * request may name that type or the spec's list.
 */
function targetOf(s: OrderCheckSchema, spec: OrderCheckAction, target: string): { key: string; recordTypes: string[] } | undefined {
  const rt = s.recordTypes.find((r) => r.name === spec.targetRecordType);
  if (rt !== undefined) return { key: `${rt.keyPrefix}${target}`, recordTypes: [rt.name] };
  const names = spec.targetRecordType.split('|');
  const byKey = s.recordTypes.find((r) => names.includes(r.name) && target.startsWith(r.keyPrefix) && target.length > r.keyPrefix.length);
  return byKey === undefined ? undefined : { key: target, recordTypes: [byKey.name, spec.targetRecordType] };
}

/**
 * The request target an order's `kind` and `target` call for on a chain (what a client puts in
 * SubmitActionRequest.target so the check above passes), or undefined when the schema has no such
 * action or no record type fits.
 */
export function requestTargetOf(s: OrderCheckSchema, kind: string, target: string): { recordType: string; key: string } | undefined {
  const spec = s.actions.find((a) => a.kind === kind);
  if (spec === undefined) return undefined;
  const t = targetOf(s, spec, target);
  return t === undefined || t.recordTypes[0] === undefined ? undefined : { recordType: t.recordTypes[0], key: t.key };
}
