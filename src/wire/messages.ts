/**
 * The type map of every courtbridge.v1 message, derived from the generated types so that it
 * follows the protos without hand edits: `MessageInput<'QueryRequest'>` is what encode
 * accepts, `MessageOutput<'QueryRequest'>` what decode returns (defaults filled in, 64-bit
 * integers as numbers, enums as names, bytes as Buffer).
 */
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ProtoGrpcType as ActionFile } from '../generated/action.js';
import type { ProtoGrpcType as ActionServiceFile } from '../generated/action_service.js';
import type { ProtoGrpcType as AllianceFile } from '../generated/alliance.js';
import type { ProtoGrpcType as BundleFile } from '../generated/bundle.js';
import type { ProtoGrpcType as ChainFile } from '../generated/chain.js';
import type { ProtoGrpcType as EvidenceFile } from '../generated/evidence.js';
import type { ProtoGrpcType as InvestigationFile } from '../generated/investigation.js';
import type { ProtoGrpcType as MediationFile } from '../generated/mediation.js';
import type { ProtoGrpcType as QueryFile } from '../generated/query.js';
import type { ProtoGrpcType as TypesFile } from '../generated/types.js';
import type { ProtoGrpcType as VerificationFile } from '../generated/verification.js';
import type { ProtoGrpcType as WatchFile } from '../generated/watch.js';
import type { ProtoGrpcType as WireFile } from '../generated/wire.js';

/** Everything in package courtbridge.v1 (messages, enums, services), by short name. */
export type V1 = ActionFile['courtbridge']['v1'] &
  ActionServiceFile['courtbridge']['v1'] &
  AllianceFile['courtbridge']['v1'] &
  BundleFile['courtbridge']['v1'] &
  ChainFile['courtbridge']['v1'] &
  EvidenceFile['courtbridge']['v1'] &
  InvestigationFile['courtbridge']['v1'] &
  MediationFile['courtbridge']['v1'] &
  QueryFile['courtbridge']['v1'] &
  TypesFile['courtbridge']['v1'] &
  VerificationFile['courtbridge']['v1'] &
  WatchFile['courtbridge']['v1'] &
  WireFile['courtbridge']['v1'];

/** Short name of any courtbridge.v1 message, e.g. `'QueryRequest'`. */
export type MessageName = {
  [K in keyof V1]: V1[K] extends MessageTypeDefinition<object, object> ? K : never;
}[keyof V1] &
  string;

/** The permissive shape encode accepts for message `N`. */
export type MessageInput<N extends MessageName> = V1[N] extends MessageTypeDefinition<infer I, object> ? I : never;

/** The shape decode returns for message `N`. */
export type MessageOutput<N extends MessageName> = V1[N] extends MessageTypeDefinition<object, infer O> ? O : never;

/** Fully qualified protobuf name, e.g. `courtbridge.v1.QueryRequest`. */
export type FullMessageName<N extends MessageName = MessageName> = `courtbridge.v1.${N}`;
