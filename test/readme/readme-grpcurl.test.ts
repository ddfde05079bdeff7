/**
 * The README's grpcurl tour cannot drift ("Done when"): every `grpcurl` line of the fenced
 * `sh` blocks of README.md and docs/grpcurl-tour.md is parsed (-H headers, -d JSON body, address,
 * method) and run against the e2e setup through a reflection-based client: descriptors come from
 * the gateway's server reflection (grpc-reflection-js), the JSON body is encoded with protobufjs,
 * exactly as grpcurl does. `$TOKEN`-style variables are the lines `VAR=$(courtbridge token --as
 * <key>)` of the block, minted here with the fixture key of that name; `$GW` is the gateway.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as grpc from '@grpc/grpc-js';
import { Client as ReflectionClient } from 'grpc-reflection-js';
import type { Root, Type } from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JudicialOrder } from '../../src/judicial/order.js';
import type { Signer } from '../../src/identity/signer.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../helpers/alliance-fixture.js';
import { authToken, startE2e, type E2e } from '../relay/e2e/e2e-setup.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** The files holding a tour (README.md once the lead pastes docs/grpcurl-tour.md into it). */
const SOURCES = ['README.md', 'docs/grpcurl-tour.md']
  .map((f) => join(ROOT, f))
  .filter((f) => existsSync(f) && parseTour(readFileSync(f, 'utf8')).calls.length > 0);

/** A grpcurl line, parsed. */
interface GrpcurlCall {
  line: string;
  headers: [string, string][];
  body: string | undefined;
  /** `Service/Method`, or `list`. */
  target: string;
  /** The line above says the method is not implemented yet (its issue is open): UNIMPLEMENTED expected. */
  unimplemented: boolean;
}

/** Split a shell line into words (single and double quotes, no escapes beyond `\"`). */
function shellWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | undefined;
  let any = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && line[i + 1] === '"') cur += line[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      any = true;
    } else if (/\s/.test(ch)) {
      if (cur !== '' || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += ch;
  }
  if (cur !== '' || any) out.push(cur);
  return out;
}

/** The `sh` blocks' grpcurl lines and token variables of a markdown file. */
function parseTour(markdown: string): { calls: GrpcurlCall[]; tokens: Map<string, string> } {
  const calls: GrpcurlCall[] = [];
  const tokens = new Map<string, string>();
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    let unimplemented = false;
    for (const line of block[1]!.split('\n').map((l) => l.trim())) {
      if (line.startsWith('#')) {
        unimplemented = /not implemented yet/.test(line);
        continue;
      }
      const t = /^([A-Z_]+)=\$\(courtbridge token --as (\S+)\)$/.exec(line);
      if (t) tokens.set(t[1]!, t[2]!);
      if (!line.startsWith('grpcurl')) continue;
      const words = shellWords(line).slice(1);
      const call: GrpcurlCall = { line, headers: [], body: undefined, target: '', unimplemented };
      unimplemented = false;
      const rest: string[] = [];
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w === '-H') {
          const h = words[++i]!;
          call.headers.push([h.slice(0, h.indexOf(':')).trim(), h.slice(h.indexOf(':') + 1).trim()]);
        } else if (w === '-d') call.body = words[++i];
        else if (w.startsWith('-')) continue;
        else rest.push(w);
      }
      call.target = rest.length >= 2 ? rest[1]! : '';
      calls.push(call);
    }
  }
  return { calls, tokens };
}

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** proto3 JSON accepts both a field's proto name and its lowerCamel name: map them onto the type's. */
function normalise(type: Type, json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) {
    const field = type.fields[k] ?? type.fields[camel(k)] ?? type.fields[snake(k)];
    if (field === undefined) throw new Error(`${type.fullName} has no field ${k}`);
    field.resolve();
    const sub = field.resolvedType;
    const conv = (x: unknown): unknown => (sub !== null && 'fields' in sub ? normalise(sub as Type, x) : x);
    out[field.name] = Array.isArray(v) ? v.map(conv) : conv(v);
  }
  return out;
}

let e2e: E2e;
let gw: RunningGateway;
let reflection: ReflectionClient;
const roots = new Map<string, Root>();
const keyFiles = (): Record<string, Signer> => ({
  'court.key': e2e.fx.court,
  'agency.key': e2e.fx.agency,
  'admin-1.key': e2e.fx.signers.get(FixtureDids.admin1)!,
});

beforeAll(async () => {
  e2e = await startE2e();
  gw = await e2e.startGateway();
  reflection = new ReflectionClient(gw.address, grpc.credentials.createInsecure());
  // The tour's SubmitAction names demo-order-1: issue it on the judicial chain, as a court would first.
  const order: JudicialOrder = {
    orderId: 'demo-order-1',
    court: FixtureDids.court,
    caseId: '(2026) Jing 0101 Zhi 77',
    chain: 'finance',
    actionId: 'demo-freeze-1',
    kind: 'freeze',
    target: '6222020200112345678',
    amount: '100000',
  };
  await issueJudicialOrder(e2e.backends.judicial.ledger, order, { nowMs: Date.now() });
  placeholders.set('<order JWT>', mintOrderJwt(e2e.fx, order, { nowMs: Date.now() }));
}, 60_000);

afterAll(async () => {
  await e2e?.stop();
}, 30_000);

const placeholders = new Map<string, string>();

async function run(call: GrpcurlCall, tokens: Map<string, string>): Promise<unknown> {
  const vars = new Map<string, string>([['GW', gw.address]]);
  for (const [name, key] of tokens) {
    const signer = keyFiles()[key];
    if (signer === undefined) throw new Error(`no fixture key for ${key}`);
    vars.set(name, authToken(signer, FixtureDids.gateway));
  }
  const subst = (s: string): string => s.replace(/\$([A-Z_]+)/g, (m, v: string) => vars.get(v) ?? m);
  if (call.target === 'list') return reflection.listServices();
  const [service, method] = call.target.split('/') as [string, string];
  let root = roots.get(service);
  if (root === undefined) {
    root = await reflection.fileContainingSymbol(service);
    roots.set(service, root);
  }
  const m = root.lookupService(service).methods[method];
  if (m === undefined) throw new Error(`${service} has no method ${method}`);
  m.resolve();
  const reqType = m.resolvedRequestType!;
  const resType = m.resolvedResponseType!;
  let body = call.body ?? '{}';
  for (const [p, v] of placeholders) body = body.replaceAll(p, v);
  const message = reqType.fromObject(normalise(reqType, JSON.parse(body)) as Record<string, unknown>);
  const md = new grpc.Metadata();
  for (const [k, v] of call.headers) md.set(k.toLowerCase(), subst(v));
  const client = new grpc.Client(gw.address, grpc.credentials.createInsecure());
  const path = `/${service}/${method}`;
  const serialize = (): Buffer => Buffer.from(reqType.encode(message).finish());
  const deserialize = (b: Buffer): unknown => resType.toObject(resType.decode(b), { enums: String, longs: String, bytes: String });
  try {
    if (!m.responseStream) {
      return await new Promise((resolve, reject) =>
        client.makeUnaryRequest(path, serialize, deserialize, message, md, { deadline: Date.now() + 10_000 }, (e, r) =>
          e ? reject(e) : resolve(r),
        ),
      );
    }
    // A stream: its first message, or a stream that opened and stayed quiet for 2 s.
    const stream = client.makeServerStreamRequest(path, serialize, deserialize, message, md, { deadline: Date.now() + 30_000 });
    return await new Promise((resolve, reject) => {
      // Kept timer: a watch stream may rightly send nothing; 2 s without an error is what the tour shows as an open stream.
      const quiet = setTimeout(() => {
        stream.cancel();
        resolve({ stream: 'open' });
      }, 2_000);
      stream.on('data', (d: unknown) => {
        clearTimeout(quiet);
        stream.cancel();
        resolve(d);
      });
      stream.on('error', (e: grpc.ServiceError) => {
        clearTimeout(quiet);
        if (e.code === grpc.status.CANCELLED) resolve({ stream: 'cancelled' });
        else reject(e);
      });
    });
  } finally {
    client.close();
  }
}

describe('README grpcurl tour', () => {
  it('has a tour documenting every courtbridge read, query, verify, action, watch and alliance method', () => {
    expect(SOURCES.length).toBeGreaterThan(0);
    const targets = new Set(SOURCES.flatMap((f) => parseTour(readFileSync(f, 'utf8')).calls.map((c) => c.target)));
    for (const t of [
      'courtbridge.v1.ChainService/ListChains',
      'courtbridge.v1.ChainService/GetChainStatus',
      'courtbridge.v1.QueryService/Query',
      'courtbridge.v1.QueryService/QueryBatch',
      'courtbridge.v1.InvestigationService/Investigate',
      'courtbridge.v1.VerificationService/VerifyBundle',
      'courtbridge.v1.ActionService/SubmitAction',
      'courtbridge.v1.ActionService/GetAction',
      'courtbridge.v1.ActionService/ListActions',
      'courtbridge.v1.ActionService/WatchActions',
      'courtbridge.v1.WatchService/WatchHeaders',
      'courtbridge.v1.WatchService/WatchActions',
      'courtbridge.v1.AllianceService/ResolveDid',
      'courtbridge.v1.AllianceService/ListMembers',
    ])
      expect(targets, t).toContain(t);
  });

  for (const file of SOURCES) {
    it(`every grpcurl line of ${file.slice(ROOT.length + 1)} runs against a live gateway`, async () => {
      const { calls, tokens } = parseTour(readFileSync(file, 'utf8'));
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        if (call.unimplemented) {
          const e = (await run(call, tokens).then(
            () => undefined,
            (x: grpc.ServiceError) => x,
          )) as grpc.ServiceError | undefined;
          expect(e?.code, `${call.line}: documented as not implemented yet; update the tour now that it is`).toBe(
            grpc.status.UNIMPLEMENTED,
          );
          continue;
        }
        const r = await run(call, tokens).catch((e: grpc.ServiceError) => {
          throw new Error(`${call.target} failed: ${e.code} ${e.details ?? e.message}\n  ${call.line}`);
        });
        expect(r, call.line).toBeDefined();
      }
    }, 60_000);
  }
});
