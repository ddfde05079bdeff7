/**
 * An officer device's own identity: a secp256k1 key generated on the device, named by its
 * `did:key` (the court delegates that DID by order; no registry entry, nothing to rotate: a lost
 * device is revoked and a new one delegated). Kept in a key file (src/identity/keystore.ts: mode
 * 0600, optionally under a passphrase); signing goes through the usual Signer.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { generatePrivateKey, publicKeyOf } from '../crypto/secp256k1.js';
import { didKeyKid, didKeyOf } from '../identity/did-key.js';
import { readKeyFile, writeKeyFile } from '../identity/keystore.js';
import { createSigner, type Signer } from '../identity/signer.js';

/** The device signer of a private key: DID `did:key:z...`, kid `did:key:z...#z...`. */
export function deviceSignerOf(privateKey: Uint8Array): Signer {
  const did = didKeyOf(publicKeyOf(privateKey));
  return createSigner(did, didKeyKid(did), privateKey);
}

/** The device key at `path`, generated and written (0600) on first use. */
export async function loadOrCreateDeviceKey(path: string, options: { passphrase?: string } = {}): Promise<Signer> {
  const read = options.passphrase === undefined ? {} : { passphrase: options.passphrase };
  if (existsSync(path)) return readKeyFile(path, read);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const sk = generatePrivateKey();
  const signer = deviceSignerOf(sk);
  await writeKeyFile(path, { did: signer.did, kid: signer.kid, privateKey: sk }, read);
  sk.fill(0);
  return signer;
}
