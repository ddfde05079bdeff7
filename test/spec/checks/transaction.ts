/**
 * docs/spec/ledger.md `transaction`: the case's bytes decoded by the product's tx reader, then
 * submitted to the product's dev ledger running the chain's real contracts after the case's setup
 * txs; the verdict is the ledger's (its refusal reason, or `ok` once committed). A valid case's
 * txHash and the file's block txRoot are recomputed by the product too.
 */
import { encodeTx, readTx, txHash } from '../../../src/chain/ledger/transaction.js';
import { ByteReader, fromHex, toHex } from '../../../src/encoding/bytes.js';
import { merkleRoot } from '../../../src/proof/binary-merkle.js';
import { openLedger, outcomeAfter, runBlocks, txOf, type TxJson } from '../../vectors/spec/ledger-fixture.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

interface TxCase {
  chain: string;
  setup: TxJson[];
  bytes: string;
  hash?: string;
}

interface BlockJson {
  chain: string;
  txs: (TxJson & { bytes: string })[];
  txRoot: string;
}

const decode = (hex: string) => {
  const r = new ByteReader(fromHex(hex));
  const t = readTx(r);
  r.end('tx');
  return t;
};

async function blockVerdict(b: BlockJson): Promise<string> {
  const txs = b.txs.map((t) => decode(t.bytes));
  if (toHex(merkleRoot(txs.map(encodeTx))) !== b.txRoot) return 'tx_root_mismatch';
  const l = openLedger(b.chain);
  const [outcomes] = await runBlocks(l, [txs]);
  const refused = outcomes!.find((o) => o !== 'ok');
  if (refused) return refused;
  return toHex(l.latest().signedHeader.header.txRoot) === b.txRoot ? 'ok' : 'tx_root_mismatch';
}

export async function check(file: VectorFile, c: VectorCase | InvalidCase): Promise<string> {
  const d = c as unknown as TxCase;
  const t = decode(d.bytes);
  if ('hash' in c && d.hash !== undefined && toHex(txHash(t)) !== d.hash) return 'tx_hash_mismatch';
  const { outcome } = await outcomeAfter(d.chain, d.setup.map(txOf), t);
  if (outcome !== 'ok' || 'reason' in c) return outcome;
  const block = (file as unknown as { block?: BlockJson }).block;
  return block ? blockVerdict(block) : 'ok';
}
