/**
 * Enterprises to start a registry with (tests, the demo): written in one batch by the database's
 * writer. Legal representatives are keyed hashes of made-up ID numbers under a demo salt.
 */
import { utf8 } from '../../src/encoding/bytes.js';
import { personalIdHash } from '../../src/privacy/keyed-hash.js';
import type { Enterprise } from './enterprise-schema.js';
import { encodeEnterprise, enterpriseKey } from './enterprise-registry.js';
import type { RecordDb } from './record-db.js';

/** One enterprise to register, by its unified social credit code. */
export interface EnterpriseSeed {
  code: string;
  record: Enterprise;
}

const DEMO_SALT = utf8('courtbridge enterprise demo salt');

/** Two active enterprises and a revoked one (made-up codes and people). */
export const DEMO_ENTERPRISES: readonly EnterpriseSeed[] = [
  {
    code: '91110108MA01A2B3C4',
    record: {
      type: 'enterprise',
      schema: 1,
      name: '北京示例科技有限公司',
      legalRepresentativeHash: personalIdHash(DEMO_SALT, 'id-card', '110101199003071234'),
      registeredCapitalCents: '1000000000',
      equityFrozenCents: '0',
      status: 'active',
    },
  },
  {
    code: '91310115MA1K4D5E6F',
    record: {
      type: 'enterprise',
      schema: 1,
      name: '上海样例贸易有限公司',
      legalRepresentativeHash: personalIdHash(DEMO_SALT, 'id-card', '310101198512125678'),
      registeredCapitalCents: '500000000',
      equityFrozenCents: '100000000',
      status: 'active',
    },
  },
  {
    code: '91440300MA5G7H8J9K',
    record: {
      type: 'enterprise',
      schema: 1,
      name: '深圳已吊销实业有限公司',
      legalRepresentativeHash: personalIdHash(DEMO_SALT, 'id-card', '440301197706069012'),
      registeredCapitalCents: '200000000',
      equityFrozenCents: '0',
      status: 'revoked',
    },
  },
];

/** Register `seeds` in one batch; returns the version written. */
export function seedEnterprises(db: RecordDb, seeds: readonly EnterpriseSeed[] = DEMO_ENTERPRISES): number {
  return db.put(seeds.map((s) => ({ key: enterpriseKey(s.code), value: encodeEnterprise(s.record) })));
}
