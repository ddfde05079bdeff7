/**
 * Shared by docs/spec/ledger.md and docs/spec/records.md (generators and checks): the product's
 * own dev ledger, in memory, running the real contracts of the alliance's dev-ledger chains, on a
 * fixed clock so block times (and so every record a contract stamps) are the same on every run.
 * Genesis is at `T0 - 1`; block h (h ≥ 2) is at `T0 + h - 2`, so the first block after genesis
 * stamps `T0` (test/vectors/records.json's times).
 */
import { bankruptcy } from '../../../adapters/bankruptcy/definition.js';
import { collab } from '../../../adapters/collab/definition.js';
import { credit } from '../../../adapters/credit/definition.js';
import { data } from '../../../adapters/data/definition.js';
import { finance } from '../../../adapters/finance/definition.js';
import { ip } from '../../../adapters/ip/definition.js';
import { lawyer } from '../../../adapters/examples/lawyer/definition.js';
import { judicial } from '../../../adapters/judicial/definition.js';
import { market } from '../../../adapters/market/definition.js';
import { mobile } from '../../../adapters/mobile/definition.js';
import { property } from '../../../adapters/property/definition.js';
import { contractsOf, type DevLedgerDefinition } from '../../../adapters/sdk/definition.js';
import { DevLedger } from '../../../src/chain/ledger/ledger.js';
import type { Tx } from '../../../src/chain/ledger/transaction.js';
import { fromHex, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { isCourtbridgeError } from '../../../src/errors.js';

export const T0 = 1_700_000_000_000;

export const CHAINS: Record<string, DevLedgerDefinition> = {
  finance,
  property,
  credit,
  ip,
  judicial,
  market,
  lawyer,
  bankruptcy,
  mobile,
  collab,
  data,
};

export function openLedger(chain: string): DevLedger {
  const def = CHAINS[chain];
  if (!def) throw new Error(`no dev-ledger chain ${chain}`);
  return DevLedger.open({ chainId: def.chainId, contracts: contractsOf(def), validators: 1, clock: () => T0 - 1 });
}

/** A tx as vector JSON: its fields (body hex), the body's text when it is UTF-8 JSON. */
export interface TxJson {
  type: string;
  sender: string;
  id: string;
  body: string;
}

export const txJson = (tx: Tx): TxJson => ({ type: tx.type, sender: tx.sender, id: tx.id, body: toHex(tx.body) });
export const txOf = (j: TxJson): Tx => ({ type: j.type, sender: j.sender, id: j.id, body: fromHex(j.body) });

/** A tx whose body is the canonical JSON of `body` (or these exact bytes when given a string). */
export function tx(type: string, sender: string, id: string, body: object | string): Tx {
  return { type, sender, id, body: typeof body === 'string' ? utf8(body) : encodeCanonical(body) };
}

/**
 * Commit `blocks` in turn (each one block of txs) and answer each tx's outcome: `ok`, or the
 * reason the ledger refused it with.
 */
export async function runBlocks(l: DevLedger, blocks: Tx[][]): Promise<string[][]> {
  const out: string[][] = [];
  for (const txs of blocks) {
    const pending = txs.map((t) => l.submit(t));
    l.produceBlock();
    const settled = await Promise.allSettled(pending);
    out.push(
      settled.map((s) => {
        if (s.status === 'fulfilled') return 'ok';
        if (isCourtbridgeError(s.reason)) return s.reason.reason;
        throw s.reason;
      }),
    );
  }
  return out;
}

/** Run `setup` (each tx its own block, each must be accepted), then `tx` in a block of its own: its outcome. */
export async function outcomeAfter(chain: string, setup: Tx[], t: Tx): Promise<{ outcome: string; ledger: DevLedger }> {
  const l = openLedger(chain);
  const before = await runBlocks(
    l,
    setup.map((s) => [s]),
  );
  before.forEach(([o], i) => {
    if (o !== 'ok') throw new Error(`setup tx ${i} (${setup[i]!.type}) refused: ${o}`);
  });
  const [[outcome]] = (await runBlocks(l, [[t]])) as [[string]];
  return { outcome, ledger: l };
}
