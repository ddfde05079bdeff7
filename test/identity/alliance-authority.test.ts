/**
 * AllianceAuthority's did:key switch and DID-method routing. A did:key is a throwaway key nobody
 * can rotate or revoke: by default it may prove possession of its key but never act in a role,
 * so a production authority must refuse a did:key claiming to be a court, gateway or admin.
 */
import { bytesToBase58 } from 'did-jwt';
import { describe, expect, it } from 'vitest';
import { AllianceAuthority, type DidKeyPolicy } from '../../src/identity/alliance-authority.js';
import { Roles } from '../../src/identity/authority.js';
import { didKeyKid, didKeyOf } from '../../src/identity/did-key.js';
import type { RegistryState } from '../../src/identity/registry.js';
import { publicKeyFor } from '../../src/crypto/signature-suite.js';
import { pk, signers, T0, vectorKey, world } from './fixture.js';

/** did:key and unknown methods must be answered without the registry: reading it is a bug. */
const noRegistry = (): RegistryState => {
  throw new Error('the registry was read for a non-alliance DID');
};

// Built inside each test, not at load: the policy is read in the constructor, and a mutant of it
// is only switched on once the modules are loaded.
const production = () => new AllianceAuthority(noRegistry);
const explicitKeysOnly = () => new AllianceAuthority(noRegistry, { didKey: 'keys_only' });
const dev = () => new AllianceAuthority(noRegistry, { didKey: 'any_role' });

const didA = didKeyOf(pk(1));
const didB = didKeyOf(pk(2));
const fragmentOf = (did: string): string => didKeyKid(did).slice(did.length);
const sm2Key = publicKeyFor('sm2', vectorKey(7));
const didSm2 = didKeyOf(sm2Key);

/** did:key strings that do not decode to a secp256k1 or SM2 key. */
const undecodable: Array<[string, string]> = [
  ['ed25519 multicodec', `did:key:z${bytesToBase58(Uint8Array.of(0xed, 0x01, ...pk(1).subarray(1)))}`],
  ['truncated', didA.slice(0, -3)],
  ['bad base58 character', `${didA.slice(0, -1)}0`],
  ['no multibase prefix', 'did:key:'],
  ['not a curve point', `did:key:z${bytesToBase58(Uint8Array.of(0xe7, 0x01, 0x02, ...new Uint8Array(32).fill(0xff)))}`],
];

const unsupported = ['did:web:court.example', 'did:ALLIANCE:court-a', 'did:key', `DID:key:${didA.slice(8)}`, ''];

describe('AllianceAuthority: did:key keys', () => {
  for (const [name, authority] of [
    ['keys_only (default)', production],
    ['any_role', dev],
  ] as const) {
    it(`${name}: a did:key resolves to its embedded key by the full DID URL or the bare fragment, at any time`, () => {
      for (const [did, key] of [
        [didA, pk(1)],
        [didSm2, sm2Key],
      ] as const) {
        for (const kid of [didKeyKid(did), fragmentOf(did)]) {
          for (const at of [0, T0, Number.MAX_SAFE_INTEGER]) {
            // The verdict's kid is always the full DID URL, whichever form was asked for.
            expect(authority().keyAt(did, kid, at)).toEqual({ ok: true, did, kid: didKeyKid(did), publicKey: key });
          }
        }
      }
    });
  }

  it("refuses a kid that is not the did:key's own key (another did:key's, or any other form)", () => {
    const kids = [
      didKeyKid(didB), // another did:key's key
      fragmentOf(didB),
      `${didA}${fragmentOf(didB)}`, // this DID with another key's fragment
      `${didB}${fragmentOf(didA)}`, // another DID with this key's fragment
      didA, // no fragment
      didA.slice(8), // the multibase without '#'
      `${didKeyKid(didA)}x`,
      `#${fragmentOf(didA).slice(2)}`,
      '#key-1',
      '#',
      '',
      `${signers['court-a'].did}#key-1`,
    ];
    for (const authority of [production(), dev()]) {
      for (const kid of kids) {
        expect(authority.keyAt(didA, kid, T0), kid).toEqual({
          ok: false,
          reason: 'unknown_key',
          message: `${kid} is not the key of ${didA}`,
        });
      }
    }
  });

  it('a did:key that does not decode is an unknown DID, even with its kid spelled right', () => {
    for (const authority of [production(), dev()]) {
      for (const [name, did] of undecodable) {
        for (const kid of [didKeyKid(did), fragmentOf(did)]) {
          expect(authority.keyAt(did, kid, T0), name).toEqual({
            ok: false,
            reason: 'unknown_did',
            message: `${did} is not a did:key of a secp256k1 or SM2 key`,
          });
        }
      }
    }
  });

  it('an unsupported DID method is an unknown DID', () => {
    for (const authority of [production(), dev()]) {
      for (const did of unsupported) {
        expect(authority.keyAt(did, `${did}#key-1`, T0), did).toEqual({
          ok: false,
          reason: 'unknown_did',
          message: `${did}: unsupported DID method`,
        });
      }
    }
  });
});

describe('AllianceAuthority: may a did:key act?', () => {
  it('by default (production) a did:key acts in no role: the forged court, gateway, admin... is out of role', () => {
    for (const authority of [production(), explicitKeysOnly()]) {
      for (const did of [didA, didSm2]) {
        for (const role of Roles) {
          for (const chain of [undefined, 'ip']) {
            expect(authority.mayAct(did, role, chain, T0)).toEqual({
              ok: false,
              reason: 'out_of_role',
              message: `${did}: a did:key holds no alliance role`,
            });
          }
        }
      }
    }
  });

  it('a policy value other than any_role fails closed', () => {
    const typo = new AllianceAuthority(noRegistry, { didKey: 'ANY_ROLE' as DidKeyPolicy });
    expect(typo.mayAct(didA, 'court', undefined, T0)).toMatchObject({ ok: false, reason: 'out_of_role' });
  });

  it('any_role (development) lets a did:key act in every role, while its key still resolves', () => {
    for (const did of [didA, didSm2]) {
      for (const role of Roles) {
        for (const chain of [undefined, 'ip']) {
          expect(dev().mayAct(did, role, chain, T0)).toEqual({ ok: true });
        }
      }
    }
  });

  it('a did:key that does not decode is an unknown DID under either policy (any_role grants nothing to it)', () => {
    for (const authority of [production(), dev()]) {
      for (const [name, did] of undecodable) {
        expect(authority.mayAct(did, 'court', undefined, T0), name).toEqual({
          ok: false,
          reason: 'unknown_did',
          message: `${did} is not a did:key of a secp256k1 or SM2 key`,
        });
      }
    }
  });

  it('an unsupported DID method is an unknown DID under either policy', () => {
    for (const authority of [production(), dev()]) {
      for (const did of unsupported) {
        expect(authority.mayAct(did, 'court', undefined, T0), did).toEqual({
          ok: false,
          reason: 'unknown_did',
          message: `${did}: unsupported DID method`,
        });
      }
    }
  });

  it('any_role widens nothing for alliance members: their roles still come from the registry', async () => {
    const w = await world();
    const devOverRegistry = new AllianceAuthority(() => w.registry.state, { didKey: 'any_role' });
    const court = signers['court-a'].did;
    const gateway = signers.gateway.did;
    expect(devOverRegistry.mayAct(court, 'court', undefined, T0)).toEqual({ ok: true });
    expect(devOverRegistry.mayAct(gateway, 'court', undefined, T0)).toMatchObject({ ok: false, reason: 'out_of_role' });
    expect(devOverRegistry.keyAt(court, '#key-1', T0)).toMatchObject({ ok: true, kid: `${court}#key-1` });
  });
});
