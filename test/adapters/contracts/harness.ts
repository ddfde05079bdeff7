/** Test harness: a real in-memory DevLedger for one adapter definition, and proof checks. */
import { expect } from 'vitest';
import { DevLedger, type TxReceipt } from '../../../src/chain/ledger/ledger.js';
import type { Tx } from '../../../src/chain/ledger/transaction.js';
import { verifyCommit } from '../../../src/chain/commit.js';
import { decodeCanonicalObject, encodeCanonical, type CanonicalObject } from '../../../src/encoding/canonical-json.js';
import { utf8 } from '../../../src/encoding/bytes.js';
import { verifyProof } from '../../../src/proof/verify.js';
import { contractsOf, type ActionInput, type DevLedgerDefinition } from '../../../adapters/sdk/definition.js';

export const COURT = 'did:alliance:court-bj-01';

export function openLedger(def: DevLedgerDefinition): DevLedger {
  let t = 1_700_000_000_000;
  return DevLedger.open({ chainId: def.chainId, contracts: contractsOf(def), clock: () => (t += 1000) });
}

/** Submit txs, produce one block, and return the settled results in order. */
export async function commit(ledger: DevLedger, ...txs: Tx[]): Promise<PromiseSettledResult<TxReceipt>[]> {
  const ps = txs.map((tx) => ledger.submit(tx));
  ledger.produceBlock();
  return Promise.allSettled(ps);
}

/** Submit one tx in its own block; resolves with its receipt or rejects with the refusal. */
export function run(ledger: DevLedger, tx: Tx): Promise<TxReceipt> {
  const p = ledger.submit(tx);
  ledger.produceBlock();
  return p;
}

export function tx(type: string, body: object, id = `${type}:${JSON.stringify(body).length}:${Math.random()}`): Tx {
  return { type, sender: 'did:alliance:registrar', id, body: encodeCanonical(body) };
}

/** Prove `key` against the latest signed header: a verified commit and a member proof; returns the value. */
export function proveMember(ledger: DevLedger, key: string): CanonicalObject {
  const p = ledger.prove(key);
  const { header, commit: c } = p.light.signedHeader;
  verifyCommit(header, c, p.light.validatorSet);
  expect(p.value).not.toBeNull();
  const ev = verifyProof(header.stateRoot, utf8(key), p.value, p.proof);
  expect(ev.kind).toBe('member');
  return decodeCanonicalObject(p.value!, key);
}

/** Prove that `key` is absent at the latest signed header (non-membership). */
export function proveAbsent(ledger: DevLedger, key: string): void {
  const p = ledger.prove(key);
  const { header, commit: c } = p.light.signedHeader;
  verifyCommit(header, c, p.light.validatorSet);
  expect(p.value).toBeNull();
  expect(verifyProof(header.stateRoot, utf8(key), null, p.proof).kind).toBe('absent');
}

let n = 0;
/** A fresh action for `def` with unique ids. */
export function action(kind: string, target: string, extra: Partial<ActionInput> = {}): ActionInput {
  n += 1;
  return { actionId: `act-${n}`, kind, target, court: COURT, caseId: '(2024)京0101执100号', orderId: `ord-${n}`, ...extra };
}

/** Expect a promise to reject with a named reason. */
export async function refused(p: Promise<unknown>, reason: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ reason });
}
