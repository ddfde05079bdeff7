/**
 * The fixed demo cast: the people, court and assets the demo, the workflow tests and
 * the docs query by name. Every seed run contains them, whatever its size or seed. Hashes are
 * taken with `DEMO_SALT`; a deployment uses its own alliance salt (and so `demoCast(salt)`).
 *
 * - Court `did:alliance:court-bj-01` (北京市东城区人民法院).
 * - Debtor "Zhang Wei" (ID 110101199003077777): owns apartment `京(2019)东城区不动产权第0031415号`,
 *   two bank accounts (`6222020200112345678` at ICBC: 12,000,000 cents; `6217000010098765432` at
 *   CCB: 3,500,000 cents), trademark `trademark/30512345` ("张记小馆"); NOT on the dishonest list
 *   and not restricted. Holds 60% (600,000 元 subscribed) of 北京张记餐饮管理有限公司 (USCC
 *   `91110101MA01HW3X7A`, registered capital 1,000,000 元) on the market chain, whose other 40% a
 *   holding company (`91110105MA02KP8L4U`) holds; a movable (`DY11010120190001`, a kitchen line).
 *   A credit card `4367420011223344` at CCB (limit 5,000,000 cents, 980,000
 *   owed, in default 122 days overdue): a debt, never an asset to freeze.
 * - Creditor "Li Na" (ID 110105198507120023): one account `6225880112233445` at CMB.
 * - Lawyer "Wang Fang", licence `11101201910123456` at 北京市中伦律师事务所, active.
 */
import { sha256 } from '../crypto/hash.js';
import { utf8 } from '../encoding/bytes.js';
import { personalIdHash } from '../privacy/keyed-hash.js';

/** The demo alliance salt: sha256("courtbridge demo alliance salt v1"). Never use it in production. */
export const DEMO_SALT: Uint8Array = sha256(utf8('courtbridge demo alliance salt v1'));

export const DEMO_COURT_DID = 'did:alliance:court-bj-01';
export const DEMO_COURT_NAME = '北京市东城区人民法院';

/** A registration date shared by the demo assets (2019-06-01T00:00:00Z). */
export const DEMO_REGISTERED_AT_MS = 1_559_347_200_000;

export function demoCast(salt: Uint8Array = DEMO_SALT) {
  return {
    court: { did: DEMO_COURT_DID, name: DEMO_COURT_NAME },
    debtor: {
      name: 'Zhang Wei',
      nameZh: '张伟',
      idNumber: '110101199003077777',
      idHash: personalIdHash(salt, 'id-card', '110101199003077777'),
      nameHash: personalIdHash(salt, 'name', 'Zhang Wei'),
      apartment: {
        titleNo: '京(2019)东城区不动产权第0031415号',
        key: 'title/京(2019)东城区不动产权第0031415号',
        address: '北京市东城区东直门南大街5号院2号楼1单元1202室',
        areaM2: 89,
        valueEstimateCents: '650000000',
      },
      accounts: [
        { accountNo: '6222020200112345678', key: 'account/6222020200112345678', bank: '中国工商银行', balanceCents: '12000000' },
        { accountNo: '6217000010098765432', key: 'account/6217000010098765432', bank: '中国建设银行', balanceCents: '3500000' },
      ],
      trademark: { regNo: '30512345', key: 'trademark/30512345', title: '张记小馆', niceClasses: [43] },
      equity: {
        uscc: '91110101MA01HW3X7A',
        enterpriseName: '北京张记餐饮管理有限公司',
        enterpriseKey: 'enterprise/91110101MA01HW3X7A',
        registeredCapitalCents: '100000000',
        /** The stake as an action targets it: `<USCC>/<holder hash>`. */
        target: `91110101MA01HW3X7A/${personalIdHash(salt, 'id-card', '110101199003077777')}`,
        key: `equity/91110101MA01HW3X7A/${personalIdHash(salt, 'id-card', '110101199003077777')}`,
        subscribedCents: '60000000',
        shareBp: 6000,
        coHolder: { uscc: '91110105MA02KP8L4U', subscribedCents: '40000000', shareBp: 4000 },
      },
      movable: {
        regNo: 'DY11010120190001',
        key: 'movable/DY11010120190001',
        description: '商用厨房设备一套（张记小馆东直门店）',
        valueCents: '38000000',
      },
      card: {
        cardNo: '4367420011223344',
        key: 'card/4367420011223344',
        bank: '中国建设银行',
        limitCents: '5000000',
        balanceCents: '980000',
        overdueDays: 122,
      },
      dishonestKey: `dishonest/${personalIdHash(salt, 'id-card', '110101199003077777')}`,
      restrictionKey: `restriction/${personalIdHash(salt, 'id-card', '110101199003077777')}`,
    },
    creditor: {
      name: 'Li Na',
      nameZh: '李娜',
      idNumber: '110105198507120023',
      idHash: personalIdHash(salt, 'id-card', '110105198507120023'),
      nameHash: personalIdHash(salt, 'name', 'Li Na'),
      account: { accountNo: '6225880112233445', key: 'account/6225880112233445', bank: '招商银行', balanceCents: '860000' },
    },
    lawyer: {
      name: 'Wang Fang',
      nameZh: '王芳',
      licenceNo: '11101201910123456',
      key: 'lawyer/11101201910123456',
      nameHash: personalIdHash(salt, 'name', 'Wang Fang'),
      firm: '北京市中伦律师事务所',
      practiceAreas: ['civil', 'commercial'],
    },
  } as const;
}

export type DemoCast = ReturnType<typeof demoCast>;

/** The demo cast under `DEMO_SALT`. */
export const DEMO_CAST: DemoCast = demoCast();
