/**
 * The HTTP/JSON endpoint over a real evidence backend (test/web/fixture.ts): routes, errors with
 * their reasons, security headers, safe static paths, and a table of tampered bundles each
 * rejected by its named check (malleate step, ibc-go style) with nothing shown as proven, and a
 * property title whose saved file was edited: only the value the protobuf proves is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { fromBase64url, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';

type ProofBundle__Output = MessageOutput<'ProofBundle'>;
import { anchorPutBody, signEvidenceClaim } from '../../src/workflows/evidence.js';
import { createSigner } from '../../src/identity/signer.js';
import { toJson } from '../../src/cli/output.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { bundleFileJson } from '../../src/relay/http/bundle-json.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { APARTMENT } from '../helpers/title-bundle.js';
import { startPageWorld, SUBMITTER, SUBMITTER_ORG, type PageWorld } from './fixture.js';

interface CheckJson {
  name: string;
  outcome: string;
  reason: string;
}
interface BundleFile {
  format: string;
  protobuf: string;
}

const post = (url: string, body: string, type = 'application/json'): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

describe('verification HTTP endpoint', () => {
  let w: PageWorld;
  let bundleFile: BundleFile;
  const content = utf8('mediation agreement (2026) Jing 0105 Min Chu 42, signed copy');
  const signedAtMs = Date.now() - 60_000;
  let anchoredAtMs: number;
  beforeAll(async () => {
    w = await startPageWorld({ maxBodyBytes: 64 * 1024 });
    anchoredAtMs = (
      await w.registry.anchor(signEvidenceClaim(SUBMITTER, sha256(content), [{ name: 'case_id', value: 'M-42' }], signedAtMs))
    ).timeMs;
    const r = await post(`${w.url}api/v1/verify-evidence`, JSON.stringify({ sha256: toHex(sha256(content)) }));
    bundleFile = ((await r.json()) as { bundleFile: BundleFile }).bundleFile;
  });
  afterAll(() => w.close());

  it('answers anchored with submitter, block and every check passed; an altered hash is not anchored, with a proof of absence', async () => {
    const r = await post(`${w.url}api/v1/verify-evidence`, JSON.stringify({ sha256: toHex(sha256(content)).toUpperCase() }));
    expect(r.status).toBe(200);
    const j = (await r.json()) as {
      status: string;
      verdict: string;
      anchors: { submitterDid: string; metadata: unknown }[];
      provenAt: { chainId: string; height: number };
      checks: CheckJson[];
    };
    expect(j).toMatchObject({
      status: 'anchored',
      verdict: 'valid',
      anchors: [{ submitterDid: SUBMITTER.did, metadata: [{ name: 'case_id', value: 'M-42' }] }],
      provenAt: { chainId: 'judicial' },
    });
    expect(j.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    // Who and when, read from the proven anchor record: the registry's organisation, the block's time.
    expect((j as unknown as { anchoredBy: unknown }).anchoredBy).toEqual({
      submitterDid: SUBMITTER.did,
      submitterOrg: SUBMITTER_ORG,
      anchoredAtMs: anchoredAtMs,
      signedAtMs: signedAtMs,
      kind: 'evidence',
      title: 'untitled',
      caseId: 'M-42',
      metadata: [{ name: 'case_id', value: 'M-42' }],
    });
    expect(j.checks.filter((c) => c.outcome === 'passed').map((c) => c.name)).toEqual(
      expect.arrayContaining(['header_quorum', 'state_proof', 'receipt_signature', 'anchor_claims', 'submitter_signatures']),
    );
    const altered = content.slice();
    altered[0]! ^= 1;
    const n = (await (await post(`${w.url}api/v1/verify-evidence`, JSON.stringify({ sha256: toHex(sha256(altered)) }))).json()) as {
      status: string;
      verdict: string;
      anchors: unknown[];
      checks: CheckJson[];
    };
    expect(n).toMatchObject({ status: 'not_anchored', verdict: 'valid', anchors: [] });
    expect(n.checks.find((c) => c.name === 'state_proof')?.outcome).toBe('passed');
  });

  it('a claim on the chain whose submitter signature fails: invalid, and no submitter or time given as who anchored it', async () => {
    const forged = utf8('a file anchored in the court name with another key');
    const impostor = createSigner(SUBMITTER.did, SUBMITTER.kid, sha256(utf8('not the court key')));
    const entry = signEvidenceClaim(impostor, sha256(forged), [], signedAtMs);
    await w.judicial.submit('anchor.put', 'forged-http-1', anchorPutBody([entry]));
    const j = (await (await post(`${w.url}api/v1/verify-evidence`, JSON.stringify({ sha256: toHex(sha256(forged)) }))).json()) as {
      status: string;
      verdict: string;
      anchoredBy?: unknown;
      checks: CheckJson[];
    };
    expect(j).toMatchObject({ status: 'anchored', verdict: 'invalid' });
    expect(j.checks.find((c) => c.name === 'submitter_signatures')?.outcome).toBe('failed');
    expect(j.anchoredBy).toBeUndefined();
  });

  it('verifies a saved bundle file, a VerifyBundleRequest JSON and a bare ProofBundle JSON alike', async () => {
    const bundle = decodeMessage('ProofBundle', fromBase64url(bundleFile.protobuf)) as ProofBundle__Output;
    // proto3 JSON as grpcurl prints it: bytes in base64.
    const protoJson = JSON.stringify(bundle, function (this: unknown, k: string, v: unknown) {
      const raw = (this as Record<string, unknown>)[k];
      return raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : v;
    });
    for (const body of [JSON.stringify(bundleFile), `{"bundle":${protoJson}}`, protoJson]) {
      const r = await post(`${w.url}api/v1/verify-bundle`, body);
      expect(r.status).toBe(200);
      expect(((await r.json()) as { verdict: string }).verdict).toBe('valid');
    }
  });

  type Case = { name: string; malleate: (b: ProofBundle__Output) => void; check: string; reason: string };
  const flip = (b: Uint8Array, i = 0): Buffer => Buffer.from(b.map((x, j) => (j === i ? x ^ 1 : x)));
  const cases: Case[] = [
    {
      name: 'record value changed',
      malleate: (b) => (b.record!.value = flip(b.record!.value as Uint8Array)),
      check: 'state_proof',
      reason: 'value_mismatch',
    },
    {
      name: 'state root changed',
      malleate: (b) => (b.signedHeader!.header!.stateRoot = flip(b.signedHeader!.header!.stateRoot as Uint8Array)),
      check: 'header_quorum',
      reason: 'commit_hash_mismatch',
    },
    {
      name: 'validator signature forged',
      malleate: (b) =>
        (b.signedHeader!.commit!.signatures[0]!.signature = flip(b.signedHeader!.commit!.signatures[0]!.signature as Uint8Array, 5)),
      check: 'commit_signatures',
      reason: 'invalid_signature',
    },
    {
      name: 'validator set swapped',
      malleate: (b) => (b.validatorSet!.validators[0]!.power += 1),
      check: 'validator_set_hash',
      reason: 'wrong_validator_set_hash',
    },
    {
      name: 'record key renamed',
      malleate: (b) => (b.record!.key = `${b.record!.key.slice(0, -1)}0`),
      check: 'header_binding',
      reason: 'bundle_header_mismatch',
    },
    { name: 'receipt removed', malleate: (b) => (b.receipt = null), check: 'receipt_binding', reason: 'missing_receipt' },
    {
      name: 'batch root signature forged',
      malleate: (b) => (b.receipt!.batch!.rootSignature = flip(b.receipt!.batch!.rootSignature as Uint8Array, 7)),
      check: 'receipt_signature',
      reason: 'bad_root_signature',
    },
  ];
  for (const c of cases) {
    it(`a tampered bundle fails its named check: ${c.name} -> ${c.check}`, async () => {
      const b = decodeMessage('ProofBundle', fromBase64url(bundleFile.protobuf)) as ProofBundle__Output;
      c.malleate(b);
      const tampered = { format: bundleFile.format, protobuf: toBase64url(encodeMessage('ProofBundle', b as MessageInput<'ProofBundle'>)) };
      const j = (await (await post(`${w.url}api/v1/verify-bundle`, JSON.stringify(tampered))).json()) as {
        verdict: string;
        checks: CheckJson[];
        provenRecord: { shown: string; reason: string };
      };
      expect(j.verdict).toBe('invalid');
      const failed = j.checks.find((x) => x.outcome === 'failed');
      expect(failed?.name).toBe(c.check);
      expect(failed?.reason).toBe(c.reason);
      // Nothing of a bundle that does not verify is shown as proven.
      expect(j.provenRecord).toMatchObject({ shown: 'nothing', reason: 'verdict_invalid' });
    });
  }

  describe('what is shown is what was proven (a property title)', () => {
    const FORGED_OWNER = 'f'.repeat(64);
    interface Shown {
      verdict: string;
      readablePart: string;
      provenRecord: { shown: string; reason?: string; key?: string; decoded?: { ok: boolean; fields: { path: string; text: string }[] } };
    }
    const field = (j: Shown, path: string): string | undefined => j.provenRecord.decoded?.fields.find((f) => f.path === path)?.text;
    const edited = (value: Uint8Array): Buffer => {
      const v = decodeCanonicalObject(value) as Record<string, unknown>;
      return Buffer.from(encodeCanonical({ ...v, areaM2: 189, owners: [{ owner: FORGED_OWNER, shareBp: 10_000 }] }));
    };
    const verifyJson = async (body: unknown): Promise<{ j: Shown; text: string }> => {
      const r = await post(`${w.url}api/v1/verify-bundle`, JSON.stringify(body));
      expect(r.status).toBe(200);
      const text = await r.text();
      return { j: JSON.parse(text) as Shown, text };
    };

    it('a genuine title: valid, and the record decoded from the protobuf (area, value in 元, owner hash)', async () => {
      const { j } = await verifyJson(bundleFileJson(w.titles.title));
      expect(j).toMatchObject({
        verdict: 'valid',
        readablePart: 'none',
        provenRecord: { shown: 'record', key: APARTMENT.key, decoded: { ok: true } },
      });
      expect(field(j, 'areaM2')).toBe('89 平方米 (m²)');
      expect(field(j, 'valueEstimateCents')).toBe('6,500,000.00 元');
      expect(field(j, 'owners[0].owner')).toBe(DEMO_CAST.debtor.idHash);
    });

    it('a saved file whose readable part says another area and owner: the answer shows the proven ones and says the readable part was ignored', async () => {
      const readable = JSON.parse(toJson(decodeMessage('ProofBundle', w.titles.bytes(w.titles.title)))) as { record: { value: string } };
      readable.record.value = toHex(edited(w.titles.title.record!.value as Uint8Array));
      const { j, text } = await verifyJson({ ...bundleFileJson(w.titles.title), bundle: readable });
      expect(j).toMatchObject({ verdict: 'valid', readablePart: 'ignored', provenRecord: { shown: 'record' } });
      expect(field(j, 'areaM2')).toBe('89 平方米 (m²)');
      expect(field(j, 'owners[0].owner')).toBe(DEMO_CAST.debtor.idHash);
      expect(text).not.toContain(FORGED_OWNER);
      // The forged area as a value anywhere (hex hashes and ms times may hold the digits 189).
      expect(text).not.toMatch(/(?<![0-9a-f])189(?![0-9a-f])/);
    });

    it('the protobuf edited (area, owner): invalid at state_proof, nothing shown as proven, the edit nowhere in the answer', async () => {
      const b = decodeMessage('ProofBundle', w.titles.bytes(w.titles.title));
      b.record!.value = edited(b.record!.value);
      const { j, text } = await verifyJson({
        format: 'courtbridge.v1.ProofBundle',
        protobuf: toBase64url(encodeMessage('ProofBundle', b as unknown as MessageInput<'ProofBundle'>)),
      });
      expect(j.verdict).toBe('invalid');
      expect(j.provenRecord).toMatchObject({ shown: 'nothing', reason: 'verdict_invalid' });
      expect(text).not.toContain(FORGED_OWNER);
      expect(text).not.toContain('面积');
    });

    it('a bare ProofBundle JSON (grpcurl) is encoded first and shown from those bytes; an unknown record type shows undecoded hex', async () => {
      const protoJson = JSON.parse(
        JSON.stringify(decodeMessage('ProofBundle', w.titles.bytes(w.titles.title)), function (this: unknown, k: string, v: unknown) {
          const raw = (this as Record<string, unknown>)[k];
          return raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : v;
        }),
      ) as unknown;
      const { j } = await verifyJson(protoJson);
      expect(j.verdict).toBe('valid');
      expect(field(j, 'areaM2')).toBe('89 平方米 (m²)');
      const u = await verifyJson(bundleFileJson(w.titles.unknownType));
      expect(u.j).toMatchObject({
        verdict: 'valid',
        provenRecord: {
          shown: 'record',
          recordType: 'parcel',
          valueHex: toHex(w.titles.title.record!.value as Uint8Array),
          decoded: { ok: false },
        },
      });
    });
  });

  type ErrCase = { name: string; req: () => Promise<Response>; status: number; reason: string };
  const errors: ErrCase[] = [
    { name: 'body not JSON', req: () => post(`${w.url}api/v1/verify-bundle`, '{nope'), status: 400, reason: 'body_not_json' },
    {
      name: 'wrong media type',
      req: () => post(`${w.url}api/v1/verify-bundle`, '{}', 'text/plain'),
      status: 415,
      reason: 'unsupported_media_type',
    },
    {
      name: 'unknown bundle format',
      req: () => post(`${w.url}api/v1/verify-bundle`, '{"format":"x","protobuf":"AA"}'),
      status: 400,
      reason: 'bundle_json_malformed',
    },
    {
      name: 'bundle JSON not an object',
      req: () => post(`${w.url}api/v1/verify-bundle`, '[1,2]'),
      status: 400,
      reason: 'bundle_json_malformed',
    },
    {
      name: 'hash not 64 hex',
      req: () => post(`${w.url}api/v1/verify-evidence`, '{"sha256":"abc"}'),
      status: 400,
      reason: 'hash_malformed',
    },
    { name: 'hash missing', req: () => post(`${w.url}api/v1/verify-evidence`, '{}'), status: 400, reason: 'hash_malformed' },
    {
      name: 'body too large',
      req: () => post(`${w.url}api/v1/verify-bundle`, JSON.stringify({ pad: 'x'.repeat(70 * 1024) })),
      status: 413,
      reason: 'body_too_large',
    },
    { name: 'GET on a POST route', req: () => fetch(`${w.url}api/v1/verify-bundle`), status: 405, reason: 'method_not_allowed' },
    { name: 'unknown route', req: () => fetch(`${w.url}api/v2/anything`), status: 404, reason: 'not_found' },
    { name: 'traversal ../', req: () => fetch(`${w.url}static/../package.json`), status: 404, reason: 'not_found' },
    { name: 'traversal encoded', req: () => fetch(`${w.url}static/%2e%2e%2fpackage.json`), status: 404, reason: 'not_found' },
    { name: 'traversal encoded backslash', req: () => fetch(`${w.url}static/..%5c..%5cpackage.json`), status: 404, reason: 'not_found' },
    { name: 'NUL byte', req: () => fetch(`${w.url}static/app.js%00.css`), status: 404, reason: 'not_found' },
    { name: 'hidden file', req: () => fetch(`${w.url}static/.gitignore`), status: 404, reason: 'not_found' },
    { name: 'unknown extension', req: () => fetch(`${w.url}static/index.ts`), status: 404, reason: 'not_found' },
  ];
  for (const c of errors) {
    it(`refuses with a JSON error: ${c.name} -> ${c.status} ${c.reason}`, async () => {
      const r = await c.req();
      expect(r.status).toBe(c.status);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      const j = (await r.json()) as { error: { code: string; grpcStatus: number; reason: string; message: string } };
      expect(j.error.reason).toBe(c.reason);
      expect(j.error.message.length).toBeGreaterThan(0);
      expect(typeof j.error.grpcStatus).toBe('number');
    });
  }

  it('serves the page and its assets with their content types and security headers; healthz answers', async () => {
    const want: [string, RegExp][] = [
      ['', /^text\/html/],
      ['static/app.js', /^text\/javascript/],
      ['static/style.css', /^text\/css/],
    ];
    for (const [path, type] of want) {
      const r = await fetch(`${w.url}${path}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(type);
      expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(r.headers.get('content-security-policy')).not.toContain('unsafe-inline');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
    }
    const html = await (await fetch(w.url)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script (CSP: self only)
    expect(await (await fetch(`${w.url}healthz`)).json()).toEqual({ status: 'ok' });
  });
});
