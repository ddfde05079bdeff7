/**
 * Clique (EIP-225) seals: on a proof-of-authority chain (Geth/Besu PoA consortium chains) each
 * block's extraData is 32 bytes of vanity ‖ [the signer list, 20 bytes each, at epoch blocks] ‖
 * a 65-byte seal r ‖ s ‖ v (v = recovery bit 0 or 1) over keccak256(RLP(header with the seal cut
 * from extraData)). The sealer is the address of the key that recovers from it:
 * keccak256(uncompressed public key without its 0x04 prefix)[12:].
 *
 * The sig hash is taken over our own RLP (evm-header.ts), the bytes whose keccak256 is the block
 * hash, so it holds for every fork's header shape; test/verify/evm/clique-seal.test.ts checks it
 * against @ethereumjs/block's cliqueSigHash and cliqueSigner. Only low-S seals are accepted:
 * Geth and Besu seal low-S, and a high-S twin would be a second encoding of the same seal. Pure.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { recoverPublicKey } from '../../crypto/secp256k1.js';
import { equalBytes } from '../../encoding/bytes.js';
import { VerificationError } from '../../errors.js';
import { type EvmHeader, evmHeaderRlp } from './evm-header.js';
import { toRpcHex } from './rpc-hex.js';

/** Bytes of signer vanity at the start of extraData. */
export const CLIQUE_VANITY_LENGTH = 32;
/** Bytes of the seal at the end of extraData. */
export const CLIQUE_SEAL_LENGTH = 65;
const ADDRESS_LENGTH = 20;

/** The header's extraData split into vanity+signers and the seal, refused when not of that shape. */
function splitExtraData(header: EvmHeader): { unsealed: Uint8Array; seal: Uint8Array } {
  const extra = header.extraData;
  const signerBytes = extra.length - CLIQUE_VANITY_LENGTH - CLIQUE_SEAL_LENGTH;
  if (signerBytes < 0 || signerBytes % ADDRESS_LENGTH !== 0) {
    throw new VerificationError(
      'evm_seal_malformed',
      `block ${header.number}: extraData is ${extra.length} bytes, not ${CLIQUE_VANITY_LENGTH} of vanity, a list of ` +
        `${ADDRESS_LENGTH}-byte signers and a ${CLIQUE_SEAL_LENGTH}-byte seal; the block carries no Clique seal ` +
        '(is the chain proof-of-authority with Clique?)',
      { details: { number: header.number.toString(), extraDataLength: extra.length } },
    );
  }
  return { unsealed: extra.subarray(0, extra.length - CLIQUE_SEAL_LENGTH), seal: extra.subarray(extra.length - CLIQUE_SEAL_LENGTH) };
}

/** keccak256(RLP(header with the seal cut from extraData)): what the sealer signed. */
export function cliqueSigHash(header: EvmHeader): Uint8Array {
  const { unsealed } = splitExtraData(header);
  return keccak_256(evmHeaderRlp({ ...header, extraData: unsealed }));
}

/**
 * The 20-byte address that sealed the block.
 * @throws VerificationError `evm_seal_malformed` (extraData not vanity ‖ signers ‖ seal),
 *   `evm_seal_invalid` (v not 0 or 1, r or s out of range, high S, no key recovers)
 */
export function cliqueSealer(header: EvmHeader): Uint8Array {
  const { seal } = splitExtraData(header);
  const v = seal[64]!;
  const publicKey = recoverPublicKey(seal.subarray(0, 64), v, cliqueSigHash(header));
  if (publicKey === undefined) {
    throw new VerificationError(
      'evm_seal_invalid',
      `block ${header.number}: its Clique seal recovers no signer (v must be 0 or 1, r and s in range, s in the lower half ` +
        'of the curve order); the seal was damaged or forged, do not trust this block',
      { details: { number: header.number.toString(), v } },
    );
  }
  return keccak_256(publicKey.subarray(1)).subarray(12);
}

/**
 * The block's sealer, which must be one of `sealers` (the chain's authorised signers).
 * @throws VerificationError as `cliqueSealer`, and `evm_sealer_unknown` when the sealer is not in the set
 */
export function verifyCliqueSeal(header: EvmHeader, sealers: readonly Uint8Array[]): Uint8Array {
  const sealer = cliqueSealer(header);
  if (!sealers.some((s) => equalBytes(s, sealer))) {
    throw new VerificationError(
      'evm_sealer_unknown',
      `block ${header.number} is sealed by ${toRpcHex(sealer)}, which is not one of the chain's ${sealers.length} authorised sealers; ` +
        'a field was changed after sealing or the block is from another chain or signer. If the chain voted in a new signer, add it to the sealer set',
      { details: { number: header.number.toString(), sealer: toRpcHex(sealer) } },
    );
  }
  return sealer;
}
