/**
 * VerificationService.VerifyBundle: the offline verifier (src/verify/bundle-verify.ts) behind
 * gRPC, so a party need not install it. A bundle that fails a check is a normal answer
 * (verdict INVALID), not an error (verification.proto).
 */
import type { VerificationServiceHandlers } from '../../generated/courtbridge/v1/VerificationService.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import type { ChainDirectory } from '../../identity/chain-entry.js';
import type { MessageInput } from '../../wire/messages.js';
import { encodeMessage } from '../../wire/codec.js';
import type { BundleVerification } from '../../verify/bundle-verify.js';
import type { EvmBundleVerifyOptions } from '../../verify/evm/evm-bundle-verify.js';
import type { EvmRecordLayout } from '../../verify/evm/evm-record.js';
import { verifyProofBundle } from '../../verify/proof-bundle-verify.js';
import { provenRecordToWire, provenRecordView } from '../../verify/proven-record.js';
import { NO_RECORD_LAYOUTS, type RecordLayouts } from '../../verify/record-layout.js';
import type { VerifyBundleRequest__Output } from '../../generated/courtbridge/v1/VerifyBundleRequest.js';
import { requestUnary } from '../host/handlers.js';

export interface VerifyServiceOptions {
  /** The alliance registry: gateways' and attesters' keys and roles, chains and their anchors. */
  authority: Authority & ChainDirectory;
  now: () => number;
  /** The hash of the header this gateway's light client trusts at a height, if it holds one. */
  trustedHeaderHash?: (chainId: string, height: number) => Uint8Array | undefined;
  /** How the proven record is decoded for a person (chain-catalog.ts `catalogRecordLayouts`); shown as hex unless given. */
  recordLayouts?: RecordLayouts;
  /** Storage layouts of evm record types (chain-catalog.ts `catalogEvmRecords`); evm bundles verify indeterminate without. */
  evmRecords?: ReadonlyMap<string, EvmRecordLayout>;
}

const VERDICT = { valid: 'VERDICT_VALID', invalid: 'VERDICT_INVALID', indeterminate: 'VERDICT_INDETERMINATE' } as const;
const OUTCOME = { passed: 'CHECK_OUTCOME_PASSED', failed: 'CHECK_OUTCOME_FAILED', skipped: 'CHECK_OUTCOME_SKIPPED' } as const;

/** A verification as the VerifyBundleResponse message. */
export function verificationToWire(v: BundleVerification): MessageInput<'VerifyBundleResponse'> {
  const out: MessageInput<'VerifyBundleResponse'> = {
    verdict: VERDICT[v.verdict],
    checks: v.checks.map((c) => ({ name: c.name, outcome: OUTCOME[c.outcome], reason: c.reason, detail: c.detail })),
    checkedAtMs: v.checkedAtMs,
  };
  if (v.verifiedHeader !== undefined) out.verifiedHeader = v.verifiedHeader;
  return out;
}

export function verifyServiceHandlers(options: VerifyServiceOptions): VerificationServiceHandlers {
  const layouts = options.recordLayouts ?? NO_RECORD_LAYOUTS;
  return {
    VerifyBundle: requestUnary(async (req: VerifyBundleRequest__Output) => {
      const bundle = req.bundle;
      if (bundle === null || bundle === undefined)
        throw new CourtbridgeError(ErrorCode.InvalidArgument, 'missing_bundle', 'bundle: required (the ProofBundle to check)');
      const atMs = req.atMs && req.atMs > 0 ? req.atMs : options.now();
      const opts: EvmBundleVerifyOptions = {
        atMs,
        authority: options.authority,
        ...(options.evmRecords === undefined ? {} : { evmRecords: options.evmRecords }),
      };
      if (options.trustedHeaderHash !== undefined) opts.trustedHeaderHash = options.trustedHeaderHash;
      const v = await verifyProofBundle(bundle, opts);
      const out = verificationToWire(v);
      // The record shown as proven is decoded from the bytes just verified, and only when valid.
      let bytes: Uint8Array | undefined;
      try {
        bytes = encodeMessage('ProofBundle', bundle as MessageInput<'ProofBundle'>);
      } catch {
        bytes = undefined; // the checks already name what is malformed
      }
      out.provenRecord = provenRecordToWire(
        bytes === undefined
          ? { shown: 'nothing', reason: 'malformed_bundle', why: { zh: '证明包无法编码', en: 'the bundle does not encode' } }
          : provenRecordView(bytes, v, layouts),
      );
      return out;
    }),
  };
}
