import { createHmac, hash } from 'node:crypto';
import { concatBytes, utf8 } from '../encoding/bytes.js';
import { sm3 } from './hash-suite.js';
import type { SignatureSuite } from './signature-suite.js';

/** SHA-256 via node:crypto (OpenSSL): several times faster than pure JS for small inputs. */
export function sha256(data: Uint8Array): Uint8Array {
  // One-shot `hash` (Node >= 20.12) skips the Hash object: ~1.7x faster on small inputs.
  return new Uint8Array(hash('sha256', data, 'buffer'));
}

export function sha256Concat(...parts: Uint8Array[]): Uint8Array {
  // One copy and the one-shot hash beat a Hash object's update per part on the small inputs
  // hashed here (Merkle nodes, receipt leaves).
  return sha256(concatBytes(...parts));
}

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(data).digest());
}

/**
 * Domain separation for every signature (STYLE.md 6, after ibc-go attestations:
 * `H(tag || H(data))`). The bytes a key actually signs are `utf8(tag) || 0x00 || H(data)`, the
 * NUL ending the tag so no tag is a prefix of another, and H the hash of the signing key's suite:
 * SHA-256 for secp256k1 (ECDSA-SHA256 then hashes them once more), SM3 for SM2 (which then
 * hashes SM3(Z_A || them)). An SM2 alliance so uses no SHA-256 anywhere in what it signs.
 *
 * The pre-image is built when the suite is known (by the signer, or by the verifier from the
 * key it trusts), so one call site serves both suites.
 */
export class SigningInput {
  // Built once per suite a verifier asks for (an envelope is checked once, under one key).
  private secp256k1?: Uint8Array;
  private sm2?: Uint8Array;
  constructor(
    readonly tag: SignTag,
    readonly data: Uint8Array,
  ) {}
  /** The exact bytes a `suite` key signs. */
  bytes(suite: SignatureSuite): Uint8Array {
    if (suite === 'sm2') {
      this.sm2 ??= framed(this.tag, sm3(this.data));
      return this.sm2;
    }
    this.secp256k1 ??= framed(this.tag, sha256(this.data));
    return this.secp256k1;
  }
}

/** `utf8(tag) || 0x00` by tag, encoded once (a receipt is framed per answer). */
const tagPrefixes = new Map<string, Uint8Array>();

/** `utf8(tag) || 0x00 || h`, in one buffer. */
function framed(tag: string, h: Uint8Array): Uint8Array {
  let prefix = tagPrefixes.get(tag);
  if (prefix === undefined) {
    prefix = concatBytes(utf8(tag), Uint8Array.of(0));
    tagPrefixes.set(tag, prefix);
  }
  return concatBytes(prefix, h);
}

export function signingInput(tag: SignTag, data: Uint8Array): SigningInput {
  return new SigningInput(tag, data);
}

/** What a key signs: raw bytes (a JWS signing input, an Ethereum digest) or a tagged input. */
export type Signable = Uint8Array | SigningInput;

/** The bytes a `suite` key signs for `m`. */
export function signableBytes(m: Signable, suite: SignatureSuite): Uint8Array {
  return m instanceof SigningInput ? m.bytes(suite) : m;
}

/** Every tag names what is signed; a signature under one tag never verifies under another. */
export const SignTag = {
  Header: 'courtbridge/v1/header',
  Envelope: 'courtbridge/v1/envelope',
  Receipt: 'courtbridge/v1/receipt',
  ReceiptBatch: 'courtbridge/v1/receipt-batch',
  Attestation: 'courtbridge/v1/attestation',
  RegistryUpdate: 'courtbridge/v1/registry-update',
  /**
   * Reserved: nothing is signed under it. An ActionResult is signed as the body of an
   * `action.result` envelope (tag Envelope); kept so the name is never reused for other bytes.
   */
  ActionResult: 'courtbridge/v1/action-result',
  AuditEntry: 'courtbridge/v1/audit-entry',
  /** proto/courtbridge/v1/chain.proto OperatorOrder (admin approvals of operator orders). */
  OperatorOrder: 'courtbridge/v1/operator-order',
  /** Evidence batch claims (src/workflows/evidence.ts claimBytes; the root of a batch of EvidenceClaims). */
  Evidence: 'courtbridge/v1/evidence',
  /** proto/courtbridge/v1/evidence.proto ServiceOfProcess. */
  ServiceOfProcess: 'courtbridge/v1/service-of-process',
  /** A recipient's receipt of service (src/workflows/service-of-process.ts receiptBytes). */
  ServiceReceipt: 'courtbridge/v1/service-receipt',
  /** proto/courtbridge/v1/mediation.proto MediationAgreement. */
  MediationAgreement: 'courtbridge/v1/mediation-agreement',
  /** proto/courtbridge/v1/mediation.proto PerformanceReport. */
  PerformanceReport: 'courtbridge/v1/performance-report',
  /** A court's judgment or ruling (src/workflows/enforcement/instrument.ts instrumentBytes). */
  JudicialInstrument: 'courtbridge/v1/judicial-instrument',
  /** A mediation in progress (src/workflows/enforcement/mediation-case.ts mediationBytes). */
  MediationCase: 'courtbridge/v1/mediation-case',
  /** A party's withdrawal from a mediation, reported by its court (mediation-case.ts withdrawalBytes). */
  MediationWithdrawal: 'courtbridge/v1/mediation-withdrawal',
  /** A notary's word that a block of a chain without validator signatures is final (src/verify/notary.ts). */
  Notary: 'courtbridge/v1/notary',
  /** A notary's signature over a record it read from a `notary` chain's database (src/verify/notary-record.ts). */
  NotaryRecord: 'courtbridge/v1/notary-record',
  /** An officer device's on-site enforcement record (src/mobile/onsite-record.ts onsiteBytes). */
  MobileOnsite: 'courtbridge/v1/mobile-onsite',
  /** A partner's request to join the alliance, signed by its own key (src/identity/admission-request.ts). */
  AdmissionRequest: 'courtbridge/v1/admission-request',
  /** A political-legal organ's or a court's statement on the collab chain (adapters/collab/statement.ts). */
  CollabStatement: 'courtbridge/v1/collab-statement',
} as const;
export type SignTag = (typeof SignTag)[keyof typeof SignTag];
