/**
 * The gateway's gRPC package definition, for the server (src/relay) and its clients (src/client).
 * Loads it once, on first call (STYLE.md 9: nothing on import).
 * Besides courtbridge.v1 it loads the standard health and reflection protos, only so that
 * server reflection describes them too (`grpcurl list` shows every service the server
 * answers); their handlers come from their own packages.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';

import { findProtoDir, LOAD_OPTIONS, plainNumbersForLongs, protoFiles } from './schema.js';
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

const cache = new Map<string, GatewayProto>();

/**
 * The gateway's package definition.
 * @param protoDir directory holding `courtbridge/v1/*.proto`; found by walking up when omitted
 * @throws CourtbridgeError INTERNAL `proto_dir_not_found`, `service_missing_from_proto`
 */
export function loadGatewayProto(protoDir: string = findProtoDir()): GatewayProto {
  const hit = cache.get(protoDir);
  if (hit !== undefined) return hit;
  plainNumbersForLongs();
  const reflectionProtoDir = join(dirname(createRequire(import.meta.url).resolve('@grpc/reflection')), '..', 'proto');
  const healthProtoDir = join(dirname(healthProtoPath), '..', '..');
  const files = [
    ...protoFiles(protoDir),
    'health/v1/health.proto',
    'grpc/reflection/v1/reflection.proto',
    'grpc/reflection/v1alpha/reflection.proto',
  ];
  const includeDirs = [protoDir, healthProtoDir, reflectionProtoDir];
  const definition = protoLoader.loadSync(files, { ...LOAD_OPTIONS, includeDirs });
  const reflection = protoLoader.loadSync(files, { ...LOAD_OPTIONS, keepCase: true, includeDirs });
  const services = {} as Record<CourtbridgeServiceName, protoLoader.ServiceDefinition>;
  for (const name of COURTBRIDGE_SERVICES) {
    const found = definition[fullServiceName(name)];
    if (found === undefined || !isServiceDefinition(found)) {
      throw new Error(`${fullServiceName(name)} is listed in service-names.ts but not defined in ${protoDir}`);
    }
    services[name] = found;
  }
  const loaded: GatewayProto = { definition, reflection, services };
  cache.set(protoDir, loaded);
  return loaded;
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
