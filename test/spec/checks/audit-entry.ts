/**
 * docs/spec/audit-entry.md: each case run through the product's own checks of one exported audit
 * entry (readHistoryEntry, checkHistoryEntry: what verifyCaseHistory runs on each entry before
 * its inclusion proof), against the registry the vector file describes.
 */
import { fromHex } from '../../../src/encoding/bytes.js';
import { checkHistoryEntry, readHistoryEntry, type AuditEntryJson } from '../../../src/workflows/audit-log.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { authorityOf, reasonOf } from './evidence.js';

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const entry = ('exportEntry' in c ? c.exportEntry : c.entry) as Omit<AuditEntryJson, 'inclusion'>;
  const position = 'position' in c ? (c.position as number) : entry.sequence;
  const auth = authorityOf(file);
  try {
    const { body, signature } = readHistoryEntry(entry, position, c.caseId as string);
    checkHistoryEntry(body, signature, entry.entryHash, fromHex(c.prevEntryHash as string), (did, kid, atMs) => {
      const k = auth.keyAt(did, kid, atMs);
      return k.ok ? k.publicKey : undefined;
    });
    return 'ok';
  } catch (e) {
    return reasonOf(e);
  }
}
