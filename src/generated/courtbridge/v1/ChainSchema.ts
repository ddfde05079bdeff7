// Original file: courtbridge/v1/alliance.proto

import type { ChainSchemaRecordType as _courtbridge_v1_ChainSchemaRecordType, ChainSchemaRecordType__Output as _courtbridge_v1_ChainSchemaRecordType__Output } from '../../courtbridge/v1/ChainSchemaRecordType.js';
import type { ChainSchemaAction as _courtbridge_v1_ChainSchemaAction, ChainSchemaAction__Output as _courtbridge_v1_ChainSchemaAction__Output } from '../../courtbridge/v1/ChainSchemaAction.js';

/**
 * A chain's record types and actions, signed with its entry (docs/spec/registry.md).
 */
export interface ChainSchema {
  'recordTypes'?: (_courtbridge_v1_ChainSchemaRecordType)[];
  'actions'?: (_courtbridge_v1_ChainSchemaAction)[];
}

/**
 * A chain's record types and actions, signed with its entry (docs/spec/registry.md).
 */
export interface ChainSchema__Output {
  'recordTypes': (_courtbridge_v1_ChainSchemaRecordType__Output)[];
  'actions': (_courtbridge_v1_ChainSchemaAction__Output)[];
}
