import { describe, expect, it } from 'vitest';
import { Resolver } from 'did-resolver';
import { DID_KEY_PREFIX, didKeyOf, publicKeyOfDidKey } from '../../src/identity/did-key.js';
import { getResolver, SM2_VERIFICATION_KEY_TYPE, sm2Multibase, VERIFICATION_KEY_TYPE } from '../../src/identity/resolver.js';
import { createSigner } from '../../src/identity/signer.js';
import { pk, signers, T0, vectorKey, world, type World } from './fixture.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const DID_JSON = 'application/did+ld+json';

describe('did-resolver methods alliance and key', () => {
  it('resolves the current document with EcdsaSecp256k1VerificationKey2019 methods', async () => {
    const w = await world();
    const did = signers['court-a'].did;
    const r = await w.resolver.resolve(did);
    expect(r.didResolutionMetadata).toEqual({ contentType: DID_JSON });
    expect(r.didDocument!.verificationMethod).toEqual([
      expect.objectContaining({
        id: `${did}#key-1`,
        type: VERIFICATION_KEY_TYPE,
        controller: did,
        publicKeyJwk: expect.objectContaining({ crv: 'secp256k1' }),
      }),
    ]);
    expect(r.didDocument!.authentication).toEqual([`${did}#key-1`]);
  });

  it('versionTime gives the document as it was; revocation deactivates', async () => {
    const w = await world();
    const did = signers['court-a'].did;
    const T1 = T0 + 60_000;
    const T2 = T1 + 60_000;
    await w.registry.submit(w.update({ kind: 'rotate_key', did, newKid: '#key-2', newPublicKey: pk(80) }, T1), T1);
    const ids = async (q: string) => (await w.resolver.resolve(did + q)).didDocument!.verificationMethod!.map((v) => v.id);
    expect(await ids(`?versionTime=${iso(T1 - 1)}`)).toEqual([`${did}#key-1`]);
    expect(await ids(`?versionTime=${iso(T1)}`)).toEqual([`${did}#key-2`]);
    expect(await ids('')).toEqual([`${did}#key-2`]);
    await w.registry.submit(w.update({ kind: 'revoke_member', did }, T2), T2);
    const now = await w.resolver.resolve(did);
    expect(now.didDocumentMetadata.deactivated).toBe(true);
    expect(now.didDocument!.verificationMethod).toEqual([]);
    const before = await w.resolver.resolve(`${did}?versionTime=${iso(T2 - 1)}`);
    expect(before.didDocumentMetadata.deactivated).toBeUndefined();
    expect((await w.resolver.resolve(`${did}?versionTime=${iso(T0 - 1)}`)).didResolutionMetadata.error).toBe('notFound');
  });

  it('fails closed: unknown DIDs, bad versionTime, a throwing state source', async () => {
    const w = await world();
    expect((await w.resolver.resolve('did:alliance:nobody')).didResolutionMetadata.error).toBe('notFound');
    expect((await w.resolver.resolve('did:alliance:Bad_Org')).didResolutionMetadata.error).toBe('invalidDid');
    expect((await w.resolver.resolve(`${signers['gateway'].did}?versionTime=yesterday`)).didResolutionMetadata.error).toBe('invalidDidUrl');
    const broken = new Resolver(
      getResolver(() => {
        throw new Error('store down');
      }),
    );
    const r = await broken.resolve(signers['gateway'].did);
    expect(r.didResolutionMetadata.error).toBe('internalError');
    expect(r.didDocument).toBeNull();
  });

  it('resolves did:key', async () => {
    const w = await world();
    const did = didKeyOf(pk(1));
    const r = await w.resolver.resolve(did);
    expect(r.didResolutionMetadata).toEqual({ contentType: DID_JSON });
    expect(r.didDocument!.verificationMethod![0]!.id).toBe(`${did}#${did.slice(8)}`);
    expect((await w.resolver.resolve('did:key:z6Mkbad')).didResolutionMetadata.error).toBe('invalidDid');
  });
});

const T1 = T0 + 60_000;
const T2 = T1 + 60_000;
const COURT = signers['court-a'].did;
const GM_DID = 'did:alliance:court-gm';
const gm = createSigner(GM_DID, `${GM_DID}#key-1`, vectorKey(60), 'sm2');

/** `ms` (whole seconds) written with a UTC offset of `sign`hh:00, the `+` percent-encoded as a query needs. */
const withOffset = (ms: number, hours: number): string => {
  const local = new Date(ms + hours * 3_600_000).toISOString().slice(0, 19);
  const hh = String(Math.abs(hours)).padStart(2, '0');
  return `${local}${hours < 0 ? '-' : '%2B'}${hh}:00`;
};

/** court-a rotates to #key-2 at T1 and is revoked at T2. */
async function rotatedThenRevoked(): Promise<World> {
  const w = await world();
  await w.registry.submit(w.update({ kind: 'rotate_key', did: COURT, newKid: '#key-2', newPublicKey: pk(80) }, T1), T1);
  await w.registry.submit(w.update({ kind: 'revoke_member', did: COURT }, T2), T2);
  return w;
}

describe('did:alliance at an asked time (versionTime)', () => {
  it('a member is not found before the instant it was registered, and found from that instant; an SM2 key is its Multikey', async () => {
    const w = await world();
    const keys = [{ kid: '#key-1', publicKey: gm.publicKey }];
    await w.registry.submit(
      w.update({ kind: 'register_member', did: GM_DID, org: 'GM court', roles: ['court'], chains: [], keys }, T1),
      T1,
    );
    const before = await w.resolver.resolve(`${GM_DID}?versionTime=${iso(T1 - 1)}`);
    expect(before.didResolutionMetadata.error).toBe('notFound');
    expect(before.didDocument).toBeNull();
    const at = await w.resolver.resolve(`${GM_DID}?versionTime=${iso(T1)}`);
    expect(at.didResolutionMetadata).toEqual({ contentType: DID_JSON });
    expect(at.didDocumentMetadata).toEqual({ created: iso(T1), updated: iso(T1) });
    const [vm, ...more] = at.didDocument!.verificationMethod!;
    expect(more).toEqual([]);
    expect(vm).toMatchObject({ id: `${GM_DID}#key-1`, type: SM2_VERIFICATION_KEY_TYPE, controller: GM_DID });
    // The Multikey value is the did:key form of the key: whoever holds only the document gets the key back.
    expect(vm!.publicKeyMultibase).toBe(didKeyOf(gm.publicKey).slice(DID_KEY_PREFIX.length));
    expect(publicKeyOfDidKey(DID_KEY_PREFIX + vm!.publicKeyMultibase)).toEqual(gm.publicKey);
    expect(sm2Multibase(gm.publicKey)).toBe(vm!.publicKeyMultibase);
  });

  it('a revoked member is deactivated with no keys at the revocation instant and after; updated is the last change up to the asked time', async () => {
    const w = await rotatedThenRevoked();
    const at = async (q: string) => {
      const r = await w.resolver.resolve(COURT + q);
      expect(r.didResolutionMetadata, q).toEqual({ contentType: DID_JSON });
      return [r.didDocument!.verificationMethod!.map((v) => v.id.slice(COURT.length)), r.didDocumentMetadata];
    };
    const meta = (updated: number, deactivated?: true) => ({
      created: iso(T0),
      updated: iso(updated),
      ...(deactivated ? { deactivated } : {}),
    });
    expect(await at(`?versionTime=${iso(T1 - 1)}`)).toEqual([['#key-1'], meta(T0)]);
    expect(await at(`?versionTime=${iso(T1)}`)).toEqual([['#key-2'], meta(T1)]);
    expect(await at(`?versionTime=${iso(T2 - 1)}`)).toEqual([['#key-2'], meta(T1)]);
    expect(await at(`?versionTime=${iso(T2)}`)).toEqual([[], meta(T2, true)]);
    expect(await at(`?versionTime=${iso(T2 + 1)}`)).toEqual([[], meta(T2, true)]);
    expect(await at('')).toEqual([[], meta(T2, true)]);
  });

  it('versionTime with or without milliseconds, in UTC or with an offset, names the same instant', async () => {
    const w = await rotatedThenRevoked();
    const ids = async (v: string) => {
      const r = await w.resolver.resolve(`${COURT}?versionTime=${v}`);
      expect(r.didResolutionMetadata.error, v).toBeUndefined();
      return r.didDocument!.verificationMethod!.map((m) => m.id.slice(COURT.length));
    };
    for (const [t, kid] of [
      [T1 - 1000, '#key-1'],
      [T1, '#key-2'],
    ] as const) {
      const forms = [iso(t), `${iso(t).slice(0, 19)}Z`, `${iso(t).slice(0, 19)}.0Z`, withOffset(t, -1), withOffset(t, 5), withOffset(t, 0)];
      for (const v of forms) expect(await ids(v), v).toEqual([kid]);
    }
  });

  it('reads the last day of a month, a leap day and the last second of a day as the instants they name', async () => {
    const w = await world();
    for (const v of ['2024-01-31T00:00:00Z', '2024-02-29T23:59:59Z', '2024-04-30T12:00:00Z', '2024-12-31T23:59:59.999Z']) {
      const r = await w.resolver.resolve(`${COURT}?versionTime=${v}`);
      expect(r.didResolutionMetadata.error, v).toBeUndefined();
      expect(r.didDocument?.id, v).toBe(COURT);
    }
  });

  it('refuses a versionTime that is not one ISO 8601 instant with a zone: no document, invalidDidUrl', async () => {
    const w = await world();
    const refused = [
      // Twice, so that two readers of the URL could each take another one.
      `${iso(T1)}&versionTime=${iso(T0)}`,
      // No zone: read in the resolving host's local time.
      iso(T1).slice(0, 19),
      iso(T1).slice(0, 10),
      // Date.parse reads these, the grammar does not allow them.
      `%2B00${iso(T1)}`,
      iso(T1).replace('T', ' '),
      `${iso(T1).slice(0, 19)}%2B0100`,
      `${iso(T1).slice(0, 19)}-1:00`,
      // The grammar's shape, but no date.
      '2023-13-45T25:61:61Z',
      // Date.parse moves these to another instant (03-02, 05-01, the next midnight) instead of refusing.
      '2023-02-29T12:00:00Z',
      '2024-02-30T12:00:00Z',
      '2023-04-31T12:00:00Z',
      '2023-01-01T24:00:00Z',
      // The grammar's shape and a real day, but no month, minute or second of the calendar.
      '2023-00-10T00:00:00Z',
      '2023-13-01T00:00:00Z',
      '2023-01-01T23:60:00Z',
      '2023-01-01T23:59:60Z',
      `${iso(T1).slice(0, 19)}.1234Z`,
      `${iso(T1)} `,
      '',
    ];
    for (const v of refused) {
      const r = await w.resolver.resolve(`${COURT}?versionTime=${v}`);
      expect(r.didResolutionMetadata.error, v).toBe('invalidDidUrl');
      expect(r.didDocument, v).toBeNull();
    }
  });
});
