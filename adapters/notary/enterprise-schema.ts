/**
 * The enterprise registry (企业登记): one record per enterprise, keyed by its unified social
 * credit code (统一社会信用代码, 18 characters). The legal representative is a keyed hash
 * (src/privacy/keyed-hash.ts), never a name; amounts are integer cents as decimal strings.
 *
 * Invariant the registry keeps: `0 <= equityFrozenCents <= registeredCapitalCents`.
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import type { Fields } from '../sdk/record.js';
import { codes, label, type RecordLayout } from '../sdk/record-layout.js';

export const ENTERPRISE_CHAIN_ID = 'enterprise';

/** A unified social credit code: 18 characters of GB 32100-2015's alphabet (no I, O, S, V, Z). */
export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export type EnterpriseStatus = 'active' | 'revoked' | 'cancelled';
export const ENTERPRISE_STATUSES: readonly EnterpriseStatus[] = ['active', 'revoked', 'cancelled'];

/** `enterprise/<unified social credit code>`. */
export interface Enterprise {
  type: 'enterprise';
  schema: 1;
  name: string;
  /** Keyed hash of the legal representative's ID number. */
  legalRepresentativeHash: string;
  registeredCapitalCents: string;
  equityFrozenCents: string;
  status: EnterpriseStatus;
}

export function readEnterprise(f: Fields): Enterprise {
  return {
    type: 'enterprise',
    schema: 1,
    name: f.str('name', { max: 200 }),
    legalRepresentativeHash: f.personHash('legalRepresentativeHash'),
    registeredCapitalCents: f.cents('registeredCapitalCents'),
    equityFrozenCents: f.cents('equityFrozenCents'),
    status: f.oneOf('status', ENTERPRISE_STATUSES),
  };
}

export const ENTERPRISE_RECORD: RecordTypeSpec = {
  name: 'enterprise',
  keyPrefix: 'enterprise/',
  description: 'Enterprise registration: name, legal representative hash, registered capital, frozen equity, status',
  indexes: [],
};

export const ENTERPRISE_RECORD_TYPES: readonly RecordTypeSpec[] = [ENTERPRISE_RECORD];

export const ENTERPRISE_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'freeze',
    txType: 'enterprise.freeze',
    amount: 'required',
    targetRecordType: 'enterprise',
    description:
      'Freeze this amount of equity (股权冻结); refused with insufficient_equity above the registered capital less what is frozen',
  },
];

/** How a person reads an enterprise record: zh-CN labels, English kept. */
export const ENTERPRISE_RECORD_LAYOUTS: readonly RecordLayout[] = [
  {
    recordType: 'enterprise',
    valueType: 'enterprise',
    schema: 1,
    label: { zh: '企业登记', en: 'Enterprise registration' },
    read: readEnterprise,
    fields: {
      name: label('企业名称', 'Name'),
      legalRepresentativeHash: label('法定代表人', 'Legal representative', 'person_hash'),
      registeredCapitalCents: label('注册资本', 'Registered capital', 'money'),
      equityFrozenCents: label('冻结股权', 'Frozen equity', 'money'),
      status: label('登记状态', 'Status', 'code', {
        values: codes({ active: ['存续', 'active'], revoked: ['吊销', 'revoked'], cancelled: ['注销', 'cancelled'] }),
      }),
    },
  },
];
