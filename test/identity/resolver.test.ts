import { describe, expect, it } from 'vitest';
import { Resolver } from 'did-resolver';
import { didKeyOf } from '../../src/identity/did-key.js';
import { getResolver, VERIFICATION_KEY_TYPE } from '../../src/identity/resolver.js';
import { pk, signers, T0, world } from './fixture.js';

const iso = (ms: number): string => new Date(ms).toISOString();

describe('did-resolver methods alliance and key', () => {
  it('resolves the current document with EcdsaSecp256k1VerificationKey2019 methods', async () => {
    const w = await world();
    const did = signers['court-a'].did;
    const r = await w.resolver.resolve(did);
    expect(r.didResolutionMetadata.error).toBeUndefined();
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
    expect(r.didDocument!.verificationMethod![0]!.id).toBe(`${did}#${did.slice(8)}`);
    expect((await w.resolver.resolve('did:key:z6Mkbad')).didResolutionMetadata.error).toBe('invalidDid');
  });
});
