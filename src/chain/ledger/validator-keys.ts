/**
 * The dev ledger's validator keys. A dev ledger plays all of its validators in one process
 * (it stands in for a partner's real chain), so it holds their private keys: in a 0600 file
 * in its data directory, created with fresh random keys on first start.
 */
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fromHex, toHex } from '../../encoding/bytes.js';
import { generatePrivateKey, publicKeyOf } from '../../crypto/secp256k1.js';
import { didKeyOf } from '../../identity/did-key.js';

export interface ValidatorKey {
  did: string;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

export function validatorKeyOf(privateKey: Uint8Array): ValidatorKey {
  const publicKey = publicKeyOf(privateKey);
  return { did: didKeyOf(publicKey), privateKey, publicKey };
}

export function newValidatorKeys(n: number): ValidatorKey[] {
  return Array.from({ length: n }, () => validatorKeyOf(generatePrivateKey()));
}

/** Load `<dataDir>/validator-keys.json`, or create it with `n` fresh keys (mode 0600). */
export function loadOrCreateValidatorKeys(dataDir: string, n: number): ValidatorKey[] {
  const file = join(dataDir, 'validator-keys.json');
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys: string[] };
    return parsed.keys.map((k) => validatorKeyOf(fromHex(k, 'validator key')));
  }
  const keys = newValidatorKeys(n);
  writeFileSync(file, JSON.stringify({ keys: keys.map((k) => toHex(k.privateKey)) }), { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}
