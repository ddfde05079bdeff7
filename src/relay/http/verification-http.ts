/**
 * The public verification page and its HTTP/JSON endpoint (policy: a verification
 * platform where parties verify evidence, mediation data and served documents themselves).
 * A thin shell beside gRPC on `node:http`, no framework: it parses and checks input where it
 * enters (STYLE.md 8) and hands the work to the pure verifier and the evidence workflow.
 *
 *   GET  /                        the page (web/index.html)
 *   GET  /static/<file>           its assets (web/<file>; safe resolution, static-files.ts)
 *   POST /api/v1/verify-bundle    body: a bundle file or ProofBundle JSON (bundle-json.ts)
 *                                 -> { verdict, checks, subject, verifiedHeader?, provenRecord,
 *                                      readablePart, checkedAtMs }
 *                                 `provenRecord` is the record decoded from the verified bytes,
 *                                 only when the verdict is valid (src/verify/proven-record.ts);
 *                                 `subject` is what the bundle claims, proven or not.
 *   POST /api/v1/verify-evidence  body: { "sha256": "<64 hex>" }
 *                                 -> { status, sha256, anchors, anchoredBy?, provenAt?, verdict, checks, bundleFile?, batchBundleFile? }
 *                                 `anchoredBy` (submitter, its organisation, anchoring time) is
 *                                 read from the proven anchor pointer and its proven batch record
 *                                 (`batchBundleFile`) of a valid answer only
 *                                 (anchored-by.ts); `anchors` is the workflow's own list.
 *   POST /api/v1/verify-service   body: { "sha256": "<64 hex>" }: the services of a served document
 *                                 -> { status: served|not_served, sha256, verdict, index: { verdict, checks, bundleFile },
 *                                      services: [{ serviceId, verdict, checks, bundleFile, service? }] }
 *                                 `service` (case, court and its organisation, channel, times, receipt) is
 *                                 read from a record whose proof and checks all passed only.
 *   GET  /healthz                 { "status": "ok" }
 *
 * A bundle that fails a check is a normal answer (200, verdict `invalid`), as in
 * VerifyBundleResponse; errors are JSON with the gRPC code and reason (http-error.ts).
 * Files never reach the server: the page hashes them in the browser (WebCrypto).
 * Nothing listens until `listen` (STYLE.md 9).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

import { fromBase64url, fromHex, toHex } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, type Reason } from '../../errors.js';
import type { Logger } from '../../log.js';
import { resultOf, type BundleVerification } from '../../verify/bundle-verify.js';
import { provenRecordView, type ProvenRecordView } from '../../verify/proven-record.js';
import { NO_RECORD_LAYOUTS, type RecordLayouts } from '../../verify/record-layout.js';
import { decodeMessage } from '../../wire/codec.js';
import { anchoredByOf, type AnchoredBy, type MemberOrg } from './anchored-by.js';
import { bundleFileJson, bundleOfJson, type BundleFileJson, type BundleOfJson } from './bundle-json.js';
import type { EvidenceCheck, VerifyEvidence } from './evidence-report.js';
import type { ServiceReportEntry, VerifyService } from './service-report.js';
import { httpErrorOf } from './http-error.js';
import { readStaticFile } from './static-files.js';

/** Verifies ProofBundle protobuf bytes (src/verify `verifyBundleBytes` with the gateway's authority and clock). */
export type VerifyBundle = (bundleBytes: Uint8Array) => BundleVerification | Promise<BundleVerification>;

export interface VerificationHttpOptions {
  verifyBundle: VerifyBundle;
  verifyEvidence: VerifyEvidence;
  /** The served-document lookup (service-report.ts); `/api/v1/verify-service` answers UNAVAILABLE without it. */
  verifyService?: VerifyService;
  /** How the proven record is decoded for a person (chain-catalog.ts `catalogRecordLayouts`); shown as hex unless given. */
  recordLayouts?: RecordLayouts;
  /** A DID's organisation in the alliance registry (shown beside submitters and other DIDs); none unless told. */
  memberOrg?: MemberOrg;
  logger: Logger;
  /** Directory of index.html, app.js, style.css; the repository's `web/` unless told. */
  webRoot?: string;
  /** Largest request body accepted, bytes (a bundle is a few KiB); 1 MiB unless told. */
  maxBodyBytes?: number;
}

/** A verification HTTP server, not yet listening. */
export interface VerificationHttpServer {
  /** Start listening (port 0 picks a free one); resolves with the bound port. */
  listen(port: number, host: string): Promise<{ port: number; url: string }>;
  /** Stop accepting, close idle keep-alive connections, resolve when closed. */
  close(): Promise<void>;
}

/** The repository's web/ folder, beside src/ (tsx runs the sources in place). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Security headers on every answer (OWASP Secure Headers): scripts, styles and connections
 * from this origin only, no inline script, no framing, no referrer, no MIME sniffing.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const HEX64 = /^[0-9a-fA-F]{64}$/;

const invalid = (reason: Reason, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

/** Read the body up to `max` bytes; a larger one is refused as soon as it is seen. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(tooLarge(max));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(max));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const tooLarge = (max: number): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.ResourceExhausted, 'body_too_large', `the request body is larger than ${max} bytes`);

async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/json')
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'unsupported_media_type', 'send the body as application/json');
  const body = await readBody(req, max);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw invalid('body_not_json', 'the request body is not valid JSON');
  }
}

/** JSON of a bundle verification: what the page and integrators read. */
export function bundleVerificationJson(
  v: BundleVerification,
  bundleBytes: Uint8Array,
  layouts: RecordLayouts,
  readablePart: BundleOfJson['readablePart'] = 'none',
  memberOrg: MemberOrg = () => undefined,
): Record<string, unknown> {
  let subject: Record<string, unknown> | undefined;
  try {
    const b = decodeMessage('ProofBundle', bundleBytes);
    const r = resultOf(b);
    subject = {
      chainId: r.chainId,
      key: r.key,
      recordType: r.recordType,
      result: r.kind,
      stateHeight: b.stateHeight,
      stateTimeMs: b.stateTimeMs,
    };
  } catch {
    subject = undefined; // the checks already say the bundle is malformed
  }
  return {
    verdict: v.verdict,
    checks: v.checks.map((c) => ({ name: c.name, outcome: c.outcome, reason: c.reason, detail: c.detail })),
    ...(subject === undefined ? {} : { subject }),
    ...(v.verifiedHeader === undefined
      ? {}
      : {
          verifiedHeader: {
            chainId: v.verifiedHeader.chainId,
            height: v.verifiedHeader.height,
            headerHash: toHex(v.verifiedHeader.headerHash),
          },
        }),
    provenRecord: withOrgs(provenRecordView(bundleBytes, v, layouts), memberOrg),
    readablePart,
    checkedAtMs: v.checkedAtMs,
  };
}

/** A proven record with each DID field's organisation from the registry (the registry's word, not the bundle's). */
function withOrgs(view: ProvenRecordView, memberOrg: MemberOrg): ProvenRecordView | Record<string, unknown> {
  if (view.shown !== 'record' || !view.decoded.ok) return view;
  const fields = view.decoded.fields.map((f) => {
    const org = f.format === 'did' ? memberOrg(f.text) : undefined;
    return org === undefined ? f : { ...f, org };
  });
  return { ...view, decoded: { ok: true, fields } };
}

/**
 * Create the server.
 *
 * @example
 * const http = createVerificationHttpServer({
 *   verifyBundle: (bytes) => verifyBundleBytes(bytes, { atMs: Date.now, authority }),
 *   verifyEvidence: evidenceLookup({ registry, authority, receipts, now: Date.now }),
 *   logger,
 * });
 * const { url } = await http.listen(8080, '127.0.0.1');
 */
export function createVerificationHttpServer(options: VerificationHttpOptions): VerificationHttpServer {
  if (typeof options.verifyBundle !== 'function') throw new TypeError('options.verifyBundle: expected a function');
  if (typeof options.verifyEvidence !== 'function') throw new TypeError('options.verifyEvidence: expected a function');
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBody) || maxBody < 1) throw new TypeError('options.maxBodyBytes: expected a positive integer');
  const log = options.logger.child({ part: 'verification-http' });
  const layouts = options.recordLayouts ?? NO_RECORD_LAYOUTS;
  const memberOrg: MemberOrg = options.memberOrg ?? (() => undefined);

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...extra });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, value: unknown): void =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), { 'cache-control': 'no-store' });

  async function verifyBundleRoute(req: IncomingMessage): Promise<unknown> {
    const { bytes, readablePart } = bundleOfJson(await readJson(req, maxBody));
    return bundleVerificationJson(await options.verifyBundle(bytes), bytes, layouts, readablePart, memberOrg);
  }

  async function verifyServiceRoute(req: IncomingMessage): Promise<unknown> {
    const body = await readJson(req, maxBody);
    const hex = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).sha256 : undefined;
    if (typeof hex !== 'string' || !HEX64.test(hex))
      throw invalid('hash_malformed', 'sha256: expected the SHA-256 of the file as 64 hex digits');
    if (options.verifyService === undefined)
      throw new CourtbridgeError(ErrorCode.Unavailable, 'service_lookup_unavailable', 'this gateway does not look served documents up');
    const r = await options.verifyService(fromHex(hex.toLowerCase(), 'sha256'));
    const entry = (e: ServiceReportEntry) => ({
      verdict: e.verdict,
      checks: e.checks.map((c) => ({ name: c.name, outcome: c.outcome, reason: c.reason, detail: c.detail })),
      bundleFile: bundleFileJson(e.bundle),
    });
    return {
      status: r.status,
      sha256: toHex(r.documentHash),
      verdict: r.verdict,
      index: entry(r.index),
      services: r.services.map((s) => {
        const org = s.view === undefined ? undefined : memberOrg(s.view.court);
        return {
          serviceId: s.serviceId,
          ...entry(s),
          ...(s.view === undefined ? {} : { service: { ...s.view, ...(org === undefined ? {} : { courtOrg: org }) } }),
        };
      }),
    };
  }

  async function verifyEvidenceRoute(req: IncomingMessage): Promise<unknown> {
    const body = await readJson(req, maxBody);
    const hex = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).sha256 : undefined;
    if (typeof hex !== 'string' || !HEX64.test(hex))
      throw invalid('hash_malformed', 'sha256: expected the SHA-256 of the file as 64 hex digits');
    const r = await options.verifyEvidence(fromHex(hex.toLowerCase(), 'sha256'));
    const bundleFile: BundleFileJson | undefined = r.bundle === undefined ? undefined : bundleFileJson(r.bundle);
    const batchBundleFile: BundleFileJson | undefined = r.batchBundle === undefined ? undefined : bundleFileJson(r.batchBundle);
    // Who and when, from the bytes a party saves, verified again here: never from the workflow's say-so.
    let anchoredBy: AnchoredBy | undefined;
    if (r.status === 'anchored' && r.verdict === 'valid' && bundleFile !== undefined && batchBundleFile !== undefined) {
      const bytes = fromBase64url(bundleFile.protobuf, 'protobuf');
      const batchBytes = fromBase64url(batchBundleFile.protobuf, 'protobuf');
      anchoredBy = anchoredByOf(r.contentHash, bytes, await options.verifyBundle(bytes), r, memberOrg, {
        bytes: batchBytes,
        verification: await options.verifyBundle(batchBytes),
      });
    }
    return {
      status: r.status,
      sha256: toHex(r.contentHash),
      anchors: r.anchors.map((a) => ({
        submitterDid: a.claim.submitterDid,
        kid: a.claim.kid,
        signedAtMs: a.claim.signedAtMs,
        metadata: a.claim.metadata,
      })),
      ...(anchoredBy === undefined ? {} : { anchoredBy }),
      ...(r.provenAt === undefined ? {} : { provenAt: { ...r.provenAt, headerHash: toHex(r.provenAt.headerHash) } }),
      verdict: r.verdict,
      checks: r.checks.map((c: EvidenceCheck) => ({ name: c.name, outcome: c.outcome, reason: c.reason, detail: c.detail })),
      ...(bundleFile === undefined ? {} : { bundleFile }),
      ...(batchBundleFile === undefined ? {} : { batchBundleFile }),
    };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<{ status: number; reason?: string }> {
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    const only = (m: string): void => {
      if (method !== m) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'method_not_allowed', `${path} accepts ${m} only`);
    };
    if (path === '/api/v1/verify-bundle' || path === '/api/v1/verify-evidence' || path === '/api/v1/verify-service') {
      only('POST');
      json(
        res,
        200,
        path === '/api/v1/verify-bundle'
          ? await verifyBundleRoute(req)
          : path === '/api/v1/verify-evidence'
            ? await verifyEvidenceRoute(req)
            : await verifyServiceRoute(req),
      );
      return { status: 200 };
    }
    if (path === '/healthz') {
      only('GET');
      json(res, 200, { status: 'ok' });
      return { status: 200 };
    }
    if (path === '/' || path === '/index.html' || path.startsWith('/static/')) {
      if (method !== 'GET' && method !== 'HEAD') only('GET');
      const file = await readStaticFile(webRoot, path.startsWith('/static/') ? path.slice('/static/'.length) : 'index.html');
      send(res, 200, file.contentType, method === 'HEAD' ? Buffer.alloc(0) : file.body, { 'cache-control': 'no-cache' });
      return { status: 200 };
    }
    throw new CourtbridgeError(ErrorCode.NotFound, 'not_found', `no route ${path}; try GET / or POST /api/v1/verify-bundle`);
  }

  const server: Server = createServer((req, res) => {
    const started = performance.now();
    route(req, res).then(
      (r) =>
        log.info(
          { method: req.method, path: (req.url ?? '').split('?')[0], status: r.status, ms: Math.round(performance.now() - started) },
          'http request',
        ),
      (e: unknown) => {
        const { status, body } = httpErrorOf(e);
        if (status >= 500) log.error({ err: e, method: req.method, path: (req.url ?? '').split('?')[0] }, 'http request failed');
        if (!res.headersSent) {
          // A refused body may still be arriving: answer, then close the connection.
          json(res, status, body);
          if (body.error.reason === 'body_too_large') res.on('finish', () => req.socket.destroy());
        }
        log.info(
          {
            method: req.method,
            path: (req.url ?? '').split('?')[0],
            status,
            reason: body.error.reason,
            ms: Math.round(performance.now() - started),
          },
          'http request',
        );
      },
    );
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const bound = (server.address() as AddressInfo).port;
          const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`;
          log.info({ url }, 'verification page serving');
          resolve({ port: bound, url });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
