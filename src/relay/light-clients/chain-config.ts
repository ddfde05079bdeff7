/**
 * What the gateway knows about each chain before it sees any header: its identity, what it
 * answers, how its answers are trusted, and the light client's trust parameters. Parsed once at
 * the edge (STYLE.md 9) into this typed object; nothing here reads the environment.
 */
import type { SignatureSuite } from '../../crypto/signature-suite.js';
import type { HashSuite } from '../../crypto/hash-suite.js';
import type { AttestationPolicy } from '../../verify/attestations.js';
import type { EvmRecordLayout } from '../../verify/evm/evm-record.js';
import type { NotaryPolicy } from '../../verify/notary.js';

/** ChainKind without its prefix (chain.proto). */
export type ChainKindName = 'judicial' | 'ip' | 'property' | 'credit' | 'finance' | 'registry';

/** What a chain's answers rest on (bundle.proto TrustBasis). */
export type TrustBasisName =
  | 'header_proof'
  | 'attestations'
  | 'header_proof_and_attestations'
  | 'notarized_state_proof'
  | 'notarized_record';

/** A secondary index Investigate searches (e.g. property titles by `owner`). */
export interface OwnerIndex {
  recordType: string;
  /** Index name, `owner` or `holder`. */
  index: string;
}

export interface ChainConfig {
  chainId: string;
  kind: ChainKindName;
  displayName: string;
  operatorDid: string;
  recordTypes: readonly string[];
  /** Action kinds (ActionKind names) the chain's adapters execute. */
  actions?: readonly string[];
  trustBasis: TrustBasisName;
  /** m-of-n attestation policy, required when trustBasis involves attestations. */
  attestationPolicy?: AttestationPolicy;
  /** How long a trusted header anchors updates (below the chain's unbonding period). */
  trustingPeriodMs: number;
  /** How far ahead of the gateway's clock a header's time may be. */
  maxClockDriftMs: number;
  /**
   * The chain's least block interval in header time: a header more heights ahead of the trusted
   * one than the time between allows is held (`height_ahead_of_time`). 1 ms unless told.
   */
  minBlockIntervalMs?: number;
  /** Staleness refused when the caller asks for none (max_staleness_ms = 0); unlimited when absent. */
  defaultMaxStalenessMs?: number;
  /** Indexes Investigate searches on this chain. */
  ownerIndexes?: readonly OwnerIndex[];
  /**
   * Subjective initialisation (DESIGN.md "Header proofs"): the header to trust first when the
   * shared trusted store has none. Without it the gateway trusts the adapter's latest light
   * block on first contact (dev and tests only).
   */
  trustAnchor?: { height: number; headerHash: Uint8Array };
  /**
   * The hash suite of the chain's registry entry (bft-smt chains): its headers, validator sets and
   * state proofs are checked under it, and its light client is made with it. SHA-256 when absent
   * (chains the registry does not list, and every chain before suites existed).
   */
  /** The signature suite of the chain's validators (the registry entry's; secp256k1 unless told). */
  signatureSuite?: SignatureSuite;
  hashSuite?: HashSuite;
  /**
   * An `evm` chain (its registry entry's kind): answers are eth_getProof proofs of its contract's
   * storage against blocks its notaries made final (notary-book.ts), not light-client headers.
   */
  evm?: EvmChainConfig;
  /**
   * A `notary` chain (its registry entry's kind): a registry kept in a database, whose answers are
   * records its notaries each read and signed at a database version (notary-record.ts); there are
   * no headers to follow.
   */
  notary?: NotaryChainConfig;
}

/** What the gateway verifies an `evm` chain's answers with, all from its registry entry and catalog. */
export interface EvmChainConfig {
  /** The contract whose storage holds the records (20 bytes). */
  contract: Uint8Array;
  notaries: NotaryPolicy;
  /** Where each record type lives in the contract's storage. */
  records: readonly EvmRecordLayout[];
}

/** What the gateway verifies a `notary` chain's answers with: its registry entry's notaries. */
export interface NotaryChainConfig {
  notaries: NotaryPolicy;
}
