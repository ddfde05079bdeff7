/**
 * The verification page end-to-end in headless Chromium (Debian's chromium driven by
 * playwright-core; scripts/ensure-browser.sh installs both), once with the browser in zh-CN and
 * once in English (the context's `locale`): over a real evidence backend (test/web/fixture.ts) a
 * party drops the anchored file (anchored, when, by whom with the organisation's name, every
 * check passed), a one-byte-altered copy (not anchored), pastes the saved bundle (every check
 * passes, the anchor record shown with its submitter and time) and a tampered one (the failing
 * check is named in plain words). What the page shows as a record is what the protobuf proves:
 * a property title's area and owner, or an anchor's submitter and time, edited in a saved file's
 * readable part never appear (the proven ones do, and the page says it ignored that part);
 * edited in the protobuf, the bundle is invalid and no record is shown.
 * Screenshots: test-output/web/<case>.<locale>.png.
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
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';

type ProofBundle__Output = MessageOutput<'ProofBundle'>;
import { anchorPutBody, signEvidenceClaim } from '../../src/workflows/evidence.js';
import { createSigner } from '../../src/identity/signer.js';
import { startPageWorld, SUBMITTER, SUBMITTER_ORG, type PageWorld } from './fixture.js';
import { toJson } from '../../src/cli/output.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { decodeStoredBatch, encodeAnchorBatch, encodeStoredBatch } from '../../src/judicial/anchor-batch.js';
import { bundleFileJson } from '../../src/relay/http/bundle-json.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { APARTMENT } from '../helpers/title-bundle.js';

const OUT = resolve('test-output/web');

type Locale = 'zh-CN' | 'en';
const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Unix ms on the Beijing clock, as the page writes it. */
const clock = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** What a person reads, by language (plain words: what it means, not how it is computed). */
const SAYS = {
  'zh-CN': {
    time: (ms: number) => `${clock(ms)} 北京时间`,
    anchored: /^已存证/,
    anchoredMeaning: '这个文件与司法区块链上登记的文件完全相同',
    notAnchored: /^未存证/,
    notAnchoredMeaning: '司法区块链上没有这个文件的存证',
    provenAt: /^judicial 链，第 \d+ 号区块，出块时间 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 北京时间$/,
    passed: '通过',
    stateProofPassed: '记录内容与区块中登记的完全一致',
    verdictValid: /^全部 \d+ 项适用的检查均已通过。$/,
    bundleValid: /^证明成立/,
    bundleInvalid: /^证明不成立/,
    failedStateProof: '记录内容与区块中登记的不一致（记录被改动过）',
    failedMeaning: '记录在登记之后被改动过，不能作为依据',
    submitterLabel: '存证人',
    anchoredAtLabel: '存证时间',
    areaLabel: '面积',
    readableIgnored: /^注意：文件中的可读部分 \(bundle\) 未经核验，已忽略/,
    provenNone: '证明未通过核验：不显示任何记录内容',
    notShown: '存证人和存证时间不予显示',
    notAProofFile: '这不是本系统出具的证明文件，或文件已损坏。请粘贴完整的证明文件',
    english: ['Passed', 'Anchored', 'Merkle', 'validator', 'pinned'],
  },
  en: {
    time: (ms: number) => `${clock(ms)} Beijing time (UTC+8)`,
    anchored: /^Anchored/,
    anchoredMeaning: 'This exact file is registered on the judicial blockchain',
    notAnchored: /^Not anchored/,
    notAnchoredMeaning: 'This file is not registered on the judicial blockchain',
    provenAt: /^judicial chain, block \d+, made at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d Beijing time \(UTC\+8\)$/,
    passed: 'Passed',
    stateProofPassed: 'The record is exactly as registered in the block',
    verdictValid: /^All \d+ applicable checks passed\.$/,
    bundleValid: /^The proof holds/,
    bundleInvalid: /^The proof does NOT hold/,
    failedStateProof: 'The record differs from what the block registered (it was changed)',
    failedMeaning: 'it was changed after it was registered. Do not rely on it.',
    submitterLabel: 'Submitter',
    anchoredAtLabel: 'Anchored at',
    areaLabel: 'Area',
    readableIgnored: /^Note: the readable part of this file \(bundle\) is not verified and was ignored/,
    provenNone: 'the proof did not verify: no record is shown',
    notShown: 'Who anchored the file and when are not shown',
    notAProofFile: 'This is not a proof file issued by this system, or it is damaged. Paste the whole proof file',
    english: ['Merkle', 'validator', 'pinned', '通过', '存证'],
  },
} as const;

describe('verification page (headless Chromium)', () => {
  let w: PageWorld;
  let files: string;
  let anchoredPath: string;
  let alteredPath: string;
  let forgedPath: string;
  let anchoredAtMs: number;
  const content = utf8('%PDF-1.7\n(2026) Jing 0105 Min Chu 42: bank transfer record, evidence exhibit 3\n%%EOF\n');
  const signedAtMs = Date.UTC(2026, 2, 14, 9, 30);
  /** A long Chinese title: shown whole, never cut. */
  const TITLE = '（2026）京0105民初42号 原告提交的银行转账记录（证据三），共十二页，含中国工商银行北京东城支行加盖的业务专用章';

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    w = await startPageWorld();
    const receipt = await w.registry.anchor(
      signEvidenceClaim(
        SUBMITTER,
        sha256(content),
        [
          { name: 'case_id', value: 'M-42' },
          { name: 'media_type', value: 'application/pdf' },
          { name: 'title', value: TITLE },
        ],
        signedAtMs,
      ),
    );
    anchoredAtMs = receipt.timeMs;
    files = mkdtempSync(join(tmpdir(), 'cb-web-files-'));
    anchoredPath = join(files, 'exhibit-3.pdf');
    writeFileSync(anchoredPath, content);
    const altered = content.slice();
    altered[20]! ^= 0x01;
    alteredPath = join(files, 'exhibit-3-altered.pdf');
    writeFileSync(alteredPath, altered);
    // A claim in the court's name signed with another key, written to the chain behind the
    // registry's back (the registry refuses it): the chain holds it, its signature fails.
    const forged = utf8('%PDF-1.7\nforged exhibit\n%%EOF\n');
    forgedPath = join(files, 'forged-exhibit.pdf');
    writeFileSync(forgedPath, forged);
    const impostor = createSigner(SUBMITTER.did, SUBMITTER.kid, sha256(utf8('not the court key')));
    const entry = signEvidenceClaim(impostor, sha256(forged), [{ name: 'case_id', value: 'M-42' }], signedAtMs);
    await w.judicial.submit('anchor.put', 'forged-batch-1', anchorPutBody([entry]));
  }, 60_000);

  afterAll(async () => {
    await w?.close();
    rmSync(files, { recursive: true, force: true });
  });

  /**
   * A saved bundle file of the anchored content, as the evidence endpoint gives it: the anchor's
   * own (`bundleFile`: its pointer, with the time it was anchored) or its batch's
   * (`batchBundleFile`: the signed batch record, with its submitter).
   */
  const savedBundle = async (which: 'bundleFile' | 'batchBundleFile' = 'batchBundleFile'): Promise<{ format: string; protobuf: string }> =>
    (
      (await (
        await fetch(`${w.url}api/v1/verify-evidence`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sha256: toHex(sha256(content)) }),
        })
      ).json()) as Record<typeof which, { format: string; protobuf: string }>
    )[which];

  for (const locale of LOCALES) {
    describe(`in ${locale}`, () => {
      const says = SAYS[locale];
      let browser: PageBrowser | undefined;
      let context: BrowserContext;
      let page: Page;
      const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.${locale}.png`), fullPage: true });

      beforeAll(async () => {
        browser = await launchPageBrowser(locale);
        context = browser.context;
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
        await browser?.close();
      });

      const outcomes = async (): Promise<Record<string, string>> => {
        const out: Record<string, string> = {};
        for (const li of await page.locator('ul.checks li').all())
          out[(await li.getAttribute('data-check'))!] = (await li.getAttribute('data-outcome'))!;
        return out;
      };
      /** What a person reads of the checks without opening the technical detail. */
      const plainCheckText = async (): Promise<string> =>
        (
          await page.locator('ul.checks li .outcome, ul.checks li .title, ul.checks li .meaning, [data-testid="verdict"]').allTextContents()
        ).join('\n');
      const resultText = async (): Promise<string> => (await page.locator('#result-body').textContent()) ?? '';

      it('opens in the browser language', async () => {
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        expect(await page.locator(`nav.lang button[data-lang="${locale}"]`).getAttribute('aria-pressed')).toBe('true');
      });

      it('an anchored file: hashed in the browser, shows anchored, when, by whom, and every check passed', async () => {
        const requests: string[] = [];
        page.on('request', (r) => requests.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
        await page.setInputFiles('#file-input', anchoredPath);
        await page.waitForSelector('[data-testid="status"][data-status="anchored"]');
        expect(await page.locator('[data-testid="sha256"]').textContent()).toBe(toHex(sha256(content)));
        // Who: the DID whole, and its organisation as the alliance registry names it.
        expect(await page.locator('[data-testid="submitter"]').textContent()).toBe(SUBMITTER.did);
        expect(await page.locator('[data-testid="submitter-org"]').textContent()).toBe(SUBMITTER_ORG);
        // When: the block's time of the anchoring, and the submitter's own signing time, in Beijing time.
        const anchoredAt = page.locator('[data-testid="anchored-at"] time');
        expect(await anchoredAt.getAttribute('datetime')).toBe(new Date(anchoredAtMs).toISOString());
        expect(await anchoredAt.textContent()).toBe(says.time(anchoredAtMs));
        const signedAt = page.locator('[data-testid="signed-at"] time');
        expect(await signedAt.getAttribute('datetime')).toBe('2026-03-14T09:30:00.000Z');
        expect(await signedAt.textContent()).toBe(says.time(signedAtMs));
        expect(says.time(signedAtMs)).toMatch(/^2026-03-14 17:30:00 /);
        expect(await page.locator('[data-testid="anchor-title"]').textContent()).toBe(TITLE);
        // Identifiers whole, and copied whole.
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(w.url).origin });
        await page.locator('[data-testid="anchored-by"] button.copy').click();
        expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(SUBMITTER.did);
        expect(await page.locator('[data-testid="proven-at"]').textContent()).toMatch(says.provenAt);
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        expect(await page.locator('[data-testid="status"]').textContent()).toMatch(says.anchored);
        expect(await page.locator('[data-testid="status"] small').textContent()).toContain(says.anchoredMeaning);
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
        expect(await page.locator('[data-testid="verdict"]').textContent()).toMatch(says.verdictValid);
        const stateProof = page.locator('ul.checks li[data-check="state_proof"]');
        expect(await stateProof.locator('.outcome').textContent()).toBe(says.passed);
        expect(await stateProof.locator('.title').textContent()).toBe(says.stateProofPassed);
        // Plain words in the page's language: no crypto jargon, no other language outside the technical detail.
        const plain = await plainCheckText();
        for (const word of says.english) expect(plain).not.toContain(word);
        // The file never left the machine: only its 64-hex fingerprint was posted.
        const posts = requests.filter((r) => r.startsWith('POST'));
        expect(posts).toHaveLength(1);
        expect(posts[0]).toContain(`{"sha256":"${toHex(sha256(content))}"}`);
        expect(posts[0]).not.toContain('Jing 0105');
        await shot('anchored');
      });

      it('a one-byte-altered copy: not anchored (absence proven)', async () => {
        await page.setInputFiles('#file-input', alteredPath);
        await page.waitForSelector('[data-testid="status"][data-status="not_anchored"]');
        expect(await page.locator('[data-testid="status"]').textContent()).toMatch(says.notAnchored);
        expect(await page.locator('[data-testid="status"] small').textContent()).toContain(says.notAnchoredMeaning);
        expect((await outcomes()).state_proof).toBe('passed');
        expect(await page.locator('[data-testid="submitter"]').count()).toBe(0);
        await shot('not-anchored');
      });

      it('an anchored file whose submitter signature does not verify: who and when are not shown as facts', async () => {
        await page.setInputFiles('#file-input', forgedPath);
        await page.waitForSelector('[data-testid="status"][data-status="anchored"]');
        expect(await page.locator('[data-testid="verdict"]').getAttribute('data-verdict')).toBe('invalid');
        expect((await outcomes()).submitter_signatures).toBe('failed');
        expect(await page.locator('[data-testid="anchored-by-not-shown"]').textContent()).toContain(says.notShown);
        for (const id of ['submitter', 'submitter-org', 'anchored-at', 'signed-at', 'proven-at'])
          expect(await page.locator(`[data-testid="${id}"]`).count()).toBe(0);
        await shot('anchored-unverified');
      });

      it('a pasted valid bundle: every check passes and the anchor record shows who and when; a tampered one names the failing check', async () => {
        const bundleFile = await savedBundle();
        await page.fill('#bundle-text', JSON.stringify(bundleFile, null, 2));
        await page.click('#bundle-check');
        await page.waitForSelector('[data-testid="status"][data-status="bundle_valid"]');
        const o = await outcomes();
        expect(Object.values(o).filter((v) => v === 'failed')).toEqual([]);
        expect(o.state_proof).toBe('passed');
        expect(o.receipt_signature).toBe('passed');
        expect(await page.locator('[data-testid="status"]').textContent()).toMatch(says.bundleValid);
        // The anchor record, labelled by its record type's fields, decoded from the verified bytes.
        const proven = page.locator('[data-testid="proven"]');
        expect(
          await proven
            .locator('dt')
            .filter({ hasText: new RegExp(`^${says.submitterLabel}$`) })
            .count(),
        ).toBe(1);
        const submitter = proven.locator('dd[data-path="submitter"]');
        expect(await submitter.locator('[data-testid="proven-id"]').textContent()).toBe(SUBMITTER.did);
        expect(await submitter.locator('.org').textContent()).toBe(SUBMITTER_ORG);
        expect(
          await proven
            .locator('dt')
            .filter({ hasText: new RegExp(`^${says.anchoredAtLabel}$`) })
            .count(),
        ).toBe(1);
        const at = proven.locator('dd[data-path="anchoredAtMs"] time');
        expect(await at.getAttribute('datetime')).toBe(new Date(anchoredAtMs).toISOString());
        expect(await at.textContent()).toBe(says.time(anchoredAtMs));
        await shot('bundle-valid');
        // The anchor's own bundle: its pointer, proven, names its batch and when it was anchored.
        await page.fill('#bundle-text', JSON.stringify(await savedBundle('bundleFile')));
        await page.click('#bundle-check');
        await page.waitForSelector('[data-testid="status"][data-status="bundle_valid"]');
        expect(await proven.locator('dd[data-path="anchoredAtMs"] time').getAttribute('datetime')).toBe(
          new Date(anchoredAtMs).toISOString(),
        );
        expect(await proven.locator('dd[data-path="batchId"]').count()).toBe(1);
        expect(await proven.locator('dd[data-path="submitter"]').count()).toBe(0);

        const b = decodeMessage('ProofBundle', fromBase64url(bundleFile.protobuf)) as ProofBundle__Output;
        b.record!.value = Buffer.from((b.record!.value as Uint8Array).map((x, i) => (i === 9 ? x ^ 1 : x)));
        const tampered = {
          format: bundleFile.format,
          protobuf: toBase64url(encodeMessage('ProofBundle', b as MessageInput<'ProofBundle'>)),
        };
        await page.fill('#bundle-text', JSON.stringify(tampered));
        await page.click('#bundle-check');
        await page.waitForSelector('[data-testid="status"][data-status="bundle_invalid"]');
        expect(await page.locator('[data-testid="status"]').textContent()).toMatch(says.bundleInvalid);
        const failed = page.locator('ul.checks li[data-outcome="failed"]');
        expect(await failed.first().getAttribute('data-check')).toBe('state_proof');
        expect(await failed.first().textContent()).toContain('value_mismatch');
        expect(await failed.first().locator('.title').textContent()).toBe(says.failedStateProof);
        expect(await failed.first().locator('.meaning').textContent()).toContain(says.failedMeaning);
        expect(await page.locator('[data-testid="verdict"]').textContent()).toContain(says.failedStateProof);
        const plain = await plainCheckText();
        for (const word of says.english) expect(plain).not.toContain(word);
        await page.locator('ul.checks li[data-outcome="failed"] details summary').first().click();
        await shot('bundle-tampered');
      });

      describe('a forged anchor: a submitter and a time the chain never recorded are never shown', () => {
        const FORGER = 'did:alliance:forger-org';
        const FORGED_MS = Date.UTC(2020, 0, 1, 4, 0);
        /** The stored batch record with another submitter and anchoring time, re-encoded. */
        const forgedValue = (value: Uint8Array): Buffer => {
          const b = decodeStoredBatch(value);
          const claim = { ...b.claim, submitterDid: FORGER, kid: `${FORGER}#key-1` };
          return Buffer.from(encodeStoredBatch(encodeAnchorBatch({ ...b, claim }), FORGED_MS, b.height, b.anchoredEarlier));
        };
        const noForgery = (text: string): void => {
          expect(text).not.toContain(FORGER);
          expect(text).not.toContain('forger');
          expect(text).not.toContain(clock(FORGED_MS));
          expect(text).not.toContain('2020-01-01');
        };

        it('in the readable part of a saved file: ignored; the proven submitter and time are shown', async () => {
          const bundleFile = await savedBundle();
          const readable = JSON.parse(toJson(decodeMessage('ProofBundle', fromBase64url(bundleFile.protobuf)))) as {
            record: { value: string };
          };
          readable.record.value = toHex(forgedValue(decodeMessage('ProofBundle', fromBase64url(bundleFile.protobuf)).record!.value));
          await page.fill('#bundle-text', JSON.stringify({ ...bundleFile, bundle: readable }, null, 2));
          await page.click('#bundle-check');
          await page.waitForSelector('[data-testid="status"][data-status="bundle_valid"]');
          expect(await page.locator('[data-testid="readable-ignored"]').textContent()).toMatch(says.readableIgnored);
          const proven = page.locator('[data-testid="proven"]');
          expect(await proven.locator('dd[data-path="submitter"] [data-testid="proven-id"]').textContent()).toBe(SUBMITTER.did);
          expect(await proven.locator('dd[data-path="anchoredAtMs"] time').getAttribute('datetime')).toBe(
            new Date(anchoredAtMs).toISOString(),
          );
          noForgery(await resultText());
          await shot('bundle-anchor-readable-forged');
        });

        it('in the protobuf: invalid, the failing check named, and neither the forged nor any submitter or time shown', async () => {
          const bundleFile = await savedBundle();
          const b = decodeMessage('ProofBundle', fromBase64url(bundleFile.protobuf));
          b.record!.value = forgedValue(b.record!.value);
          await page.fill(
            '#bundle-text',
            JSON.stringify({
              format: bundleFile.format,
              protobuf: toBase64url(encodeMessage('ProofBundle', b as unknown as MessageInput<'ProofBundle'>)),
            }),
          );
          await page.click('#bundle-check');
          await page.waitForSelector('[data-testid="status"][data-status="bundle_invalid"]');
          expect(await page.locator('ul.checks li[data-outcome="failed"]').first().getAttribute('data-check')).toBe('state_proof');
          expect(await page.locator('[data-testid="proven"]').getAttribute('data-shown')).toBe('nothing');
          expect(await page.locator('[data-testid="proven"] dd[data-path]').count()).toBe(0);
          const text = await resultText();
          noForgery(text);
          expect(text).not.toContain(SUBMITTER.did);
          expect(text).not.toContain(SUBMITTER_ORG);
          expect(await page.locator('[data-testid="proven"] time').count()).toBe(0);
          await shot('bundle-anchor-protobuf-forged');
        });
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
          return resultText();
        };
        const cell = (path: string) => page.locator(`[data-testid="proven"] dd[data-path="${path}"]`);

        it('a genuine title: the record decoded from the protobuf, labels in the page language, money in 元, the owner as its keyed hash', async () => {
          await check(bundleFileJson(w.titles.title), 'bundle_valid');
          expect(await page.locator('[data-testid="proven"]').getAttribute('data-shown')).toBe('record');
          expect(await page.locator('[data-testid="proven-key"]').textContent()).toBe(APARTMENT.key);
          expect(await cell('areaM2').textContent()).toBe(locale === 'en' ? '89 m²' : '89 平方米 (m²)');
          expect(await cell('valueEstimateCents').textContent()).toBe('6,500,000.00 元');
          expect(await cell('owners[0].owner').textContent()).toBe(DEMO_CAST.debtor.idHash);
          expect(
            await page
              .locator('[data-testid="proven"] dt')
              .filter({ hasText: new RegExp(`^${says.areaLabel}$`) })
              .count(),
          ).toBe(1);
          expect(await page.locator('[data-testid="readable-ignored"]').count()).toBe(0);
          await shot('bundle-title');
        });

        it('a saved file whose readable part says another area and owner: the page shows the proven ones and says it ignored that part', async () => {
          const readable = JSON.parse(toJson(decodeMessage('ProofBundle', w.titles.bytes(w.titles.title)))) as {
            record: { value: string };
          };
          readable.record.value = toHex(edited(w.titles.title.record!.value as Uint8Array));
          const text = await check({ ...bundleFileJson(w.titles.title), bundle: readable }, 'bundle_valid');
          expect(await page.locator('[data-testid="readable-ignored"]').textContent()).toMatch(says.readableIgnored);
          expect(await cell('areaM2').textContent()).toBe(locale === 'en' ? '89 m²' : '89 平方米 (m²)');
          expect(await cell('owners[0].owner').textContent()).toBe(DEMO_CAST.debtor.idHash);
          // The forged area as the page would render it (a bare '189' also turns up in hashes and times).
          expect(text).not.toMatch(/\b189 平方米/);
          expect(text).not.toMatch(/\b189 m²/);
          expect(text).not.toContain(FORGED_OWNER);
          await shot('bundle-title-readable-edited');
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
          expect(await page.locator('[data-testid="proven-none"]').textContent()).toContain(says.provenNone);
          expect(await page.locator('ul.checks li[data-outcome="failed"]').first().getAttribute('data-check')).toBe('state_proof');
          expect(await page.locator('[data-testid="proven"] dd[data-path]').count()).toBe(0);
          // The forged area as the page would render it (a bare '189' also turns up in hashes and times).
          expect(text).not.toMatch(/\b189 平方米/);
          expect(text).not.toMatch(/\b189 m²/);
          expect(text).not.toContain(FORGED_OWNER);
          expect(text).not.toContain('面积');
          expect(text).not.toContain('Area');
          await shot('bundle-title-protobuf-edited');
        });
      });

      it('a pasted file that is not a proof file: says so in plain words and what to do', async () => {
        await page.fill('#bundle-text', JSON.stringify({ format: 'someone.else.Proof', protobuf: 'AA' }));
        await page.click('#bundle-check');
        await page.waitForSelector('[data-testid="error"]');
        const text = (await page.locator('[data-testid="error"]').textContent()) ?? '';
        expect(text).toContain(says.notAProofFile);
        expect(text).toContain('bundle_json_malformed'); // the code, for whoever helps the person
      });

      it('switches language on request and redraws the result in it', async () => {
        await page.setInputFiles('#file-input', anchoredPath);
        await page.waitForSelector('[data-testid="status"][data-status="anchored"]');
        const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
        await page.click(`nav.lang button[data-lang="${other}"]`);
        expect(await page.locator('html').getAttribute('lang')).toBe(other);
        expect(await page.locator('[data-testid="status"]').textContent()).toMatch(SAYS[other].anchored);
        expect(await page.locator('[data-testid="anchored-at"] time').textContent()).toBe(SAYS[other].time(anchoredAtMs));
        expect(await page.locator('[data-testid="submitter"]').textContent()).toBe(SUBMITTER.did);
        await page.click(`nav.lang button[data-lang="${locale}"]`);
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        expect(await page.locator('[data-testid="status"]').textContent()).toMatch(says.anchored);
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
  }
});
