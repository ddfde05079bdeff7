/**
 * Notaries for the notary tests: three agencies (notary-a, -b, -c; keys 80..82) registered in the
 * identity test alliance (test/identity/fixture.ts) at T1, an outsider agency (notary-x, key 83)
 * that is a member but in no chain's notary set, and a block of an EVM consortium chain.
 */
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { createSigner, type Signer } from '../../src/identity/signer.js';
import { notarySigningInput, type NotarizedBlock, type NotarySignature } from '../../src/verify/notary.js';
import { T0, vectorKey, world, type World } from '../identity/fixture.js';

export const T1 = T0 + 60_000;

export const notaryOrgs = ['notary-a', 'notary-b', 'notary-c', 'notary-x'] as const;
export type NotaryOrg = (typeof notaryOrgs)[number];

export const notaries: Record<NotaryOrg, Signer> = Object.fromEntries(
  notaryOrgs.map((o, i) => [o, createSigner(`did:alliance:${o}`, `did:alliance:${o}#key-1`, vectorKey(80 + i))]),
) as Record<NotaryOrg, Signer>;

/** The chain's notary set: notary-a, -b, -c, two of three. */
export const policy = { threshold: 2, notaries: [notaries['notary-a'].did, notaries['notary-b'].did, notaries['notary-c'].did] };

export const block: NotarizedBlock = {
  chainId: 'land-evm',
  height: 1024,
  blockHash: sha256(utf8('land-evm block 1024')),
  stateRoot: sha256(utf8('land-evm state 1024')),
  timeMs: T1 + 5_000,
};

export function notarize(signer: Signer, b: NotarizedBlock = block): NotarySignature {
  return { notaryDid: signer.did, kid: signer.kid, signature: signer.sign(notarySigningInput(b)) };
}

/** The identity test alliance with the four notary agencies registered at T1. */
export async function notaryWorld(): Promise<World> {
  const w = await world();
  for (const o of notaryOrgs) {
    const s = notaries[o];
    const u = w.update(
      { kind: 'register_member', did: s.did, org: o, roles: ['agency'], chains: [], keys: [{ kid: '#key-1', publicKey: s.publicKey }] },
      T1,
    );
    await w.registry.submit(u, T1);
  }
  return w;
}
