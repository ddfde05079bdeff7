/**
 * Writes test/vectors/spec/record.json (docs/spec/records.md): records as the product's contracts
 * write them into a chain's state (each made by running real txs on the product's dev ledger,
 * ledger-fixture.ts, and read back from its state), with their state key, SMT key hash, value
 * hash and leaf hash; and values a reader refuses, each refused by the product's record reader.
 * The opened account and the dishonest listing are test/vectors/records.json's, byte for byte.
 *
 * Run: npx tsx test/vectors/spec/generate-records.ts
 */
import { writeFileSync } from 'node:fs';
import { ALLIANCE_RECORD_LAYOUTS } from '../../../adapters/catalog.js';
import { courtCustodyAccountNo } from '../../../adapters/finance/contract.js';
import { finance } from '../../../adapters/finance/definition.js';
import { readTyped } from '../../../src/chain/ledger/record.js';
import type { Tx } from '../../../src/chain/ledger/transaction.js';
import { fromUtf8, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { hashLeaf, keyHashOf, valueHashOf } from '../../../src/proof/node-hash.js';
import { buildRecordVectors } from '../generate-records.js';
import { ACCOUNT_NO, CASE, COURT, HOLDER, TITLE_NO, TRADEMARK, TX } from './generate-ledger.js';
import { openLedger, runBlocks } from './ledger-fixture.js';

/** Run `txs` (one block each) on a fresh ledger of `chain` and read the record at `key`. */
async function recordAfter(chain: string, txs: Tx[], key: string): Promise<Uint8Array> {
  const l = openLedger(chain);
  const outcomes = await runBlocks(
    l,
    txs.map((t) => [t]),
  );
  outcomes.forEach(([o], i) => {
    if (o !== 'ok') throw new Error(`${chain} tx ${i} (${txs[i]!.type}) refused: ${o}`);
  });
  const v = l.get(key);
  if (v === undefined) throw new Error(`${key} not written`);
  return v;
}

const layoutOf = (recordType: string) => {
  const layout = ALLIANCE_RECORD_LAYOUTS.get(recordType);
  if (!layout) throw new Error(`no record layout for ${recordType}`);
  return layout;
};

/** The product's reader of a record value: `ok` or its refusal reason. */
function readVerdict(recordType: string, key: string, bytes: Uint8Array): string {
  const layout = layoutOf(recordType);
  try {
    readTyped(bytes, key, layout.valueType, layout.schema, layout.read ?? ((f) => f.value));
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}

async function valid(name: string, chain: string, recordType: string, key: string, txs: Tx[], note: string) {
  const bytes = await recordAfter(chain, txs, key);
  if (readVerdict(recordType, key, bytes) !== 'ok') throw new Error(`${name}: the reader refuses what the contract wrote`);
  const keyHash = keyHashOf(utf8(key));
  const valueHash = valueHashOf(bytes);
  return {
    name,
    note,
    chain,
    recordType,
    valueType: layoutOf(recordType).valueType,
    writtenBy: txs.map((t) => t.type),
    key,
    keyHash: toHex(keyHash),
    fields: { value: JSON.parse(fromUtf8(bytes)) as unknown },
    bytes: toHex(bytes),
    hash: toHex(valueHash),
    leafHash: toHex(hashLeaf(keyHash, valueHash)),
  };
}

function invalid(name: string, reason: string, why: string, recordType: string, key: string, value: object | string) {
  const bytes = typeof value === 'string' ? utf8(value) : encodeCanonical(value);
  const got = readVerdict(recordType, key, bytes);
  if (got !== reason) throw new Error(`${name}: expected ${reason}, the reader says ${got}`);
  return { name, reason, why, recordType, key, text: fromUtf8(bytes), bytes: toHex(bytes) };
}

async function build() {
  const accountKey = `account/${ACCOUNT_NO}`;
  const titleKey = `title/${TITLE_NO}`;
  const deduct = finance.actionTx({
    actionId: 'act-11',
    kind: 'deduct',
    target: ACCOUNT_NO,
    amount: '2000000',
    court: COURT,
    caseId: CASE,
    orderId: 'ORD-1',
  });
  const custodyNo = courtCustodyAccountNo(COURT);
  const validCases = [
    await valid('account (as opened)', 'finance', 'account', accountKey, [TX.accountOpen], 'test/vectors/records.json "account"'),
    await valid('account (frozen by a court)', 'finance', 'account', accountKey, [TX.accountOpen, TX.freeze], 'after finance.freeze act-1'),
    await valid(
      'court custody account (after a deduction)',
      'finance',
      'account',
      `account/${custodyNo}`,
      [TX.accountOpen, TX.freeze, deduct],
      'made by the first finance.deduct of the court; its account number holds a "/"',
    ),
    await valid('title (seized)', 'property', 'title', titleKey, [TX.titleRegister, TX.seize], 'after property.seize act-3'),
    await valid(
      'dishonest listing',
      'credit',
      'dishonest',
      `dishonest/${HOLDER}`,
      [TX.list],
      'test/vectors/records.json "dishonest_listing"',
    ),
    await valid('consumption restriction', 'credit', 'restriction', `restriction/${HOLDER}`, [TX.restrict], 'after credit.restrict act-4'),
    await valid('trademark (frozen)', 'ip', 'trademark', TRADEMARK, [TX.trademarkRegister, TX.ipFreeze], 'after ip.freeze act-5'),
    await valid('case', 'judicial', 'case', `case/${CASE}`, [TX.caseFile], 'after case.file'),
    await valid('enforcement order', 'judicial', 'order', 'order/ORD-1', [TX.caseFile, TX.orderIssue], 'after order.issue'),
  ];

  // Consistency with test/vectors/records.json (pinned earlier; the partner SDK's vectors).
  const old = buildRecordVectors();
  for (const [name, oldName] of [
    ['account (as opened)', 'account'],
    ['dishonest listing', 'dishonest_listing'],
  ] as const) {
    const mine = validCases.find((c) => c.name === name)!;
    const theirs = old.records.find((r) => r.name === oldName)!;
    if (fromUtf8(Buffer.from(mine.bytes, 'hex')) !== theirs.canonical || mine.hash !== theirs.sha256)
      throw new Error(`${name} differs from test/vectors/records.json ${oldName}`);
  }

  const account = validCases[0]!.fields.value as Record<string, unknown>;
  const { frozenCents: _f, ...accountNoFrozen } = account;
  const title = validCases[3]!.fields.value as Record<string, unknown>;
  const trademark = validCases[6]!.fields.value as Record<string, unknown>;
  const listing = validCases[4]!.fields.value as Record<string, unknown>;
  const invalidCases = [
    invalid('missing field', 'invalid_record', 'an account without frozenCents', 'account', accountKey, accountNoFrozen),
    invalid(
      'money as a number',
      'invalid_record',
      'balanceCents is the JSON number 12000000, not the string "12000000"',
      'account',
      accountKey,
      {
        ...account,
        balanceCents: 12000000,
      },
    ),
    invalid('money with a leading zero', 'invalid_record', 'cents are written without leading zeros ("012000000")', 'account', accountKey, {
      ...account,
      balanceCents: '012000000',
    }),
    invalid('money in yuan', 'invalid_record', 'a decimal point: amounts are integer cents ("120000.00")', 'account', accountKey, {
      ...account,
      balanceCents: '120000.00',
    }),
    invalid('personal id in clear', 'invalid_record', 'holder is the ID card number itself, not its keyed hash', 'account', accountKey, {
      ...account,
      holder: '110101199003077777',
    }),
    invalid(
      'personal hash in upper case',
      'invalid_record',
      'a keyed hash is 64 lowercase hex digits',
      'dishonest',
      `dishonest/${HOLDER}`,
      {
        ...listing,
        person: HOLDER.toUpperCase(),
      },
    ),
    invalid(
      'wrong value type',
      'invalid_record',
      'the value at a dishonest/ key says "type":"account"',
      'dishonest',
      `dishonest/${HOLDER}`,
      {
        ...listing,
        type: 'account',
      },
    ),
    invalid('wrong schema', 'invalid_record', 'schema 2 is not a schema this reader knows', 'dishonest', `dishonest/${HOLDER}`, {
      ...listing,
      schema: 2,
    }),
    invalid('unknown field', 'invalid_record', 'a field the record type does not have is refused, not ignored', 'account', accountKey, {
      ...account,
      branch: '朝阳支行',
    }),
    invalid('currency other than CNY', 'invalid_record', 'accounts are in CNY', 'account', accountKey, { ...account, currency: 'USD' }),
    invalid('shares do not sum to 10000', 'invalid_record', 'owner shares are basis points summing to 10000', 'title', titleKey, {
      ...title,
      owners: [{ owner: HOLDER, shareBp: 6000 }],
    }),
    invalid('trademark without Nice class', 'invalid_record', 'a trademark names at least one Nice class', 'trademark', TRADEMARK, {
      ...trademark,
      niceClasses: [],
    }),
    invalid(
      'not canonical: whitespace',
      'non_canonical_json',
      'the listing pretty-printed; only the canonical bytes are a record value',
      'dishonest',
      `dishonest/${HOLDER}`,
      JSON.stringify(JSON.parse(fromUtf8(encodeCanonical(listing))), null, 2),
    ),
    invalid(
      'not canonical: key order',
      'non_canonical_json',
      'keys not sorted (type first)',
      'dishonest',
      `dishonest/${HOLDER}`,
      JSON.stringify({ type: 'dishonest_listing', ...listing }),
    ),
  ];

  return {
    structure: 'record',
    title: 'A record in a chain state: canonical JSON value, state key, SMT key and leaf hashes',
    spec: 'docs/spec/records.md',
    tag: null,
    layout: 'record',
    keys: {},
    note:
      'Each valid record was written by running `writtenBy` (one block each, block times 1700000000000, ...+1, ...) on a fresh ' +
      'dev ledger of `chain`. `hash` = SHA-256(bytes), the SMT value hash; `keyHash` = SHA-256(utf8(key)); `leafHash` = ' +
      "SHA-256(0x00 ‖ keyHash ‖ hash). Personal hashes are keyed with test/vectors/records.json's salt.",
    valid: validCases,
    invalid: invalidCases,
  };
}

const out = new URL('./record.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(await build(), null, 2)}\n`);
console.log('wrote test/vectors/spec/record.json');
