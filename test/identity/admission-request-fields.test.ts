/**
 * Admission request fields (src/identity/admission-request.ts): every malformed field of the file
 * form is refused `invalid_admission_request` with a message naming the field; the boundaries
 * (org 1..200 characters, createdAtMs from 0) hold; the key length follows its suite (35 bytes
 * for an SM2 key, multicodec prefix 8624, else 33 for secp256k1); a request without a chain of
 * its own round-trips without a `chain` key; and only a key of did:alliance:<org> with a key id
 * #key-N may sign one, refused with the command that makes such a key.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import {
  type AdmissionRequestJson,
  admissionRequestFromJson,
  admissionRequestToJson,
  signAdmissionRequest,
  verifyAdmissionRequest,
} from '../../src/identity/admission-request.js';
import type { ChainEntry } from '../../src/identity/chain-entry.js';
import { createSigner, type Signer } from '../../src/identity/signer.js';
import { courtbridgeErrorOf } from '../helpers/refusal.js';

const DID = 'did:alliance:licence-office';
const key = (n: number): Uint8Array => sha256(utf8(`admission request fields key ${n}`));
const partner = (): Signer => createSigner(DID, `${DID}#key-1`, key(1));
const sm2Partner = (): Signer => createSigner(DID, `${DID}#key-2`, key(2), 'sm2');

const chain = (): ChainEntry => ({
  chainId: 'licence-registry',
  kind: 'bft-smt',
  displayName: 'Licence registry',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: { height: 1, headerHash: new Uint8Array(32).fill(1), validatorsHash: new Uint8Array(32).fill(2) },
  servers: [DID],
});
const body = () => ({
  allianceId: 'partner-alliance',
  org: 'Licence Office',
  roles: ['adapter' as const],
  chains: ['licence-registry'],
  chain: chain(),
  createdAtMs: 1_700_000_000_000,
});
const { chain: _omitted, ...chainless } = body();

const signedJson = (): AdmissionRequestJson => admissionRequestToJson(signAdmissionRequest(body(), partner()));

/** The refusal of the file `json` (a CourtbridgeError: a TypeError here would fail the test). */
const refusalOf = (json: unknown) => courtbridgeErrorOf(() => admissionRequestFromJson(json));
const expectRefused = (json: unknown, message: string): void => {
  expect(refusalOf(json)).toMatchObject({ reason: 'invalid_admission_request', code: 'INVALID_ARGUMENT', message });
};
const accepted = (json: unknown) => admissionRequestFromJson(JSON.parse(JSON.stringify(json)));

describe('admission request file: the whole', () => {
  for (const [name, json] of [
    ['null', null],
    ['an array', [{ type: 'courtbridge/admission-request/v1' }]],
    ['a number', 5],
    ['a string', 'courtbridge/admission-request/v1'],
  ] as const) {
    it(`${name} instead of an object: "expected an object"`, () => {
      expectRefused(json, 'admission request: expected an object');
    });
  }
});

describe('admission request file: each field', () => {
  it('allianceId: empty or not a string is refused naming allianceId', () => {
    for (const allianceId of ['', 5, undefined]) {
      expectRefused({ ...signedJson(), allianceId }, 'admission request: allianceId: expected the alliance id of the genesis');
    }
  });

  it('org: 1..200 characters; empty, 201 characters or not a string is refused naming org', () => {
    expect(accepted({ ...signedJson(), org: 'x' }).org).toBe('x');
    expect(accepted({ ...signedJson(), org: 'o'.repeat(200) }).org).toBe('o'.repeat(200));
    for (const org of ['', 'o'.repeat(201), 5, undefined]) {
      expectRefused({ ...signedJson(), org }, 'admission request: org: expected a name of 1..200 characters');
    }
  });

  it('roles and chains: refused naming the field, without the genesis prefix of the shared check', () => {
    expectRefused({ ...signedJson(), roles: ['king'] }, 'admission request: roles: unknown role king');
    expectRefused({ ...signedJson(), roles: [] }, 'admission request: roles: expected a non-empty array');
    expectRefused({ ...signedJson(), chains: ['licence-registry', 'Bad_Name'] }, 'admission request: chains: bad chain name Bad_Name');
  });

  it('createdAtMs: 0 is accepted; negative, fractional or not a number is refused naming createdAtMs', () => {
    expect(accepted({ ...signedJson(), createdAtMs: 0 }).createdAtMs).toBe(0);
    expect(accepted({ ...signedJson(), createdAtMs: 1 }).createdAtMs).toBe(1);
    for (const createdAtMs of [-1, 1.5, '5', undefined]) {
      expectRefused({ ...signedJson(), createdAtMs }, 'admission request: createdAtMs: expected unix milliseconds');
    }
  });

  it("chain: a bad entry is refused with the entry's own path under chain", () => {
    const json = signedJson();
    const e = refusalOf({ ...json, chain: { ...json.chain, kind: 'no-such-kind' } });
    expect(e).toMatchObject({
      reason: 'invalid_admission_request',
      message: expect.stringMatching(/^admission request: chain entry chain\.kind: expected one of /),
    });
  });

  it('signatureHex: 128 lower-case hex digits, else refused naming signatureHex', () => {
    const json = signedJson();
    for (const signatureHex of [json.signatureHex.slice(2), json.signatureHex.toUpperCase(), [json.signatureHex], undefined]) {
      expectRefused({ ...json, signatureHex }, 'admission request: signatureHex: expected 128 lower-case hex digits');
    }
  });
});

describe('admission request file: the key length follows its suite', () => {
  it('an SM2 key (8624 prefix, 35 bytes) round-trips and verifies', () => {
    const r = signAdmissionRequest(body(), sm2Partner());
    const json = admissionRequestToJson(r);
    expect(json.publicKeyHex).toMatch(/^8624[0-9a-f]{66}$/);
    expect(verifyAdmissionRequest(accepted(json))).toEqual(r);
  });

  it('an SM2 key one byte short is refused for 70 digits; a secp256k1 key one byte long for 66', () => {
    const sm2 = admissionRequestToJson(signAdmissionRequest(body(), sm2Partner()));
    expectRefused(
      { ...sm2, publicKeyHex: sm2.publicKeyHex.slice(0, -2) },
      'admission request: publicKeyHex: expected 70 lower-case hex digits',
    );
    const secp = signedJson();
    expect(secp.publicKeyHex).toMatch(/^0[23][0-9a-f]{64}$/);
    expectRefused(
      { ...secp, publicKeyHex: `${secp.publicKeyHex}00` },
      'admission request: publicKeyHex: expected 66 lower-case hex digits',
    );
    // A secp256k1-length key that starts 8624 is read as SM2, so it is short.
    expectRefused(
      { ...secp, publicKeyHex: `8624${secp.publicKeyHex.slice(4)}` },
      'admission request: publicKeyHex: expected 70 lower-case hex digits',
    );
  });

  it('a publicKeyHex that is not a string is refused naming publicKeyHex (33 bytes expected)', () => {
    const json = signedJson();
    for (const publicKeyHex of [undefined, 5, [json.publicKeyHex]]) {
      expectRefused({ ...json, publicKeyHex }, 'admission request: publicKeyHex: expected 66 lower-case hex digits');
    }
  });
});

describe('admission request without a chain of its own', () => {
  it('has no chain key in the file form nor once read back', () => {
    const r = signAdmissionRequest(chainless, partner());
    expect('chain' in r).toBe(false);
    const json = admissionRequestToJson(r);
    expect(Object.keys(json)).not.toContain('chain');
    const back = accepted(json);
    expect(Object.keys(back)).not.toContain('chain');
    expect(verifyAdmissionRequest(back)).toStrictEqual(r);
    expect(toHex(back.publicKey)).toBe(toHex(partner().publicKey));
  });
});

describe('signAdmissionRequest: the requester key', () => {
  const refusedSigner = (s: Signer) => courtbridgeErrorOf(() => signAdmissionRequest(body(), s));
  const message = (kid: string) =>
    `admission request: the key's DID must be did:alliance:<org> with a key id #key-N, not ${kid} (courtbridge keys new --did-alliance ORG)`;

  it('a did:key key, even with a #key-N id, is refused with the command to make an alliance key', () => {
    const didKey = createSigner('did:key:zQ3sexample', 'did:key:zQ3sexample#key-1', key(3));
    expect(refusedSigner(didKey)).toMatchObject({ reason: 'invalid_admission_request', message: message('did:key:zQ3sexample#key-1') });
  });

  it('an alliance key whose id is not #key-N is refused the same way', () => {
    const named = createSigner(DID, `${DID}#signing`, key(4));
    expect(refusedSigner(named)).toMatchObject({ reason: 'invalid_admission_request', message: message(`${DID}#signing`) });
  });

  it('an alliance key with an empty fragment is refused the same way', () => {
    const bare = createSigner(DID, `${DID}#`, key(5));
    expect(refusedSigner(bare)).toMatchObject({ reason: 'invalid_admission_request', message: message(`${DID}#`) });
  });
});
