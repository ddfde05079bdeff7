/**
 * The wire's coarse `ActionKind` for a chain's action kind: how an order's `kind` claim travels in
 * an ActionRequest (the gateway and the adapters compare the two through this one table).
 */

/** The wire's coarse `ActionKind` (proto enum name). */
export type WireActionKind =
  | 'ACTION_KIND_UNSPECIFIED'
  | 'ACTION_KIND_FREEZE'
  | 'ACTION_KIND_SEIZE'
  | 'ACTION_KIND_LIST_DEBTOR'
  | 'ACTION_KIND_RESTRICT'
  | 'ACTION_KIND_RELEASE';

/**
 * The wire kind a definition's action kind travels as (adapters/sdk/definition.ts: FREEZE -> `freeze`,
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
  unfreeze: 'ACTION_KIND_RELEASE',
};

export function wireKindOf(kind: string): WireActionKind {
  return Object.hasOwn(WIRE_KIND, kind) ? WIRE_KIND[kind]! : 'ACTION_KIND_UNSPECIFIED';
}
