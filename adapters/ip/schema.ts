/**
 * Intellectual property records: copyrights (incl. software copyrights), trademarks
 * and patents, with owner (keyed hash), registration, status, transfer history and the court
 * enforcement state (frozen by an order, or clear).
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { type Fields, invalidRecord, objectItem } from '../sdk/record.js';
import { codes, COURT_ACTION_LABELS, label, type FieldLabels, type RecordLayout } from '../sdk/record-layout.js';

export const IP_CHAIN_ID = 'ip';

export type IpRightType = 'copyright' | 'trademark' | 'patent';
export const IP_RIGHT_TYPES: readonly IpRightType[] = ['copyright', 'trademark', 'patent'];

/** Category per right type: copyright work kind, patent kind; trademarks use Nice classes. */
export const IP_CATEGORIES: Record<IpRightType, readonly string[]> = {
  copyright: ['software', 'literary', 'artistic', 'audiovisual'],
  trademark: ['word', 'figurative', 'combined'],
  patent: ['invention', 'utility_model', 'design'],
};

export type IpStatus = 'registered' | 'expired' | 'invalidated';
export const IP_STATUSES: readonly IpStatus[] = ['registered', 'expired', 'invalidated'];

export interface IpTransfer {
  from: string;
  to: string;
  atMs: number;
}

/** Enforcement state: a named union, not a boolean (STYLE.md 4). */
export type IpEnforcement = { status: 'clear' } | { status: 'frozen'; orderId: string; caseId: string; court: string; sinceMs: number };

/** `copyright/<regNo>`, `trademark/<regNo>`, `patent/<regNo>`. */
export interface IpRight {
  type: IpRightType;
  schema: 1;
  regNo: string;
  category: string;
  /** Nice classes (trademarks only; empty otherwise). */
  niceClasses: number[];
  /** Keyed hash of the owner's ID number or the company's credit code (index `owner`). */
  owner: string;
  title: string;
  registeredAtMs: number;
  /** 0 = no fixed term. */
  expiresAtMs: number;
  status: IpStatus;
  /** Oldest first. */
  transfers: IpTransfer[];
  enforcement: IpEnforcement;
}

/** Registration numbers as issued, e.g. `2021SR0123456`, `30512345`, `ZL202110123456.7`. */
export const REG_NO_PATTERN = /^[0-9A-Za-z.-]{4,40}$/;

export function readEnforcement(f: Fields): IpEnforcement {
  const status = f.oneOf('status', ['clear', 'frozen'] as const);
  return status === 'clear'
    ? { status }
    : { status, orderId: f.id('orderId'), caseId: f.id('caseId'), court: f.did('court'), sinceMs: f.int('sinceMs') };
}

function readTransfer(f: Fields): IpTransfer {
  return { from: f.personHash('from'), to: f.personHash('to'), atMs: f.int('atMs') };
}

/** Reader for one right type (the record's `type` is checked by `readTyped`). */
export function readIpRight(type: IpRightType) {
  return (f: Fields): IpRight => {
    const r: IpRight = {
      type,
      schema: 1,
      regNo: f.str('regNo', { pattern: REG_NO_PATTERN }),
      category: f.oneOf('category', IP_CATEGORIES[type]),
      niceClasses: f.array(
        'niceClasses',
        (v, p) => {
          if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 45) throw invalidRecord(p, 'expected a Nice class 1..45');
          return v;
        },
        { max: 45 },
      ),
      owner: f.personHash('owner'),
      title: f.str('title', { max: 300 }),
      registeredAtMs: f.int('registeredAtMs'),
      expiresAtMs: f.int('expiresAtMs'),
      status: f.oneOf('status', IP_STATUSES),
      transfers: f.array('transfers', objectItem(readTransfer), { max: 1000 }),
      enforcement: readEnforcementOf(f),
    };
    if (type !== 'trademark' && r.niceClasses.length > 0) throw invalidRecord(`${f.path}.niceClasses`, 'only trademarks have Nice classes');
    if (type === 'trademark' && r.niceClasses.length === 0)
      throw invalidRecord(`${f.path}.niceClasses`, 'a trademark names at least one Nice class');
    return r;
  };
}

function readEnforcementOf(f: Fields): IpEnforcement {
  const e = f.object('enforcement');
  const out = readEnforcement(e);
  e.done();
  return out;
}

/** Body of `ip.transfer`: the right (by its state key) passes to a new owner. */
export interface IpTransferBody {
  type: 'ip_transfer';
  schema: 1;
  /** `<copyright|trademark|patent>/<regNo>`. */
  right: string;
  to: string;
}

export function readIpTransferBody(f: Fields): IpTransferBody {
  return { type: 'ip_transfer', schema: 1, right: f.str('right', { max: 60 }), to: f.personHash('to') };
}

export const IpTx = {
  /** Body: an `IpRight` with enforcement `clear` and no transfers. */
  Register: 'ip.register',
  Transfer: 'ip.transfer',
  Freeze: 'ip.freeze',
  Release: 'ip.release',
} as const;

export const IP_RECORD_TYPES: readonly RecordTypeSpec[] = IP_RIGHT_TYPES.map((t) => ({
  name: t,
  keyPrefix: `${t}/`,
  description: `${t}: owner hash, title, registration, status, transfer history, enforcement state`,
  indexes: ['owner'],
}));

/** IP actions name their target by state key: `trademark/30512345`. */
export const IP_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'freeze',
    txType: IpTx.Freeze,
    amount: 'none',
    targetRecordType: 'copyright|trademark|patent',
    description: 'Freeze the right (no transfer, licence or pledge) for a case; target = `<type>/<regNo>`',
  },
  {
    kind: 'release',
    txType: IpTx.Release,
    amount: 'none',
    targetRecordType: 'copyright|trademark|patent',
    description: "Lift this case's freeze; refused when the right is not frozen (not_frozen)",
  },
];

const IP_RIGHT_NAMES = {
  copyright: { zh: '著作权', en: 'Copyright' },
  trademark: { zh: '注册商标', en: 'Trademark' },
  patent: { zh: '专利', en: 'Patent' },
} as const;

const IP_FIELD_LABELS: FieldLabels = {
  regNo: label('登记号', 'Registration number', 'id'),
  category: label('类别', 'Category', 'code', {
    values: codes({
      software: ['计算机软件', 'software'],
      literary: ['文字作品', 'literary work'],
      artistic: ['美术作品', 'artistic work'],
      audiovisual: ['视听作品', 'audiovisual work'],
      word: ['文字商标', 'word mark'],
      figurative: ['图形商标', 'figurative mark'],
      combined: ['组合商标', 'combined mark'],
      invention: ['发明', 'invention'],
      utility_model: ['实用新型', 'utility model'],
      design: ['外观设计', 'design'],
    }),
  }),
  niceClasses: label('尼斯分类', 'Nice classes', 'integer'),
  owner: label('权利人', 'Owner', 'person_hash'),
  title: label('名称', 'Title'),
  registeredAtMs: label('登记日', 'Registered at', 'time'),
  expiresAtMs: label('到期日', 'Expires at', 'time'),
  status: label('状态', 'Status', 'code', {
    values: codes({ registered: ['有效', 'registered'], expired: ['已届满', 'expired'], invalidated: ['已宣告无效', 'invalidated'] }),
  }),
  transfers: label('转让记录', 'Transfers', 'group', {
    fields: {
      from: label('转让人', 'From', 'person_hash'),
      to: label('受让人', 'To', 'person_hash'),
      atMs: label('转让时间', 'At', 'time'),
    },
  }),
  enforcement: label('执行状态', 'Enforcement', 'group', {
    fields: {
      status: label('状态', 'Status', 'code', { values: codes({ clear: ['无查封冻结', 'clear'], frozen: ['已冻结', 'frozen'] }) }),
      ...COURT_ACTION_LABELS,
      sinceMs: label('冻结时间', 'Since', 'time'),
    },
  }),
};

/** How a person reads IP rights (src/verify/proven-record.ts): zh-CN labels, English kept. */
export const IP_RECORD_LAYOUTS: readonly RecordLayout[] = IP_RIGHT_TYPES.map((t) => ({
  recordType: t,
  valueType: t,
  schema: 1,
  label: IP_RIGHT_NAMES[t],
  read: readIpRight(t),
  fields: IP_FIELD_LABELS,
}));
