/**
 * What an adapter is, as plain data plus (for the dev ledger) contract handlers: the chain it
 * speaks for, its record types and the actions a court may order on it (`AdapterDefinition`, what
 * the runtime announces, answers queries on and checks orders against, whatever the chain's kind).
 * A chain that runs on the dev ledger adds its contracts and the ledger txs that carry the actions
 * (`DevLedgerDefinition`): the runtime, after verifying a court's order, has the backend submit
 * `actionTx(action)`, then prove `actionResultKey(action)` as the result. A chain of another kind
 * (an `evm` chain) has its own contract on its own chain, so its backend carries what those
 * members say (adapters/evm/evm-backend.ts): they are not part of every definition.
 *
 * Exactly once (dev ledger): `actionTx(action).id === action.actionId`, and the dev ledger refuses
 * a second tx with an id it has seen (persistently), so a redelivered action cannot apply twice.
 *
 * Action kinds are lowercase names; the wire's `ActionKind` maps onto them as
 * FREEZE -> `freeze`, SEIZE -> `seize`, LIST_DEBTOR -> `list`, RESTRICT -> `restrict`,
 * RELEASE -> `release` (credit: `delist` / `unrestrict`); chains may add their own
 * (finance `freeze_available`, `deduct`; lawyer `suspend` / `reinstate`).
 */
import { ContractRegistry, type ContractHandler } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { ErrorCode } from '../../src/errors.js';
import { Fields, refuse } from './record.js';
import type { RecordTypeSpec } from '../../src/chain/ledger/record-type.js';
import type { ChainSchema } from '../../src/identity/chain-entry.js';

export type { RecordTypeSpec } from '../../src/chain/ledger/record-type.js';
export { recordKey } from '../../src/chain/ledger/record-type.js';

export interface ActionSpec {
  /** e.g. `freeze`. */
  kind: string;
  /** What executes it: the dev ledger tx type (`finance.freeze`) or, on an `evm` chain, the contract call (`BankLedger.freeze`). */
  txType: string;
  description: string;
  /** Whether `ActionInput.amount` must be given (integer cents) or must be absent. */
  amount: 'required' | 'none';
  /** The record type `ActionInput.target` names. */
  targetRecordType: string;
}

export interface ActionInput {
  /** Idempotency id: becomes the tx id (executed once). */
  actionId: string;
  kind: string;
  /** Record id, e.g. a title number or an owner hash. */
  target: string;
  /** Integer cents as a decimal string. */
  amount?: string;
  /** Court DID. */
  court: string;
  caseId: string;
  orderId: string;
}

/** Every adapter's definition, whatever its chain's kind. */
export interface AdapterDefinition {
  chainId: string;
  description: string;
  version: string;
  recordTypes: readonly RecordTypeSpec[];
  actions: readonly ActionSpec[];
  /**
   * The secondary index that lists a person's assets by keyed hash (`holder`, `owner`: what the
   * enforcement's investigation reads). When set and the backend tells of new index entries
   * (`subscribeIndexed`), the runtime publishes a signed `asset.report` for each record newly filed
   * under it (asset-reporter.ts), so a terminated case of that owner is re-investigated at once.
   */
  assetIndex?: string;
}

/** A chain on the dev ledger: its contract handlers and how an action becomes a ledger tx. */
export interface DevLedgerDefinition extends AdapterDefinition {
  contracts: readonly ContractHandler[];
  /** The ledger tx that executes a verified action (tx.id = action.actionId: executed once). */
  actionTx(action: ActionInput): Tx;
  /** The state key whose proof shows the action's effect (result proof). */
  actionResultKey(action: ActionInput): string;
}

/** A fresh contract registry holding the definition's handlers (throws on a duplicate tx type). */
export function contractsOf(def: Pick<DevLedgerDefinition, 'contracts'>): ContractRegistry {
  const reg = new ContractRegistry();
  for (const c of def.contracts) reg.register(c);
  return reg;
}

/** Whether `def` carries the dev ledger's members (contracts, actionTx, actionResultKey). */
export function isDevLedgerDefinition(def: AdapterDefinition): def is DevLedgerDefinition {
  const d = def as Partial<DevLedgerDefinition>;
  return Array.isArray(d.contracts) && typeof d.actionTx === 'function' && typeof d.actionResultKey === 'function';
}

/** The action spec for `kind`, or `unknown_action` (INVALID_ARGUMENT). */
export function actionSpecOf(def: Pick<AdapterDefinition, 'chainId' | 'actions'>, kind: string): ActionSpec {
  const spec = def.actions.find((a) => a.kind === kind);
  if (!spec)
    throw refuse(
      'unknown_action',
      `chain ${def.chainId} has no action ${JSON.stringify(kind)} (it has: ${def.actions.map((a) => a.kind).join(', ') || 'none'})`,
      ErrorCode.InvalidArgument,
    );
  return spec;
}

/**
 * Parse and check an action from the fields of an object (an action tx body, or a decoded order).
 * Checks shape only; the contract checks it against the state.
 */
export function readActionInput(f: Fields): ActionInput {
  const actionId = f.str('actionId', { max: 200, pattern: /^[\x21-\x7e]+$/ });
  const kind = f.str('kind', { max: 40, pattern: /^[a-z][a-z0-9_]*$/ });
  const target = f.str('target', { max: 256, pattern: /^[^\u0000-\u001f\u007f]+$/u });
  const amount = f.has('amount') ? f.cents('amount') : undefined;
  const court = f.did('court');
  const caseId = f.id('caseId');
  const orderId = f.id('orderId');
  return amount === undefined
    ? { actionId, kind, target, court, caseId, orderId }
    : { actionId, kind, target, amount, court, caseId, orderId };
}

/** Check an action against its spec: known kind, amount present exactly when required. */
export function checkAction(def: Pick<AdapterDefinition, 'chainId' | 'actions'>, action: ActionInput): ActionSpec {
  return checkedAction(def, action).spec;
}

/** `checkAction`, also returning the action as read (an `amount: undefined` property dropped). */
function checkedAction(
  def: Pick<AdapterDefinition, 'chainId' | 'actions'>,
  action: ActionInput,
): { spec: ActionSpec; action: ActionInput } {
  if (action === null || typeof action !== 'object')
    throw refuse('invalid_record', 'action: expected an object', ErrorCode.InvalidArgument);
  const present = Object.fromEntries(Object.entries(action).filter(([, v]) => v !== undefined));
  const f = Fields.of(present, 'action');
  const checked = readActionInput(f);
  f.done();
  const spec = actionSpecOf(def, checked.kind);
  if (spec.amount === 'required' && checked.amount === undefined)
    throw refuse('amount_required', `action ${spec.kind} on ${def.chainId} needs an amount (integer cents)`, ErrorCode.InvalidArgument);
  if (spec.amount === 'none' && checked.amount !== undefined)
    throw refuse('amount_not_allowed', `action ${spec.kind} on ${def.chainId} takes no amount`, ErrorCode.InvalidArgument);
  return { spec, action: checked };
}

/**
 * The tx for a checked action: type from its spec, sender the ordering court, id the action id,
 * body the action as canonical JSON (`{type:"action", schema:1, ...ActionInput}`).
 */
export function buildActionTx(def: Pick<AdapterDefinition, 'chainId' | 'actions'>, action: ActionInput): Tx {
  const { spec, action: checked } = checkedAction(def, action);
  const body = { type: 'action', schema: 1, ...checked };
  return { type: spec.txType, sender: checked.court, id: checked.actionId, body: encodeCanonical(body, 'action') };
}

/**
 * Decode an action tx body inside a contract and check it against its spec and the tx
 * (the body's kind must be the one this tx type executes; the tx id must be the action id).
 */
export function decodeActionTx(def: Pick<AdapterDefinition, 'chainId' | 'actions'>, tx: Tx): ActionInput {
  const f = new Fields(decodeCanonicalObject(tx.body, `${tx.type} body`), `${tx.type} body`);
  f.literal('type', 'action');
  f.literal('schema', 1);
  const action = readActionInput(f);
  f.done();
  const spec = checkAction(def, action);
  if (spec.txType !== tx.type)
    throw refuse('action_tx_mismatch', `a ${action.kind} action cannot ride in a ${tx.type} tx`, ErrorCode.InvalidArgument);
  if (tx.id !== action.actionId)
    throw refuse('action_tx_mismatch', `tx id ${tx.id} is not the action id ${action.actionId}`, ErrorCode.InvalidArgument);
  return action;
}

/**
 * The schema a chain's registry entry carries (src/identity/chain-entry.ts): its record types and
 * the actions a court may order, as the admins approve them when they admit the chain. Gateways not
 * built with the chain serve it from this.
 */
export function chainSchemaOf(def: Pick<AdapterDefinition, 'recordTypes' | 'actions'>): ChainSchema {
  return {
    recordTypes: def.recordTypes.map((r) => ({ name: r.name, keyPrefix: r.keyPrefix, indexes: [...r.indexes] })),
    actions: def.actions.map((a) => ({ kind: a.kind, targetRecordType: a.targetRecordType })),
  };
}
