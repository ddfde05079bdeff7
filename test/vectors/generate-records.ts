/**
 * Writes test/vectors/records.json: keyed personal hashes (src/privacy/keyed-hash.ts) and the
 * canonical JSON bytes of sample records and action bodies (src/encoding/canonical-json.ts), so a
 * partner writing an adapter in another language can match the exact bytes its state root commits.
 * Salt = sha256("courtbridge vector salt"). Run: npx tsx test/vectors/generate-records.ts
 * (checked by test/adapters/contracts/vectors.test.ts)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../src/crypto/hash.js';
import { fromUtf8, toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { personalIdHash, type PersonalIdKind } from '../../src/privacy/keyed-hash.js';
import { finance } from '../../adapters/finance/definition.js';
import { credit } from '../../adapters/credit/definition.js';

export const VECTOR_SALT = sha256(utf8('courtbridge vector salt'));

export function buildRecordVectors() {
  const ids: { kind: PersonalIdKind; input: string }[] = [
    { kind: 'id-card', input: '110101199003077777' },
    { kind: 'id-card', input: ' 11010519850712002x ' },
    { kind: 'name', input: 'Zhang  Wei' },
    { kind: 'name', input: '张伟' },
    { kind: 'phone', input: '+86 138-0013-8000' },
    { kind: 'passport', input: 'e12345678' },
  ];
  const holder = personalIdHash(VECTOR_SALT, 'id-card', '110101199003077777');
  const values: { name: string; value: object }[] = [
    {
      name: 'account',
      value: {
        type: 'account',
        schema: 1,
        accountNo: '6222020200112345678',
        holder,
        bank: '中国工商银行',
        kind: 'personal',
        currency: 'CNY',
        balanceCents: '12000000',
        frozenCents: '0',
        freezes: [],
        openedAtMs: 1700000000000,
      },
    },
    {
      name: 'dishonest_listing',
      value: {
        type: 'dishonest_listing',
        schema: 1,
        person: holder,
        court: 'did:alliance:court-bj-01',
        caseId: '(2024)京0101执100号',
        orderId: 'ORD-1',
        sinceMs: 1700000000000,
        reason: 'court_order',
      },
    },
  ];
  const action = {
    actionId: 'act-1',
    kind: 'freeze',
    target: '6222020200112345678',
    amount: '5000000',
    court: 'did:alliance:court-bj-01',
    caseId: '(2024)京0101执100号',
    orderId: 'ORD-1',
  };
  const { amount: _amount, ...withoutAmount } = action;
  const txs = [finance.actionTx(action), credit.actionTx({ ...withoutAmount, actionId: 'act-2', kind: 'list', target: holder })];
  return {
    salt: toHex(VECTOR_SALT),
    personalIds: ids.map((i) => ({ ...i, hash: personalIdHash(VECTOR_SALT, i.kind, i.input) })),
    records: values.map((v) => ({
      name: v.name,
      canonical: fromUtf8(encodeCanonical(v.value)),
      sha256: toHex(sha256(encodeCanonical(v.value))),
    })),
    actionTxs: txs.map((t) => ({ type: t.type, sender: t.sender, id: t.id, body: fromUtf8(t.body) })),
    action,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./records.json', import.meta.url), `${JSON.stringify(buildRecordVectors(), null, 2)}\n`);
  console.log('wrote test/vectors/records.json');
}
