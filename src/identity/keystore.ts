/**
 * Key files: `{ version, did, kid, publicKeyHex, privateKeyHex }` in clear, or with the private key
 * encrypted under a passphrase (scrypt, RFC 7914, then AES-256-GCM; the DID, kid and public key are
 * bound as associated data so a ciphertext cannot be moved to another identity's file).
 * Files are written with mode 0600 (to a temp file, then renamed) and refused on read when group
 * or others may read them. Error messages name the file, never key material.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { readFile, rename, stat, writeFile, chmod } from 'node:fs/promises';
import { CourtbridgeError, ErrorCode, type Reason } from '../errors.js';
import { equalBytes, fromHex, toHex, utf8 } from '../encoding/bytes.js';
import { publicKeyFor, suiteOfKey, type SignatureSuite } from '../crypto/signature-suite.js';
import { createSigner, type Signer } from './signer.js';

export const KEY_FILE_MODE = 0o600;

/** scrypt cost: N = 2^15, r = 8, p = 1 (about 32 MiB, ~0.1 s): the interactive-login figures of RFC 7914 §2. */
export const DEFAULT_SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;

export interface KeyFileContent {
  did: string;
  kid: string;
  privateKey: Uint8Array;
  /** Default secp256k1. The file records it through publicKeyHex (an SM2 key's bytes say SM2). */
  suite?: SignatureSuite;
}

export interface WriteKeyFileOptions {
  /** Encrypt the private key under this passphrase. */
  passphrase?: string;
  /** scrypt cost parameters (N a power of two, 2^14..2^20). */
  scrypt?: { N: number; r: number; p: number };
}

interface ClearKeyFile {
  version: 1;
  did: string;
  kid: string;
  publicKeyHex: string;
  privateKeyHex: string;
}

interface EncryptedKeyFile {
  version: 1;
  did: string;
  kid: string;
  publicKeyHex: string;
  crypto: {
    kdf: 'scrypt';
    N: number;
    r: number;
    p: number;
    saltHex: string;
    cipher: 'aes-256-gcm';
    ivHex: string;
    ciphertextHex: string;
    tagHex: string;
  };
}

const keyError = (reason: Reason, message: string, code: ErrorCode = ErrorCode.FailedPrecondition): CourtbridgeError =>
  new CourtbridgeError(code, reason, `keystore: ${message}`);

function scrypt(passphrase: string, salt: Uint8Array, p: { N: number; r: number; p: number }): Promise<Buffer> {
  if (!Number.isInteger(Math.log2(p.N)) || p.N < 1 << 14 || p.N > 1 << 20 || p.r < 1 || p.r > 32 || p.p < 1 || p.p > 16) {
    return Promise.reject(keyError('bad_key_file', 'scrypt parameters out of range'));
  }
  const opts: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + (1 << 20) };
  return new Promise((resolve, reject) => scryptCb(passphrase, salt, 32, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

const aadOf = (did: string, kid: string, publicKeyHex: string): Uint8Array =>
  utf8(`courtbridge/v1/key-file\0${did}\0${kid}\0${publicKeyHex}`);

/** Write a key file with mode 0600 (checked after writing). */
export async function writeKeyFile(path: string, content: KeyFileContent, options: WriteKeyFileOptions = {}): Promise<void> {
  const signer = createSigner(content.did, content.kid, content.privateKey, content.suite); // validates did, kid, key
  const publicKeyHex = toHex(signer.publicKey);
  let file: ClearKeyFile | EncryptedKeyFile;
  if (options.passphrase !== undefined) {
    if (options.passphrase.length === 0) throw new TypeError('passphrase: expected a non-empty string');
    const params = options.scrypt ?? DEFAULT_SCRYPT;
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const key = await scrypt(options.passphrase, salt, params);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aadOf(content.did, content.kid, publicKeyHex));
    const ct = Buffer.concat([cipher.update(content.privateKey), cipher.final()]);
    file = {
      version: 1,
      did: content.did,
      kid: content.kid,
      publicKeyHex,
      crypto: {
        kdf: 'scrypt',
        ...params,
        saltHex: toHex(salt),
        cipher: 'aes-256-gcm',
        ivHex: toHex(iv),
        ciphertextHex: toHex(ct),
        tagHex: toHex(cipher.getAuthTag()),
      },
    };
  } else {
    file = { version: 1, did: content.did, kid: content.kid, publicKeyHex, privateKeyHex: toHex(content.privateKey) };
  }
  // A fresh temp file gets the mode at creation (an existing file would keep its old mode).
  const tmp = `${path}.${toHex(randomBytes(6))}.tmp`;
  await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: KEY_FILE_MODE, flag: 'wx' });
  await chmod(tmp, KEY_FILE_MODE); // umask can only remove bits; be explicit anyway
  await rename(tmp, path);
  const mode = (await stat(path)).mode & 0o777;
  if (mode !== KEY_FILE_MODE) throw keyError('key_file_permissions', `${path} has mode ${mode.toString(8)} after writing, expected 600`);
}

export interface ReadKeyFileOptions {
  passphrase?: string;
}

/**
 * Read a key file into a Signer.
 * @throws CourtbridgeError `key_file_permissions` (group/other may read it), `passphrase_required`,
 *   `wrong_passphrase` (PERMISSION_DENIED), `bad_key_file`.
 */
export async function readKeyFile(path: string, options: ReadKeyFileOptions = {}): Promise<Signer> {
  return readKeyFileWith(path, options, (did, kid, privateKey, suite) => createSigner(did, kid, privateKey, suite));
}

/**
 * Read and check a key file, hand its key to `use` (which must copy what it keeps: the bytes are
 * zeroed as soon as `use` returns), e.g. a signer plus a worker-thread signer for receipts.
 */
export async function readKeyFileWith<T>(
  path: string,
  options: ReadKeyFileOptions,
  use: (did: string, kid: string, privateKey: Uint8Array, suite: SignatureSuite) => T | Promise<T>,
): Promise<T> {
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw keyError('key_file_permissions', `${path} has mode ${mode.toString(8)}; key files must be 600 (chmod 600 ${path})`);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch {
    throw keyError('bad_key_file', `${path} is not JSON`);
  }
  const { did, kid, publicKeyHex } = json;
  if (json.version !== 1 || typeof did !== 'string' || typeof kid !== 'string' || typeof publicKeyHex !== 'string') {
    throw keyError('bad_key_file', `${path}: expected version 1 with did, kid, publicKeyHex`);
  }
  let privateKey: Uint8Array;
  if (typeof json.privateKeyHex === 'string') {
    privateKey = fromHex(json.privateKeyHex, 'privateKeyHex');
  } else if (typeof json.crypto === 'object' && json.crypto !== null) {
    const c = json.crypto as EncryptedKeyFile['crypto'];
    if (options.passphrase === undefined) throw keyError('passphrase_required', `${path} is encrypted; a passphrase is required`);
    if (c.kdf !== 'scrypt' || c.cipher !== 'aes-256-gcm') throw keyError('bad_key_file', `${path}: unsupported kdf or cipher`);
    const key = await scrypt(options.passphrase, fromHex(c.saltHex), c);
    try {
      const d = createDecipheriv('aes-256-gcm', key, fromHex(c.ivHex));
      d.setAAD(aadOf(did, kid, publicKeyHex));
      d.setAuthTag(fromHex(c.tagHex));
      privateKey = new Uint8Array(Buffer.concat([d.update(fromHex(c.ciphertextHex)), d.final()]));
    } catch {
      throw keyError('wrong_passphrase', `${path}: wrong passphrase (or the file was altered)`, ErrorCode.PermissionDenied);
    }
  } else {
    throw keyError('bad_key_file', `${path}: no private key`);
  }
  if (privateKey.length !== 32) throw keyError('bad_key_file', `${path}: private key has the wrong length`);
  let pk: Uint8Array;
  // The stored public key says the suite (src/crypto/signature-suite.ts), and must be the private key's.
  const suite = suiteOfKey(fromHex(publicKeyHex, 'publicKeyHex'));
  if (suite === undefined) throw keyError('bad_key_file', `${path}: publicKeyHex is neither a secp256k1 nor an SM2 key`);
  try {
    pk = publicKeyFor(suite, privateKey);
  } catch {
    throw keyError('bad_key_file', `${path}: private key is not a valid scalar`);
  }
  if (!equalBytes(pk, fromHex(publicKeyHex, 'publicKeyHex')))
    throw keyError('bad_key_file', `${path}: private key does not match publicKeyHex`);
  try {
    return await use(did, kid, privateKey, suite);
  } catch (e) {
    throw keyError('bad_key_file', `${path}: did or kid malformed (${e instanceof Error ? e.message : 'invalid'})`);
  } finally {
    privateKey.fill(0);
  }
}
