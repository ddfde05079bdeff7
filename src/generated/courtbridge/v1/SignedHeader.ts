// Original file: courtbridge/v1/types.proto

import type { Header as _courtbridge_v1_Header, Header__Output as _courtbridge_v1_Header__Output } from '../../courtbridge/v1/Header.js';
import type { Commit as _courtbridge_v1_Commit, Commit__Output as _courtbridge_v1_Commit__Output } from '../../courtbridge/v1/Commit.js';

/**
 * A header together with the commit that makes it count.
 * Spec: docs/spec/header.md
 */
export interface SignedHeader {
  /**
   * The header.
   */
  'header'?: (_courtbridge_v1_Header | null);
  /**
   * The validators' votes for it.
   */
  'commit'?: (_courtbridge_v1_Commit | null);
}

/**
 * A header together with the commit that makes it count.
 * Spec: docs/spec/header.md
 */
export interface SignedHeader__Output {
  /**
   * The header.
   */
  'header': (_courtbridge_v1_Header__Output | null);
  /**
   * The validators' votes for it.
   */
  'commit': (_courtbridge_v1_Commit__Output | null);
}
