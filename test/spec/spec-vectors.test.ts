/**
 * docs/spec against test/vectors/spec, both ways:
 * - every valid case's bytes are what its page's layout makes of its fields (read by
 *   test/spec/layout.ts, which imports nothing from src/), its signing input is the tagged one,
 *   its signature verifies by the named key, its keys derive from their seeds;
 * - every invalid case names a reason its page lists, and the code refuses it with that reason
 *   (test/spec/checks/<structure>.ts runs the product's own verifier on each case);
 * - every tag the code signs or hashes under has a vector file with valid and invalid cases.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  encode,
  loadLayouts,
  loadVectorFiles,
  publicKeyOfPrivate,
  sha256,
  signingInputOf,
  SPEC_DIR,
  verifyCompact,
  type InvalidCase,
  type VectorCase,
  type VectorFile,
} from './layout.js';

const layouts = loadLayouts();
const files = loadVectorFiles();
/**
 * Every structure's check, loaded when this file loads rather than inside a test: the code under
 * test is then imported outside any test, as every other test file imports it, and mutation
 * testing sees its module-level constants as loaded once (static), not as reached by one test.
 */
const CHECKS = new Map<string, Check>(
  await Promise.all(
    [...new Set(files.map((f) => f.structure))].map(
      async (structure) => [structure, ((await import(`./checks/${structure}.ts`)) as { check: Check }).check] as const,
    ),
  ),
);
const checkOf = (structure: string): Check => {
  const check = CHECKS.get(structure);
  if (check === undefined) throw new Error(`no check for ${structure}`);
  return check;
};

type Check = (file: VectorFile, c: VectorCase | InvalidCase) => string | Promise<string>;

/** Hash constructions without a signing tag of their own that a partner must reproduce. */
const CONSTRUCTIONS = ['canonical-json', 'personal-id', 'smt-proof', 'vote', 'merkle-batch-root'];

/**
 * Tags the code signs or hashes under that have no vectors yet. Only ever shrinks: a tag that
 * gains a vector file must leave this list (the test below fails until it does).
 */
const NOT_YET_SPECIFIED: string[] = [];

/** Every `'courtbridge/v1/<name>'` literal in the code: the tags a partner may meet. */
function tagsInCode(): Set<string> {
  const tags = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'generated' && e.name !== 'node_modules') walk(p);
      } else if (e.name.endsWith('.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/['"](courtbridge\/v1\/[a-z0-9-]+)['"]/g)) tags.add(m[1]!);
        for (const m of readFileSync(p, 'utf8').matchAll(/`(courtbridge\/v1\/[a-z0-9-]+)\/\$\{/g)) tags.add(m[1]!);
      }
    }
  };
  walk('src');
  walk('adapters');
  return tags;
}

describe('spec coverage', () => {
  it('every tag in the code and every listed construction has a vector file with valid and invalid cases', () => {
    const covered = new Set(
      files.filter((f) => f.valid.length > 0 && f.invalid.length > 0).flatMap((f) => [f.structure, ...(f.tag ? [f.tag] : [])]),
    );
    const wanted = [...tagsInCode(), ...CONSTRUCTIONS].sort();
    const missing = wanted.filter((t) => !covered.has(t) && !covered.has(t.replace(/^courtbridge\/v1\//, '')));
    expect(missing).toEqual(NOT_YET_SPECIFIED);
  });

  it('every spec page is listed in the index, and every listed page exists', () => {
    const index = readFileSync(join(SPEC_DIR, 'README.md'), 'utf8');
    const listed = new Set([...index.matchAll(/\]\(\.\/([a-z0-9-]+\.md)\)/g)].map((m) => m[1]!));
    const pages = readdirSync(SPEC_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(pages.filter((p) => !listed.has(p))).toEqual([]);
    expect([...listed].filter((p) => !existsSync(join(SPEC_DIR, p)))).toEqual([]);
  });
});

describe.each(files.map((f) => [f.structure, f] as const))('spec vectors: %s', (_name, file) => {
  const page = existsSync(file.spec) ? readFileSync(file.spec, 'utf8') : '';

  it('names a spec page that defines its layout and its tag', () => {
    expect(existsSync(file.spec), file.spec).toBe(true);
    expect(layouts.get(file.layout)?.page, `layout ${file.layout}`).toBe(file.spec);
    if (file.tag !== null) expect(page).toContain(`\`${file.tag}\``);
    expect(file.valid.length).toBeGreaterThan(0);
    expect(file.invalid.length).toBeGreaterThan(0);
  });

  it('keys derive from their seeds', () => {
    for (const [name, k] of Object.entries(file.keys)) {
      if (k.seed !== undefined) expect(sha256(Buffer.from(k.seed, 'utf8')).toString('hex'), name).toBe(k.privateKey);
      expect(publicKeyOfPrivate(Buffer.from(k.privateKey, 'hex')).toString('hex'), name).toBe(k.publicKey);
    }
  });

  it.each(file.valid.map((c) => [c.name, c] as const))('valid: %s — bytes, hash, signing input and signature as the page says', (_n, c) => {
    const bytes = encode(layouts, file.layout, c.fields);
    expect(bytes.toString('hex')).toBe(c.bytes);
    if (c.hash !== undefined) expect(sha256(bytes).toString('hex')).toBe(c.hash);
    if (c.signature !== undefined) {
      expect(file.tag, 'a signed case needs its file to name a tag').not.toBeNull();
      const input = signingInputOf(file.tag!, bytes);
      expect(input.toString('hex')).toBe(c.signingInput);
      const key = file.keys[c.signer ?? ''];
      expect(key, `signer ${c.signer}`).toBeDefined();
      expect(verifyCompact(Buffer.from(key!.publicKey, 'hex'), input, Buffer.from(c.signature, 'hex'))).toBe(true);
    }
  });

  it('a signed structure has a signed valid case', () => {
    // Hash-only domains (registry state, action id, recipient binding) carry a tag but no signature.
    if (file.tag !== null && file.valid.every((c) => c.signature === undefined))
      expect(page, `${file.spec} must say the ${file.tag} domain is hashed, not signed`).toContain('hashed, not signed');
  });

  it.each(file.invalid.map((c) => [c.name, c] as const))('invalid: %s — refused with the reason its page lists', async (_n, c) => {
    expect(c.reason).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(c.why.length).toBeGreaterThan(10);
    expect(page, `${file.spec} must list the reason ${c.reason}`).toContain(`\`${c.reason}\``);
    expect(await checkOf(file.structure)(file, c)).toBe(c.reason);
  });

  it('the code accepts every valid case', async () => {
    const check = checkOf(file.structure);
    for (const c of file.valid) expect(await check(file, c), c.name).toBe('ok');
  });
});
