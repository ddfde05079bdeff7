/**
 * Shared by the registry-entry-head/-member/-chain checks (docs/spec/records.md "The alliance
 * registry on the judicial chain"): the judicial contract's own `registry.put` applied to the
 * case's entries over a state holding the case's `stored` entries. A valid case is put alone
 * (key and its `bytes`) and must be stored byte for byte.
 */
import { judicialContract } from '../../../adapters/judicial/contract.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { fromHex, toBase64url, toHex } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { JudicialTx } from '../../../src/judicial/tx.js';
import type { InvalidCase, VectorCase } from '../layout.js';

interface PutData {
  key: string;
  bytes?: string;
  /** The tx's entries as given (value: the base64url text). */
  entries?: { key: string; value: string }[];
  /** Entries already on the chain (value: hex). */
  stored?: { key: string; value: string }[];
}

export function checkPut(c: VectorCase | InvalidCase): string {
  const d = c as unknown as PutData;
  const entries = d.entries ?? [{ key: d.key, value: toBase64url(fromHex(d.bytes!)) }];
  const state = new Map((d.stored ?? []).map((e) => [e.key, fromHex(e.value)] as const));
  const tx = {
    type: JudicialTx.RegistryPut,
    sender: 'did:alliance:gateway',
    id: 'registry-entry-vector',
    body: encodeCanonical({ type: 'registry_put', schema: 1, entries }),
  };
  try {
    const writes = judicialContract.apply(tx, { get: (k) => state.get(k) }, { chainId: 'judicial', height: 1, timeMs: 1_700_000_000_000 });
    if (d.bytes !== undefined) {
      const w = writes.find((x) => x.key === d.key);
      if (!w?.value || toHex(w.value) !== d.bytes) return 'not_stored_as_given';
    }
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
