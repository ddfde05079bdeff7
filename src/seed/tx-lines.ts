/**
 * A partner chain's own records as dev-ledger transactions, one JSON object a line: what
 * `courtbridge seed --chain X --txs FILE` loads into a chain the seed generator does not know
 * (its records are the partner's, its contracts those of its adapter definition).
 *
 *   {"type":"lawyer.register","sender":"did:alliance:bar-association","id":"r-1","body":{"licenceNo":"..."}}
 *
 * `body` is a JSON object, encoded as canonical JSON (sorted keys, no whitespace) the way the
 * built-in seed encodes its bodies, so a contract reads it with `decodeCanonicalObject`. Personal
 * identifiers in a body must already be keyed hashes under the alliance salt: this file never
 * sees them in clear. Blank lines and lines starting with `#` are skipped.
 */
import type { Tx } from '../chain/ledger/transaction.js';
import { encodeCanonical } from '../encoding/canonical-json.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';

const bad = (source: string, line: number, why: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_argument', `${source}:${line}: ${why}`, { details: { source, line } });

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * Parse JSON lines of transactions; `source` names the file in errors.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_argument` naming the file, the line and the field
 */
export function txsFromJsonLines(text: string, source: string): Tx[] {
  const txs: Tx[] = [];
  const ids = new Set<string>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const n = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw bad(source, n, `not JSON: ${(e as Error).message}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad(source, n, 'expected {"type","sender","id","body"}');
    const o = json as Record<string, unknown>;
    if (!isText(o.type, 128) || !/^[a-z][a-z0-9_-]*\.[a-z][a-z0-9_.-]*$/.test(o.type))
      throw bad(source, n, 'type: expected <contract>.<operation>, e.g. lawyer.register');
    if (!isText(o.sender, 256) || !o.sender.startsWith('did:')) throw bad(source, n, 'sender: expected a DID');
    if (!isText(o.id, 256)) throw bad(source, n, 'id: expected a non-empty idempotency key');
    if (ids.has(o.id)) throw bad(source, n, `id: ${JSON.stringify(o.id)} appears twice`);
    if (typeof o.body !== 'object' || o.body === null || Array.isArray(o.body)) throw bad(source, n, 'body: expected a JSON object');
    ids.add(o.id);
    txs.push({ type: o.type, sender: o.sender, id: o.id, body: encodeCanonical(o.body, `${source}:${n}: body`) });
  }
  if (txs.length === 0) throw bad(source, 0, 'no transactions');
  return txs;
}
