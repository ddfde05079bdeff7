/**
 * A proven record as the one ProofBundle format (src/verify/record-bundle.ts): it survives its
 * bytes, its hash names those bytes, and `verifyBundle` checks it, including the validator sets
 * a caller pinned (the judicial workflows' audit export relies on that pin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DevJudicialLedger } from '../../src/devtools/in-process-ports.js';
import { validatorSetHash } from '../../src/chain/validator-set.js';
import { toHex } from '../../src/encoding/bytes.js';
import { verifyBundle } from '../../src/verify/bundle-verify.js';
import {
  decodeRecordBundle,
  encodeRecordBundle,
  recordBundleHash,
  recordBundleOf,
  verifyRecordBundle,
  type ProvenRecord,
} from '../../src/verify/record-bundle.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';

describe('record bundles', () => {
  let judicial: DevJudicialLedger;
  let absent: ProvenRecord;
  beforeAll(async () => {
    judicial = new DevJudicialLedger({
      chainId: 'judicial',
      sender: 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme',
      clock: () => 1_750_000_000_000,
    });
    absent = await judicial.prove('anchor/00');
  });
  afterAll(() => judicial.close());

  it('round-trips through its protobuf bytes, and its hash names them', () => {
    const bytes = encodeRecordBundle(absent);
    const back = decodeRecordBundle(bytes);
    expect({ chainId: back.chainId, key: back.key, value: back.value }).toEqual({ chainId: absent.chainId, key: absent.key, value: null });
    expect(encodeRecordBundle(back)).toEqual(bytes);
    expect(recordBundleHash(decodeRecordBundle(bytes))).toBe(recordBundleHash(absent));
    expect(() => decodeRecordBundle(new Uint8Array([0xff, 0xff]))).toThrow(expect.objectContaining({ reason: 'bundle_malformed' }));
  });

  it('verifies an absence against a quorum-signed header', () => {
    const ev = verifyRecordBundle(absent, { chainId: 'judicial', key: 'anchor/00' });
    expect(ev.kind).toBe('absent');
    expect(ev.header.height).toBe(absent.light.signedHeader.header.height);
  });

  it('verifyBundle refuses a validator set other than the pinned one: untrusted_validator_set', () => {
    const bundle = decodeMessage('ProofBundle', encodeMessage('ProofBundle', recordBundleOf(absent)));
    const own = toHex(validatorSetHash(absent.light.validatorSet));
    const ok = verifyBundle(bundle, { atMs: 0, pinnedValidatorSets: { judicial: [own] } });
    expect(ok.checks.find((c) => c.name === 'validator_set_hash')?.outcome).toBe('passed');
    const other = verifyBundle(bundle, { atMs: 0, pinnedValidatorSets: { judicial: ['00'.repeat(32)] } });
    expect(other.checks.find((c) => c.name === 'validator_set_hash')).toMatchObject({
      outcome: 'failed',
      reason: 'untrusted_validator_set',
    });
    expect(other.verdict).toBe('invalid');
    expect(() => verifyRecordBundle(absent, {}, { trustedValidators: { judicial: ['00'.repeat(32)] } })).toThrow(
      expect.objectContaining({ reason: 'untrusted_validator_set' }),
    );
  });
});
