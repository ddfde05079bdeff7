/**
 * Per-answer JWT receipts: one ES256K JWT per answer whose `rcpt` claim is the receipt digest
 * (receipt-layout.ts). Self-contained (no batch path), but one signature per answer, which the
 * bench shows costs throughput (DESIGN.md "Budgets"); offered as an option, not the default.
 * Signed natively off the event loop (no did-jwt on the hot path); token shape as
 * src/identity/jwt.ts `jwtParts` (purpose `receipt`, audience = the requester).
 */
import { toBase64url, toHex, utf8 } from '../../encoding/bytes.js';
import { jwtParts } from '../../identity/jwt.js';
import type { ReceiptSigner } from './root-signer.js';

/** Longest a receipt JWT claims to be valid (jwt.ts DEFAULT_MAX_LIFETIME_MS.receipt). */
export const RECEIPT_JWT_LIFETIME_MS = 24 * 60 * 60_000;

export interface JwtReceiptsOptions {
  signer: ReceiptSigner;
  now: () => number;
}

export class JwtReceipts {
  constructor(private readonly options: JwtReceiptsOptions) {}

  /** A compact JWT naming `digest`, for `requesterDid` (the gateway's own DID when anonymous). */
  async issue(digest: Uint8Array, requesterDid: string, requestId: string): Promise<string> {
    const { signer } = this.options;
    const { header, payload } = jwtParts(signer, {
      audience: requesterDid === '' ? signer.did : requesterDid,
      purpose: 'receipt',
      nowMs: this.options.now(),
      lifetimeMs: RECEIPT_JWT_LIFETIME_MS,
      jti: requestId,
      claims: { rcpt: toHex(digest) },
    });
    const input = `${toBase64url(utf8(JSON.stringify(header)))}.${toBase64url(utf8(JSON.stringify(payload)))}`;
    return `${input}.${toBase64url(await signer.sign(utf8(input)))}`;
  }
}
