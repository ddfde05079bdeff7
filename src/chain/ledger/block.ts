/**
 * A dev-ledger block as stored in its log: the signed header, the validator set that signed it,
 * and the transactions. Encoding (docs/spec/ledger.md "Blocks and the block log"): the light block
 * as signed-header.ts writes it (bytes header, commit, bytes validator set; no length of its own),
 * then u32 txCount and each tx (transaction.ts).
 */
import { ByteReader, ByteWriter } from '../../encoding/bytes.js';
import { readLightBlock, writeLightBlock, type LightBlock } from '../signed-header.js';
import { readTx, writeTx, type Tx } from './transaction.js';

export interface Block {
  light: LightBlock;
  txs: Tx[];
}

export function encodeBlock(b: Block): Uint8Array {
  const w = new ByteWriter();
  writeLightBlock(w, b.light);
  w.u32(b.txs.length);
  for (const tx of b.txs) writeTx(w, tx);
  return w.finish();
}

export function decodeBlock(bytes: Uint8Array): Block {
  const r = new ByteReader(bytes);
  const light = readLightBlock(r);
  const n = r.u32('block.txCount');
  const txs: Tx[] = [];
  for (let i = 0; i < n; i++) txs.push(readTx(r));
  r.end('block');
  return { light, txs };
}
