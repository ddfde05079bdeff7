/**
 * The judgment creditors of the demo's enforcement story: 李娜 (DEMO_CAST, secured, her CMB
 * account) and two ordinary creditors who exist only in the demo, with accounts the demo opens on
 * the finance chain when it seeds it (stack.ts). Like the cast, they are known to the chains only
 * by keyed hashes of their ids under DEMO_SALT.
 */
import type { Tx } from '../chain/ledger/transaction.js';
import { encodeCanonical } from '../encoding/canonical-json.js';
import { personalIdHash } from '../privacy/keyed-hash.js';
import { DEMO_CAST, DEMO_SALT } from '../seed/demo-cast.js';
import type { CreditorRank } from '../workflows/enforcement/agreement.js';

export interface DemoCreditor {
  obligationId: string;
  nameZh: string;
  name: string;
  idHash: string;
  rank: CreditorRank;
  accountNo: string;
  bank: string;
  /** What the judgment awards, cents. */
  owedCents: string;
}

/** 张伟 owes 130,000.00 元 in all: within the 155,000.00 元 of his two accounts, so the case closes. */
export const DEMO_CREDITORS: readonly DemoCreditor[] = [
  {
    obligationId: '1',
    nameZh: DEMO_CAST.creditor.nameZh,
    name: DEMO_CAST.creditor.name,
    idHash: DEMO_CAST.creditor.idHash,
    rank: 'secured',
    accountNo: DEMO_CAST.creditor.account.accountNo,
    bank: DEMO_CAST.creditor.account.bank,
    owedCents: '6000000',
  },
  {
    obligationId: '2',
    nameZh: '陈静',
    name: 'Chen Jing',
    idHash: personalIdHash(DEMO_SALT, 'id-card', '110102198811230048'),
    rank: 'ordinary',
    accountNo: '6228480010012345671',
    bank: '中国农业银行',
    owedCents: '4000000',
  },
  {
    obligationId: '3',
    nameZh: '刘洋',
    name: 'Liu Yang',
    idHash: personalIdHash(DEMO_SALT, 'id-card', '110106199205150031'),
    rank: 'ordinary',
    accountNo: '6217850100067890123',
    bank: '中国银行',
    owedCents: '3000000',
  },
];

/** The finance-chain txs opening the accounts of the creditors outside the cast (empty accounts). */
export function demoCreditorAccountTxs(): Tx[] {
  return DEMO_CREDITORS.filter((c) => c.idHash !== DEMO_CAST.creditor.idHash).map((c) => ({
    type: 'finance.account.open',
    sender: 'did:alliance:finance-registry',
    id: `demo:open:${c.accountNo}`,
    body: encodeCanonical(
      { type: 'account_open', schema: 1, accountNo: c.accountNo, holder: c.idHash, bank: c.bank, kind: 'personal', balanceCents: '0' },
      'finance.account.open',
    ),
  }));
}
