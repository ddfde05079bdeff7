/** State keys of the market chain's records and the index entries each record is filed under. */
import type { StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import { recordKey } from '../sdk/definition.js';
import { mustRecord, recordWrite } from '../sdk/record.js';
import { type Enterprise, readEnterprise } from '../notary/enterprise-schema.js';
import {
  readEquityStake,
  readShareholderRegister,
  type ShareholderRegister,
  type EquityChange,
  type EquityStake,
  type FinancialLease,
  type Movable,
  type WarehouseReceipt,
} from './schema.js';

export const enterpriseKey = (uscc: string): string => recordKey('enterprise', uscc);
/** `equity/<USCC>/<holder>`; the action target of a stake is `<USCC>/<holder>`. */
export const equityKey = (uscc: string, holder: string): string => recordKey('equity', `${uscc}/${holder}`);
export const equityChangeKey = (uscc: string, changeNo: string): string => recordKey('equity_change', `${uscc}/${changeNo}`);
export const movableKey = (regNo: string): string => recordKey('movable', regNo);
export const registerKey = (uscc: string): string => recordKey('shareholder_register', uscc);
export const leaseKey = (regNo: string): string => recordKey('financial_lease', regNo);
export const receiptKey = (receiptNo: string): string => recordKey('warehouse_receipt', receiptNo);

export const writeEnterprise = (uscc: string, e: Enterprise): StateWrite => recordWrite(enterpriseKey(uscc), e);
export const writeRegister = (r: ShareholderRegister): StateWrite => recordWrite(registerKey(r.uscc), r);

/** A stake, filed under its holder (what enforcement searches) and its enterprise. */
export const writeStake = (s: EquityStake): StateWrite =>
  recordWrite(equityKey(s.uscc, s.holder), s, [
    { name: 'holder', value: s.holder },
    { name: 'enterprise', value: s.uscc },
  ]);

export const writeChange = (c: EquityChange): StateWrite =>
  recordWrite(equityChangeKey(c.uscc, c.changeNo), c, [{ name: 'enterprise', value: c.uscc }]);

export const writeMovable = (m: Movable): StateWrite => recordWrite(movableKey(m.regNo), m, [{ name: 'owner', value: m.owner }]);

export const writeLease = (l: FinancialLease): StateWrite => recordWrite(leaseKey(l.regNo), l, [{ name: 'lessee', value: l.lessee }]);

export const writeReceipt = (r: WarehouseReceipt): StateWrite =>
  recordWrite(receiptKey(r.receiptNo), r, [{ name: 'holder', value: r.holder }]);

export const loadEnterprise = (state: StateView, uscc: string): Enterprise =>
  mustRecord(state, enterpriseKey(uscc), 'enterprise', 1, readEnterprise);

export const loadRegister = (state: StateView, uscc: string): ShareholderRegister =>
  mustRecord(state, registerKey(uscc), 'shareholder_register', 1, readShareholderRegister);

export const loadStake = (state: StateView, uscc: string, holder: string): EquityStake =>
  mustRecord(state, equityKey(uscc, holder), 'equity', 1, readEquityStake);
