// Original file: courtbridge/v1/alliance.proto

import type { Member as _courtbridge_v1_Member, Member__Output as _courtbridge_v1_Member__Output } from '../../courtbridge/v1/Member.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from '../../courtbridge/v1/HeaderRef.js';
import type { Long } from '@grpc/proto-loader';

export interface ResolveDidResponse {
  /**
   * The member record as of the requested time.
   */
  'member'?: (_courtbridge_v1_Member | null);
  /**
   * The W3C DID document as JSON (what did-resolver returns), for generic tooling.
   */
  'didDocumentJson'?: (string);
  /**
   * Registry version (count of applied updates) the answer reflects.
   */
  'registryVersion'?: (number | string | Long);
  /**
   * Judicial-chain header the registry state was read at.
   */
  'header'?: (_courtbridge_v1_HeaderRef | null);
}

export interface ResolveDidResponse__Output {
  /**
   * The member record as of the requested time.
   */
  'member': (_courtbridge_v1_Member__Output | null);
  /**
   * The W3C DID document as JSON (what did-resolver returns), for generic tooling.
   */
  'didDocumentJson': (string);
  /**
   * Registry version (count of applied updates) the answer reflects.
   */
  'registryVersion': (number);
  /**
   * Judicial-chain header the registry state was read at.
   */
  'header': (_courtbridge_v1_HeaderRef__Output | null);
}
