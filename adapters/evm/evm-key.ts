/**
 * The adapter's Ethereum signing key: the secp256k1 private key its transactions to the chain's
 * contract are signed with (the contract's operator). Kept apart from the adapter's DID key
 * (src/identity/keystore.ts): that one signs envelopes to the alliance, this one pays gas and is
 * authorised by the contract's owner.
 *
 * The file holds the 32-byte key as 64 hex digits (an optional `0x`, surrounding whitespace
 * ignored) and must be mode 600, as key files are (keystore.ts): a file group or others may read
 * is refused before it is read. The address is derived by @ethereumjs/util (noble's secp256k1).
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { privateToAddress } from '@ethereumjs/util';
import { fromHex, toHex } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { KEY_FILE_MODE } from '../../src/identity/keystore.js';

export interface EvmKey {
  /** The 32-byte private key; never logged. */
  readonly privateKey: Uint8Array;
  /** Its address, 0x + 40 lower-case hex. */
  readonly address: string;
}

/** secp256k1's group order: a private key is in [1, n-1]. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The key and its address. @throws CourtbridgeError FAILED_PRECONDITION `evm_key_invalid` */
export function evmKeyOf(privateKey: Uint8Array): EvmKey {
  const n = privateKey.length === 32 ? BigInt(`0x${toHex(privateKey)}`) : 0n;
  if (n === 0n || n >= SECP256K1_N) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'evm_key_invalid',
      'the Ethereum key is not a secp256k1 private key (32 bytes, 1 to n-1)',
    );
  }
  return { privateKey: new Uint8Array(privateKey), address: `0x${toHex(privateToAddress(privateKey))}` };
}

/**
 * Read the key file at `path`.
 * @throws CourtbridgeError `key_file_permissions` (group or others may read it), `evm_key_invalid`
 */
export async function readEvmKeyFile(path: string): Promise<EvmKey> {
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'key_file_permissions',
      `${path} has mode ${mode.toString(8)}; the Ethereum key file must be 600 (chmod 600 ${path})`,
    );
  }
  const text = (await readFile(path, 'utf8')).trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'evm_key_invalid',
      `${path}: expected the private key as 64 hex digits (optionally 0x-prefixed), nothing else`,
    );
  }
  return evmKeyOf(fromHex(text.toLowerCase()));
}

/** Write `privateKey` to a new file at `path` with mode 600 (refuses to overwrite one). */
export async function writeEvmKeyFile(path: string, privateKey: Uint8Array): Promise<EvmKey> {
  const key = evmKeyOf(privateKey);
  await writeFile(path, `0x${toHex(key.privateKey)}\n`, { mode: KEY_FILE_MODE, flag: 'wx' });
  return key;
}
