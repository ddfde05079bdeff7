/**
 * What the kit certifies the chain as, read from the registry of the pinned genesis: its kind
 * decides which checks apply how. A `bft-smt` chain (and one the registry does not list, as before
 * chains had kinds) is judged by its signed headers and SMT proofs; an `evm` chain by blocks its
 * registry notaries made final (the `cb_notary` bucket) and `eth_getProof` proofs of the
 * registry's contract, read by the record type's storage layout; a `notary` chain (a registry kept
 * in a database) by the signatures of its registry notaries over each record or absence, at a
 * database version and time. The adapter names none of this: an adapter that could pick its own
 * contract or notaries would certify itself.
 */
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import type { ChainDirectory } from '../identity/chain-entry.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import type { EvmRecordLayout } from '../verify/evm/evm-record.js';
import type { NotaryPolicy } from '../verify/notary.js';

export type ChainUnderTest =
  /** `hashSuite`: the entry's when it is not SHA-256 (headers and proofs are judged under it). */
  | { kind: 'bft-smt'; hashSuite?: HashSuite }
  | {
      kind: 'evm';
      /** The registry entry's `evmContract` (20 bytes): the only storage a record is proven from. */
      contract: Uint8Array;
      /** The registry entry's `attestation`: m of n notaries make a block final. */
      notaries: NotaryPolicy;
      /** Notarizations below the registry anchor are not the admitted chain's. */
      fromHeight: number;
      /** Storage layouts by record type (adapters/catalog.ts `ALLIANCE_EVM_RECORDS`). */
      records: ReadonlyMap<string, EvmRecordLayout>;
    }
  | {
      kind: 'notary';
      /** The registry entry's `attestation`: m of n notaries vouch for each record (or absence) read. */
      notaries: NotaryPolicy;
    };

/**
 * The chain `chain` as `authority` lists it at `atMs`.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_conformance_options` for an `evm` chain without `evmRecords`
 */
export function chainUnderTest(
  authority: Authority & Partial<ChainDirectory>,
  chain: string,
  atMs: number,
  evmRecords: ReadonlyMap<string, EvmRecordLayout> | undefined,
): ChainUnderTest {
  const entry = typeof authority.chainAt === 'function' ? authority.chainAt(chain, atMs) : undefined;
  if (entry === undefined || entry.kind === 'bft-smt')
    return entry === undefined || entry.hashSuite === 'sha256' ? { kind: 'bft-smt' } : { kind: 'bft-smt', hashSuite: entry.hashSuite };
  // validateChainEntry guarantees an attestation for evm and notary entries.
  const notaries: NotaryPolicy = { threshold: entry.attestation!.threshold, notaries: [...entry.attestation!.attesters] };
  if (entry.kind === 'notary') return { kind: 'notary', notaries };
  if (evmRecords === undefined)
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'invalid_conformance_options',
      `options.evmRecords: ${chain} is an evm chain in the registry; give the record layouts its proofs are read by (ALLIANCE_EVM_RECORDS)`,
    );
  // validateChainEntry guarantees the contract for an evm entry.
  return {
    kind: 'evm',
    contract: entry.evmContract!,
    notaries,
    fromHeight: entry.anchor.height,
    records: evmRecords,
  };
}
