/**
 * The checks a bundle of a notarized kind (`evm`, `notary`) answers alike: its chain admitted as
 * that kind in the registry when the gateway vouched, and the notaries' signatures each counting.
 * Only the kind and the wording differ; evm-bundle-verify.ts and notary-bundle-verify.ts say them.
 */
import type { ChainEntry } from '../identity/chain-entry.js';
import { type BundleCheck, type BundleVerifyOptions, failed, passed, receiptTimeOf, skipped, type WireBundle } from './bundle-verify.js';
import type { NotarizationVerdict, NotaryPolicy } from './notary.js';

export interface NotarizedAdmission {
  /** The chain_admitted check. */
  check: BundleCheck;
  /** The chain's entry, when the registry admits it as the bundle's kind. */
  entry: ChainEntry | undefined;
  /** Its notaries and threshold, with `entry`. */
  policy: NotaryPolicy | undefined;
  /** Why the checks that need the notaries are skipped when `entry` is undefined. */
  unknownWhy: 'no_registry' | 'earlier_check_failed';
}

/** How a kind words its admission: what cannot be checked without a registry, what the bundle carries, what an admission says. */
export interface AdmissionWording {
  unchecked: string;
  carries: string;
  admitted(entry: ChainEntry, policy: NotaryPolicy): string;
}

/** chain_admitted: `chainId` as the registry knew it when the gateway vouched, admitted when `fits` its entry. */
export function notarizedAdmission(
  bundle: WireBundle,
  options: BundleVerifyOptions,
  chainId: string,
  fits: (entry: ChainEntry) => boolean,
  wording: AdmissionWording,
): NotarizedAdmission {
  const registry = options.authority;
  const vouchedAtMs = receiptTimeOf(bundle) ?? options.atMs;
  const found = registry?.chainAt(chainId, vouchedAtMs);
  // fits() admits only evm and notary entries, and validateChainEntry refuses those without notaries.
  const entry = found !== undefined && fits(found) ? found : undefined;
  const policy = entry === undefined ? undefined : { threshold: entry.attestation!.threshold, notaries: entry.attestation!.attesters };
  const unknownWhy = registry === undefined ? 'no_registry' : 'earlier_check_failed';
  const check =
    registry === undefined
      ? skipped('chain_admitted', 'no_registry', `no alliance registry was given: ${wording.unchecked} cannot be checked`)
      : found === undefined
        ? failed(
            'chain_admitted',
            'unknown_chain',
            `the alliance registry holds no chain ${chainId} at ${new Date(vouchedAtMs).toISOString()}`,
          )
        : entry === undefined
          ? failed(
              'chain_admitted',
              'unsupported_chain_kind',
              `${chainId} is verified as ${found.kind} in the alliance registry; this bundle carries ${wording.carries}`,
            )
          : passed('chain_admitted', wording.admitted(entry, policy!));
  return { check, entry, policy, unknownWhy };
}

/** header_quorum and commit_signatures skipped: the chain's notaries are not known. */
export function notariesUnknown(why: NotarizedAdmission['unknownWhy']): BundleCheck[] {
  return [
    skipped('header_quorum', why, "not run: the chain's notaries are not known"),
    skipped('commit_signatures', why, "not run: the chain's notaries are not known"),
  ];
}

/** commit_signatures: every one of the bundle's `count` notary signatures counts, or the first that does not is named. */
export function notarySignaturesCheck(v: NotarizationVerdict, count: number): BundleCheck {
  const bad = v.ignored[0];
  return bad === undefined
    ? passed('commit_signatures', `every one of the ${count} notary signatures verifies`)
    : failed(
        'commit_signatures',
        bad.reason,
        `the signature of ${bad.did} counts for nothing (${bad.reason}): a bundle carries only its notaries' valid signatures`,
      );
}
