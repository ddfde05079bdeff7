/**
 * Builds the gRPC package definition once, on first call (STYLE.md 9: nothing on import), from
 * the schema embedded in the build (src/generated/descriptor.ts), so no .proto file is read.
 * Besides courtbridge.v1 it holds the standard health and reflection protos, only so that
 * server reflection describes them too (`grpcurl list` shows every service the server
 * answers); their handlers come from their own packages.
 */
import * as protoLoader from '@grpc/proto-loader';

import { GRPC_STANDARD_SCHEMA, WIRE_SCHEMA, type EmbeddedSchema } from '../generated/descriptor.js';
import { LOAD_OPTIONS, plainNumbersForLongs } from './schema.js';
import { COURTBRIDGE_SERVICES, type CourtbridgeServiceName, fullServiceName } from './service-names.js';

/** Service names of the standard services the gateway also serves. */
export const HEALTH_SERVICE = 'grpc.health.v1.Health';
export const REFLECTION_SERVICES = ['grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'] as const;

/** The loaded schema: what handlers, clients and reflection use. */
export interface GatewayProto {
  /** courtbridge.v1 with health and reflection, as handlers see it (LOAD_OPTIONS, camelCase). */
  readonly definition: protoLoader.PackageDefinition;
  /**
   * The same files loaded with their field names as written (keepCase), for server
   * reflection only: `grpcurl describe` then shows `max_staleness_ms` as in the .proto files,
   * not the camelCase names the JavaScript side uses. Field numbers are identical.
   */
  readonly reflection: protoLoader.PackageDefinition;
  /** The courtbridge.v1 service definitions by short name. */
  readonly services: Readonly<Record<CourtbridgeServiceName, protoLoader.ServiceDefinition>>;
}

let cached: GatewayProto | undefined;

/** courtbridge.v1 beside the standard protos, as one protobufjs JSON (their top-level packages differ). */
function combined(names: keyof EmbeddedSchema): Record<string, unknown> {
  const nestedOf = (schema: EmbeddedSchema): Record<string, unknown> =>
    (schema[names] as { nested?: Record<string, unknown> }).nested ?? {};
  return { nested: { ...nestedOf(WIRE_SCHEMA), ...nestedOf(GRPC_STANDARD_SCHEMA) } };
}

/**
 * The gateway's package definition.
 * @throws Error when a service of services.ts is missing from the schema
 */
export function loadGatewayProto(): GatewayProto {
  if (cached !== undefined) return cached;
  plainNumbersForLongs();
  const definition = protoLoader.fromJSON(combined('camelCase'), LOAD_OPTIONS);
  const reflection = protoLoader.fromJSON(combined('protoNames'), { ...LOAD_OPTIONS, keepCase: true });
  const services = {} as Record<CourtbridgeServiceName, protoLoader.ServiceDefinition>;
  for (const name of COURTBRIDGE_SERVICES) {
    const found = definition[fullServiceName(name)];
    if (found === undefined || !isServiceDefinition(found)) {
      throw new Error(`${fullServiceName(name)} is listed in services.ts but not defined in proto/courtbridge/v1 (npm run gen:descriptor)`);
    }
    services[name] = found;
  }
  cached = { definition, reflection, services };
  return cached;
}

/** Service names defined in a package definition (messages and enums have a `format`). */
export function serviceNamesIn(definition: protoLoader.PackageDefinition): string[] {
  return Object.entries(definition)
    .filter(([, value]) => isServiceDefinition(value))
    .map(([name]) => name)
    .sort();
}

function isServiceDefinition(value: protoLoader.AnyDefinition): value is protoLoader.ServiceDefinition {
  return !('format' in value);
}
