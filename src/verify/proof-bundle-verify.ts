/**
 * One entry point for a ProofBundle of any chain kind: a bundle carrying EVM evidence (trust basis
 * NOTARIZED_STATE_PROOF) goes to the evm verifier, one carrying a notarized record (trust basis
 * NOTARIZED_RECORD) to the notary verifier, every other to the bft-smt one. The kind a chain
 * really is comes from the registry in each verifier (`chain_admitted`), so a bundle cannot pick
 * the verifier that suits it. The gateway's VerificationService, the CLI and the page call this.
 */
import { decodeMessage } from '../wire/codec.js';
import { type BundleVerification, verifyBundle, verifyBundleBytes, type WireBundle } from './bundle-verify.js';
import { type EvmBundleVerifyOptions, verifyEvmBundle } from './evm/evm-bundle-verify.js';
import { verifyNotaryBundle } from './notary-bundle-verify.js';

/** The verifier a bundle goes to; what is shown of it is read the same way (proven-record.ts). */
export const isNotary = (b: WireBundle): boolean => b.notary !== null || b.trustBasis === 'TRUST_BASIS_NOTARIZED_RECORD';
export const isEvm = (b: WireBundle): boolean => b.evm !== null || b.trustBasis === 'TRUST_BASIS_NOTARIZED_STATE_PROOF';

export function verifyProofBundle(bundle: WireBundle, options: EvmBundleVerifyOptions): Promise<BundleVerification> {
  if (isNotary(bundle)) return Promise.resolve(verifyNotaryBundle(bundle, options));
  return isEvm(bundle) ? verifyEvmBundle(bundle, options) : Promise.resolve(verifyBundle(bundle, options));
}

/** The protobuf bytes of a ProofBundle; bytes that do not decode fail `bundle_shape` (verifyBundleBytes). */
export function verifyProofBundleBytes(bytes: Uint8Array, options: EvmBundleVerifyOptions): Promise<BundleVerification> {
  let bundle: WireBundle;
  try {
    bundle = decodeMessage('ProofBundle', bytes);
  } catch {
    return Promise.resolve(verifyBundleBytes(bytes, options));
  }
  return verifyProofBundle(bundle, options);
}
