// Original file: courtbridge/v1/evidence.proto

import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';
import type { Long } from '@grpc/proto-loader';

export interface AnchorEvidenceBatchResponse {
  /**
   * Lowercase hex SHA-256 of the signed claim's bytes: the batch record is `anchor-batch/<batch_id>`.
   */
  'batchId'?: (string);
  /**
   * Height and block time of the block that committed the batch's transaction.
   */
  'height'?: (number | string | Long);
  'timeMs'?: (number | string | Long);
  /**
   * Leaf indices whose hash an earlier anchoring holds (that anchoring stands), ascending; every
   * other leaf was anchored by this batch. All leaves when the batch was already on chain.
   */
  'alreadyAnchored'?: (number)[];
  /**
   * Proof of the batch record `anchor-batch/<batch_id>` (with the gateway's receipt).
   */
  'bundle'?: (_courtbridge_v1_ProofBundle | null);
}

export interface AnchorEvidenceBatchResponse__Output {
  /**
   * Lowercase hex SHA-256 of the signed claim's bytes: the batch record is `anchor-batch/<batch_id>`.
   */
  'batchId': (string);
  /**
   * Height and block time of the block that committed the batch's transaction.
   */
  'height': (number);
  'timeMs': (number);
  /**
   * Leaf indices whose hash an earlier anchoring holds (that anchoring stands), ascending; every
   * other leaf was anchored by this batch. All leaves when the batch was already on chain.
   */
  'alreadyAnchored': (number)[];
  /**
   * Proof of the batch record `anchor-batch/<batch_id>` (with the gateway's receipt).
   */
  'bundle': (_courtbridge_v1_ProofBundle__Output | null);
}
