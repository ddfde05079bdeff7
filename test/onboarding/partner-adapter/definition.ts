/**
 * A partner's adapter as it lives in the partner's own package, outside this repository: a
 * registry of practising licences (执业许可登记) on a dev ledger. It imports only the published
 * SDK entry point, `courtbridge/sdk`. The onboarding tests copy this file into a temp folder with
 * its own package.json and run it with `courtbridge adapter start --module`.
 *
 * Exports: `definition` (what the runtime announces and serves) and `seed` (the registry's
 * existing licences, written once when the ledger is new).
 */
import {
  buildActionTx,
  checkAction,
  type DevLedger,
  encodeCanonical,
  ErrorCode,
  readTyped,
  recordKey,
  recordWrite,
  refuse,
  type ContractHandler,
  type DevLedgerDefinition,
  type Fields,
} from 'courtbridge/sdk';

export const CHAIN_ID = 'licence-registry';

export interface Licence {
  type: 'licence';
  schema: 1;
  licenceNo: string;
  office: string;
  status: 'active' | 'suspended';
}

function readLicence(f: Fields): Licence {
  return {
    type: 'licence',
    schema: 1,
    licenceNo: f.str('licenceNo', { pattern: /^[0-9]{8}$/ }),
    office: f.str('office', { max: 100 }),
    status: f.oneOf('status', ['active', 'suspended'] as const),
  };
}

export const licenceKey = (licenceNo: string): string => recordKey('licence', licenceNo);

const contract: ContractHandler = {
  types: ['licence.register'],
  apply(tx, state) {
    const l = readTyped(tx.body, 'licence', 'licence', 1, readLicence);
    if (state.get(licenceKey(l.licenceNo)) !== undefined)
      throw refuse('record_exists', `licence ${l.licenceNo} exists`, ErrorCode.AlreadyExists);
    return [recordWrite(licenceKey(l.licenceNo), l, [{ name: 'office', value: l.office }])];
  },
};

export const definition: DevLedgerDefinition = {
  chainId: CHAIN_ID,
  description: 'Practising licence registry of a partner agency',
  version: '1.0.0',
  recordTypes: [{ name: 'licence', keyPrefix: 'licence/', description: 'A practising licence: office and status', indexes: ['office'] }],
  actions: [],
  contracts: [contract],
  actionTx: (action) => buildActionTx(definition, action),
  actionResultKey: (action) => {
    checkAction(definition, action);
    return licenceKey(action.target);
  },
};

/** The licences the registry holds before it joins (their numbers are public registry ids). */
export const SEED_LICENCES: readonly Licence[] = [
  { type: 'licence', schema: 1, licenceNo: '11010001', office: 'Haidian Notary Office', status: 'active' },
  { type: 'licence', schema: 1, licenceNo: '11010002', office: 'Chaoyang Notary Office', status: 'suspended' },
];

export async function seed(ledger: DevLedger): Promise<void> {
  const receipts = SEED_LICENCES.map((l) =>
    ledger.submit({ type: 'licence.register', sender: 'did:alliance:partner-seed', id: `seed:${l.licenceNo}`, body: encodeCanonical(l) }),
  );
  ledger.produceBlock();
  await Promise.all(receipts);
}
