// Original file: courtbridge/v1/bundle.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A receipt committed to by a signed batch root (receipts amortised: one signature per batch,
 * each answer carrying its Merkle path; DESIGN.md "Budgets").
 * Spec: docs/spec/receipt.md
 */
export interface BatchReceipt {
  /**
   * Position of this receipt's leaf in the batch (0-based).
   */
  'leafIndex'?: (number | string | Long);
  /**
   * Number of leaves in the batch (fixes the tree shape; signed with the root).
   */
  'leafCount'?: (number | string | Long);
  /**
   * Sibling hashes from the leaf up to the root, deepest first (32 bytes each). The leaf is the
   * RFC 6962 leaf hash H(0x00 || digest) of the answer's receipt digest, where
   * digest = H(signingInput("courtbridge/v1/receipt", receipt layout)) over request, header,
   * proof and result, and H is the hash of the gateway key's suite (SHA-256, or SM3 for SM2).
   */
  'path'?: (Buffer | Uint8Array | string)[];
  /**
   * Root of the batch's Merkle tree (32 bytes).
   */
  'batchRoot'?: (Buffer | Uint8Array | string);
  /**
   * The gateway's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2) over
   * signingInput("courtbridge/v1/receipt-batch", batch root, leaf count, signed time): the spec
   * page gives the bytes.
   */
  'rootSignature'?: (Buffer | Uint8Array | string);
  /**
   * DID of the gateway that signed the root.
   */
  'gatewayDid'?: (string);
  /**
   * Key id of the signing key in the gateway's DID document.
   */
  'kid'?: (string);
  /**
   * When the root was signed, unix ms (checked against the key valid at that time).
   */
  'signedAtMs'?: (number | string | Long);
}

/**
 * A receipt committed to by a signed batch root (receipts amortised: one signature per batch,
 * each answer carrying its Merkle path; DESIGN.md "Budgets").
 * Spec: docs/spec/receipt.md
 */
export interface BatchReceipt__Output {
  /**
   * Position of this receipt's leaf in the batch (0-based).
   */
  'leafIndex': (number);
  /**
   * Number of leaves in the batch (fixes the tree shape; signed with the root).
   */
  'leafCount': (number);
  /**
   * Sibling hashes from the leaf up to the root, deepest first (32 bytes each). The leaf is the
   * RFC 6962 leaf hash H(0x00 || digest) of the answer's receipt digest, where
   * digest = H(signingInput("courtbridge/v1/receipt", receipt layout)) over request, header,
   * proof and result, and H is the hash of the gateway key's suite (SHA-256, or SM3 for SM2).
   */
  'path': (Buffer)[];
  /**
   * Root of the batch's Merkle tree (32 bytes).
   */
  'batchRoot': (Buffer);
  /**
   * The gateway's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2) over
   * signingInput("courtbridge/v1/receipt-batch", batch root, leaf count, signed time): the spec
   * page gives the bytes.
   */
  'rootSignature': (Buffer);
  /**
   * DID of the gateway that signed the root.
   */
  'gatewayDid': (string);
  /**
   * Key id of the signing key in the gateway's DID document.
   */
  'kid': (string);
  /**
   * When the root was signed, unix ms (checked against the key valid at that time).
   */
  'signedAtMs': (number);
}
