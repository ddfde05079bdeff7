/**
 * Debian's chromium under playwright-core for the page tests: a fresh profile per locale, and
 * every temporary directory playwright makes (its `playwright-artifacts-*`, which it does not
 * remove on close) inside one directory of the test's own, removed by `close`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
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

export interface PageBrowser {
  context: BrowserContext;
  /** Close the browser and remove its profile and playwright's temporary directories. */
  close(): Promise<void>;
}

export async function launchPageBrowser(locale: string): Promise<PageBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-web-chromium-'));
  // playwright makes its artifacts directory under os.tmpdir() while it launches: point it here.
  const before = process.env['TMPDIR'];
  process.env['TMPDIR'] = dir;
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      locale,
      viewport: { width: 1100, height: 1400 },
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  } finally {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
  }
  return {
    context,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
