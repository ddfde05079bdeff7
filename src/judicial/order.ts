/**
 * A court's enforcement order, as the adapter sees it in two places that must agree
 * (DESIGN.md "Actions": a signed action together with proof that the decision exists on the
 * judicial chain):
 *   1. the claims of the court's order JWT (purpose `order`): `orderClaimsOf(order)`, and
 *   2. the judicial chain's record `order/<orderId>`, written by the judicial contract's
 *      `order.issue` tx (adapters/judicial/contract.ts). That record is the ONE format: canonical
 *      JSON of `EnforcementOrder` (records.ts: `type: "enforcement_order"`,
 *      `schema: 1`, orderId, court, caseId, chain, kind, target, amountCents?, legalBasis,
 *      issuedAtMs, expiresAtMs, actionId?, amount?). A partner matches it by reading that schema,
 *      not a second layout of ours.
 *
 * `judicialOrderIssueTx` builds the `order.issue` tx for an order; `decodeJudicialOrder` reads
 * the record strictly (every field checked, unknown fields refused); `compareJudicialOrder` says
 * whether the record backs the order (court, case, chain, kind, target, amount, action id when the
 * record names one) and is still valid at `nowMs` (expiry); `judicialRecordVerdict` puts the key,
 * the decoding and the comparison together under the named refusals the gateway and the adapter
 * both use.
 */
import { CourtbridgeError, ErrorCode, type Reason } from '../errors.js';
import { readTyped } from '../chain/ledger/record.js';
import type { Tx } from '../chain/ledger/transaction.js';
import { encodeCanonical, type CanonicalObject } from '../encoding/canonical-json.js';
import type { JsonValue } from '../identity/jwt.js';
import { judicialOrderRecordKey } from './record-keys.js';
import { readOrder, type EnforcementOrder } from './records.js';
import { JudicialTx } from './tx.js';

/** Everything a court orders, as both the JWT and the judicial record state it. */
export interface JudicialOrder {
  orderId: string;
  /** DID of the ordering court (the JWT's issuer). */
  court: string;
  caseId: string;
  /** Destination chain: an order names exactly one (a cross-destination order is refused). */
  chain: string;
  actionId: string;
  /** The definition's action kind, e.g. `freeze`, `deduct`, `list`. */
  kind: string;
  /** The target record's id (its state key is `<keyPrefix><target>`). */
  target: string;
  /** Minor units as a decimal string; "" when the action has none. */
  amount: string;
}

function ordered(o: JudicialOrder): { [k: string]: JsonValue } {
  return {
    orderId: o.orderId,
    court: o.court,
    caseId: o.caseId,
    chain: o.chain,
    actionId: o.actionId,
    kind: o.kind,
    target: o.target,
    amount: o.amount,
  };
}

/** JWT claims of an order (the issuer is the court: `court` is not repeated as a claim). */
export function orderClaimsOf(o: JudicialOrder): Record<string, JsonValue> {
  const { court: _court, ...claims } = ordered(o);
  return claims;
}

const bad = (reason: Reason, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

function str(obj: Record<string, unknown>, field: string, title: string, reason: Reason): string {
  const v = obj[field];
  if (typeof v !== 'string') throw bad(reason, `${title}.${field}: expected a string`);
  return v;
}

/**
 * Read an order from JWT claims (plus the issuer as `court`) or from a judicial record's JSON.
 * @throws CourtbridgeError INVALID_ARGUMENT `reason` naming the field
 */
export function parseOrder(obj: unknown, court: string | undefined, title: string, reason: Reason): JudicialOrder {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw bad(reason, `${title}: expected an object`);
  const o = obj as Record<string, unknown>;
  const kind = str(o, 'kind', title, reason);
  const target = str(o, 'target', title, reason);
  return {
    orderId: str(o, 'orderId', title, reason),
    court: court ?? str(o, 'court', title, reason),
    caseId: str(o, 'caseId', title, reason),
    chain: str(o, 'chain', title, reason),
    actionId: str(o, 'actionId', title, reason),
    kind,
    target,
    amount: str(o, 'amount', title, reason),
  };
}

/** What the judicial record adds to an order when a court issues it (`order.issue` body). */
export interface JudicialOrderIssueOptions {
  /** The legal basis cited, e.g. `《民事诉讼法》第二百四十九条`. */
  legalBasis: string;
  /** Until when the order may be executed (ms); the chain refuses one already expired. */
  expiresAtMs: number;
}

/** Tx id of an order's `order.issue` tx: `order:<orderId>` (issued once, idempotent by id). */
export const judicialOrderTxId = (orderId: string): string => `order:${orderId}`;

/**
 * The `order.issue` body for `order` (adapters/judicial/contract.ts `orderIssue`): the record
 * minus `issuedAtMs`, which the chain stamps with its block time. `amountCents` is present exactly
 * when the order has an amount; `amount` and `actionId` tie the record to one adapter action.
 */
export function judicialOrderIssueBody(order: JudicialOrder, options: JudicialOrderIssueOptions): CanonicalObject {
  if (options === null || typeof options !== 'object') throw new TypeError('options: expected { legalBasis, expiresAtMs }');
  if (typeof options.legalBasis !== 'string' || options.legalBasis.length === 0)
    throw new TypeError('options.legalBasis: expected a non-empty string');
  if (!Number.isSafeInteger(options.expiresAtMs) || options.expiresAtMs < 1)
    throw new TypeError('options.expiresAtMs: expected an integer time in ms');
  return {
    type: 'order_issue',
    schema: 1,
    orderId: order.orderId,
    court: order.court,
    caseId: order.caseId,
    chain: order.chain,
    kind: order.kind,
    target: order.target,
    ...(order.amount === '' ? {} : { amountCents: order.amount }),
    legalBasis: options.legalBasis,
    expiresAtMs: options.expiresAtMs,
    actionId: order.actionId,
    amount: order.amount,
  };
}

/** The judicial chain's `order.issue` tx for `order`, sent by the ordering court. */
export function judicialOrderIssueTx(order: JudicialOrder, options: JudicialOrderIssueOptions): Tx {
  return {
    type: JudicialTx.OrderIssue,
    sender: order.court,
    id: judicialOrderTxId(order.orderId),
    body: encodeCanonical(judicialOrderIssueBody(order, options), JudicialTx.OrderIssue),
  };
}

/**
 * Decode the judicial record `order/<orderId>` (canonical JSON `EnforcementOrder`, strictly).
 * @throws CourtbridgeError INVALID_ARGUMENT `judicial_record_malformed` naming the field
 */
export function decodeJudicialOrder(value: Uint8Array): EnforcementOrder {
  try {
    return readTyped(value, 'judicial order record', 'enforcement_order', 1, readOrder);
  } catch (e) {
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'judicial_record_malformed', `judicial order record: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/** Whether a judicial record backs an order (STYLE.md 4: a named union, with the evidence). */
export type JudicialOrderComparison =
  | { kind: 'backs'; expiresAtMs: number; issuedAtMs: number }
  | { kind: 'mismatch'; field: string; recorded: string; ordered: string }
  | { kind: 'expired'; expiresAtMs: number; nowMs: number };

/**
 * Compare the judicial record with the order the court signed: every field both state must be
 * equal (court, caseId, chain, kind, target, amount; the action id when the record names one),
 * and the record must not have expired at `nowMs` (an expired order authorises nothing, even if
 * the JWT is still within its lifetime).
 */
export function compareJudicialOrder(record: EnforcementOrder, order: JudicialOrder, nowMs: number): JudicialOrderComparison {
  const pairs: [string, string, string][] = [
    ['orderId', record.orderId, order.orderId],
    ['court', record.court, order.court],
    ['caseId', record.caseId, order.caseId],
    ['chain', record.chain, order.chain],
    ['kind', record.kind, order.kind],
    ['target', record.target, order.target],
    ['amountCents', record.amountCents ?? '', order.amount],
  ];
  if (record.amount !== undefined) pairs.push(['amount', record.amount, order.amount]);
  if (record.actionId !== undefined) pairs.push(['actionId', record.actionId, order.actionId]);
  for (const [field, recorded, ordered] of pairs) {
    if (recorded !== ordered) return { kind: 'mismatch', field, recorded, ordered };
  }
  if (record.expiresAtMs <= nowMs) return { kind: 'expired', expiresAtMs: record.expiresAtMs, nowMs };
  return { kind: 'backs', expiresAtMs: record.expiresAtMs, issuedAtMs: record.issuedAtMs };
}

/** Names under which a proven judicial record is refused as the order's authority. */
export type JudicialRecordRefusal = 'judicial_record_malformed' | 'judicial_record_mismatch' | 'judicial_order_expired';

/** Whether the proven value of `key` authorises `order` at `nowMs`: the record, or a named refusal. */
export type JudicialRecordVerdict =
  | { kind: 'backs'; record: EnforcementOrder }
  | { kind: 'refused'; reason: JudicialRecordRefusal; message: string };

/**
 * The one rule for "this judicial record is this order", applied by the gateway before it
 * accepts an action (src/relay/modules/judicial-proof-check.ts) and by the adapter before it executes
 * (adapters/sdk/order-check.ts): the record lives at `order/<orderId>`, decodes strictly, states what the order
 * states (`compareJudicialOrder`) and has not expired. Proving the value is the caller's job.
 */
export function judicialRecordVerdict(key: string, value: Uint8Array, order: JudicialOrder, nowMs: number): JudicialRecordVerdict {
  const want = judicialOrderRecordKey(order.orderId);
  if (key !== want)
    return {
      kind: 'refused',
      reason: 'judicial_record_mismatch',
      message: `the judicial record ${JSON.stringify(key).slice(0, 80)} is not the order's record ${want}`,
    };
  let record: EnforcementOrder;
  try {
    record = decodeJudicialOrder(value);
  } catch (e) {
    return { kind: 'refused', reason: 'judicial_record_malformed', message: (e as Error).message };
  }
  const cmp = compareJudicialOrder(record, order, nowMs);
  if (cmp.kind === 'mismatch') {
    return {
      kind: 'refused',
      reason: 'judicial_record_mismatch',
      message: `judicial record ${key}: ${cmp.field} ${JSON.stringify(cmp.recorded).slice(0, 80)} differs from the order's ${JSON.stringify(cmp.ordered).slice(0, 80)}`,
    };
  }
  if (cmp.kind === 'expired')
    return {
      kind: 'refused',
      reason: 'judicial_order_expired',
      message: `judicial record ${key} expired at ${cmp.expiresAtMs} (now ${cmp.nowMs})`,
    };
  return { kind: 'backs', record };
}
