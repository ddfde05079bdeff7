/**
 * A court's enforcement order, as the adapter sees it in two places that must agree
 * (DESIGN.md "Actions": a signed action together with proof that the decision exists on the
 * judicial chain):
 *   1. the claims of the court's order JWT (purpose `order`), and
 *   2. the judicial chain's record `order/<orderId>` whose value is `encodeJudicialOrder(order)`.
 *
 * Judicial record value: UTF-8 JSON of exactly these fields, in this order (JSON.stringify of
 * the object `judicialOrderFields` builds), so a partner writing another language matches it:
 *   { "orderId", "court", "caseId", "chain", "actionId", "kind", "target": { "recordType", "key" }, "amount" }
 * `amount` is a decimal string of minor units, "" when the action has none.
 */
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { fromUtf8, utf8 } from '../../src/encoding/bytes.js';
import type { JsonValue } from '../../src/identity/jwt.js';

/** Action kinds (proto `ActionKind` without its prefix, lower case). */
export const ActionKinds = ['freeze', 'seize', 'list_debtor', 'restrict', 'release'] as const;
export type ActionKindName = (typeof ActionKinds)[number];

/** Proto enum name of a kind, e.g. `freeze` -> `ACTION_KIND_FREEZE`. */
export type ActionKindEnum = `ACTION_KIND_${Uppercase<ActionKindName>}`;

export function kindToEnum(kind: ActionKindName): ActionKindEnum {
  return `ACTION_KIND_${kind.toUpperCase()}` as ActionKindEnum;
}

/** `ACTION_KIND_FREEZE` (or `freeze`) -> `freeze`; undefined for anything else (incl. UNSPECIFIED). */
export function kindFromEnum(value: string): ActionKindName | undefined {
  const short = value.startsWith('ACTION_KIND_') ? value.slice('ACTION_KIND_'.length).toLowerCase() : value;
  return (ActionKinds as readonly string[]).includes(short) ? (short as ActionKindName) : undefined;
}

export interface ActionTargetRef {
  recordType: string;
  key: string;
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
  kind: ActionKindName;
  target: ActionTargetRef;
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
    target: { recordType: o.target.recordType, key: o.target.key },
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
  const kindRaw = str(o, 'kind', title, reason);
  const kind = kindFromEnum(kindRaw);
  if (kind === undefined) throw bad(reason, `${title}.kind: unknown action kind ${JSON.stringify(kindRaw).slice(0, 40)}`);
  const t = o['target'];
  if (typeof t !== 'object' || t === null) throw bad(reason, `${title}.target: expected { recordType, key }`);
  const target = { recordType: str(t as Record<string, unknown>, 'recordType', `${title}.target`, reason), key: str(t as Record<string, unknown>, 'key', `${title}.target`, reason) };
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
