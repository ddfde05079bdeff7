/**
 * The record database (adapters/notary/record-db.ts) over real files: versions, reads as of a
 * version, deletes, reopening, a read-only reader seeing the writer's appends (and not a line
 * still being written), and corrupt files refused with `record_db_corrupt` naming the line.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordDb } from '../../../adapters/notary/record-db.js';
import { utf8 } from '../../../src/encoding/bytes.js';
import { refusal } from '../../helpers/refusal.js';

let dir: string;
let file: string;
const open: RecordDb[] = [];
const track = (db: RecordDb): RecordDb => {
  open.push(db);
  return db;
};
const text = (v: Uint8Array | null): string | null => (v === null ? null : Buffer.from(v).toString('utf8'));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-record-db-'));
  file = join(dir, 'records.jsonl');
});

afterEach(() => {
  for (const db of open.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RecordDb', () => {
  it('numbers batches from 1 and reads every key as of any version', () => {
    const db = track(RecordDb.open(file));
    expect(db.version()).toBe(0);
    expect(db.get('a/1')).toBeNull();
    expect(
      db.put([
        { key: 'a/1', value: utf8('one') },
        { key: 'a/2', value: utf8('two') },
      ]),
    ).toBe(1);
    expect(db.put([{ key: 'a/1', value: utf8('uno') }])).toBe(2);
    expect(db.put([{ key: 'a/2', value: null }])).toBe(3);
    expect(db.version()).toBe(3);
    expect(text(db.get('a/1', 0))).toBeNull();
    expect(text(db.get('a/1', 1))).toBe('one');
    expect(text(db.get('a/1', 2))).toBe('uno');
    expect(text(db.get('a/1'))).toBe('uno');
    expect(text(db.get('a/2', 2))).toBe('two');
    expect(db.get('a/2')).toBeNull();
    expect(db.firstWrittenAt('a/2')).toBe(1);
    expect(db.firstWrittenAt('never')).toBeUndefined();
    expect(() => db.get('a/1', 4)).toThrow(RangeError);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
  });

  it('refuses an empty batch, a key twice, a bad key, and writes on a reader', () => {
    const db = track(RecordDb.open(file));
    expect(() => db.put([])).toThrow(TypeError);
    expect(() =>
      db.put([
        { key: 'k', value: utf8('1') },
        { key: 'k', value: utf8('2') },
      ]),
    ).toThrow(/twice/);
    expect(() => db.put([{ key: 'bad\nkey', value: null }])).toThrow(/not a key/);
    expect(db.version()).toBe(0);
    db.put([{ key: 'k', value: utf8('v') }]);
    const reader = track(RecordDb.open(file, { readOnly: true }));
    expect(refusal(() => reader.put([{ key: 'k', value: null }])).reason).toBe('record_db_read_only');
  });

  it('reopens to the same versions and values', () => {
    const db = RecordDb.open(file);
    db.put([{ key: 'e/1', value: utf8('企业') }]);
    db.put([
      { key: 'e/1', value: utf8('企业 v2') },
      { key: 'e/2', value: new Uint8Array([0, 255, 10, 13]) },
    ]);
    db.close();
    const again = track(RecordDb.open(file));
    expect(again.version()).toBe(2);
    expect(text(again.get('e/1', 1))).toBe('企业');
    expect(text(again.get('e/1'))).toBe('企业 v2');
    expect([...again.get('e/2')!]).toEqual([0, 255, 10, 13]);
    expect(again.put([{ key: 'e/3', value: utf8('x') }])).toBe(3);
  });

  it('a read-only reader sees the writer’s appends on refresh, never a line still being written', () => {
    const writer = track(RecordDb.open(file));
    writer.put([{ key: 'k', value: utf8('v1') }]);
    const reader = track(RecordDb.open(file, { readOnly: true }));
    expect(reader.version()).toBe(1);
    writer.put([{ key: 'k', value: utf8('v2') }]);
    expect(reader.version()).toBe(1);
    expect(reader.refresh()).toBe(2);
    expect(text(reader.get('k'))).toBe('v2');
    expect(text(reader.get('k', 1))).toBe('v1');
    // Half a line (a write in progress, as another process would leave it between two writes).
    appendFileSync(file, '{"version":3,"writes":[{"key":"k",');
    expect(reader.refresh()).toBe(2);
    appendFileSync(file, `"value":"${Buffer.from('v3').toString('base64')}"}]}\n`);
    expect(reader.refresh()).toBe(3);
    expect(text(reader.get('k'))).toBe('v3');
  });

  it('refuses a reader of an absent file', () => {
    expect(() => RecordDb.open(file, { readOnly: true })).toThrow(/ENOENT/);
  });

  describe('refuses a corrupt file, naming the line, and leaves it as it was', () => {
    const line1 = `{"version":1,"writes":[{"key":"k","value":"${Buffer.from('v').toString('base64')}"}]}\n`;
    const cases: [string, string, RegExp][] = [
      ['not JSON', `${line1}{"version":2,\n`, /line 2: not JSON/],
      ['a version out of order', `${line1}{"version":3,"writes":[{"key":"k","value":null}]}\n`, /line 2: version 3 where 2/],
      [
        'a value that is not base64',
        `${line1}{"version":2,"writes":[{"key":"k","value":"%%%"}]}\n`,
        /line 2: the value of k is not base64/,
      ],
      ['an unknown field', `{"version":1,"writes":[{"key":"k","value":null}],"extra":1}\n`, /line 1: unknown field extra/],
      ['no writes', '{"version":1,"writes":[]}\n', /line 1: writes/],
      ['a last line cut short (writer)', `${line1}{"version":2,"writes":[{"key":"k","value":null}]}`, /line 2: the last line is cut short/],
    ];
    for (const [name, content, why] of cases) {
      it(name, () => {
        writeFileSync(file, content);
        const r = refusal(() => RecordDb.open(file));
        expect(r.reason).toBe('record_db_corrupt');
        expect(r.message).toMatch(why);
        expect(readFileSync(file, 'utf8')).toBe(content);
      });
    }

    it('a file that shrank under a reader', () => {
      const writer = RecordDb.open(file);
      writer.put([{ key: 'k', value: utf8('v1') }]);
      writer.put([{ key: 'k', value: utf8('v2') }]);
      writer.close();
      const reader = track(RecordDb.open(file, { readOnly: true }));
      writeFileSync(file, line1);
      expect(refusal(() => reader.refresh()).message).toMatch(/shrank/);
    });
  });
});
