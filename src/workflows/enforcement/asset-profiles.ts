/**
 * How the enforcement reads each asset chain's records (adapters/<chain>/schema.ts): which index
 * finds a person's assets, and what an asset is worth to enforcement. One profile per chain.
 */
import { decodeCanonicalObject } from '../../encoding/canonical-json.js';
import type { AssetDomain, InvestigatedAsset, ProvenRecord } from '../ports.js';
import type { EnforcementTargets } from './engine.js';

export interface AssetChainProfile {
  domain: AssetDomain;
  chainId: string;
  /** Secondary index that lists a person's records, e.g. `holder`, `owner`. */
  ownerIndex: string;
  /**
   * Record type and the value available to enforcement (cents) for `ownerHash`, or undefined when
   * the record is not an enforceable asset (a loan, a title already seized).
   */
  assess(key: string, value: Uint8Array, ownerHash: string): { recordType: string; target: string; valueCents: bigint } | undefined;
}

/** A proven record of `profile`'s chain as an asset of `ownerHash`, or undefined when it is none. */
export function investigatedAsset(profile: AssetChainProfile, record: ProvenRecord, ownerHash: string): InvestigatedAsset | undefined {
  if (record.value === null) return undefined;
  const a = profile.assess(record.key, record.value, ownerHash);
  if (!a) return undefined;
  return { domain: profile.domain, chainId: profile.chainId, recordType: a.recordType, target: a.target, valueCents: a.valueCents, record };
}

const obj = (v: Uint8Array): Record<string, unknown> => decodeCanonicalObject(v, 'record') as Record<string, unknown>;

/** finance (adapters/finance): accounts, available = balance - frozen. Loans are not assets. */
export const financeProfile: AssetChainProfile = {
  domain: 'finance',
  chainId: 'finance',
  ownerIndex: 'holder',
  assess(key, value) {
    if (!key.startsWith('account/')) return undefined;
    const r = obj(value);
    const available = BigInt(r['balanceCents'] as string) - BigInt(r['frozenCents'] as string);
    return { recordType: 'account', target: key.slice('account/'.length), valueCents: available > 0n ? available : 0n };
  },
};

/** property (adapters/property): titles, the debtor's share of the value estimate; seized titles skipped. */
export const propertyProfile: AssetChainProfile = {
  domain: 'property',
  chainId: 'property',
  ownerIndex: 'owner',
  assess(key, value, ownerHash) {
    if (!key.startsWith('title/')) return undefined;
    const r = obj(value);
    const enc = (r['encumbrances'] as { kind: string }[] | undefined) ?? [];
    if (enc.some((e) => e.kind === 'seizure')) return undefined;
    const owners = (r['owners'] as { owner: string; shareBp: number }[] | undefined) ?? [];
    const share = owners.find((o) => o.owner === ownerHash)?.shareBp ?? 0;
    const est = BigInt((r['valueEstimateCents'] as string | undefined) ?? '0');
    return { recordType: 'title', target: key.slice('title/'.length), valueCents: (est * BigInt(share)) / 10_000n };
  },
};

/** ip (adapters/ip): rights carry no appraisal; worth 0 toward the debt, frozen when the debt is not covered. */
export const ipProfile: AssetChainProfile = {
  domain: 'ip',
  chainId: 'ip',
  ownerIndex: 'owner',
  assess(key, value) {
    const type = key.split('/')[0]!;
    if (!['copyright', 'trademark', 'patent'].includes(type)) return undefined;
    const r = obj(value);
    const enf = r['enforcement'] as { status: string } | undefined;
    if (enf && enf.status !== 'clear') return undefined;
    return { recordType: type, target: key, valueCents: 0n };
  },
};

/**
 * market (adapters/market): equity stakes found by `holder`, worth their free part (subscribed
 * contribution neither frozen nor pledged); a stake fully frozen or pledged is not an asset. The
 * target is `<USCC>/<holder>` (the market chain's freeze target).
 */
export const equityProfile: AssetChainProfile = {
  domain: 'equity',
  chainId: 'market',
  ownerIndex: 'holder',
  assess(key, value, ownerHash) {
    if (!key.startsWith('equity/')) return undefined;
    const r = obj(value);
    if (r['holder'] !== ownerHash) return undefined;
    const free = BigInt(r['subscribedCents'] as string) - BigInt(r['frozenCents'] as string) - BigInt(r['pledgedCents'] as string);
    if (free <= 0n) return undefined;
    return { recordType: 'equity', target: key.slice('equity/'.length), valueCents: free };
  },
};

/** The action kinds of our adapters (adapters/<chain>/schema.ts *_ACTIONS). */
export const DEFAULT_TARGETS: EnforcementTargets = {
  assets: {
    finance: { take: 'freeze', step: 'freeze', release: 'release', amount: 'required' },
    property: { take: 'seize', step: 'seize', release: 'release', amount: 'none' },
    equity: { take: 'freeze', step: 'freeze', release: 'unfreeze', amount: 'required' },
    ip: { take: 'freeze', step: 'freeze', release: 'release', amount: 'none' },
  },
  credit: {
    chainId: 'credit',
    recordType: 'dishonest',
    restrictionRecordType: 'restriction',
    list: 'list',
    delist: 'delist',
    restrict: 'restrict',
    unrestrict: 'unrestrict',
  },
};
