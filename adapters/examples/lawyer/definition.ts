/**
 * Tutorial: a lawyer-qualification registry as an alliance adapter ("A sixth, as the
 * tutorial"). Courts verify a lawyer's licence and standing online (2022 SPC opinions on
 * blockchain in the judicial field); a court may suspend a licence and reinstate it.
 *
 * An adapter definition is plain data plus contract handlers:
 *   1. the record schema and a reader that checks every field (`readLawyer`);
 *   2. a contract: the only code that changes the chain's state (`lawyerContract`);
 *   3. the definition the SDK runtime announces and executes (`lawyer`).
 * The runtime verifies the court's order before it calls `actionTx`; the ledger runs each action
 * id once; the runtime proves `actionResultKey` to show the effect.
 */
// Only the published SDK entry point, as a partner's adapter in a package of its own imports it.
import {
  buildActionTx,
  checkAction,
  codes,
  COURT_ACTION_LABELS,
  decodeActionTx,
  ErrorCode,
  label,
  mustRecord,
  objectItem,
  readTyped,
  recordKey,
  recordWrite,
  refuse,
  stringItem,
  type ContractHandler,
  type DevLedgerDefinition,
  type Fields,
  type RecordLayout,
  type StateWrite,
} from 'courtbridge/sdk';

// ---- 1. the record: `lawyer/<licenceNo>`, indexed by `firm` --------------------------------

export type LicenceStatus = 'active' | 'suspended' | 'revoked';

export interface DisciplinaryEntry {
  action: 'suspend' | 'reinstate';
  court: string;
  caseId: string;
  orderId: string;
  atMs: number;
}

export interface Lawyer {
  type: 'lawyer';
  schema: 1;
  /** 17-digit practising certificate number (律师执业证号). */
  licenceNo: string;
  /** Keyed hash of the lawyer's name (src/privacy/keyed-hash.ts): never the name itself. */
  nameHash: string;
  firm: string;
  status: LicenceStatus;
  practiceAreas: string[];
  admittedAtMs: number;
  disciplinary: DisciplinaryEntry[];
}

export function readLawyer(f: Fields): Lawyer {
  return {
    type: 'lawyer',
    schema: 1,
    licenceNo: f.str('licenceNo', { pattern: /^\d{17}$/ }),
    nameHash: f.personHash('nameHash'),
    firm: f.str('firm', { max: 100 }),
    status: f.oneOf('status', ['active', 'suspended', 'revoked'] as const),
    practiceAreas: f.array('practiceAreas', stringItem({ max: 60 }), { max: 20 }),
    admittedAtMs: f.int('admittedAtMs'),
    disciplinary: f.array(
      'disciplinary',
      objectItem((d) => ({
        action: d.oneOf('action', ['suspend', 'reinstate'] as const),
        court: d.did('court'),
        caseId: d.id('caseId'),
        orderId: d.id('orderId'),
        atMs: d.int('atMs'),
      })),
      { max: 1000 },
    ),
  };
}

/** How a person reads a licence (src/verify/proven-record.ts): zh-CN labels, English kept. */
export const LAWYER_RECORD_LAYOUTS: readonly RecordLayout[] = [
  {
    recordType: 'lawyer',
    valueType: 'lawyer',
    schema: 1,
    label: { zh: '律师执业信息', en: 'Lawyer licence' },
    read: readLawyer,
    fields: {
      licenceNo: label('执业证号', 'Licence number', 'id'),
      nameHash: label('姓名', 'Name', 'person_hash'),
      firm: label('律师事务所', 'Firm'),
      status: label('执业状态', 'Status', 'code', {
        values: codes({ active: ['执业中', 'active'], suspended: ['暂停执业', 'suspended'], revoked: ['已吊销', 'revoked'] }),
      }),
      practiceAreas: label('执业领域', 'Practice areas'),
      admittedAtMs: label('执业时间', 'Admitted at', 'time'),
      disciplinary: label('惩戒记录', 'Disciplinary record', 'group', {
        fields: {
          action: label('措施', 'Action', 'code', {
            values: codes({ suspend: ['暂停执业', 'suspend'], reinstate: ['恢复执业', 'reinstate'] }),
          }),
          ...COURT_ACTION_LABELS,
          atMs: label('时间', 'At', 'time'),
        },
      }),
    },
  },
];

export const lawyerKey = (licenceNo: string): string => recordKey('lawyer', licenceNo);
const writeLawyer = (l: Lawyer): StateWrite => recordWrite(lawyerKey(l.licenceNo), l, [{ name: 'firm', value: l.firm }]);

// ---- 2. the contract ------------------------------------------------------------------------

const actions = [
  {
    kind: 'suspend',
    txType: 'lawyer.suspend',
    amount: 'none',
    targetRecordType: 'lawyer',
    description: 'Suspend an active licence (not_active otherwise)',
  },
  {
    kind: 'reinstate',
    txType: 'lawyer.reinstate',
    amount: 'none',
    targetRecordType: 'lawyer',
    description: 'Reinstate a suspended licence (not_suspended otherwise; a revoked licence stays revoked)',
  },
] as const;

export const lawyerContract: ContractHandler = {
  types: ['lawyer.register', 'lawyer.suspend', 'lawyer.reinstate'],
  apply(tx, state, ctx) {
    if (tx.type === 'lawyer.register') {
      // The bar association registers a lawyer: active, with a clean record.
      const l = readTyped(tx.body, 'lawyer', 'lawyer', 1, readLawyer);
      if (state.get(lawyerKey(l.licenceNo)) !== undefined)
        throw refuse('record_exists', `licence ${l.licenceNo} exists`, ErrorCode.AlreadyExists);
      if (l.status !== 'active' || l.disciplinary.length > 0)
        throw refuse('invalid_record', 'a new licence is active with no disciplinary record', ErrorCode.InvalidArgument);
      return [writeLawyer(l)];
    }
    // A court's action: decoded and checked against its spec (kind, tx type, id = action id).
    const action = decodeActionTx(lawyer, tx);
    const l = mustRecord(state, lawyerKey(action.target), 'lawyer', 1, readLawyer);
    const [from, to] = action.kind === 'suspend' ? (['active', 'suspended'] as const) : (['suspended', 'active'] as const);
    if (l.status !== from)
      throw refuse(action.kind === 'suspend' ? 'not_active' : 'not_suspended', `licence ${l.licenceNo} is ${l.status}`);
    const entry: DisciplinaryEntry = {
      action: action.kind as 'suspend' | 'reinstate',
      court: action.court,
      caseId: action.caseId,
      orderId: action.orderId,
      atMs: ctx.timeMs,
    };
    return [writeLawyer({ ...l, status: to, disciplinary: [...l.disciplinary, entry] })];
  },
};

// ---- 3. the definition ----------------------------------------------------------------------

export const lawyer: DevLedgerDefinition = {
  chainId: 'lawyer',
  description: 'Lawyer qualification registry: licence status, firm, practice areas, disciplinary record',
  version: '1.0.0',
  recordTypes: [
    {
      name: 'lawyer',
      keyPrefix: 'lawyer/',
      description: 'Licence: name hash, firm, status, practice areas, disciplinary record',
      indexes: ['firm'],
    },
  ],
  actions,
  contracts: [lawyerContract],
  actionTx: (action) => buildActionTx(lawyer, action),
  actionResultKey: (action) => {
    checkAction(lawyer, action);
    return lawyerKey(action.target);
  },
};
