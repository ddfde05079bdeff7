/**
 * Seed data of the bankruptcy chain: the demo's case (a creditors' meeting open for an art. 64
 * resolution, seven creditors with signed, mostly reviewed claims) and about `records` generated
 * claims spread over generated cases, all reviewed. Deterministic: creditor keys derive from the
 * seed, signatures are RFC 6979 (src/crypto/secp256k1.ts), so the same options give the same txs.
 * Creditors are `did:key`s (pseudonymous keys, no personal identifier); debtors are companies.
 */
import type { Tx } from '../chain/ledger/transaction.js';
import { publicKeyOf } from '../crypto/secp256k1.js';
import { sha256 } from '../crypto/hash.js';
import { encodeCanonical } from '../encoding/canonical-json.js';
import { toHex, utf8 } from '../encoding/bytes.js';
import { didKeyOf } from '../identity/did-key.js';
import { BANKRUPTCY_CHAIN_ID, BankruptcyTx, type ClaimFiling, type Security, type VotingClass } from '../../adapters/bankruptcy/schema.js';
import { claimSigningBytes, signAsCreditor } from '../../adapters/bankruptcy/signed-layout.js';
import { DEMO_COURT_DID } from './demo-cast.js';
import type { Prng } from './prng.js';

/** The administrator (管理人) the court appointed in the seeded cases. */
export const DEMO_ADMINISTRATOR_DID = 'did:alliance:bankruptcy-administrator-01';

export interface DemoCreditor {
  /** Who the creditor is, for people reading the demo (a company or a group, not a natural person). */
  nameZh: string;
  name: string;
  privateKey: Uint8Array;
  did: string;
  claimId: string;
  amountCents: string;
  security: Security;
  votingClass: VotingClass;
  /** The administrator's review, or none (not reviewed yet). */
  review?: { confirmedCents: string; disputedCents: string };
}

const creditorKey = (label: string): Uint8Array => sha256(utf8(`courtbridge bankruptcy creditor key v1 ${label}`));

function creditor(
  label: string,
  nameZh: string,
  name: string,
  claimId: string,
  amountCents: string,
  security: Security,
  votingClass: VotingClass,
  confirmedCents?: string,
): DemoCreditor {
  const privateKey = creditorKey(label);
  const c: DemoCreditor = { nameZh, name, privateKey, did: didKeyOf(publicKeyOf(privateKey)), claimId, amountCents, security, votingClass };
  if (confirmedCents !== undefined) c.review = { confirmedCents, disputedCents: (BigInt(amountCents) - BigInt(confirmedCents)).toString() };
  return c;
}

/** The demo's case: a creditors' meeting votes on the administrator's plan for managing the debtor's property (art. 61(8), art. 64). */
export const DEMO_BANKRUPTCY = {
  caseId: '(2026)京01破1号',
  debtor: '91110108MA01B2C3D4',
  debtorNameZh: '北京示例机械制造有限公司',
  court: DEMO_COURT_DID,
  administrator: DEMO_ADMINISTRATOR_DID,
  acceptedAtMs: Date.UTC(2026, 0, 5, 2, 0, 0),
  meetingId: '第一次债权人会议',
  motionZh: '关于通过《债务人财产管理方案》的决议（企业破产法第六十一条第一款第八项）',
  /** The voting window: opened after the claims were reviewed, open through the demo's lifetime. */
  opensAtMs: Date.UTC(2026, 2, 1, 1, 0, 0),
  closesAtMs: Date.UTC(2036, 11, 31, 15, 59, 59),
  creditors: [
    creditor('bank', '示例银行北京分行', 'Example Bank, Beijing branch', 'C001', '500000000', 'secured', 'secured', '500000000'),
    creditor('steel', '华北钢材供应有限公司', 'North China Steel Supply', 'C002', '200000000', 'unsecured', 'ordinary', '200000000'),
    creditor('parts', '京津零部件有限公司', 'Jing-Jin Parts', 'C003', '120000000', 'unsecured', 'ordinary', '80000000'),
    creditor('staff', '职工债权代表', "Employees' representative", 'C004', '60000000', 'unsecured', 'employee', '60000000'),
    creditor('tax', '国家税务总局北京市海淀区税务局', 'Haidian tax bureau', 'C005', '40000000', 'unsecured', 'tax', '40000000'),
    creditor(
      'lessor',
      '北方设备租赁有限公司',
      'Northern Equipment Leasing',
      'C006',
      '100000000',
      'secured_waived',
      'ordinary',
      '100000000',
    ),
    creditor('logistics', '顺达物流有限公司', 'Shunda Logistics', 'C007', '30000000', 'unsecured', 'ordinary'),
  ] as readonly DemoCreditor[],
} as const;

/** SHA-256 (hex) of the demo motion's text: what the creditors' ballots sign. */
export const DEMO_MOTION_HASH = toHex(sha256(utf8(DEMO_BANKRUPTCY.motionZh)));

class Sink {
  readonly txs: Tx[] = [];
  push(type: string, sender: string, body: object): void {
    this.txs.push({ type, sender, id: `seed:${BANKRUPTCY_CHAIN_ID}:${this.txs.length}`, body: encodeCanonical(body, type) });
  }
}

function claimBody(caseId: string, c: Omit<DemoCreditor, 'nameZh' | 'name' | 'review'>, filedAtMs: number): object {
  const filing: ClaimFiling = {
    caseId,
    claimId: c.claimId,
    creditor: c.did,
    amountCents: c.amountCents,
    security: c.security,
    votingClass: c.votingClass,
    filedAtMs,
  };
  return {
    type: 'bankruptcy_claim',
    schema: 1,
    ...filing,
    signature: signAsCreditor(claimSigningBytes(BANKRUPTCY_CHAIN_ID, filing), c.privateKey),
  };
}

function openCase(
  s: Sink,
  caseId: string,
  debtor: string,
  court: string,
  administrator: string,
  acceptedAtMs: number,
  status: string,
): void {
  s.push(BankruptcyTx.CaseOpen, court, { type: 'bankruptcy_case', schema: 1, caseId, debtor, court, administrator, status, acceptedAtMs });
}

function review(
  s: Sink,
  administrator: string,
  caseId: string,
  claimId: string,
  r: { confirmedCents: string; disputedCents: string },
): void {
  s.push(BankruptcyTx.ClaimReview, administrator, { type: 'claim_review', schema: 1, caseId, claimId, ...r });
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const COURTS = [DEMO_COURT_DID, 'did:alliance:court-sh-01', 'did:alliance:court-gz-01', 'did:alliance:court-sz-01'] as const;
const CITY_ABBR = ['京01', '沪03', '粤01', '粤03'] as const;

/** Seed txs of the bankruptcy chain: the demo case, then about `records` claims in generated cases. */
export function seedBankruptcy(rng: Prng, records: number, seed: string): Tx[] {
  const s = new Sink();
  const d = DEMO_BANKRUPTCY;
  openCase(s, d.caseId, d.debtor, d.court, d.administrator, d.acceptedAtMs, 'accepted');
  for (const [i, c] of d.creditors.entries())
    s.push(BankruptcyTx.ClaimFile, c.did, claimBody(d.caseId, c, d.acceptedAtMs + (i + 1) * 86_400_000));
  for (const c of d.creditors) if (c.review) review(s, d.administrator, d.caseId, c.claimId, c.review);
  s.push(BankruptcyTx.MeetingOpen, d.administrator, {
    type: 'meeting_open',
    schema: 1,
    caseId: d.caseId,
    meetingId: d.meetingId,
    kind: 'resolution',
    motionHash: DEMO_MOTION_HASH,
    opensAtMs: d.opensAtMs,
    closesAtMs: d.closesAtMs,
  });
  // Generated cases: 3 to 8 claims each, reviewed (a tenth partly disputed).
  let claims = 0;
  for (let k = 0; claims < records; k++) {
    const ci = rng.int(COURTS.length);
    const year = 2019 + rng.int(7);
    const caseId = `(${year})${CITY_ABBR[ci]}破${k + 2}号`;
    const debtor = `9111${Array.from({ length: 14 }, () => USCC_CHARS[rng.int(USCC_CHARS.length)]).join('')}`;
    const acceptedAtMs = Date.UTC(year, rng.int(12), 1 + rng.int(28));
    openCase(s, caseId, debtor, COURTS[ci]!, DEMO_ADMINISTRATOR_DID, acceptedAtMs, rng.pick(['accepted', 'reorganisation', 'liquidation']));
    const n = Math.min(3 + rng.int(6), Math.max(1, records - claims));
    for (let j = 0; j < n; j++) {
      const privateKey = creditorKey(`${seed}/${k}/${j}`);
      const roll = rng.int(10);
      const security: Security = roll === 0 ? 'secured' : roll === 1 ? 'secured_waived' : 'unsecured';
      const votingClass: VotingClass =
        security === 'secured' ? 'secured' : rng.pick(['ordinary', 'ordinary', 'ordinary', 'employee', 'tax']);
      const amountCents = String(100_000 + rng.int(2_000_000_000));
      const claimId = `C${String(j + 1).padStart(3, '0')}`;
      const c = { did: didKeyOf(publicKeyOf(privateKey)), privateKey, claimId, amountCents, security, votingClass };
      s.push(BankruptcyTx.ClaimFile, c.did, claimBody(caseId, c, acceptedAtMs + (j + 1) * 86_400_000));
      const disputed = rng.chance(0.1) ? BigInt(amountCents) / 4n : 0n;
      review(s, DEMO_ADMINISTRATOR_DID, caseId, claimId, {
        confirmedCents: (BigInt(amountCents) - disputed).toString(),
        disputedCents: disputed.toString(),
      });
      claims++;
    }
  }
  return s.txs;
}
