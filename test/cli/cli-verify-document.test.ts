/**
 * `courtbridge verify --document FILE --page URL` and `courtbridge evidence receipt` (the real
 * binary as a subprocess) over a real verification page (test/web/fixture.ts: the judicial dev
 * ledger, service of process, the gateway's batch receipts, an alliance genesis pinned by hash):
 *   - a served and received document: VALID, zh-CN first, the court's organisation from the
 *     pinned genesis, the channel, the times, the receipt signed by the recipient;
 *   - a served document not yet received: 未签收;
 *   - the same document with one byte changed: 未找到送达记录, exit 1 (proof of absence verified);
 *   - a receipt a stranger signed, written straight to the chain: refused, receipt_not_recipient;
 *   - forged answers from a page in the middle (a record edited in the protobuf, another
 *     document's answer for this one, a service withheld): refused with the reason, exit 4;
 *   - the recipient signs its receipt with `courtbridge evidence receipt`; a stranger's is refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { fromBase64url, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { writeKeyFile } from '../../src/identity/keystore.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import { startPageWorld, SUBMITTER_ORG, type PageWorld } from '../web/fixture.js';
import { fileCase, forgeReceipt, receive, RECIPIENT, serve, STRANGER } from '../web/served-document.js';
import { cli } from './cli-helpers.js';

let w: PageWorld;
let dir: string;
let trustArgs: string[];
let middle: Server;
let middleUrl: string;
/** How the page in the middle changes the real page's answer (identity unless set). */
let tamper: (answer: Record<string, unknown>, sha256: string) => Promise<Record<string, unknown>> = async (a) => a;

const received = utf8('%PDF-1.7\n(2026) Jing 0105 Min Chu 77 summons to the defendant\n%%EOF\n');
const pending = utf8('%PDF-1.7\n(2026) Jing 0105 Min Chu 77 judgment, served by post\n%%EOF\n');
const forged = utf8('%PDF-1.7\n(2026) Jing 0105 Min Chu 77 ruling\n%%EOF\n');
let receivedId: string;
let pendingId: string;
let servedAtMs: number;

const fileOf = (name: string): string => join(dir, name);
const verifyDoc = (name: string, page = w.url) => cli(['verify', '--document', fileOf(name), '--page', page, ...trustArgs]);
const pageAnswer = async (sha: string): Promise<Record<string, unknown>> =>
  (await (
    await fetch(`${w.url}api/v1/verify-service`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sha256: sha }),
    })
  ).json()) as Record<string, unknown>;

beforeAll(async () => {
  w = await startPageWorld();
  dir = await mkdtemp(join(tmpdir(), 'cb-verify-document-'));
  await writeFile(fileOf('genesis.json'), w.titles.genesisBytes);
  trustArgs = ['--genesis', fileOf('genesis.json'), '--genesis-hash', w.titles.genesisHash];
  await fileCase(w, 'S-77');
  servedAtMs = Date.now() - 3_600_000;
  receivedId = await serve(w, 'S-77', received, servedAtMs);
  await receive(w, receivedId, received);
  pendingId = await serve(w, 'S-77', pending, servedAtMs);
  const forgedId = await serve(w, 'S-77', forged, servedAtMs);
  await forgeReceipt(w, forgedId, forged);
  await writeFile(fileOf('summons.pdf'), received);
  await writeFile(fileOf('judgment.pdf'), pending);
  await writeFile(fileOf('ruling.pdf'), forged);
  const altered = received.slice();
  altered[20]! ^= 1;
  await writeFile(fileOf('summons-altered.pdf'), altered);
  for (const [name, s] of [
    ['recipient.key', 31],
    ['stranger.key', 32],
  ] as const)
    await writeKeyFile(fileOf(name), {
      did: s === 31 ? RECIPIENT.did : STRANGER.did,
      kid: s === 31 ? RECIPIENT.kid : STRANGER.kid,
      privateKey: sha256(utf8(`courtbridge vector key ${s}`)),
    });
  middle = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const sha = (JSON.parse(body) as { sha256: string }).sha256;
      pageAnswer(sha)
        .then((a) => tamper(a, sha))
        .then((a) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(a));
        })
        .catch((e: unknown) => {
          res.writeHead(500);
          res.end(String(e));
        });
    });
  });
  await new Promise<void>((r) => middle.listen(0, '127.0.0.1', r));
  middleUrl = `http://127.0.0.1:${(middle.address() as AddressInfo).port}/`;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => middle?.close(r));
  await w?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('courtbridge verify --document', () => {
  it('a served and received document: VALID, zh-CN first, the court by its organisation, the receipt signed by the recipient', async () => {
    const r = await verifyDoc('summons.pdf');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`sha256 ${toHex(sha256(received))}`);
    expect(r.stdout).toContain(`送达编号 Service ${receivedId}`);
    expect(r.stdout).toContain('案号 Case: S-77');
    expect(r.stdout).toContain(`送达法院 Court: ${SUBMITTER_ORG} (did:alliance:court-bj-dongcheng)`);
    expect(r.stdout).toContain('送达方式 Channel: 邮寄送达 postal');
    expect(r.stdout).toMatch(/送达时间 Served at: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(r.stdout).toContain(`签收 Receipt: 已签收 received，签收人 signed by ${RECIPIENT.did}`);
    expect(r.stdout).toContain('通过 ok   recipient_signature');
    expect(r.stdout).toContain('通过 ok   court_signature');
    expect(r.stdout).toContain('结论 Verdict: 有效 VALID');
    expect(r.stdout.indexOf('已送达')).toBeLessThan(r.stdout.indexOf('Served:'));
  });

  it('--json: the services with their checks', async () => {
    const r = await cli(['verify', '--document', fileOf('summons.pdf'), '--page', w.url, ...trustArgs, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { status: string; services: { serviceId: string; courtOrg: string; receipt: { status: string } }[] };
    expect(j.status).toBe('served');
    expect(j.services).toMatchObject([{ serviceId: receivedId, courtOrg: SUBMITTER_ORG, receipt: { status: 'received' } }]);
  });

  it('a served document not yet received: 未签收', async () => {
    const r = await verifyDoc('judgment.pdf');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`送达编号 Service ${pendingId}`);
    expect(r.stdout).toContain('签收 Receipt: 未签收 / not yet received');
  });

  it('one byte changed: 未找到送达记录 / no service of this document, exit 1', async () => {
    const r = await verifyDoc('summons-altered.pdf');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('未找到送达记录');
    expect(r.stdout).toContain('No service of this document');
    expect(r.stdout).not.toContain(receivedId);
  });

  it('a receipt signed by a stranger (written straight to the chain): refused, receipt_not_recipient, no receipt shown', async () => {
    const r = await verifyDoc('ruling.pdf');
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('拒绝 REFUSED');
    expect(r.stdout).toContain('[receipt_not_recipient]');
    expect(r.stdout).toContain('原因 reason: receipt_not_recipient');
    expect(r.stdout).not.toContain('已签收');
  });

  it('without the pinned registry: a usage error naming --trust / --genesis', async () => {
    const r = await cli(['verify', '--document', fileOf('summons.pdf'), '--page', w.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--trust FILE --genesis-hash HEX');
  });

  describe('forged answers from a page in the middle are refused with the reason', () => {
    afterAll(() => {
      tamper = async (a) => a;
    });

    it('the service record edited in the protobuf (a receipt made up): the proof does not hold', async () => {
      tamper = async (a) => {
        const s = (a.services as { bundleFile: { protobuf: string } }[])[0]!;
        const b = decodeMessage('ProofBundle', fromBase64url(s.bundleFile.protobuf));
        const v = JSON.parse(new TextDecoder().decode(b.record!.value)) as Record<string, unknown>;
        v.receipt = { status: 'received', receivedAtMs: Date.now(), signer: STRANGER.kid, signature: toBase64url(new Uint8Array(64)) };
        b.record!.value = Buffer.from(JSON.stringify(v));
        s.bundleFile.protobuf = toBase64url(encodeMessage('ProofBundle', b));
        return a;
      };
      const r = await verifyDoc('judgment.pdf', middleUrl);
      expect(r.code).toBe(4);
      expect(r.stdout).toContain('证明不成立 / the proof does not hold');
      expect(r.stdout).toMatch(/失败 FAIL state_proof/);
      expect(r.stdout).not.toContain('已签收');
    });

    it("another document's answer for this one: the proof is of another key", async () => {
      tamper = async () => pageAnswer(toHex(sha256(received)));
      const r = await verifyDoc('summons-altered.pdf', middleUrl);
      expect(r.code).toBe(4);
      expect(r.stdout).toContain('the proof is of served-document/');
      expect(r.stdout).not.toContain('已送达');
    });

    it('a service the index lists withheld: refused', async () => {
      tamper = async (a) => ({ ...a, services: [] });
      const r = await verifyDoc('summons.pdf', middleUrl);
      expect(r.code).toBe(4);
      expect(r.stdout).toContain(`the gateway gave no proof of service ${receivedId}`);
    });
  });
});

describe('courtbridge evidence receipt', () => {
  it("the recipient signs its receipt over the file's hash: the request the registry records; a stranger's is refused", async () => {
    await fileCase(w, 'S-78');
    const content = utf8('%PDF-1.7\n(2026) Jing 0105 Min Chu 78 summons\n%%EOF\n');
    await writeFile(fileOf('summons-78.pdf'), content);
    const id = await serve(w, 'S-78', content, Date.now() - 60_000);
    const asStranger = await cli(['evidence', 'receipt', fileOf('summons-78.pdf'), '--service', id, '--as', fileOf('stranger.key')]);
    expect(asStranger.code).toBe(0);
    const s = JSON.parse(asStranger.stdout) as {
      serviceId: string;
      recipientDid: string;
      kid: string;
      signedAtMs: string;
      signature: string;
    };
    const asRequest = (q: typeof s) => ({
      serviceId: q.serviceId,
      recipientDid: q.recipientDid,
      kid: q.kid,
      signedAtMs: Number(q.signedAtMs),
      signature: new Uint8Array(Buffer.from(q.signature, 'base64')),
    });
    await expect(w.services.recordReceipt(asRequest(s))).rejects.toMatchObject({ reason: 'receipt_not_recipient' });
    const r = await cli(['evidence', 'receipt', fileOf('summons-78.pdf'), '--service', id, '--as', fileOf('recipient.key')]);
    expect(r.code).toBe(0);
    const q = JSON.parse(r.stdout) as typeof s;
    expect(q).toMatchObject({ serviceId: id, recipientDid: RECIPIENT.did, kid: RECIPIENT.kid });
    const done = await w.services.recordReceipt(asRequest(q));
    expect(JSON.parse(new TextDecoder().decode(done.record.value!))).toMatchObject({
      receipt: { status: 'received', signer: RECIPIENT.kid },
    });
    const bad = await cli(['evidence', 'receipt', fileOf('summons-78.pdf'), '--service', 'nope', '--as', fileOf('recipient.key')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--service ID');
  }, 60_000);
});
