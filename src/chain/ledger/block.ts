/**
 * A dev-ledger block as stored in its log: the signed header, the validator set that signed it,
 * and the transactions. Encoding (fixed layout):
 *   bytes lightBlock (signed-header.ts), u32 txCount, then each tx (transaction.ts)
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
