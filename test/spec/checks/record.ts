/**
 * docs/spec/records.md `record`: the product's record reader (the one a court's record view and the
 * contracts use) on the case's value bytes, by the layout its record type has in the alliance's
 * catalog; a valid case's key hash, value hash and leaf hash are recomputed by the product's tree.
 * A case with `setup` and `tx` is a write the chain's contract refuses: replayed on the product's
 * dev ledger of that chain (ledger-fixture.ts), its verdict is the ledger's.
 */
import { ALLIANCE_CATALOG, ALLIANCE_RECORD_LAYOUTS } from '../../../adapters/catalog.js';
import { readTyped } from '../../../src/chain/ledger/record.js';
import { fromHex, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { hashLeaf, keyHashOf, valueHashOf } from '../../../src/proof/node-hash.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { outcomeAfter, txOf, type TxJson } from '../../vectors/spec/ledger-fixture.js';

export async function check(_file: VectorFile, c: VectorCase | InvalidCase): Promise<string> {
  const w = c as unknown as { chain?: string; setup?: TxJson[]; tx?: TxJson };
  if (w.tx !== undefined && w.chain !== undefined) {
    const { outcome } = await outcomeAfter(w.chain, (w.setup ?? []).map(txOf), txOf(w.tx));
    return outcome;
  }
  const d = c as unknown as {
    recordType: string;
    key: string;
    bytes: string;
    chain?: string;
    keyHash?: string;
    leafHash?: string;
    hash?: string;
  };
  const layout = ALLIANCE_RECORD_LAYOUTS.get(d.recordType);
  if (!layout) return 'unknown_record_type';
  const bytes = fromHex(d.bytes);
  try {
    readTyped(bytes, d.key, layout.valueType, layout.schema, layout.read ?? ((f) => f.value));
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
  if (d.chain !== undefined) {
    const spec = ALLIANCE_CATALOG[d.chain]?.recordTypes.find((r) => r.name === d.recordType);
    if (!spec || !d.key.startsWith(spec.keyPrefix)) return 'wrong_key_prefix';
  }
  if (d.keyHash !== undefined) {
    const kh = keyHashOf(utf8(d.key));
    const vh = valueHashOf(bytes);
    if (toHex(kh) !== d.keyHash || toHex(vh) !== d.hash || toHex(hashLeaf(kh, vh)) !== d.leafHash) return 'hash_mismatch';
  }
  return 'ok';
}
