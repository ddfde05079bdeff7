// Original file: courtbridge/v1/bundle.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A receipt committed to by a signed batch root (receipts amortised: one signature per batch,
 * each answer carrying its Merkle path; DESIGN.md "Budgets").
 */
export interface BatchReceipt {
  /**
   * Position of this receipt's leaf in the batch (0-based).
   */
  'leafIndex'?: (number | string | Long);
  /**
   * Number of leaves in the batch (fixes the tree shape).
   */
  'leafCount'?: (number | string | Long);
  /**
   * Sibling hashes from the leaf up to the root, deepest first (32 bytes each). The leaf is
   * sha256 of the receipt layout (tag "courtbridge/v1/receipt") over request, header, proof
   * and result, defined in src/relay/receipt.ts.
   */
  'path'?: (Buffer | Uint8Array | string)[];
  /**
   * Root of the batch's Merkle tree (32 bytes).
   */
  'batchRoot'?: (Buffer | Uint8Array | string);
  /**
   * The gateway's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2) over
   * signingInput("courtbridge/v1/receipt-batch", batch_root || u64 BE leaf_count || u64 BE signed_at_ms).
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
 */
export interface BatchReceipt__Output {
  /**
   * Position of this receipt's leaf in the batch (0-based).
   */
  'leafIndex': (number);
  /**
   * Number of leaves in the batch (fixes the tree shape).
   */
  'leafCount': (number);
  /**
   * Sibling hashes from the leaf up to the root, deepest first (32 bytes each). The leaf is
   * sha256 of the receipt layout (tag "courtbridge/v1/receipt") over request, header, proof
   * and result, defined in src/relay/receipt.ts.
   */
  'path': (Buffer)[];
  /**
   * Root of the batch's Merkle tree (32 bytes).
   */
  'batchRoot': (Buffer);
  /**
   * The gateway's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2) over
   * signingInput("courtbridge/v1/receipt-batch", batch_root || u64 BE leaf_count || u64 BE signed_at_ms).
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
