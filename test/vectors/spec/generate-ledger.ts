import { fileURLToPath } from 'node:url';
import { credit } from '../../../adapters/credit/definition.js';
import { finance } from '../../../adapters/finance/definition.js';
import { ip } from '../../../adapters/ip/definition.js';
import { property } from '../../../adapters/property/definition.js';
import { encodeTx, txHash, type Tx } from '../../../src/chain/ledger/transaction.js';
import { fromUtf8, toHex } from '../../../src/encoding/bytes.js';
import { personalIdHash } from '../../../src/privacy/keyed-hash.js';
import { merkleRoot } from '../../../src/proof/binary-merkle.js';
import { VECTOR_SALT } from '../generate-records.js';
import { openLedger, outcomeAfter, runBlocks, T0, tx, txJson } from './ledger-fixture.js';
import { writeVector } from './vector-kit.js';

export const COURT = 'did:alliance:court-bj-01';
export const CASE = '(2024)京0101执100号';
export const BANK = 'did:alliance:bank-icbc';
export const REGISTRAR = 'did:alliance:registry-bj';
export const HOLDER = personalIdHash(VECTOR_SALT, 'id-card', '110101199003077777');
export const CREDITOR = personalIdHash(VECTOR_SALT, 'id-card', ' 11010519850712002x ');
export const ACCOUNT_NO = '6222020200112345678';
export const TITLE_NO = '京(2020)朝阳区不动产权第0012345号';
export const TRADEMARK = 'trademark/30512345';

/** The action of test/vectors/records.json, and others like it. */
const action = (actionId: string, kind: string, target: string, amount?: string) => ({
  actionId,
  kind,
  target,
  ...(amount === undefined ? {} : { amount }),
  court: COURT,
  caseId: CASE,
  orderId: 'ORD-1',
});

export const accountOpenBody = {
  type: 'account_open',
  schema: 1,
  accountNo: ACCOUNT_NO,
  holder: HOLDER,
  bank: '中国工商银行',
  kind: 'personal',
  balanceCents: '12000000',
};
export const titleBody = {
  type: 'title',
  schema: 1,
  titleNo: TITLE_NO,
  kind: 'real_estate',
  owners: [
    { owner: HOLDER, shareBp: 6000 },
    { owner: CREDITOR, shareBp: 4000 },
  ],
  description: '北京市朝阳区建国路88号3单元1201',
  areaM2: 120,
  valueEstimateCents: '850000000',
  encumbrances: [{ kind: 'mortgage', holder: '中国建设银行北京分行', amountCents: '300000000', registeredAtMs: 1_600_000_000_000 }],
  registeredAtMs: 1_600_000_000_000,
};
export const trademarkBody = {
  type: 'trademark',
  schema: 1,
  regNo: '30512345',
  category: 'word',
  niceClasses: [9, 42],
  owner: HOLDER,
  title: '云链',
  registeredAtMs: 1_600_000_000_000,
  expiresAtMs: 1_915_000_000_000,
  status: 'registered',
  transfers: [],
  enforcement: { status: 'clear' },
};
export const caseFileBody = {
  type: 'case_file',
  schema: 1,
  caseId: CASE,
  court: COURT,
  kind: 'enforcement',
  cause: '借款合同纠纷执行',
  parties: [
    { role: 'applicant', party: CREDITOR },
    { role: 'respondent', party: HOLDER },
  ],
};
export const orderIssueBody = {
  type: 'order_issue',
  schema: 1,
  orderId: 'ORD-1',
  court: COURT,
  caseId: CASE,
  chain: 'finance',
  kind: 'freeze',
  target: ACCOUNT_NO,
  amountCents: '5000000',
  legalBasis: '《中华人民共和国民事诉讼法》第二百五十三条',
  expiresAtMs: T0 + 30 * 86_400_000,
  actionId: 'act-1',
};

export const TX = {
  accountOpen: tx('finance.account.open', BANK, `open-${ACCOUNT_NO}`, accountOpenBody),
  deposit: tx('finance.deposit', BANK, 'dep-0001', { type: 'deposit', schema: 1, accountNo: ACCOUNT_NO, amountCents: '300000' }),
  freeze: finance.actionTx(action('act-1', 'freeze', ACCOUNT_NO, '5000000')),
  release: finance.actionTx(action('act-6', 'release', ACCOUNT_NO)),
  titleRegister: tx('property.register', REGISTRAR, 'reg-title-0012345', titleBody),
  seize: property.actionTx(action('act-3', 'seize', TITLE_NO)),
  list: credit.actionTx(action('act-2', 'list', HOLDER)),
  restrict: credit.actionTx(action('act-4', 'restrict', HOLDER)),
  trademarkRegister: tx('ip.register', 'did:alliance:cnipa', 'reg-tm-30512345', trademarkBody),
  ipFreeze: ip.actionTx(action('act-5', 'freeze', TRADEMARK)),
  caseFile: tx('case.file', COURT, 'case-file-0100', caseFileBody),
  orderIssue: tx('order.issue', COURT, 'order-ORD-1', orderIssueBody),
};

const bodyText = (t: Tx): string => fromUtf8(t.body);

async function valid(name: string, chain: string, setup: Tx[], t: Tx, note: string) {
  const { outcome } = await outcomeAfter(chain, setup, t);
  if (outcome !== 'ok') throw new Error(`${name}: refused ${outcome}`);
  const bytes = encodeTx(t);
  return {
    name,
    note,
    chain,
    setup: setup.map(txJson),
    fields: txJson(t),
    bodyText: bodyText(t),
    bytes: toHex(bytes),
    hash: toHex(txHash(t)),
  };
}

async function invalid(name: string, reason: string, why: string, chain: string, setup: Tx[], t: Tx) {
  const { outcome } = await outcomeAfter(chain, setup, t);
  if (outcome !== reason) throw new Error(`${name}: expected ${reason}, the ledger says ${outcome}`);
  return { name, reason, why, chain, setup: setup.map(txJson), fields: txJson(t), bodyText: bodyText(t), bytes: toHex(encodeTx(t)) };
}

async function build() {
  const validCases = [
    await valid('finance.account.open', 'finance', [], TX.accountOpen, 'a bank opens an account: writes account/<accountNo>'),
    await valid(
      'finance.freeze (action)',
      'finance',
      [TX.accountOpen],
      TX.freeze,
      'a court freeze; id = actionId (test/vectors/records.json)',
    ),
    await valid('finance.release (action)', 'finance', [TX.accountOpen, TX.freeze], TX.release, "lifts the case's freezes"),
    await valid('property.register', 'property', [], TX.titleRegister, 'a title with two owners and a mortgage'),
    await valid('property.seize (action)', 'property', [TX.titleRegister], TX.seize, 'a court seizure of the title'),
    await valid('credit.list (action)', 'credit', [], TX.list, 'lists a person hash (test/vectors/records.json)'),
    await valid('credit.restrict (action)', 'credit', [], TX.restrict, 'restricts high consumption'),
    await valid('ip.register (trademark)', 'ip', [], TX.trademarkRegister, 'a trademark registered clear'),
    await valid('ip.freeze (action)', 'ip', [TX.trademarkRegister], TX.ipFreeze, 'target names the right by its state key'),
    await valid('judicial case.file', 'judicial', [], TX.caseFile, 'a court files an enforcement case'),
    await valid('judicial order.issue', 'judicial', [TX.caseFile], TX.orderIssue, 'the order the finance freeze acts on'),
  ];

  // One block of three finance txs, in this order; its header's txRoot is the RFC 6962 root of their bytes.
  const blockTxs = [TX.accountOpen, TX.freeze, TX.deposit];
  const l = openLedger('finance');
  const [outcomes] = await runBlocks(l, [blockTxs]);
  if (outcomes!.some((o) => o !== 'ok')) throw new Error(`block refused: ${outcomes}`);
  const header = l.latest().signedHeader.header;
  const root = toHex(merkleRoot(blockTxs.map(encodeTx)));
  if (toHex(header.txRoot) !== root) throw new Error('the ledger header txRoot is not merkleRoot of the encoded txs');
  const block = {
    chain: 'finance',
    note: 'one block holding these three txs in this order (the account is opened, frozen and credited in the same block)',
    txs: blockTxs.map((t) => ({ ...txJson(t), bytes: toHex(encodeTx(t)), hash: toHex(txHash(t)) })),
    txRoot: root,
  };

  const freezeBody = JSON.parse(bodyText(TX.freeze)) as Record<string, unknown>;
  const { amount: _amount, ...freezeNoAmount } = freezeBody;
  const listBody = JSON.parse(bodyText(TX.list)) as Record<string, unknown>;
  const { balanceCents: _balance, ...openNoBalance } = accountOpenBody;
  const { type: _type, ...openNoType } = accountOpenBody;
  const invalidCases = [
    await invalid(
      'unknown tx type',
      'unknown_tx_type',
      'no contract of the finance chain handles finance.mint',
      'finance',
      [],
      tx('finance.mint', BANK, 'mint-1', { type: 'deposit', schema: 1, accountNo: ACCOUNT_NO, amountCents: '100' }),
    ),
    await invalid(
      "another chain's tx type",
      'unknown_tx_type',
      'property.register is the property chain’s; the finance chain runs no property contract',
      'finance',
      [],
      TX.titleRegister,
    ),
    await invalid(
      'duplicate id (another tx)',
      'duplicate_tx',
      'a tx with this id is already on the chain; the body does not matter',
      'finance',
      [TX.accountOpen],
      tx('finance.deposit', BANK, TX.accountOpen.id, { type: 'deposit', schema: 1, accountNo: ACCOUNT_NO, amountCents: '100' }),
    ),
    await invalid(
      'duplicate id (action redelivered)',
      'duplicate_tx',
      'the same action delivered twice: its id (the action id) is on the chain, so it is not executed again',
      'finance',
      [TX.accountOpen, TX.freeze],
      TX.freeze,
    ),
    await invalid(
      'body not canonical (whitespace)',
      'non_canonical_json',
      'the body is the account_open JSON pretty-printed; only canonical bytes are read',
      'finance',
      [],
      tx('finance.account.open', BANK, 'open-2', JSON.stringify(JSON.parse(bodyText(TX.accountOpen)), null, 1)),
    ),
    await invalid(
      'body not canonical (key order)',
      'non_canonical_json',
      'keys not in ascending order (type first)',
      'finance',
      [],
      tx('finance.account.open', BANK, 'open-3', JSON.stringify({ type: 'account_open', ...openNoType })),
    ),
    await invalid(
      'body missing a field',
      'invalid_record',
      'account_open without balanceCents',
      'finance',
      [],
      tx('finance.account.open', BANK, 'open-4', openNoBalance),
    ),
    await invalid(
      'money as a number',
      'invalid_record',
      'balanceCents must be a decimal string of integer cents, not a JSON number',
      'finance',
      [],
      tx('finance.account.open', BANK, 'open-5', { ...accountOpenBody, balanceCents: 12000000 }),
    ),
    await invalid(
      'personal id in clear',
      'invalid_record',
      'holder is an ID card number, not its keyed hash (64 lowercase hex)',
      'finance',
      [],
      tx('finance.account.open', BANK, 'open-6', { ...accountOpenBody, holder: '110101199003077777' }),
    ),
    await invalid(
      'unknown body field',
      'invalid_record',
      'account_open with a field the contract does not read (openedAtMs is the block time, set by the contract)',
      'finance',
      [],
      tx('finance.account.open', BANK, 'open-7', { ...accountOpenBody, openedAtMs: 1 }),
    ),
    await invalid(
      'action body of another type',
      'invalid_record',
      'an action body must say "type":"action"',
      'finance',
      [TX.accountOpen],
      tx('finance.freeze', COURT, 'act-1', { ...freezeBody, type: 'order' }),
    ),
    await invalid(
      'unknown action kind',
      'unknown_action',
      'finance has no action confiscate',
      'finance',
      [TX.accountOpen],
      tx('finance.freeze', COURT, 'act-1', { ...freezeBody, kind: 'confiscate' }),
    ),
    await invalid(
      'freeze without amount',
      'amount_required',
      'a freeze names the amount (integer cents)',
      'finance',
      [TX.accountOpen],
      tx('finance.freeze', COURT, 'act-1', freezeNoAmount),
    ),
    await invalid(
      'list with amount',
      'amount_not_allowed',
      'listing a debtor takes no amount',
      'credit',
      [],
      tx('credit.list', COURT, 'act-2', { ...listBody, amount: '100' }),
    ),
    await invalid(
      'action in the wrong tx type',
      'action_tx_mismatch',
      'a freeze action carried in a finance.release tx',
      'finance',
      [TX.accountOpen],
      { ...TX.freeze, type: 'finance.release' },
    ),
    await invalid(
      'tx id is not the action id',
      'action_tx_mismatch',
      'the tx id must be the action id (it is what makes the action run once)',
      'finance',
      [TX.accountOpen],
      { ...TX.freeze, id: 'act-1-retry' },
    ),
    await invalid(
      'account opened twice',
      'record_exists',
      'account/<accountNo> exists; a second account_open under another tx id is refused',
      'finance',
      [TX.accountOpen],
      { ...TX.accountOpen, id: 'open-again' },
    ),
    await invalid(
      'freeze of an unknown account',
      'unknown_record',
      'the target account/<accountNo> is not in the state',
      'finance',
      [],
      TX.freeze,
    ),
    await invalid(
      'freeze beyond the available balance',
      'insufficient_funds',
      '120,000.00 yuan on the account, 200,000.00 ordered frozen',
      'finance',
      [TX.accountOpen],
      finance.actionTx(action('act-8', 'freeze', ACCOUNT_NO, '20000000')),
    ),
    await invalid(
      'release without a freeze',
      'not_frozen',
      'the case holds no freeze on the account',
      'finance',
      [TX.accountOpen],
      TX.release,
    ),
    await invalid(
      'second seizure',
      'already_seized',
      'the title is already seized (one seizure at a time)',
      'property',
      [TX.titleRegister, TX.seize],
      property.actionTx({ ...action('act-7', 'seize', TITLE_NO), caseId: '(2024)京0105执200号', orderId: 'ORD-2' }),
    ),
    await invalid('listed twice', 'already_listed', 'the person is already on the dishonest list', 'credit', [TX.list], {
      ...credit.actionTx(action('act-9', 'list', HOLDER)),
    }),
    await invalid(
      'credit target not a person hash',
      'invalid_target',
      'credit actions target a keyed person hash, not an ID number',
      'credit',
      [],
      credit.actionTx(action('act-10', 'list', '110101199003077777')),
    ),
    await invalid(
      'order for a case not filed',
      'unknown_case',
      'order.issue names a case that is not on the judicial chain',
      'judicial',
      [],
      TX.orderIssue,
    ),
    await invalid(
      'order already expired',
      'already_expired',
      'expiresAtMs is not after the block time',
      'judicial',
      [TX.caseFile],
      tx('order.issue', COURT, 'order-ORD-3', { ...orderIssueBody, orderId: 'ORD-3', expiresAtMs: T0 }),
    ),
  ];

  return {
    structure: 'transaction',
    title: 'Dev-ledger transaction: bytes, txHash, a block txRoot, and what the ledger refuses',
    spec: 'docs/spec/ledger.md',
    tag: null,
    layout: 'transaction',
    keys: {},
    note:
      'Each case runs on a fresh ledger of `chain`: every `setup` tx is committed in a block of its own (block times ' +
      `${T0}, ${T0 + 1}, ...), then the case's tx in the next block. Hashes are SHA-256 (a chain on SM3 hashes with SM3).`,
    valid: validCases,
    block,
    invalid: invalidCases,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeVector('transaction', await build());
  console.log('wrote test/vectors/spec/transaction.json');
}
