/**
 * The chains a gateway follows, built once at start from its configuration and the alliance
 * registry (STYLE.md 9: parsed at the edge into typed objects): which chains (`config.chains`,
 * or every chain the registry grants an adapter for), what each answers (the chain catalog the
 * gateway is given, else the schema in the chain's registry entry: chain-catalog.ts), who operates it (its adapter
 * DID in the registry), how its answers are trusted (`config.attestation`) and where its light
 * client starts trusting (`config.chainTrust`, DESIGN.md "Header proofs").
 */
import type { ChainTrustConfig, GatewayConfig } from '../config/gateway-config.js';
import { fromHex } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { activeChains, type RegistryState } from '../identity/registry.js';
import type { ChainKind } from '../identity/chain-entry.js';
import { wireKindOf } from '../judicial/wire-kind.js';
import { type ChainCatalog, catalogChainOf } from './chain-catalog.js';
import type { ChainConfig, OwnerIndex } from './light-clients/chain-config.js';

/** The verification kinds this gateway's light clients implement (registry entries name a kind). */
export const GATEWAY_CHAIN_KINDS: readonly ChainKind[] = ['bft-smt', 'evm', 'notary'];

/** Indexes Investigate searches: an owner's or holder's assets. */
const OWNER_INDEXES: ReadonlySet<string> = new Set(['owner', 'holder']);

/** Active adapter DIDs per chain in the registry now (the grant in force is the last one). */
export function adapterDidsByChain(state: RegistryState): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of state.members.values()) {
    if (m.status !== 'active') continue;
    const g = m.grants[m.grants.length - 1];
    if (g === undefined || !g.roles.includes('adapter')) continue;
    for (const c of g.chains) out.set(c, [...(out.get(c) ?? []), m.did]);
  }
  return out;
}

/** Which chain ids to follow, and why the others are left out (logged by the caller). */
export interface ChainSelection {
  chains: ChainConfig[];
  /** Chain ids granted in the registry that the gateway cannot serve (no schema in its catalog or registry entry, removed, or of a kind it cannot verify). */
  skipped: string[];
  /** Chains whose light client trusts the first announced header (dev only). */
  trustOnFirstAnnounce: string[];
}

/** The light client's trust options of `chainId`. */
export function chainTrustOf(config: GatewayConfig, chainId: string): ChainTrustConfig {
  return config.chainTrust[chainId] ?? config.defaultChainTrust;
}

/**
 * Build the chain configurations.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_config` for a configured chain the gateway
 *   has no schema for, or one whose attestation policy is missing
 */
export function chainConfigsOf(config: GatewayConfig, state: RegistryState, catalog: ChainCatalog): ChainSelection {
  const adapters = adapterDidsByChain(state);
  const admitted = new Map(activeChains(state).map((e) => [e.chainId, e]));
  const wanted = config.chains.length > 0 ? [...config.chains] : [...new Set([...admitted.keys(), ...adapters.keys()])].sort();
  const out: ChainSelection = { chains: [], skipped: [], trustOnFirstAnnounce: [] };
  for (const chainId of wanted) {
    // A chain the registry removed is not served, whatever the configuration says.
    if (state.chains.get(chainId)?.removedAtMs !== undefined) {
      out.skipped.push(chainId);
      continue;
    }
    const kindOf = admitted.get(chainId)?.kind;
    if (kindOf !== undefined && !GATEWAY_CHAIN_KINDS.includes(kindOf)) {
      if (config.chains.length > 0) {
        throw new CourtbridgeError(
          ErrorCode.FailedPrecondition,
          'unsupported_chain_kind',
          `chain ${chainId} is verified as ${kindOf} in the alliance registry; this gateway's light clients verify ${GATEWAY_CHAIN_KINDS.join(', ')}`,
          { details: { field: 'chains' } },
        );
      }
      out.skipped.push(chainId);
      continue;
    }
    const known = catalogChainOf(catalog, chainId, admitted.get(chainId));
    if (known === undefined) {
      if (config.chains.length > 0) {
        throw new CourtbridgeError(
          ErrorCode.InvalidArgument,
          'invalid_config',
          `config.chains: no schema for chain ${chainId}: its registry entry has none and this gateway's catalog does not know it (known: ${Object.keys(catalog).join(', ')})`,
          { details: { field: 'chains' } },
        );
      }
      out.skipped.push(chainId);
      continue;
    }
    const trust = chainTrustOf(config, chainId);
    // The registry entry decides where trust starts and whose attestations count; the
    // configuration only for chains the registry does not list (development alliances).
    const entry = admitted.get(chainId);
    const policy = entry !== undefined ? entry.attestation : config.attestation[chainId];
    // A chain's index namespace spans its record types (ip's `owner` files copyrights, marks and
    // patents alike), so each owner index is searched once, not once per record type.
    const ownerIndexes: OwnerIndex[] = [];
    for (const r of known.recordTypes) {
      for (const index of r.indexes)
        if (OWNER_INDEXES.has(index) && !ownerIndexes.some((o) => o.index === index)) ownerIndexes.push({ recordType: r.name, index });
    }
    if (entry?.kind === 'evm' && (known.evmRecords === undefined || entry.evmContract === undefined || policy === undefined)) {
      // The catalog must say where its records live; without it nothing it answers can be checked.
      if (config.chains.length > 0) {
        throw new CourtbridgeError(
          ErrorCode.InvalidArgument,
          'invalid_config',
          `config.chains: chain ${chainId} is an evm chain but this gateway's catalog has no storage layout for its records`,
          { details: { field: 'chains' } },
        );
      }
      out.skipped.push(chainId);
      continue;
    }
    if (entry?.kind === 'notary' && policy === undefined) {
      // A notary chain vouches for nothing without its notaries (chain-entry.ts requires them; defensive).
      if (config.chains.length > 0) {
        throw new CourtbridgeError(
          ErrorCode.InvalidArgument,
          'invalid_config',
          `config.chains: chain ${chainId} is a notary chain but its registry entry names no notaries`,
          { details: { field: 'chains' } },
        );
      }
      out.skipped.push(chainId);
      continue;
    }
    const notary = entry?.kind === 'notary' ? { notaries: { threshold: policy!.threshold, notaries: [...policy!.attesters] } } : undefined;
    const evm =
      entry?.kind === 'evm'
        ? {
            contract: entry.evmContract!,
            notaries: { threshold: policy!.threshold, notaries: [...policy!.attesters] },
            records: known.evmRecords!,
          }
        : undefined;
    const chain: ChainConfig = {
      chainId,
      kind: known.kind,
      displayName: known.displayName,
      operatorDid: entry?.servers[0] ?? adapters.get(chainId)?.[0] ?? '',
      recordTypes: known.recordTypes.map((r) => r.name),
      actions: [...new Set(known.actions.map((a) => wireKindOf(a.kind)).filter((k) => k !== 'ACTION_KIND_UNSPECIFIED'))],
      trustBasis:
        evm !== undefined
          ? 'notarized_state_proof'
          : notary !== undefined
            ? 'notarized_record'
            : policy === undefined
              ? 'header_proof'
              : 'header_proof_and_attestations',
      ...(policy === undefined || evm !== undefined || notary !== undefined
        ? {}
        : { attestationPolicy: { threshold: policy.threshold, attesters: [...policy.attesters] } }),
      ...(evm === undefined ? {} : { evm }),
      ...(notary === undefined ? {} : { notary }),
      trustingPeriodMs: trust.trustingPeriodMs,
      maxClockDriftMs: trust.maxClockDriftMs,
      ...(trust.defaultMaxStalenessMs > 0 ? { defaultMaxStalenessMs: trust.defaultMaxStalenessMs } : {}),
      ...(ownerIndexes.length > 0 ? { ownerIndexes } : {}),
      // The entry's hash suite, never one guessed from a header: the light client is made with it.
      ...(entry !== undefined && entry.hashSuite !== 'sha256' ? { hashSuite: entry.hashSuite } : {}),
      ...(entry !== undefined && entry.signatureSuite !== 'secp256k1' ? { signatureSuite: entry.signatureSuite } : {}),
      ...(entry !== undefined
        ? { trustAnchor: { height: entry.anchor.height, headerHash: entry.anchor.headerHash } }
        : trust.start.kind === 'anchor'
          ? { trustAnchor: { height: trust.start.height, headerHash: fromHex(trust.start.headerHash) } }
          : {}),
    };
    if (entry === undefined && trust.start.kind === 'first_announce') out.trustOnFirstAnnounce.push(chainId);
    out.chains.push(chain);
  }
  return out;
}
