/** State keys of the market chain's records and the index entries each record is filed under. */
import type { StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import { recordKey } from '../sdk/definition.js';
import { mustRecord, recordWrite } from '../sdk/record.js';
import {
  readEnterpriseRegistration,
  readEquityStake,
  type EnterpriseRegistration,
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
export const leaseKey = (regNo: string): string => recordKey('lease', regNo);
export const receiptKey = (receiptNo: string): string => recordKey('receipt', receiptNo);

export const writeEnterprise = (e: EnterpriseRegistration): StateWrite => recordWrite(enterpriseKey(e.uscc), e);

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

export const loadEnterprise = (state: StateView, uscc: string): EnterpriseRegistration =>
  mustRecord(state, enterpriseKey(uscc), 'enterprise_registration', 1, readEnterpriseRegistration);

export const loadStake = (state: StateView, uscc: string, holder: string): EquityStake =>
  mustRecord(state, equityKey(uscc, holder), 'equity', 1, readEquityStake);
