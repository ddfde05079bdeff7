/**
 * The demo's step on the enterprise registry, a registry kept in a database (chain kind `notary`):
 * the court looks a company up through the same QueryService. No chain proves it: two of the
 * registry's three notaries each read the record at a database version and signed it, and the
 * bundle re-verifies offline from those signatures and the registry's list of notaries.
 */
import { decodeEnterprise, enterpriseKey } from '../../adapters/notary/enterprise-registry.js';
import { DEMO_ENTERPRISES } from '../../adapters/notary/enterprise-seed.js';
import { ENTERPRISE_RECORD } from '../../adapters/notary/enterprise-schema.js';
import type { GatewayConnection } from '../client/gateway-client.js';
import type { Authority } from '../identity/authority.js';
import type { ChainDirectory } from '../identity/chain-entry.js';
import { verifyProofBundle } from '../verify/proof-bundle-verify.js';
import type { MessageOutput } from '../wire/messages.js';
import { DEMO_NOTARY_CHAIN } from './stack.js';
import { yuan } from '../workflows/display.js';

/** What happened on the registry (the demo test checks it). */
export interface EnterpriseStepSummary {
  name: string;
  verdict: string;
  notaries: number;
  absentProven: boolean;
  absentVerdict: string;
}

const STATUS_ZH = { active: '存续', revoked: '吊销', cancelled: '注销' } as const;

/** A code no enterprise is registered under (a well-formed one). */
const UNREGISTERED = '91110000MA00000000';

export async function runEnterpriseStep(o: {
  c: GatewayConnection;
  authority: Authority & ChainDirectory;
  detail: (line: string) => void;
}): Promise<EnterpriseStepSummary> {
  const query = o.c.client('QueryService');
  const ask = async (key: string): Promise<MessageOutput<'ProofBundle'>> =>
    (
      await o.c.unary(query, 'query', {
        query: { chainId: DEMO_NOTARY_CHAIN, recordType: ENTERPRISE_RECORD.name, key, height: { latest: {} } },
      })
    ).bundle!;
  const offline = async (b: MessageOutput<'ProofBundle'>): Promise<string> =>
    (await verifyProofBundle(b, { atMs: Date.now(), authority: o.authority })).verdict;
  const company = DEMO_ENTERPRISES[0]!;
  const found = await ask(enterpriseKey(company.code));
  const record = decodeEnterprise(new Uint8Array(found.record!.value));
  const verdict = await offline(found);
  const notaries = found.notary?.notarizations.length ?? 0;
  o.detail(
    `${record.name} (${company.code}): 注册资本 ${yuan(record.registeredCapitalCents)}, 冻结股权 ${yuan(record.equityFrozenCents)}, 状态 ${STATUS_ZH[record.status]} (${record.status})`,
  );
  o.detail(`  数据库版本 ${found.stateHeight}: ${notaries} 名公证人各自读取并签名 (2/3); 离线复核 / verified offline: ${verdict}`);
  const absent = await ask(enterpriseKey(UNREGISTERED));
  const absentVerdict = await offline(absent);
  o.detail(
    `未登记的代码 / an unregistered code ${UNREGISTERED}: ${absent.result === 'absence' ? '不存在（已证明）/ absent, proven' : 'PRESENT'}; 离线复核: ${absentVerdict}`,
  );
  return { name: record.name, verdict, notaries, absentProven: absent.result === 'absence', absentVerdict };
}
