import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/encoding/bytes.js';
import { sha256 } from '../../src/crypto/hash.js';
import { encodeAuditRecord, verifyCaseHistory, type CaseHistoryJson } from '../../src/workflows/audit-log.js';
import { agreementFor, DAY, makeWorld, T0, type World } from './fixtures/world.js';

/** What a forger computes: the entry hash of the (edited) fields, the signature as it stands. */
const rehash = (h: CaseHistoryJson, k: number): string => {
  const e = h.entries[k]!;
  return toHex(
    sha256(encodeAuditRecord({ body: { ...e, caseId: h.caseId, prevHash: fromHex(e.prevHash) }, signature: fromHex(e.signature) })),
  );
};

/** Flip one hex digit. */
const flip = (hex: string, at = 10): string => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);

describe('audit log export (offline verification, tampering)', () => {
  let w: World;
  let history: CaseHistoryJson;
  beforeAll(async () => {
    w = await makeWorld();
    const e = w.engine();
    const { agreement, signature } = agreementFor('A-1', '800000000', T0 + DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 2 * DAY);
    await e.tick();
    history = JSON.parse(JSON.stringify(await e.exportCaseHistory('A-1')));
  });
  afterAll(async () => {
    await w.close();
  });

  it('verifies offline, pinned to the judicial validator set', () => {
    const v = verifyCaseHistory(history);
    expect(v.entries).toBe(history.entries.length);
    expect(v.entries).toBeGreaterThanOrEqual(10);
    expect(() => verifyCaseHistory(history, { trustedValidators: { judicial: ['00'.repeat(32)] } })).toThrow(
      expect.objectContaining({ reason: 'untrusted_validator_set' }),
    );
  });

  type Case = { name: string; malleate: (h: CaseHistoryJson) => void; reason: string };
  const i = 3; // an entry in the middle
  const cases: Case[] = [
    { name: 'detail changed', malleate: (h) => (h.entries[i]!.detail += ' (edited)'), reason: 'entry_hash_mismatch' },
    { name: 'event changed', malleate: (h) => (h.entries[i]!.event = 'nothing_happened'), reason: 'entry_hash_mismatch' },
    { name: 'time changed', malleate: (h) => (h.entries[i]!.atMs += 1), reason: 'entry_hash_mismatch' },
    { name: 'entry removed', malleate: (h) => void h.entries.splice(i, 1), reason: 'sequence_gap' },
    {
      name: 'entries swapped',
      malleate: (h) => {
        [h.entries[i], h.entries[i + 1]] = [h.entries[i + 1]!, h.entries[i]!];
      },
      reason: 'sequence_gap',
    },
    {
      name: 'link rewritten (hash recomputed by the forger)',
      malleate: (h) => (h.entries[i]!.prevHash = flip(h.entries[i]!.prevHash)),
      reason: 'entry_hash_mismatch',
    },
    // The stored bytes include the signature (entryHash = sha256(stored), the judicial contract's rule).
    {
      name: 'signature altered',
      malleate: (h) => (h.entries[i]!.signature = flip(h.entries[i]!.signature, 20)),
      reason: 'entry_hash_mismatch',
    },
    {
      name: 'signature altered, entry hash recomputed',
      malleate: (h) => {
        const e = h.entries[i]!;
        e.signature = flip(e.signature, 20);
        e.entryHash = rehash(h, i);
      },
      reason: 'entry_signature_invalid',
    },
    {
      name: 'inclusion proof altered',
      malleate: (h) => (h.entries[i]!.inclusion = flip(h.entries[i]!.inclusion, h.entries[i]!.inclusion.length - 3)),
      reason: 'entry_not_on_chain',
    },
    {
      name: 'judicial header signatures altered',
      malleate: (h) => (h.judicialLight = flip(h.judicialLight, 400)),
      reason: 'header_quorum_invalid',
    },
    { name: 'evidence bundle dropped', malleate: (h) => void delete h.bundles[Object.keys(h.bundles)[0]!], reason: 'evidence_missing' },
    {
      name: 'evidence bundle swapped',
      malleate: (h) => {
        const [a, b] = Object.keys(h.bundles);
        h.bundles[a!] = h.bundles[b!]!;
      },
      reason: 'evidence_hash_mismatch',
    },
    {
      name: 'not a history',
      malleate: (h) => {
        (h as { format: string }).format = 'other';
      },
      reason: 'history_malformed',
    },
  ];
  for (const c of cases) {
    it(`detects tampering: ${c.name}`, () => {
      const h = structuredClone(history);
      c.malleate(h);
      expect(() => verifyCaseHistory(h)).toThrow(expect.objectContaining({ reason: c.reason }));
    });
  }

  it('detects tampering of EVERY entry (detail edited), each named', () => {
    for (let k = 0; k < history.entries.length; k++) {
      const h = structuredClone(history);
      h.entries[k]!.detail = `${h.entries[k]!.detail.replace(/\d/, 'X')}!`;
      expect(() => verifyCaseHistory(h)).toThrow(expect.objectContaining({ reason: 'entry_hash_mismatch' }));
    }
  });

  it('a forger who re-hashes and re-links cannot re-sign', () => {
    const h = structuredClone(history);
    const e = h.entries[i]!;
    e.detail = 'forged';
    e.entryHash = rehash(h, i);
    expect(() => verifyCaseHistory(h)).toThrow(expect.objectContaining({ reason: 'entry_signature_invalid' }));
  });
});
