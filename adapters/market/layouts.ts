/** How a person reads the market chain's records (src/verify/proven-record.ts): zh-CN labels, English kept. */
import { ENTERPRISE_RECORD_LAYOUTS } from '../notary/enterprise-schema.js';
import { codes, COURT_ACTION_LABELS, label, type RecordLayout } from '../sdk/record-layout.js';
import {
  readEquityChange,
  readEquityStake,
  readFinancialLease,
  readMovable,
  readShareholderRegister,
  readWarehouseReceipt,
} from './schema.js';

const ENTERPRISE_LAYOUT = ENTERPRISE_RECORD_LAYOUTS.find((l) => l.recordType === 'enterprise')!;

const PARTY_KIND = label('主体类型', 'Party kind', 'code', {
  values: codes({ person: ['自然人', 'natural person'], enterprise: ['企业', 'enterprise'] }),
});
/** A party id is a keyed hash (a person) or a USCC (an enterprise): printed whole either way. */
const party = (zh: string, en: string) => label(zh, en, 'id');
const SEIZURES = label('查封', 'Seizures', 'group', {
  fields: { ...COURT_ACTION_LABELS, sinceMs: label('查封时间', 'Since', 'time') },
});

export const MARKET_RECORD_LAYOUTS: readonly RecordLayout[] = [
  // The same layout object as the enterprise registry's (one record shape across the alliance).
  ENTERPRISE_LAYOUT,
  {
    recordType: 'shareholder_register',
    valueType: 'shareholder_register',
    schema: 1,
    label: { zh: '股东名册', en: 'Register of members' },
    read: readShareholderRegister,
    fields: {
      uscc: label('统一社会信用代码', 'Unified social credit code', 'id'),
      holders: party('股东', 'Shareholders'),
    },
  },
  {
    recordType: 'equity',
    valueType: 'equity',
    schema: 1,
    label: { zh: '股权', en: 'Equity stake' },
    read: readEquityStake,
    fields: {
      uscc: label('企业统一社会信用代码', 'Enterprise USCC', 'id'),
      holderKind: PARTY_KIND,
      holder: party('股东', 'Holder'),
      subscribedCents: label('认缴出资额', 'Subscribed contribution', 'money'),
      shareBp: label('持股比例', 'Share', 'share_bp'),
      frozenCents: label('冻结出资额', 'Frozen', 'money'),
      freezes: label('冻结记录', 'Freezes', 'group', {
        fields: {
          ...COURT_ACTION_LABELS,
          amountCents: label('冻结出资额', 'Amount', 'money'),
          sinceMs: label('冻结时间', 'Since', 'time'),
        },
      }),
      pledgedCents: label('出质出资额', 'Pledged', 'money'),
      pledges: label('股权出质', 'Pledges', 'group', {
        fields: {
          regNo: label('出质登记编号', 'Registration number', 'id'),
          pledgeeKind: PARTY_KIND,
          pledgee: party('质权人', 'Pledgee'),
          amountCents: label('出质出资额', 'Amount', 'money'),
          registeredAtMs: label('登记时间', 'Registered at', 'time'),
        },
      }),
    },
  },
  {
    recordType: 'equity_change',
    valueType: 'equity_change',
    schema: 1,
    label: { zh: '股权变更', en: 'Equity change' },
    read: readEquityChange,
    fields: {
      uscc: label('企业统一社会信用代码', 'Enterprise USCC', 'id'),
      changeNo: label('变更登记编号', 'Change number', 'id'),
      fromKind: PARTY_KIND,
      from: party('转让方', 'From'),
      toKind: PARTY_KIND,
      to: party('受让方', 'To'),
      amountCents: label('转让出资额', 'Contribution transferred', 'money'),
      shareBp: label('转让比例', 'Share transferred', 'share_bp'),
      atMs: label('变更时间', 'At', 'time'),
    },
  },
  {
    recordType: 'movable',
    valueType: 'movable',
    schema: 1,
    label: { zh: '动产抵押登记', en: 'Movable property' },
    read: readMovable,
    fields: {
      regNo: label('登记编号', 'Registration number', 'id'),
      ownerKind: PARTY_KIND,
      owner: party('所有权人', 'Owner'),
      description: label('动产描述', 'Description'),
      valueCents: label('价值', 'Value', 'money'),
      mortgages: label('抵押', 'Mortgages', 'group', {
        fields: {
          mortgageNo: label('抵押登记编号', 'Mortgage number', 'id'),
          mortgagee: label('抵押权人', 'Mortgagee'),
          amountCents: label('担保金额', 'Amount', 'money'),
          registeredAtMs: label('登记时间', 'Registered at', 'time'),
        },
      }),
      seizures: SEIZURES,
      registeredAtMs: label('登记时间', 'Registered at', 'time'),
    },
  },
  {
    recordType: 'financial_lease',
    valueType: 'financial_lease',
    schema: 1,
    label: { zh: '融资租赁登记', en: 'Financial leasing registration' },
    read: readFinancialLease,
    fields: {
      regNo: label('登记编号', 'Registration number', 'id'),
      lessor: label('出租人', 'Lessor', 'id'),
      lesseeKind: PARTY_KIND,
      lessee: party('承租人', 'Lessee'),
      leasedObject: label('租赁物', 'Leased object'),
      termStartMs: label('租期起始', 'Term start', 'time'),
      termEndMs: label('租期届满', 'Term end', 'time'),
      registeredAtMs: label('登记时间', 'Registered at', 'time'),
    },
  },
  {
    recordType: 'warehouse_receipt',
    valueType: 'warehouse_receipt',
    schema: 1,
    label: { zh: '贵金属仓单', en: 'Precious-metal warehouse receipt' },
    read: readWarehouseReceipt,
    fields: {
      receiptNo: label('仓单编号', 'Receipt number', 'id'),
      holderKind: PARTY_KIND,
      holder: party('持有人', 'Holder'),
      metal: label('品种', 'Metal', 'code', {
        values: codes({ gold: ['黄金', 'gold'], silver: ['白银', 'silver'], platinum: ['铂', 'platinum'], palladium: ['钯', 'palladium'] }),
      }),
      weightGrams: label('重量（克）', 'Weight (g)', 'integer'),
      warehouse: label('仓库', 'Warehouse'),
      pledges: label('质押', 'Pledges', 'group', {
        fields: {
          regNo: label('质押登记编号', 'Pledge number', 'id'),
          pledgee: label('质权人', 'Pledgee'),
          amountCents: label('担保金额', 'Amount', 'money'),
          registeredAtMs: label('登记时间', 'Registered at', 'time'),
        },
      }),
      seizures: SEIZURES,
      registeredAtMs: label('登记时间', 'Registered at', 'time'),
    },
  },
];
