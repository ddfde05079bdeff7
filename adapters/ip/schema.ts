/**
 * Intellectual property records (issue 4): copyrights (incl. software copyrights), trademarks
 * and patents, with owner (keyed hash), registration, status, transfer history and the court
 * enforcement state (frozen by an order, or clear).
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { Fields, invalidRecord, objectItem } from '../sdk/record.js';

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
export const REG_NO_PATTERN = /^[0-9A-Za-z.\-]{4,40}$/;

export function readEnforcement(f: Fields): IpEnforcement {
  const status = f.oneOf('status', ['clear', 'frozen'] as const);
  return status === 'clear' ? { status } : { status, orderId: f.id('orderId'), caseId: f.id('caseId'), court: f.did('court'), sinceMs: f.int('sinceMs') };
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
      niceClasses: f.array('niceClasses', (v, p) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 45) throw invalidRecord(p, 'expected a Nice class 1..45');
        return v;
      }, { max: 45 }),
      owner: f.personHash('owner'),
      title: f.str('title', { max: 300 }),
      registeredAtMs: f.int('registeredAtMs'),
      expiresAtMs: f.int('expiresAtMs'),
      status: f.oneOf('status', IP_STATUSES),
      transfers: f.array('transfers', objectItem(readTransfer), { max: 1000 }),
      enforcement: readEnforcementOf(f),
    };
    if (type !== 'trademark' && r.niceClasses.length > 0) throw invalidRecord(`${f.path}.niceClasses`, 'only trademarks have Nice classes');
    if (type === 'trademark' && r.niceClasses.length === 0) throw invalidRecord(`${f.path}.niceClasses`, 'a trademark names at least one Nice class');
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
  { kind: 'freeze', txType: IpTx.Freeze, amount: 'none', targetRecordType: 'copyright|trademark|patent', description: 'Freeze the right (no transfer, licence or pledge) for a case; target = `<type>/<regNo>`' },
  { kind: 'release', txType: IpTx.Release, amount: 'none', targetRecordType: 'copyright|trademark|patent', description: "Lift this case's freeze; refused when the right is not frozen (not_frozen)" },
];
