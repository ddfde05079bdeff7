/**
 * The demo's step on the bank consortium's EVM chain, as a court sees it: the same QueryService
 * and ActionService as on every other chain. The answers differ underneath: a record is a
 * contract's storage proven by `eth_getProof` against a block that two of the chain's three
 * notaries signed as final, and every bundle is re-verified here from its bytes alone. The court
 * then orders a freeze: it is filed on the judicial chain, executed once by the bank adapter as a
 * contract transaction, and the frozen amount is read back, proven, from a later final block.
 */
import { ALLIANCE_EVM_RECORDS } from '../../adapters/catalog.js';
import { BANK_ACCOUNT_LAYOUT, readBankAccountValue } from '../../adapters/evm/bank-schema.js';
import type { JudicialOrder } from '../judicial/order.js';
import { verifyProofBundle } from '../verify/proof-bundle-verify.js';
import type { MessageOutput } from '../wire/messages.js';
import { DEMO_CAST } from '../seed/demo-cast.js';
import { yuan } from '../workflows/display.js';
import { bankAccountId, DEMO_BANK_ACCOUNTS } from './bank-chain.js';
import { courtDeskOf, fileDemoCase, giveCourtOrder, type CourtStepOptions } from './court-order.js';
import { DEMO_EVM_CHAIN } from './stack.js';

/** What happened on the EVM chain (the demo test checks it). */
export interface BankStepSummary {
  balanceCents: string;
  verdict: string;
  notaries: number;
  absentProven: boolean;
  absentVerdict: string;
  freeze: { status: string; frozenCents: string; verdict: string };
}

export async function runBankStep(o: CourtStepOptions): Promise<BankStepSummary> {
  const { c, detail } = o;
  const query = c.client('QueryService');
  const debtorKey = `${BANK_ACCOUNT_LAYOUT.keyPrefix}${bankAccountId(DEMO_BANK_ACCOUNTS.debtor.accountNo)}`;
  const ask = async (key: string): Promise<MessageOutput<'ProofBundle'>> =>
    (
      await c.unary(query, 'query', {
        query: { chainId: DEMO_EVM_CHAIN, recordType: BANK_ACCOUNT_LAYOUT.recordType, key, height: { latest: {} } },
      })
    ).bundle!;
  const offline = async (b: MessageOutput<'ProofBundle'>): Promise<string> =>
    (await verifyProofBundle(b, { atMs: Date.now(), authority: o.authority, evmRecords: ALLIANCE_EVM_RECORDS })).verdict;

  const before = await ask(debtorKey);
  const account = readBankAccountValue(new Uint8Array(before.record!.value));
  const verdict = await offline(before);
  const notaries = before.evm?.notarizations.length ?? 0;
  detail(`被执行人${DEMO_CAST.debtor.nameZh}的银行账户（账号只以哈希上链）: 余额 ${yuan(account.balance)}, 已冻结 ${yuan(account.frozen)}`);
  detail(`  区块 ${before.stateHeight}: eth_getProof 存储证明 + ${notaries} 名公证人签名 (2/3); 离线复核 / verified offline: ${verdict}`);

  const absent = await ask(`${BANK_ACCOUNT_LAYOUT.keyPrefix}${bankAccountId(DEMO_BANK_ACCOUNTS.unopened.accountNo)}`);
  const absentVerdict = await offline(absent);
  detail(
    `未开立的账户 / an account never opened: ${absent.result === 'absence' ? '不存在（已证明）/ absent, proven' : 'PRESENT'}; 离线复核: ${absentVerdict}`,
  );

  // The freeze: a case and an order on the judicial chain, then the order to the bank's adapter.
  const stamp = Date.now().toString(36).toUpperCase();
  const order: JudicialOrder = {
    orderId: `DEMO-BANK-${stamp}`,
    court: o.court.did,
    caseId: `(2026) 京0101执 BANK-${stamp}`,
    chain: DEMO_EVM_CHAIN,
    actionId: `demo-bank-freeze-${stamp}`,
    kind: 'freeze',
    target: bankAccountId(DEMO_BANK_ACCOUNTS.debtor.accountNo),
    amount: '30000000',
  };
  const desk = courtDeskOf(o);
  await fileDemoCase(desk, order.caseId, {
    kind: 'enforcement',
    cause: '借款合同纠纷执行',
    parties: [
      { role: 'applicant', party: DEMO_CAST.creditor.idHash },
      { role: 'respondent', party: DEMO_CAST.debtor.idHash },
    ],
  });
  const until = Date.now() + 60_000;
  const given = await giveCourtOrder(desk, order, '《民事诉讼法》第二百四十九条', {
    recordType: BANK_ACCOUNT_LAYOUT.recordType,
    key: debtorKey,
  });
  detail(`法院冻结令 / freeze order ${order.orderId}: ${yuan(BigInt(order.amount!))}, 已写入司法链并提交网关`);
  const status = given.status;
  // The same request again: the same action, executed once.
  await given.again();
  let after = before;
  let frozen = account.frozen;
  while (Date.now() < until && frozen < BigInt(order.amount!)) {
    await new Promise((r) => setTimeout(r, 500));
    after = await ask(debtorKey);
    frozen = readBankAccountValue(new Uint8Array(after.record!.value)).frozen;
  }
  const afterVerdict = await offline(after);
  detail(
    `执行结果 / ${status.replace('ACTION_STATUS_', '').toLowerCase()}: 合约交易执行一次; 区块 ${after.stateHeight} 证明已冻结 ${yuan(frozen)}; 离线复核: ${afterVerdict}`,
  );
  return {
    balanceCents: account.balance.toString(),
    verdict,
    notaries,
    absentProven: absent.result === 'absence',
    absentVerdict,
    freeze: { status, frozenCents: frozen.toString(), verdict: afterVerdict },
  };
}
