/**
 * inspectJwt at its own layer: each field a forger controls, bent the way they would bend it,
 * must be refused with its own reason before any signature math (the verdicts of both verify
 * paths rest on these; jwt.test.ts compares the paths end to end). Every token is really
 * signed, so nothing but the bent field can be what refuses it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isCourtbridgeError } from '../../src/errors.js';
import { toBase64url, utf8 } from '../../src/encoding/bytes.js';
import { inspectJwt, type JwtVerifyOptions } from '../../src/identity/jwt-inspect.js';
import { JWT_CLOCK_SKEW_MS, MAX_JWT_LENGTH } from '../../src/identity/jwt.js';
import type { Signer } from '../../src/identity/signer.js';
import { signers, T0, world, type World } from './fixture.js';

const NOW = T0 + 3_600_000;
const NOW_S = NOW / 1000;
const SKEW_S = JWT_CLOCK_SKEW_MS / 1000;
const GATEWAY = signers['gateway'].did;
const court = signers['court-a'];
const SIGNATURE_CHARS = 86; // base64url of 64 bytes

const b64 = (text: string): string => toBase64url(utf8(text));
/** A token over header and payload JSON text exactly as given, with a real signature of `signer`. */
function sign(headerJson: string, payloadJson: string, signer: Signer = court): string {
  const input = `${b64(headerJson)}.${b64(payloadJson)}`;
  return `${input}.${toBase64url(signer.sign(utf8(input)))}`;
}
const headerJson = (over: Record<string, unknown> = {}): string => JSON.stringify({ alg: 'ES256K', typ: 'JWT', kid: court.kid, ...over });
const claims = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  iss: court.did,
  aud: GATEWAY,
  iat: NOW_S,
  exp: NOW_S + 300,
  jti: 'j-1',
  purpose: 'auth',
  ...over,
});
const token = (claimsOver: Record<string, unknown> = {}, headerOver: Record<string, unknown> = {}): string =>
  sign(headerJson(headerOver), JSON.stringify(claims(claimsOver)));

let w: World;
beforeAll(async () => {
  w = await world();
});

interface Verdict {
  reason: string;
  message?: string;
  details?: Record<string, string | number | boolean>;
}
/** 'ok' or the refusal; anything but an UNAUTHENTICATED CourtbridgeError (a TypeError) fails the test. */
function verdict(t: unknown, over: Partial<JwtVerifyOptions> = {}): Verdict {
  try {
    inspectJwt(t, { audience: GATEWAY, purpose: 'auth', nowMs: NOW, authority: w.authority, ...over });
    return { reason: 'ok' };
  } catch (e) {
    if (!isCourtbridgeError(e)) throw e;
    expect(e.code).toBe('UNAUTHENTICATED');
    return { reason: e.reason, message: e.message, details: e.details };
  }
}
const reasonOf = (t: unknown, over: Partial<JwtVerifyOptions> = {}): string => verdict(t, over).reason;

it('the unbent token passes (the baseline every forgery below departs from)', () => {
  expect(verdict(token())).toEqual({ reason: 'ok' });
});

describe('shape: a string of at most MAX_JWT_LENGTH characters', () => {
  /** A valid token of exactly `n` characters: a `pad` claim, and spaces in the header JSON to reach lengths base64url skips. */
  function tokenOfLength(n: number): string {
    const b64Length = (bytes: number): number => Math.ceil((bytes * 4) / 3);
    for (let spaces = 0; spaces < 3; spaces++) {
      const h = `{${' '.repeat(spaces)}${headerJson().slice(1)}`;
      const fixed = b64Length(utf8(h).length) + 2 + SIGNATURE_CHARS;
      const bare = utf8(JSON.stringify(claims({ pad: '' }))).length;
      for (let x = 0; fixed + b64Length(bare + x) <= n; x++) {
        if (fixed + b64Length(bare + x) === n) return sign(h, JSON.stringify(claims({ pad: 'x'.repeat(x) })));
      }
    }
    throw new Error(`no token of ${n} characters`);
  }

  it('a valid token of exactly MAX_JWT_LENGTH characters passes; one character more is malformed_token', () => {
    const atLimit = tokenOfLength(MAX_JWT_LENGTH);
    expect(atLimit.length).toBe(MAX_JWT_LENGTH);
    expect(reasonOf(atLimit)).toBe('ok');
    const over = tokenOfLength(MAX_JWT_LENGTH + 1);
    expect(over.length).toBe(MAX_JWT_LENGTH + 1);
    expect(verdict(over)).toMatchObject({ reason: 'malformed_token', message: 'jwt: expected a string of at most 16 KiB' });
  });

  it('what is not a string is malformed_token, not a TypeError (a String object with a valid token too)', () => {
    for (const t of [undefined, null, 42, {}, ['a', 'b', 'c'], Buffer.from(token()), Object(token())]) {
      expect(verdict(t)).toMatchObject({ reason: 'malformed_token', message: 'jwt: expected a string of at most 16 KiB' });
    }
  });
});

describe('header and payload: base64url of a JSON object, the error naming which', () => {
  const claimsJson = JSON.stringify(claims());
  const bend = (segment: 'header' | 'payload', text: string): string =>
    segment === 'header' ? sign(text, claimsJson) : sign(headerJson(), text);
  for (const segment of ['header', 'payload'] as const) {
    for (const text of ['null', '1', '"JWT"', 'true', '[]', `[${segment === 'header' ? headerJson() : claimsJson}]`]) {
      it(`${segment} ${text.length > 12 ? 'wrapped in an array' : text} -> malformed_token "${segment} is not a JSON object"`, () => {
        expect(verdict(bend(segment, text))).toMatchObject({
          reason: 'malformed_token',
          message: `jwt: ${segment} is not a JSON object`,
        });
      });
    }
    for (const text of ['nope', '{"alg":"ES256K"', '{}}']) {
      it(`${segment} ${text} -> malformed_token "${segment} is not base64url JSON"`, () => {
        expect(verdict(bend(segment, text))).toMatchObject({
          reason: 'malformed_token',
          message: `jwt: ${segment} is not base64url JSON`,
        });
      });
    }
  }
});

describe('header forgeries', () => {
  const cases: Array<{ name: string; header: Record<string, unknown>; reason: string }> = [
    { name: 'kid of another member', header: { kid: signers['gateway'].kid }, reason: 'kid_not_of_issuer' },
    { name: 'kid of a DID that merely starts with the issuer', header: { kid: `${court.did}x#key-1` }, reason: 'kid_not_of_issuer' },
    { name: 'bare fragment kid', header: { kid: '#key-1' }, reason: 'kid_not_of_issuer' },
    { name: 'kid that is the DID alone', header: { kid: court.did }, reason: 'kid_not_of_issuer' },
    { name: 'empty kid', header: { kid: '' }, reason: 'missing_kid' },
    { name: 'kid a number', header: { kid: 1 }, reason: 'missing_kid' },
    { name: 'typ jwt in lower case', header: { typ: 'jwt' }, reason: 'malformed_token' },
    { name: 'no typ', header: { typ: undefined }, reason: 'malformed_token' },
    { name: 'a jku to fetch keys from', header: { jku: 'https://evil.example/keys' }, reason: 'malformed_token' },
    { name: 'an embedded jwk', header: { jwk: { kty: 'EC' } }, reason: 'malformed_token' },
    { name: 'alg none', header: { alg: 'none' }, reason: 'alg_not_allowed' },
    { name: 'alg SM2SM3 over a secp256k1 key', header: { alg: 'SM2SM3' }, reason: 'alg_key_mismatch' },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.reason}`, () => {
      expect(reasonOf(token({}, c.header))).toBe(c.reason);
    });
  }
});

describe('claims: present, of their type', () => {
  for (const c of ['iss', 'aud', 'iat', 'exp', 'jti', 'purpose']) {
    for (const v of [undefined, null]) {
      it(`${c} ${String(v)} -> missing_claim naming the claim in its details`, () => {
        expect(verdict(token({ [c]: v }))).toMatchObject({ reason: 'missing_claim', details: { claim: c } });
      });
    }
  }

  const bad: Array<{ name: string; claims: Record<string, unknown> }> = [
    { name: 'iss a number', claims: { iss: 42 } },
    { name: 'iss the right DID in an array', claims: { iss: [court.did] } },
    { name: 'iss an object', claims: { iss: { id: court.did } } },
    { name: 'jti a number', claims: { jti: 7 } },
    { name: 'purpose in an array', claims: { purpose: ['auth'] } },
    { name: 'purpose a number', claims: { purpose: 1 } },
    { name: 'iat a numeric string', claims: { iat: String(NOW_S) } },
    { name: 'iat negative (a lifetime reaching back to 1970)', claims: { iat: -1 } },
    { name: 'iat past 2^53', claims: { iat: 2 ** 53, exp: 2 ** 53 + 300 } },
    { name: 'exp a fraction', claims: { exp: NOW_S + 300.5 } },
    { name: 'exp equal to iat', claims: { exp: NOW_S } },
    { name: 'nbf negative', claims: { nbf: -1 } },
    { name: 'nbf a fraction', claims: { nbf: NOW_S - 0.5 } },
    { name: 'nbf a string', claims: { nbf: String(NOW_S) } },
  ];
  for (const b of bad) {
    it(`${b.name} -> invalid_claim`, () => {
      expect(reasonOf(token(b.claims))).toBe('invalid_claim');
    });
  }

  it('nbf 0 (the epoch) is integer seconds like any other', () => {
    expect(reasonOf(token({ nbf: 0 }))).toBe('ok');
  });
});

describe('claims: whose, for whom, what for', () => {
  const cases: Array<{ name: string; claims: Record<string, unknown>; reason: string }> = [
    { name: 'aud another member', claims: { aud: signers['court-a'].did }, reason: 'wrong_audience' },
    { name: 'aud ours among others', claims: { aud: [GATEWAY, 'did:alliance:other'] }, reason: 'wrong_audience' },
    { name: 'purpose of another kind', claims: { purpose: 'order' }, reason: 'wrong_purpose' },
    { name: 'purpose unknown', claims: { purpose: 'admin' }, reason: 'wrong_purpose' },
    { name: 'iss another member, the kid still the signer', claims: { iss: signers['gateway'].did }, reason: 'kid_not_of_issuer' },
    { name: 'iss a prefix of the kid DID', claims: { iss: 'did:alliance:court' }, reason: 'kid_not_of_issuer' },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.reason}`, () => {
      expect(reasonOf(token(c.claims))).toBe(c.reason);
    });
  }
});

describe('nbf: not before now + skew, and only then', () => {
  const cases: Array<{ name: string; nbf: number; reason: string }> = [
    { name: 'nbf at iat, in the past', nbf: NOW_S - 60, reason: 'ok' },
    { name: 'nbf now', nbf: NOW_S, reason: 'ok' },
    { name: 'nbf inside the skew', nbf: NOW_S + SKEW_S - 1, reason: 'ok' },
    { name: 'nbf at now + skew exactly', nbf: NOW_S + SKEW_S, reason: 'ok' },
    { name: 'nbf one second past the skew', nbf: NOW_S + SKEW_S + 1, reason: 'not_yet_valid' },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.reason}`, () => {
      expect(reasonOf(token({ iat: NOW_S - 60, exp: NOW_S + 240, nbf: c.nbf }))).toBe(c.reason);
    });
  }
});

describe('one spelling per segment', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  /** The same bytes with the lowest unused bit of the last character set: a second text for them. */
  const withUnusedBit = (seg: string): string => {
    expect(seg.length % 4, 'a segment whose last character has unused bits').not.toBe(0);
    return seg.slice(0, -1) + ALPHABET[ALPHABET.indexOf(seg.at(-1)!) | 1];
  };
  /** JSON text padded with spaces until its base64url ends in a character with unused bits. */
  const padded = (json: string): string => {
    let text = json;
    while (b64(text).length % 4 === 0 || ALPHABET.indexOf(b64(text).at(-1)!) % 2 === 1) text += ' ';
    return text;
  };
  const signed = (h: string, p: string): string => {
    const input = `${h}.${p}`;
    return `${input}.${toBase64url(court.sign(utf8(input)))}`;
  };
  const h = b64(padded(headerJson()));
  const p = b64(padded(JSON.stringify(claims())));

  it('the canonical spelling passes', () => {
    expect(verdict(signed(h, p)).reason).toBe('ok');
  });

  it.each([
    ['header', () => signed(withUnusedBit(h), p)],
    ['payload', () => signed(h, withUnusedBit(p))],
  ])('a %s with an unused bit set (same bytes, really signed) is malformed_token', (title, t) => {
    expect(Buffer.from(withUnusedBit(title === 'header' ? h : p), 'base64url')).toEqual(
      Buffer.from(title === 'header' ? h : p, 'base64url'),
    );
    expect(verdict(t())).toMatchObject({ reason: 'malformed_token', message: `jwt: ${title} is not canonical base64url` });
  });
});
