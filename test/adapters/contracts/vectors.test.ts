import { describe, expect, it } from 'vitest';
import vectors from '../../vectors/records.json' with { type: 'json' };
import { sha256 } from '../../../src/crypto/hash.js';
import { fromHex, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { decodeCanonical, encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { personalIdHash, type PersonalIdKind } from '../../../src/privacy/keyed-hash.js';
import { finance } from '../../../adapters/finance/definition.js';
import { credit } from '../../../adapters/credit/definition.js';
import { buildRecordVectors } from '../../vectors/generate-records.js';

describe('record vectors (test/vectors/records.json)', () => {
  const salt = fromHex(vectors.salt);
  it('recomputes every personal hash', () => {
    expect(toHex(sha256(utf8('courtbridge vector salt')))).toBe(vectors.salt);
    for (const v of vectors.personalIds) expect(personalIdHash(salt, v.kind as PersonalIdKind, v.input)).toBe(v.hash);
  });
  it('recomputes every canonical record and its hash', () => {
    for (const r of vectors.records) {
      const bytes = encodeCanonical(decodeCanonical(utf8(r.canonical)));
      expect(new TextDecoder().decode(bytes)).toBe(r.canonical);
      expect(toHex(sha256(bytes))).toBe(r.sha256);
    }
  });
  it('recomputes the action txs', () => {
    const [f, c] = vectors.actionTxs;
    const t = finance.actionTx(vectors.action);
    expect({ type: t.type, sender: t.sender, id: t.id, body: new TextDecoder().decode(t.body) }).toEqual(f);
    const { amount: _a, ...rest } = vectors.action;
    const t2 = credit.actionTx({ ...rest, actionId: 'act-2', kind: 'list', target: vectors.personalIds[0]!.hash });
    expect(new TextDecoder().decode(t2.body)).toBe(c!.body);
  });
  it('the generator reproduces the file', () => {
    expect(JSON.parse(JSON.stringify(buildRecordVectors()))).toEqual(vectors);
  });
});
