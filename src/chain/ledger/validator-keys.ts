/**
 * The dev ledger's validator keys. A dev ledger plays all of its validators in one process
 * (it stands in for a partner's real chain), so it holds their private keys: in a 0600 file
 * in its data directory, created with fresh random keys on first start.
 */
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fromHex, toHex } from '../../encoding/bytes.js';
import { generatePrivateKey, publicKeyFor, type SignatureSuite } from '../../crypto/signature-suite.js';
import { didKeyOf } from '../../identity/did-key.js';

export interface ValidatorKey {
  did: string;
  suite: SignatureSuite;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

export function validatorKeyOf(privateKey: Uint8Array, suite: SignatureSuite = 'secp256k1'): ValidatorKey {
  const publicKey = publicKeyFor(suite, privateKey);
  return { did: didKeyOf(publicKey), suite, privateKey, publicKey };
}

export function newValidatorKeys(n: number, suite: SignatureSuite = 'secp256k1'): ValidatorKey[] {
  return Array.from({ length: n }, () => validatorKeyOf(generatePrivateKey(suite), suite));
}

/**
 * Load `<dataDir>/validator-keys.json`, or create it with `n` fresh keys of `suite` (mode 0600).
 * The file records the suite (absent: secp256k1, as files written before SM2 were), and a chain
 * keeps the suite it was made with: a process that reopens the ledger need not know it.
 */
export function loadOrCreateValidatorKeys(dataDir: string, n: number, suite: SignatureSuite = 'secp256k1'): ValidatorKey[] {
  const file = join(dataDir, 'validator-keys.json');
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys: string[]; suite?: SignatureSuite };
    const stored = parsed.suite ?? 'secp256k1';
    return parsed.keys.map((k) => validatorKeyOf(fromHex(k, 'validator key'), stored));
  }
  const keys = newValidatorKeys(n, suite);
  writeFileSync(file, JSON.stringify({ suite, keys: keys.map((k) => toHex(k.privateKey)) }), { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}
