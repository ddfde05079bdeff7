/**
 * The notary journal on disk: what it signed survives a restart, the same hash may be signed
 * again, another hash at a signed height is refused, an operator's resume must be above
 * everything signed, and a damaged file is refused with a clear error, never emptied.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotaryJournal } from '../../../adapters/evm/notary-journal.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';

const hashOf = (s: string): Uint8Array => sha256(utf8(s));

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'courtbridge-journal-'));
  path = join(dir, 'notary-journal.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function refusal(f: () => unknown): { reason: string; message: string; details: Record<string, unknown> } {
  try {
    f();
  } catch (e) {
    if (isCourtbridgeError(e)) return { reason: e.reason, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('NotaryJournal', () => {
  it('survives a restart; the same hash is signed again, another is refused naming both', () => {
    const j = NotaryJournal.open(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(j.record('land-evm', 10, hashOf('a10'))).toBe('appended');
    expect(j.record('land-evm', 11, hashOf('a11'))).toBe('appended');
    expect(j.record('bank-evm', 11, hashOf('b11'))).toBe('appended');
    j.close();

    const again = NotaryJournal.open(path);
    expect(again.signedAt('land-evm', 11)).toEqual(hashOf('a11'));
    expect(again.top('land-evm')).toBe(11);
    expect(again.top('other')).toBeUndefined();
    const size = statSync(path).size;
    expect(again.record('land-evm', 11, hashOf('a11'))).toBe('already_signed');
    expect(statSync(path).size).toBe(size);
    const r = refusal(() => again.record('land-evm', 11, hashOf('fork11')));
    expect(r.reason).toBe('notary_refuses_conflicting_block');
    expect(r.details).toMatchObject({ chainId: 'land-evm', height: 11 });
    expect(r.message).toContain(r.details['signed'] as string);
    expect(r.message).toContain(r.details['offered'] as string);
    expect(statSync(path).size).toBe(size);
    again.close();
  });

  it('a resume is above everything signed and journaled; it unlinks only its own height', () => {
    const j = NotaryJournal.open(path);
    j.record('land-evm', 5, hashOf('5'));
    expect(refusal(() => j.resume('land-evm', 5)).reason).toBe('invalid_config');
    j.resume('land-evm', 7);
    j.close();
    const again = NotaryJournal.open(path);
    expect(again.resumedAt('land-evm', 7)).toBe(true);
    expect(again.resumedAt('land-evm', 6)).toBe(false);
    expect(again.top('land-evm')).toBe(7);
    again.close();
  });

  it('refuses a damaged journal with the line and what to do, and leaves the file as it was', () => {
    const j = NotaryJournal.open(path);
    j.record('land-evm', 1, hashOf('1'));
    j.record('land-evm', 2, hashOf('2'));
    j.close();
    const good = readFileSync(path, 'utf8');
    const lines = good.trimEnd().split('\n');

    const cases: [string, string, RegExp][] = [
      ['garbage', `${good}not json\n`, /line 3: not JSON/],
      ['cut short', good.slice(0, -10), /line 2: the last line has no newline/],
      ['a changed hash', good.replace(/"hash":"0x(.)/, (_m, c: string) => `"hash":"0x${c === 'a' ? 'b' : 'a'}`), /line 1: checksum/],
      ['a changed height', good.replace('"height":2', '"height":3'), /line 2: checksum/],
      ['an unknown kind', `${good}${lines[0]!.replace('"signed"', '"forgotten"')}\n`, /line 3: unknown kind/],
    ];
    for (const [what, text, message] of cases) {
      writeFileSync(path, text);
      const r = refusal(() => NotaryJournal.open(path));
      expect(r.reason, what).toBe('notary_journal_corrupt');
      expect(r.message, what).toMatch(message);
      expect(r.message, what).toContain('Restore the file from a backup');
      expect(readFileSync(path, 'utf8'), what).toBe(text);
    }
  });

  it('refuses a journal that holds two hashes at one height (it was edited)', () => {
    const j = NotaryJournal.open(path);
    j.record('land-evm', 1, hashOf('1'));
    j.close();
    const other = join(dir, 'other.jsonl');
    const o = NotaryJournal.open(other);
    o.record('land-evm', 1, hashOf('fork'));
    o.close();
    appendFileSync(path, readFileSync(other));
    const r = refusal(() => NotaryJournal.open(path));
    expect(r.reason).toBe('notary_journal_corrupt');
    expect(r.message).toMatch(/line 2: a second hash/);
  });
});
