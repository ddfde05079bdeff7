/**
 * A nats-server (2.9) configuration with one nkey user per participant and the permissions
 * `permissions.ts` derives from the registry; JetStream on; TLS and a cluster block when asked.
 * Pure: the text only; `nkey-seeds.ts` keeps the seeds, `courtbridge nats-config` writes files.
 */
import type { NatsPermissions, ParticipantPermissions } from './permissions.js';

export interface NatsServerTls {
  certFile: string;
  keyFile: string;
  /** CA of client certificates; with `verify`, clients must present one it signed. */
  caFile?: string;
  verify?: boolean;
}

export interface NatsServerCluster {
  name: string;
  /** `host:port` the routes listen on, e.g. `0.0.0.0:6222`. */
  listen: string;
  /** The other nodes, e.g. `nats://n2:6222`. */
  routes: readonly string[];
}

export interface NatsServerConfigInput {
  /** Participants, each with its public nkey (`U...`). */
  users: readonly ParticipantPermissions[];
  /** `host:port` for clients; absent: nats-server's default (or its command line). */
  listen?: string;
  /** This node's name (required by a cluster with JetStream). */
  serverName?: string;
  /** JetStream store directory; absent: nats-server's default (or `-sd`). */
  storeDir?: string;
  tls?: NatsServerTls;
  cluster?: NatsServerCluster;
}

const q = (s: string): string => JSON.stringify(s);
const list = (xs: readonly string[]): string => `[${xs.map(q).join(', ')}]`;

function rules(name: string, r: { allow: string[]; deny: string[] }): string {
  return `${name}: { allow: ${list([...new Set(r.allow)])}${r.deny.length > 0 ? `, deny: ${list(r.deny)}` : ''} }`;
}

function permissionsBlock(p: NatsPermissions): string {
  const lines = [rules('publish', p.publish), rules('subscribe', p.subscribe)];
  // allow_responses: a request/reply server may publish once to the reply subject it was given.
  if (p.allowResponses) lines.push('allow_responses: true');
  return `{\n        ${lines.join('\n        ')}\n      }`;
}

/** The configuration text; stable for the same input (users sorted by participant). */
export function renderNatsServerConfig(input: NatsServerConfigInput): string {
  const out: string[] = ['# courtbridge nats-config: generated from the alliance registry; edit the registry, not this file.'];
  if (input.serverName !== undefined) out.push(`server_name: ${q(input.serverName)}`);
  if (input.listen !== undefined) out.push(`listen: ${q(input.listen)}`);
  out.push(input.storeDir === undefined ? 'jetstream: enabled' : `jetstream { store_dir: ${q(input.storeDir)} }`);
  if (input.tls !== undefined) {
    const t = input.tls;
    out.push(
      [
        'tls {',
        `  cert_file: ${q(t.certFile)}`,
        `  key_file: ${q(t.keyFile)}`,
        ...(t.caFile === undefined ? [] : [`  ca_file: ${q(t.caFile)}`]),
        ...(t.verify === true ? ['  verify: true'] : []),
        '}',
      ].join('\n'),
    );
  }
  if (input.cluster !== undefined) {
    const c = input.cluster;
    out.push(['cluster {', `  name: ${q(c.name)}`, `  listen: ${q(c.listen)}`, `  routes: ${list(c.routes)}`, '}'].join('\n'));
  }
  const users = [...input.users].sort((a, b) => a.user.localeCompare(b.user));
  out.push(
    [
      'authorization {',
      '  users = [',
      ...users.map(
        (p) =>
          `    # ${p.user}${p.did === undefined ? '' : ` (${p.did})`}\n    {\n      nkey: ${q(p.nkey)}\n      permissions: ${permissionsBlock(p.permissions)}\n    }`,
      ),
      '  ]',
      '}',
    ].join('\n'),
  );
  return `${out.join('\n')}\n`;
}
