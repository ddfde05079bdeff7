/**
 * The verification page's served-document check in headless Chromium (as verification-page.test.ts:
 * Debian's chromium driven by playwright-core), in zh-CN and in English, over a real backend
 * (test/web/fixture.ts with service of process): a party drops a served document and reads
 * whether a court served it, which court (its organisation), how and when, and whether the
 * recipient signed its receipt (未签收 otherwise); a one-byte-altered copy finds no service (the
 * absence proven); a receipt a stranger signed, written straight to the chain, is never shown as
 * a receipt; and forged answers injected between the page and the gateway (a record edited in the
 * proof file, a receipt claimed in the answer that the proof does not hold, another document's
 * answer) are not shown as verified. Screenshots: test-output/web/served-<case>.<locale>.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPageBrowser, type PageBrowser } from './chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { fromBase64url, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import { startPageWorld, SUBMITTER, SUBMITTER_ORG, type PageWorld } from './fixture.js';
import { fileCase, forgeReceipt, receive, RECIPIENT, serve, STRANGER } from './served-document.js';

const OUT = resolve('test-output/web');

type Locale = 'zh-CN' | 'en';
const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const clock = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

const SAYS = {
  'zh-CN': {
    time: (ms: number) => `${clock(ms)} 北京时间`,
    served: /^已送达/,
    servedMeaning: '这份文书经法院送达',
    notServed: /^未找到送达记录/,
    notServedMeaning: '司法区块链上没有这份文书的送达记录',
    postal: '邮寄送达',
    received: '已签收',
    notReceived: '未签收',
    notShown: '这条送达记录未通过核验，不显示其内容',
    english: ['Served', 'Receipt', 'postal', 'signature'],
  },
  en: {
    time: (ms: number) => `${clock(ms)} Beijing time (UTC+8)`,
    served: /^Served/,
    servedMeaning: 'A court served this document',
    notServed: /^No service of this document/,
    notServedMeaning: 'The judicial blockchain holds no service of this document',
    postal: 'by post',
    received: 'Received',
    notReceived: 'Not received yet',
    notShown: 'This service record did not verify, so nothing of it is shown',
    english: ['已送达', '签收', '邮寄'],
  },
} as const;

describe('verification page: served documents (headless Chromium)', () => {
  let w: PageWorld;
  let files: string;
  const path = (name: string): string => join(files, name);
  const received = utf8('%PDF-1.7\n(2026) Jing 0105 Min Chu 88 summons to the defendant\n%%EOF\n');
  const pending = utf8('%PDF-1.7\n(2026) Jing 0105 Min Chu 88 judgment\n%%EOF\n');
  const forged = utf8('%PDF-1.7\n(2026) Jing 0105 Min Chu 88 ruling\n%%EOF\n');
  const servedAtMs = Date.UTC(2026, 2, 14, 2, 0);
  let receivedId: string;
  let pendingId: string;
  let forgedId: string;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    w = await startPageWorld();
    await fileCase(w, 'S-88');
    receivedId = await serve(w, 'S-88', received, servedAtMs);
    await receive(w, receivedId, received);
    pendingId = await serve(w, 'S-88', pending, servedAtMs);
    forgedId = await serve(w, 'S-88', forged, servedAtMs);
    await forgeReceipt(w, forgedId, forged);
    files = mkdtempSync(join(tmpdir(), 'cb-web-served-'));
    writeFileSync(path('summons.pdf'), received);
    writeFileSync(path('judgment.pdf'), pending);
    writeFileSync(path('ruling.pdf'), forged);
    const altered = received.slice();
    altered[20]! ^= 0x01;
    writeFileSync(path('summons-altered.pdf'), altered);
  }, 60_000);

  afterAll(async () => {
    await w?.close();
    rmSync(files, { recursive: true, force: true });
  });

  for (const locale of LOCALES) {
    describe(`in ${locale}`, () => {
      const says = SAYS[locale];
      let browser: PageBrowser | undefined;
      let context: BrowserContext;
      let page: Page;
      const shot = (name: string) => page.screenshot({ path: join(OUT, `served-${name}.${locale}.png`), fullPage: true });
      const outcomes = async (scope: string): Promise<Record<string, string>> => {
        const out: Record<string, string> = {};
        for (const li of await page.locator(`${scope} ul.checks li`).all())
          out[(await li.getAttribute('data-check'))!] = (await li.getAttribute('data-outcome'))!;
        return out;
      };
      const status = async (): Promise<string> => (await page.locator('[data-testid="status"]').getAttribute('data-status')) ?? '';
      const drop = async (name: string, until: string): Promise<void> => {
        await page.locator('#result-body').evaluate((e) => e.replaceChildren());
        // Cleared first: choosing the same file again fires no change event.
        await page.setInputFiles('#service-input', []);
        await page.setInputFiles('#service-input', path(name));
        await page.waitForSelector(`[data-testid="status"][data-status="${until}"]`).catch(async (e: unknown) => {
          throw new Error(`${String(e)}\nthe page shows: ${await page.locator('#result-body').textContent()}`);
        });
      };

      beforeAll(async () => {
        browser = await launchPageBrowser(locale);
        context = browser.context;
        page = context.pages()[0] ?? (await context.newPage());
        const errors: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        await page.goto(w.url);
        await page.waitForSelector('html[data-ready="true"]');
        expect(errors).toEqual([]);
      }, 60_000);

      afterAll(async () => {
        await browser?.close();
      });

      it('a served, received document: served, by which court, how and when, the receipt signed by the recipient; only the fingerprint leaves', async () => {
        const posts: string[] = [];
        const onRequest = (r: { method(): string; url(): string; postData(): string | null }) => {
          if (r.method() === 'POST') posts.push(`${r.url()} ${r.postData() ?? ''}`);
        };
        page.on('request', onRequest);
        await drop('summons.pdf', 'served');
        page.off('request', onRequest);
        expect(await page.locator('[data-testid="status"]').textContent()).toMatch(says.served);
        expect(await page.locator('[data-testid="status"] small').textContent()).toContain(says.servedMeaning);
        expect(await page.locator('[data-testid="sha256"]').textContent()).toBe(toHex(sha256(received)));
        const s = page.locator(`[data-testid="service"][data-service-id="${receivedId}"]`);
        expect(await s.getAttribute('data-verdict')).toBe('valid');
        expect(await s.locator('[data-testid="service-case"]').textContent()).toBe('S-88');
        expect(await s.locator('[data-testid="service-court-org"]').textContent()).toBe(SUBMITTER_ORG);
        expect(await s.locator('[data-testid="service-court"]').textContent()).toContain(SUBMITTER.did);
        expect(await s.locator('[data-testid="service-channel"]').textContent()).toBe(says.postal);
        expect(await s.locator('[data-testid="service-served-at"] time').textContent()).toBe(says.time(servedAtMs));
        const receipt = s.locator('[data-testid="service-receipt"]');
        expect(await receipt.getAttribute('data-receipt')).toBe('received');
        expect(await receipt.textContent()).toContain(says.received);
        expect(await s.locator('[data-testid="service-receipt-signer"]').textContent()).toBe(RECIPIENT.did);
        const o = await outcomes(`[data-service-id="${receivedId}"]`);
        expect(Object.entries(o).filter(([, v]) => v === 'failed')).toEqual([]);
        for (const name of ['state_proof', 'service_document', 'court_signature', 'recipient_signature', 'answer_consistency'])
          expect(o[name]).toBe('passed');
        const plain = (await page.locator('[data-testid="service"] dl, [data-testid="status"]').allTextContents()).join('\n');
        for (const word of says.english) expect(plain).not.toContain(word);
        // The file never left the browser: the fingerprint, then the proof files to re-verify.
        expect(posts[0]).toContain(`/api/v1/verify-service {"sha256":"${toHex(sha256(received))}"}`);
        expect(posts.join('\n')).not.toContain('Min Chu 88');
        await shot('received');
      });

      it('the language switch redraws the result', async () => {
        const other = locale === 'en' ? 'zh-CN' : 'en';
        await page.click(`nav.lang button[data-lang="${other}"]`);
        expect(await page.locator('[data-testid="status"]').textContent()).toMatch(SAYS[other].served);
        await page.click(`nav.lang button[data-lang="${locale}"]`);
        expect(await page.locator('[data-testid="status"]').textContent()).toMatch(says.served);
      });

      it('a served document not yet received: 未签收', async () => {
        await drop('judgment.pdf', 'served');
        const s = page.locator(`[data-testid="service"][data-service-id="${pendingId}"]`);
        expect(await s.locator('[data-testid="service-receipt"]').getAttribute('data-receipt')).toBe('pending');
        expect(await s.locator('[data-testid="service-receipt"]').textContent()).toBe(says.notReceived);
        expect((await outcomes(`[data-service-id="${pendingId}"]`)).recipient_signature).toBe('skipped');
        await shot('pending');
      });

      it('one byte changed: no service of this document (absence proven)', async () => {
        await drop('summons-altered.pdf', 'not_served');
        expect(await page.locator('[data-testid="status"]').textContent()).toMatch(says.notServed);
        expect(await page.locator('[data-testid="status"] small').textContent()).toContain(says.notServedMeaning);
        expect(await page.locator('[data-testid="service"]').count()).toBe(0);
        expect((await outcomes('[data-testid="service-index"]')).state_proof).toBe('passed');
        await shot('not-served');
      });

      it('a receipt a stranger signed (on the chain): the record is not shown, the failing check named', async () => {
        await drop('ruling.pdf', 'served_invalid');
        const s = page.locator(`[data-testid="service"][data-service-id="${forgedId}"]`);
        expect(await s.getAttribute('data-verdict')).toBe('invalid');
        expect(await s.locator('[data-testid="service-not-shown"]').textContent()).toContain(says.notShown);
        expect(await s.locator('[data-testid="service-receipt"]').count()).toBe(0);
        expect(await s.locator('[data-testid="reason"]').allTextContents()).toContain('receipt_not_recipient');
        expect((await outcomes(`[data-service-id="${forgedId}"]`)).recipient_signature).toBe('failed');
        // The stranger's DID appears only in the technical detail of the failed check, never as a signer.
        expect(await s.locator('dl.facts').textContent()).not.toContain(STRANGER.did);
        expect(await s.locator('[data-testid="service-receipt-signer"]').count()).toBe(0);
        await shot('forged-receipt');
      });

      describe('forged answers injected between the page and the gateway are not shown as verified', () => {
        afterAll(async () => {
          await page.unroute('**/api/v1/verify-service');
        });
        const forge = async (edit: (a: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>) => {
          await page.unroute('**/api/v1/verify-service');
          await page.route('**/api/v1/verify-service', async (route) => {
            const res = await route.fetch();
            const answer = (await res.json()) as Record<string, unknown>;
            await route.fulfill({ response: res, json: await edit(answer) });
          });
        };

        it('a receipt the answer claims but its proof does not hold: not shown, answer_consistency failed', async () => {
          await forge((a) => {
            const s = (a.services as { service: { receipt: unknown } }[])[0]!;
            s.service.receipt = { status: 'received', signerDid: RECIPIENT.did, kid: RECIPIENT.kid, receivedAtMs: Date.now() };
            return a;
          });
          await drop('judgment.pdf', 'served_invalid');
          const s = page.locator(`[data-testid="service"][data-service-id="${pendingId}"]`);
          expect(await s.getAttribute('data-verdict')).toBe('invalid');
          expect(await s.locator('[data-testid="service-receipt"]').count()).toBe(0);
          expect((await outcomes(`[data-service-id="${pendingId}"]`)).answer_consistency).toBe('failed');
          await shot('forged-answer-receipt');
        });

        it('a record edited in the proof file (verdict left valid): the proof fails, nothing shown', async () => {
          await forge((a) => {
            const s = (a.services as { bundleFile: { protobuf: string } }[])[0]!;
            const b = decodeMessage('ProofBundle', fromBase64url(s.bundleFile.protobuf));
            const v = JSON.parse(new TextDecoder().decode(b.record!.value)) as Record<string, unknown>;
            v.receipt = { status: 'received', receivedAtMs: Date.now(), signer: RECIPIENT.kid, signature: toBase64url(new Uint8Array(64)) };
            b.record!.value = Buffer.from(JSON.stringify(v));
            s.bundleFile.protobuf = toBase64url(encodeMessage('ProofBundle', b));
            return a;
          });
          await drop('judgment.pdf', 'served_invalid');
          const s = page.locator(`[data-testid="service"][data-service-id="${pendingId}"]`);
          expect(await s.locator('[data-testid="service-not-shown"]').count()).toBe(1);
          expect(await s.locator('[data-testid="service-receipt"]').count()).toBe(0);
          await shot('forged-answer-bundle');
        });

        it("another document's answer for this file: refused (the proofs are of another fingerprint)", async () => {
          await forge(async () => {
            const res = await fetch(`${w.url}api/v1/verify-service`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ sha256: toHex(sha256(received)) }),
            });
            return (await res.json()) as Record<string, unknown>;
          });
          await drop('summons-altered.pdf', 'served_invalid');
          expect(await status()).toBe('served_invalid');
          expect(await page.locator('[data-testid="service-receipt"]').count()).toBe(0);
          expect(await page.locator('[data-testid="service-not-shown"]').count()).toBe(1);
          await shot('forged-answer-other-document');
        });
      });
    });
  }
});
