/**
 * Orders are credentials: a JWT of purpose `order`, issued by the court's DID, scoped
 * to one case, one action on one named asset (and amount), with an expiry. The claims are the
 * judicial order record's fields (src/judicial/order.ts), so an adapter can check that the
 * credential and the record on the judicial chain agree, plus the legal basis.
 */
import { orderClaimsOf, type JudicialOrder } from '../../judicial/order.js';
import { signJwtNative } from '../../identity/jwt.js';
import type { Signer } from '../../identity/signer.js';

export interface OrderCredentialParams {
  order: JudicialOrder;
  legalBasis: string;
  /** DID of the verifier (the gateway or the target adapter). */
  audience: string;
  nowMs: number;
  lifetimeMs: number;
}

export function signOrderCredential(court: Signer, p: OrderCredentialParams): string {
  if (p.order.court !== court.did) throw new TypeError(`order.court: ${p.order.court} is not the signing court ${court.did}`);
  return signJwtNative(court, {
    audience: p.audience,
    purpose: 'order',
    nowMs: p.nowMs,
    lifetimeMs: p.lifetimeMs,
    jti: p.order.orderId,
    claims: { ...orderClaimsOf(p.order), legalBasis: p.legalBasis },
  });
}
