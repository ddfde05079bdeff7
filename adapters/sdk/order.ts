/**
 * A court's enforcement order, as the adapter sees it in two places that must agree
 * (DESIGN.md "Actions": a signed action together with proof that the decision exists on the
 * judicial chain):
 *   1. the claims of the court's order JWT (purpose `order`), and
 *   2. the judicial chain's record `order/<orderId>` whose value is `encodeJudicialOrder(order)`.
 *
 * Judicial record value: UTF-8 JSON of exactly these fields, in this order (JSON.stringify of
 * the object `judicialOrderFields` builds), so a partner writing another language matches it:
 *   { "orderId", "court", "caseId", "chain", "actionId", "kind", "target", "amount" }
 * `amount` is a decimal string of minor units, "" when the action has none.
 */
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { fromUtf8, utf8 } from '../../src/encoding/bytes.js';
import type { JsonValue } from '../../src/identity/jwt.js';

/** The wire's coarse `ActionKind` (proto enum name). */
export type WireActionKind = 'ACTION_KIND_UNSPECIFIED' | 'ACTION_KIND_FREEZE' | 'ACTION_KIND_SEIZE' | 'ACTION_KIND_LIST_DEBTOR' | 'ACTION_KIND_RESTRICT' | 'ACTION_KIND_RELEASE';

/**
 * The wire kind a definition's action kind travels as (definition.ts: FREEZE -> `freeze`,
 * SEIZE -> `seize`, LIST_DEBTOR -> `list`, RESTRICT -> `restrict`, RELEASE -> `release`, and the
 * chain-specific kinds below). A kind not in this table travels as UNSPECIFIED: the order's
 * `kind` claim is then the only name of the action.
 */
const WIRE_KIND: Readonly<Record<string, WireActionKind>> = {
  freeze: 'ACTION_KIND_FREEZE',
  freeze_available: 'ACTION_KIND_FREEZE',
  seize: 'ACTION_KIND_SEIZE',
  deduct: 'ACTION_KIND_SEIZE',
  list: 'ACTION_KIND_LIST_DEBTOR',
  restrict: 'ACTION_KIND_RESTRICT',
  suspend: 'ACTION_KIND_RESTRICT',
  release: 'ACTION_KIND_RELEASE',
  delist: 'ACTION_KIND_RELEASE',
  unrestrict: 'ACTION_KIND_RELEASE',
  reinstate: 'ACTION_KIND_RELEASE',
};

export function wireKindOf(kind: string): WireActionKind {
  return Object.hasOwn(WIRE_KIND, kind) ? WIRE_KIND[kind]! : 'ACTION_KIND_UNSPECIFIED';
}

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

/** Key of the order's record on the judicial chain. */
export function judicialOrderRecordKey(orderId: string): string {
  return `order/${orderId}`;
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

/** The judicial record value (layout in the file header). */
export function encodeJudicialOrder(o: JudicialOrder): Uint8Array {
  return utf8(JSON.stringify(ordered(o)));
}

/** JWT claims of an order (the issuer is the court: `court` is not repeated as a claim). */
export function orderClaimsOf(o: JudicialOrder): Record<string, JsonValue> {
  const { court: _court, ...claims } = ordered(o);
  return claims;
}

const bad = (reason: string, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

function str(obj: Record<string, unknown>, field: string, title: string, reason: string): string {
  const v = obj[field];
  if (typeof v !== 'string') throw bad(reason, `${title}.${field}: expected a string`);
  return v;
}

/**
 * Read an order from JWT claims (plus the issuer as `court`) or from a judicial record's JSON.
 * @throws CourtbridgeError INVALID_ARGUMENT `reason` naming the field
 */
export function parseOrder(obj: unknown, court: string | undefined, title: string, reason: string): JudicialOrder {
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

/** Decode a judicial order record value (strict JSON). */
export function decodeJudicialOrder(value: Uint8Array): JudicialOrder {
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(value));
  } catch (e) {
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'judicial_record_malformed', 'judicial order record: not UTF-8 JSON', { cause: e });
  }
  return parseOrder(json, undefined, 'judicial order record', 'judicial_record_malformed');
}
