/**
 * Admission requests (src/identity/admission-request.ts): signed by the key they ask to register;
 * another key's signature, or any field changed after signing, is refused
 * `admission_signature_invalid`; the file form round-trips.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import {
  admissionRequestFromJson,
  admissionRequestToJson,
  signAdmissionRequest,
  verifyAdmissionRequest,
  type AdmissionRequest,
} from '../../src/identity/admission-request.js';
import type { ChainEntry } from '../../src/identity/chain-entry.js';
import { createSigner } from '../../src/identity/signer.js';
import { reasonOf } from '../helpers/reason-of.js';

const key = (n: number): Uint8Array => sha256(utf8(`admission request test key ${n}`));
const partner = createSigner('did:alliance:licence-office', 'did:alliance:licence-office#key-1', key(1));
const impostor = createSigner('did:alliance:licence-office', 'did:alliance:licence-office#key-1', key(2));

const chain: ChainEntry = {
  chainId: 'licence-registry',
  kind: 'bft-smt',
  displayName: '执业许可登记链',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: { height: 1, headerHash: new Uint8Array(32).fill(1), validatorsHash: new Uint8Array(32).fill(2) },
  servers: ['did:alliance:licence-office'],
};
const body = {
  allianceId: 'partner-alliance',
  org: 'Licence Office',
  roles: ['adapter' as const],
  chains: ['licence-registry'],
  chain,
  createdAtMs: 1_700_000_000_000,
};

describe('admission requests', () => {
  it("verify under the requester's own key, and round-trip through the file form", () => {
    const r = signAdmissionRequest(body, partner);
    expect(r.did).toBe(partner.did);
    expect(r.kid).toBe('#key-1');
    expect(toHex(r.publicKey)).toBe(toHex(partner.publicKey));
    const back = admissionRequestFromJson(JSON.parse(JSON.stringify(admissionRequestToJson(r))));
    expect(verifyAdmissionRequest(back)).toEqual(r);
  });

  const cases: Array<{ name: string; malleate: (r: AdmissionRequest) => AdmissionRequest }> = [
    {
      name: 'signed by another key than the one it registers',
      malleate: () => ({ ...signAdmissionRequest(body, impostor), publicKey: partner.publicKey }),
    },
    { name: 'a role added after signing', malleate: (r) => ({ ...r, roles: ['adapter', 'admin'] }) },
    { name: 'another alliance', malleate: (r) => ({ ...r, allianceId: 'other-alliance' }) },
    { name: 'another anchor', malleate: (r) => ({ ...r, chain: { ...chain, anchor: { ...chain.anchor, height: 2 } } }) },
    { name: 'another server', malleate: (r) => ({ ...r, chain: { ...chain, servers: ['did:alliance:someone-else'] } }) },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}: admission_signature_invalid`, () => {
      const forged = c.malleate(signAdmissionRequest(body, partner));
      expect(reasonOf(() => verifyAdmissionRequest(forged))).toBe('admission_signature_invalid');
    });
  }

  it('refuses a malformed file naming the field', () => {
    const json = admissionRequestToJson(signAdmissionRequest(body, partner));
    expect(reasonOf(() => admissionRequestFromJson({ ...json, type: 'x' }))).toBe('invalid_admission_request');
    expect(reasonOf(() => admissionRequestFromJson({ ...json, publicKeyHex: 'zz' }))).toBe('invalid_admission_request');
    expect(reasonOf(() => admissionRequestFromJson({ ...json, roles: ['king'] }))).toBe('invalid_admission_request');
    expect(reasonOf(() => admissionRequestFromJson({ ...json, chains: [] }))).toBe('invalid_admission_request');
  });

  it('is made only by an alliance DID key', () => {
    const didKey = createSigner('did:key:zQ3sexample', 'did:key:zQ3sexample#zQ3sexample', key(3));
    expect(reasonOf(() => signAdmissionRequest(body, didKey))).toBe('invalid_admission_request');
  });
});
