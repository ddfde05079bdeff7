/**
 * The verification page end-to-end in headless Chromium (Debian's chromium driven by
 * playwright-core; scripts/ensure-browser.sh installs both): over a real evidence backend
 * (test/web/fixture.ts) a party drops the anchored file (anchored, when, by whom, every check
 * passed), a one-byte-altered copy (not anchored), pastes the saved bundle (every check
 * passes) and a tampered one (the failing check is named). What the page shows as a record is
 * what the protobuf proves: a property title's area and owner edited in a saved file's readable
 * part never appear (the proven ones do, and the page says it ignored that part); edited in the
 * protobuf, the bundle is invalid and no record is shown. zh-CN first, English after.
 * Screenshots: test-output/web/*.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { fromBase64url, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';

type ProofBundle__Output = MessageOutput<'ProofBundle'>;
import { signEvidenceClaim } from '../../src/workflows/evidence.js';
import { startPageWorld, SUBMITTER, type PageWorld } from './fixture.js';
import { toJson } from '../../src/cli/output.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { bundleFileJson } from '../../src/relay/http/bundle-json.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { APARTMENT } from '../helpers/title-bundle.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = resolve('test-output/web');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('verification page (headless Chromium)', () => {
  let w: PageWorld;
  let profile: string;
  let files: string;
  let context: BrowserContext;
  let page: Page;
  let anchoredPath: string;
  let alteredPath: string;
  const content = utf8('%PDF-1.7\n(2026) Jing 0105 Min Chu 42: bank transfer record, evidence exhibit 3\n%%EOF\n');
  const signedAtMs = Date.UTC(2026, 2, 14, 9, 30);

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    w = await startPageWorld();
    await w.registry.anchor(
      signEvidenceClaim(
        SUBMITTER,
        sha256(content),
        [
          { name: 'case_id', value: 'M-42' },
          { name: 'media_type', value: 'application/pdf' },
        ],
        signedAtMs,
      ),
    );
    files = mkdtempSync(join(tmpdir(), 'cb-web-files-'));
    anchoredPath = join(files, 'exhibit-3.pdf');
    writeFileSync(anchoredPath, content);
    const altered = content.slice();
    altered[20]! ^= 0x01;
    alteredPath = join(files, 'exhibit-3-altered.pdf');
    writeFileSync(alteredPath, altered);
    profile = mkdtempSync(join(tmpdir(), 'cb-web-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1100, height: 1400 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') cspErrors.push(m.text());
    });
    await page.goto(w.url);
    await page.waitForSelector('html[data-ready="true"]');
    expect(cspErrors).toEqual([]); // the page runs under its own CSP without violations
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await w?.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  const outcomes = async (): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const li of await page.locator('ul.checks li').all())
      out[(await li.getAttribute('data-check'))!] = (await li.getAttribute('data-outcome'))!;
    return out;
  };

  it('an anchored file: hashed in the browser, shows anchored, when, by whom, and every check passed', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
    await page.setInputFiles('#file-input', anchoredPath);
    await page.waitForSelector('[data-testid="status"][data-status="anchored"]');
    expect(await page.locator('[data-testid="sha256"]').textContent()).toBe(toHex(sha256(content)));
    expect(await page.locator('[data-testid="submitter"]').textContent()).toBe(SUBMITTER.did);
    expect(await page.locator('[data-testid="signed-at"]').textContent()).toContain('2026-03-14T09:30:00.000Z');
    expect(await page.locator('[data-testid="proven-at"]').textContent()).toMatch(/^judicial 高度 height \d+/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('[data-testid="status"]').textContent()).toMatch(/^已存证 · Anchored/);
    const o = await outcomes();
    expect(Object.entries(o).filter(([, v]) => v === 'failed')).toEqual([]);
    for (const name of [
      'bundle_shape',
      'header_quorum',
      'commit_signatures',
      'state_proof',
      'receipt_binding',
      'receipt_signature',
      'anchor_claims',
      'submitter_signatures',
    ])
      expect(o[name]).toBe('passed');
    expect(await page.locator('[data-testid="verdict"]').getAttribute('data-verdict')).toBe('valid');
    // The file never left the machine: only its 64-hex fingerprint was posted.
    const posts = requests.filter((r) => r.startsWith('POST'));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain(`{"sha256":"${toHex(sha256(content))}"}`);
    expect(posts[0]).not.toContain('Jing 0105');
    await page.screenshot({ path: join(OUT, 'anchored.png'), fullPage: true });
  });

  it('a one-byte-altered copy: not anchored (absence proven)', async () => {
    await page.setInputFiles('#file-input', alteredPath);
    await page.waitForSelector('[data-testid="status"][data-status="not_anchored"]');
    expect(await page.locator('[data-testid="status"]').textContent()).toContain('Not anchored');
    expect((await outcomes()).state_proof).toBe('passed');
    await page.screenshot({ path: join(OUT, 'not-anchored.png'), fullPage: true });
  });

  it('a pasted valid bundle: every check passes; a tampered one names the failing check', async () => {
    const answer = (await (
      await fetch(`${w.url}api/v1/verify-evidence`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sha256: toHex(sha256(content)) }),
      })
    ).json()) as { bundleFile: { format: string; protobuf: string } };
    await page.fill('#bundle-text', JSON.stringify(answer.bundleFile, null, 2));
    await page.click('#bundle-check');
    await page.waitForSelector('[data-testid="status"][data-status="bundle_valid"]');
    const o = await outcomes();
    expect(Object.values(o).filter((v) => v === 'failed')).toEqual([]);
    expect(o.state_proof).toBe('passed');
    expect(o.receipt_signature).toBe('passed');
    await page.screenshot({ path: join(OUT, 'bundle-valid.png'), fullPage: true });

    const b = decodeMessage('ProofBundle', fromBase64url(answer.bundleFile.protobuf)) as ProofBundle__Output;
    b.record!.value = Buffer.from((b.record!.value as Uint8Array).map((x, i) => (i === 9 ? x ^ 1 : x)));
    const tampered = {
      format: answer.bundleFile.format,
      protobuf: toBase64url(encodeMessage('ProofBundle', b as MessageInput<'ProofBundle'>)),
    };
    await page.fill('#bundle-text', JSON.stringify(tampered));
    await page.click('#bundle-check');
    await page.waitForSelector('[data-testid="status"][data-status="bundle_invalid"]');
    const failed = page.locator('ul.checks li[data-outcome="failed"]');
    expect(await failed.first().getAttribute('data-check')).toBe('state_proof');
    expect(await failed.first().textContent()).toContain('value_mismatch');
    expect(await page.locator('[data-testid="verdict"]').textContent()).toContain("The Merkle proof leads to the block's state root");
    await page.locator('ul.checks li[data-outcome="failed"] details summary').first().click();
    await page.screenshot({ path: join(OUT, 'bundle-tampered.png'), fullPage: true });
  });

  describe('what is shown is what was proven (a property title)', () => {
    const FORGED_OWNER = 'f'.repeat(64);
    const edited = (value: Uint8Array): Buffer => {
      const v = decodeCanonicalObject(value) as Record<string, unknown>;
      return Buffer.from(encodeCanonical({ ...v, areaM2: 189, owners: [{ owner: FORGED_OWNER, shareBp: 10_000 }] }));
    };
    const check = async (body: unknown, status: string): Promise<string> => {
      await page.fill('#bundle-text', JSON.stringify(body, null, 2));
      await page.click('#bundle-check');
      await page.waitForSelector(`[data-testid="status"][data-status="${status}"]`);
      return (await page.locator('#result-body').textContent()) ?? '';
    };
    const cell = (path: string) => page.locator(`[data-testid="proven"] dd[data-path="${path}"]`);

    it('a genuine title: the record decoded from the protobuf, zh-CN labels first, money in 元, the owner as its keyed hash', async () => {
      await check(bundleFileJson(w.titles.title), 'bundle_valid');
      expect(await page.locator('[data-testid="proven"]').getAttribute('data-shown')).toBe('record');
      expect(await page.locator('[data-testid="proven-key"]').textContent()).toBe(APARTMENT.key);
      expect(await cell('areaM2').textContent()).toBe('89 平方米 (m²)');
      expect(await cell('valueEstimateCents').textContent()).toBe('6,500,000.00 元');
      expect(await cell('owners[0].owner').textContent()).toBe(DEMO_CAST.debtor.idHash);
      expect(await page.locator('[data-testid="proven"] dt').filter({ hasText: '面积 Area' }).count()).toBe(1);
      expect(await page.locator('[data-testid="readable-ignored"]').count()).toBe(0);
      await page.screenshot({ path: join(OUT, 'bundle-title.png'), fullPage: true });
    });

    it('a saved file whose readable part says another area and owner: the page shows the proven ones and says it ignored that part', async () => {
      const readable = JSON.parse(toJson(decodeMessage('ProofBundle', w.titles.bytes(w.titles.title)))) as { record: { value: string } };
      readable.record.value = toHex(edited(w.titles.title.record!.value as Uint8Array));
      const text = await check({ ...bundleFileJson(w.titles.title), bundle: readable }, 'bundle_valid');
      expect(await page.locator('[data-testid="readable-ignored"]').textContent()).toMatch(
        /^注意：文件中的可读部分 \(bundle\) 未经核验，已忽略/,
      );
      expect(await cell('areaM2').textContent()).toBe('89 平方米 (m²)');
      expect(await cell('owners[0].owner').textContent()).toBe(DEMO_CAST.debtor.idHash);
      // The forged area as the page would render it (a bare '189' also turns up in hashes and times).
      expect(text).not.toMatch(/\b189 平方米/);
      expect(text).not.toContain(FORGED_OWNER);
      await page.screenshot({ path: join(OUT, 'bundle-title-readable-edited.png'), fullPage: true });
    });

    it('the protobuf edited (area, owner): invalid, the failing check named, no record shown as proven', async () => {
      const b = decodeMessage('ProofBundle', w.titles.bytes(w.titles.title));
      b.record!.value = edited(b.record!.value);
      const text = await check(
        {
          format: 'courtbridge.v1.ProofBundle',
          protobuf: toBase64url(encodeMessage('ProofBundle', b as unknown as MessageInput<'ProofBundle'>)),
        },
        'bundle_invalid',
      );
      expect(await page.locator('[data-testid="proven"]').getAttribute('data-shown')).toBe('nothing');
      expect(await page.locator('[data-testid="proven-none"]').textContent()).toContain('证明未通过核验：不显示任何记录内容');
      expect(await page.locator('ul.checks li[data-outcome="failed"]').first().getAttribute('data-check')).toBe('state_proof');
      expect(await page.locator('[data-testid="proven"] dd[data-path]').count()).toBe(0);
      // The forged area as the page would render it (a bare '189' also turns up in hashes and times).
      expect(text).not.toMatch(/\b189 平方米/);
      expect(text).not.toContain(FORGED_OWNER);
      expect(text).not.toContain('面积');
      await page.screenshot({ path: join(OUT, 'bundle-title-protobuf-edited.png'), fullPage: true });
    });
  });

  it('is keyboard-operable: every control has a label and can be reached with Tab', async () => {
    for (const id of ['file-input', 'bundle-text', 'bundle-file']) expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);
    const reached = new Set<string>();
    // From a fresh page: after a result, Tab would first walk the result's many check details.
    await page.goto(w.url);
    await page.waitForSelector('html[data-ready="true"]');
    await page.focus('body');
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate<string>('document.activeElement ? document.activeElement.id : ""'));
    }
    for (const id of ['file-input', 'bundle-text', 'bundle-check']) expect(reached.has(id)).toBe(true);
  });
});
