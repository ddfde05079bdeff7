/**
 * The trust file: everything a party needs to verify a proof bundle offline, from the pinned
 * genesis hash alone (DESIGN.md "Identity": the genesis hash is what every node pins). It holds
 * the exact genesis bytes and the registry updates applied since, and is itself trusted for
 * nothing: `loadTrust` re-checks the genesis against the caller's pin and re-applies every update
 * with every registry rule (order, state-hash chain, quorum of admin approvals, time), exactly as
 * a gateway does. Pure: bytes in, registry state out; no I/O, the time is given.
 *
 * File shape (JSON, UTF-8):
 * ```json
 * { "format": "courtbridge.v1.Trust",
 *   "genesis": "<base64url of the exact genesis file bytes>",
 *   "updates": [ <RegistryUpdateJson>, ... ] }
 * ```
 * The genesis travels as bytes, not as parsed JSON, because its hash is over the exact bytes.
 */
import { fromBase64url, fromUtf8, toBase64url, utf8 } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError, VerificationError } from '../errors.js';
import { AllianceAuthority, type AllianceAuthorityOptions } from './alliance-authority.js';
import { loadGenesis, type LoadedGenesis } from './genesis.js';
import { applyRegistryUpdate, registryStateFromGenesis, type RegistryState } from './registry.js';
import { registryUpdateFromJson, registryUpdateToJson, type RegistryUpdate } from './registry-update.js';

export const TRUST_FORMAT = 'courtbridge.v1.Trust';

/** A trust file checked against the pin and replayed. */
export interface LoadedTrust {
  genesis: LoadedGenesis;
  /** Every update of the file, in the order applied. */
  updates: RegistryUpdate[];
  /** The registry after the last update. */
  state: RegistryState;
  /** An authority over `state` (what `verifyBundleBytes` takes). */
  authority: AllianceAuthority;
}

// CourtbridgeError leaves out an undefined cause itself: no need to test for one here.
const invalid = (message: string, cause?: unknown): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_trust_file', `trust file: ${message}`, { cause });

/**
 * Check the trust file `bytes` against the pinned genesis hash and apply its updates in order.
 * Every update must pass at `nowMs` (one effective in the future is refused, as a gateway would).
 * @throws CourtbridgeError `invalid_trust_file` (INVALID_ARGUMENT) for a malformed file;
 *   `genesis_hash_mismatch` (FAILED_PRECONDITION) when the genesis is not the pinned one;
 *   for a refused update, the registry's own reason (`quorum_not_met`, `out_of_order`,
 *   `stale_state_hash`, `update_from_future`, `invalid_update`...) with a message and details
 *   naming the update (`updateIndex`, `updateId`).
 */
export function loadTrust(
  bytes: Uint8Array,
  pinnedGenesisHashHex: string,
  nowMs: number,
  options: AllianceAuthorityOptions = {},
): LoadedTrust {
  const file = parseTrustFile(bytes);
  const genesis = loadGenesis(file.genesisBytes, pinnedGenesisHashHex);
  let state = registryStateFromGenesis(genesis);
  const updates: RegistryUpdate[] = [];
  file.updates.forEach((json, i) => {
    const updateId = typeof (json as { updateId?: unknown } | null)?.updateId === 'string' ? (json as { updateId: string }).updateId : '?';
    try {
      const u = registryUpdateFromJson(json);
      state = applyRegistryUpdate(state, u, nowMs).state;
      updates.push(u);
    } catch (e) {
      if (!isCourtbridgeError(e)) throw e;
      // Name the update: a trust file may hold hundreds, and "quorum_not_met" alone says not which.
      throw new VerificationError(e.reason, `trust file: update #${i} (${updateId}) refused: ${e.message}`, {
        code: e.code,
        cause: e,
        details: { ...e.details, updateIndex: i, updateId },
      });
    }
  });
  const final = state;
  return { genesis, updates, state: final, authority: new AllianceAuthority(() => final, options) };
}

/** The trust file of `genesisBytes` (exact file bytes) and the `updates` applied on it, in order. */
export function trustFileOf(genesisBytes: Uint8Array, updates: readonly RegistryUpdate[]): Uint8Array {
  const json = { format: TRUST_FORMAT, genesis: toBase64url(genesisBytes), updates: updates.map(registryUpdateToJson) };
  return utf8(`${JSON.stringify(json, null, 2)}\n`);
}

/** The file's parts, shape-checked only (nothing in them is trusted yet). */
function parseTrustFile(bytes: Uint8Array): { genesisBytes: Uint8Array; updates: unknown[] } {
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bytes));
  } catch (e) {
    throw invalid('not valid UTF-8 JSON', e);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('expected a JSON object');
  const o = json as Record<string, unknown>;
  if (o.format !== TRUST_FORMAT) throw invalid(`format: expected "${TRUST_FORMAT}", got ${JSON.stringify(o.format)}`);
  if (typeof o.genesis !== 'string' || o.genesis.length === 0) throw invalid('genesis: expected the base64url of the genesis file bytes');
  let genesisBytes: Uint8Array;
  try {
    genesisBytes = fromBase64url(o.genesis, 'genesis');
  } catch (e) {
    throw invalid('genesis: not base64url', e);
  }
  if (!Array.isArray(o.updates)) throw invalid('updates: expected an array (empty when the registry is still at genesis)');
  return { genesisBytes, updates: o.updates };
}
