/**
 * The trust file (src/identity/trust-file.ts): a party verifies a real title bundle offline from
 * the pinned genesis hash alone, with the property chain admitted by a registry update after
 * genesis. Every way to slip a different registry past the pin is refused with a named reason
 * that says which update: a tampered genesis, a forged admin approval, updates out of order, an
 * update from the future. A chain removed before the receipt was signed makes the bundle invalid.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8, toBase64url, utf8 } from '../../src/encoding/bytes.js';
import { sha256 } from '../../src/crypto/hash.js';
import { createSigner } from '../../src/identity/signer.js';
import { registryUpdateToJson, type RegistryUpdate } from '../../src/identity/registry-update.js';
import { loadTrust, trustFileOf } from '../../src/identity/trust-file.js';
import { verifyBundleBytes } from '../../src/verify/bundle-verify.js';
import { titleBundles, TITLE_ADMIN_DID, type TitleBundles } from '../helpers/title-bundle.js';
import { stateAfter, titleTrust, type TitleTrust } from '../helpers/title-trust.js';

let b: TitleBundles;
let tt: TitleTrust;
let now: number;
let admit: RegistryUpdate;

const refusal = (f: () => unknown): { reason: string; code: string; message: string; details: Record<string, unknown> } => {
  try {
    f();
  } catch (e) {
    return e as never;
  }
  throw new Error('expected a refusal');
};

beforeAll(async () => {
  b = await titleBundles();
  tt = titleTrust(b);
  now = Date.now();
  admit = tt.update(tt.genesisState(), { kind: 'admit_chain', chain: tt.chain }, now - 600_000);
});

describe('loadTrust', () => {
  it('a chain admitted by a later update: the title bundle verifies VALID from the genesis hash alone', () => {
    const trust = loadTrust(trustFileOf(tt.genesisBytes, [admit]), tt.genesisHash, now);
    expect(trust.state.sequence).toBe(1);
    const v = verifyBundleBytes(b.bytes(b.title), { atMs: now, authority: trust.authority });
    expect(v.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(v.verdict).toBe('valid');
    // The genesis alone does not know the chain: the same bundle is invalid, unknown_chain.
    const genesisOnly = loadTrust(trustFileOf(tt.genesisBytes, []), tt.genesisHash, now);
    const g = verifyBundleBytes(b.bytes(b.title), { atMs: now, authority: genesisOnly.authority });
    expect(g.verdict).toBe('invalid');
    expect(g.checks.find((c) => c.name === 'chain_admitted')?.reason).toBe('unknown_chain');
  });

  it('a tampered genesis is refused genesis_hash_mismatch', () => {
    const edited = utf8(fromUtf8(tt.genesisBytes).replace('"quorum": 1', '"quorum": 0'));
    expect(edited).not.toEqual(tt.genesisBytes);
    const e = refusal(() => loadTrust(trustFileOf(edited, [admit]), tt.genesisHash, now));
    expect(e.reason).toBe('genesis_hash_mismatch');
    expect(e.code).toBe('FAILED_PRECONDITION');
  });

  it('an update approved by a forged admin key is refused quorum_not_met, naming the update', () => {
    const forger = createSigner(TITLE_ADMIN_DID, `${TITLE_ADMIN_DID}#key-1`, sha256(utf8('not the admin')));
    const forged = tt.update(tt.genesisState(), { kind: 'admit_chain', chain: tt.chain }, now - 600_000, [forger]);
    const e = refusal(() => loadTrust(trustFileOf(tt.genesisBytes, [forged]), tt.genesisHash, now));
    expect(e.reason).toBe('quorum_not_met');
    expect(e.code).toBe('PERMISSION_DENIED');
    expect(e.message).toContain(`update #0 (${forged.updateId})`);
    expect(e.details).toMatchObject({ updateIndex: 0, updateId: forged.updateId });
  });

  it('updates out of order are refused out_of_order at the first misplaced one', () => {
    const remove = tt.update(stateAfter(tt, [admit], now), { kind: 'remove_chain', chainId: 'property' }, now - 300_000);
    const e = refusal(() => loadTrust(trustFileOf(tt.genesisBytes, [remove, admit]), tt.genesisHash, now));
    expect(e.reason).toBe('out_of_order');
    expect(e.details).toMatchObject({ updateIndex: 0, updateId: remove.updateId });
  });

  it('an update effective in the future is refused update_from_future', () => {
    const future = tt.update(tt.genesisState(), { kind: 'admit_chain', chain: tt.chain }, now + 3_600_000);
    expect(refusal(() => loadTrust(trustFileOf(tt.genesisBytes, [future]), tt.genesisHash, now)).reason).toBe('update_from_future');
  });

  it('a chain removed before the receipt was signed: the bundle is INVALID unknown_chain', () => {
    const remove = tt.update(stateAfter(tt, [admit], now), { kind: 'remove_chain', chainId: 'property' }, now - 300_000);
    const trust = loadTrust(trustFileOf(tt.genesisBytes, [admit, remove]), tt.genesisHash, now);
    const v = verifyBundleBytes(b.bytes(b.title), { atMs: now, authority: trust.authority });
    expect(v.verdict).toBe('invalid');
    expect(v.checks.find((c) => c.name === 'chain_admitted')?.reason).toBe('unknown_chain');
  });

  it('a malformed file is refused invalid_trust_file; an unreadable update invalid_update, named', () => {
    const file = (o: unknown) => utf8(JSON.stringify(o));
    expect(
      refusal(() => loadTrust(file({ format: 'other', genesis: toBase64url(tt.genesisBytes), updates: [] }), tt.genesisHash, now)).reason,
    ).toBe('invalid_trust_file');
    expect(
      refusal(() => loadTrust(file({ format: 'courtbridge.v1.Trust', genesis: 'not base64!', updates: [] }), tt.genesisHash, now)).reason,
    ).toBe('invalid_trust_file');
    expect(
      refusal(() => loadTrust(file({ format: 'courtbridge.v1.Trust', genesis: toBase64url(tt.genesisBytes) }), tt.genesisHash, now)).reason,
    ).toBe('invalid_trust_file');
    const broken = { ...registryUpdateToJson(admit), sequence: 'one' };
    const e = refusal(() =>
      loadTrust(file({ format: 'courtbridge.v1.Trust', genesis: toBase64url(tt.genesisBytes), updates: [broken] }), tt.genesisHash, now),
    );
    expect(e.reason).toBe('invalid_update');
    expect(e.message).toContain(`update #0 (${admit.updateId})`);
  });
});
