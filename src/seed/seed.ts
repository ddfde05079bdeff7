/**
 * The deterministic seed-data generator: thousands of plausible records per chain for
 * the demo, tests and benchmarks, always including the fixed demo cast (demo-cast.ts). The same
 * `seed`, `records` and `salt` give the same txs byte for byte, hence the same state root.
 * Personal identifiers are generated (valid GB 11643 ID numbers) and only their keyed hashes
 * leave this module.
 */
import type { DevLedger, TxReceipt } from '../chain/ledger/ledger.js';
import type { Tx } from '../chain/ledger/transaction.js';
import { sha256 } from '../crypto/hash.js';
import { encodeCanonical } from '../encoding/canonical-json.js';
import { fromHex, toBase64url, toHex, utf8 } from '../encoding/bytes.js';
import { publicKeyOf } from '../crypto/secp256k1.js';
import { didKeyKid, didKeyOf } from '../identity/did-key.js';
import { createSigner, type Signer } from '../identity/signer.js';
import { encodeAnchorBatch } from '../judicial/anchor-batch.js';
import { signEvidenceBatch, type EvidenceItem } from '../workflows/evidence.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { personalIdHash } from '../privacy/keyed-hash.js';
import { DEMO_COURT_DID, DEMO_REGISTERED_AT_MS, DEMO_SALT, demoCast } from './demo-cast.js';
import { seedMarket } from './market-seed.js';
import { Prng } from './prng.js';
import { seedMobile } from './mobile-seed.js';
import { seedBankruptcy } from './bankruptcy-seed.js';
import { seedCollab } from './collab-seed.js';
import { seedData } from './data-seed.js';
import {
  BANKS,
  BRAND_WORDS,
  CASE_CAUSES,
  CITIES,
  EQUIPMENT,
  GIVEN,
  LAW_FIRMS,
  PATENT_TOPICS,
  PRACTICE_AREAS,
  SOFTWARE_SUBJECTS,
  SURNAMES,
  VEHICLES,
} from './vocabulary.js';

/** Chains the generator knows: the alliance's domain chains and the tutorial's lawyer registry. */
export const SEED_CHAINS = [
  'judicial',
  'ip',
  'property',
  'credit',
  'finance',
  'lawyer',
  'market',
  'mobile',
  'bankruptcy',
  'collab',
  'data',
] as const;
export type SeedChainId = (typeof SEED_CHAINS)[number];

export interface SeedOptions {
  /** About this many records besides the demo cast. */
  records: number;
  /** Any string; the same seed gives the same data. */
  seed: string;
  /** Alliance salt for personal hashes (default `DEMO_SALT`). */
  salt?: Uint8Array;
}

/** Courts that appear in seed data (the demo court first). */
export const SEED_COURTS = [
  DEMO_COURT_DID,
  'did:alliance:court-bj-02',
  'did:alliance:court-sh-01',
  'did:alliance:court-gz-01',
  'did:alliance:court-sz-01',
  'did:alliance:court-hz-01',
  'did:alliance:court-cd-01',
] as const;

const BASE_MS = 1_420_070_400_000; // 2015-01-01T00:00:00Z
const YEAR_MS = 31_536_000_000;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

interface Person {
  idHash: string;
  nameHash: string;
}

/** A valid 18-character resident ID number (GB 11643-1999 check character). */
function idNumber(rng: Prng): string {
  const c = rng.pick(CITIES);
  const birth = new Date(Date.UTC(rng.range(1950, 2003), rng.int(12), rng.range(1, 28)));
  const body = `${c.code}${pad(rng.range(1, 18), 2)}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${rng.digits(3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + ID_CHECK[sum % 11]!;
}

function persons(seed: string, n: number, salt: Uint8Array): Person[] {
  const rng = new Prng(`${seed}/persons`);
  return Array.from({ length: n }, () => ({
    idHash: personalIdHash(salt, 'id-card', idNumber(rng)),
    nameHash: personalIdHash(salt, 'name', rng.pick(SURNAMES) + rng.pick(GIVEN)),
  }));
}

/** Collects txs with sequential ids and refuses a key generated twice. */
class TxSink {
  readonly txs: Tx[] = [];
  private readonly keys = new Set<string>();
  constructor(
    private readonly chain: string,
    private readonly sender: string,
  ) {}
  claim(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }
  push(type: string, body: object): void {
    this.txs.push({ type, sender: this.sender, id: `seed:${this.chain}:${this.txs.length}`, body: encodeCanonical(body, type) });
  }
}

const timeIn = (rng: Prng, years = 9): number => BASE_MS + rng.int(years * 365) * 86_400_000 + rng.int(86_400) * 1000;
const yearOf = (ms: number): number => new Date(ms).getUTCFullYear();
/** Log-uniform amount in cents between 10^lo and 10^hi. */
const amount = (rng: Prng, lo: number, hi: number): string => String(Math.floor(10 ** (lo + (hi - lo) * (rng.nextU32() / 0x1_0000_0000))));

function seedFinance(rng: Prng, n: number, pool: Person[], salt: Uint8Array, seed: string): Tx[] {
  const s = new TxSink('finance', 'did:alliance:finance-registry');
  const cast = demoCast(salt);
  const open = (accountNo: string, holder: string, bank: string, kind: 'personal' | 'corporate', balanceCents: string) => {
    if (s.claim(`account/${accountNo}`))
      s.push('finance.account.open', { type: 'account_open', schema: 1, accountNo, holder, bank, kind, balanceCents });
  };
  for (const a of cast.debtor.accounts) open(a.accountNo, cast.debtor.idHash, a.bank, 'personal', a.balanceCents);
  open(cast.creditor.account.accountNo, cast.creditor.idHash, cast.creditor.account.bank, 'personal', cast.creditor.account.balanceCents);
  seedDemoCard(s, cast);
  // Approvals' rates from their own stream: the main stream draws what it always drew.
  const rates = new Prng(`${seed}/finance-approvals`);
  for (let i = 0; i < n; i++) {
    const bank = rng.pick(BANKS);
    const p = rng.pick(pool);
    if (rng.chance(0.75)) {
      open(`${bank.bin}${pad(i, 9)}${rng.digits(4)}`, p.idHash, bank.name, rng.chance(0.1) ? 'corporate' : 'personal', amount(rng, 2, 9));
    } else {
      const loanNo = `LN${pad(i, 10)}`;
      if (!s.claim(`loan/${loanNo}`)) continue;
      const principal = BigInt(amount(rng, 6, 9));
      const status = rng.chance(0.85) ? 'performing' : rng.chance(0.67) ? 'default' : 'settled';
      const outstanding = status === 'settled' ? 0n : (principal * BigInt(rng.range(5, 100))) / 100n;
      const startMs = timeIn(rng);
      const years = rng.range(1, 30);
      // Its approval precedes it (art. 24): the principal rounded up to 10,000 元, the term in whole years.
      const approvalNo = `AP${pad(i, 10)}`;
      s.push('finance.loan.approve', {
        type: 'loan_approval',
        schema: 1,
        approvalNo,
        applicant: p.idHash,
        lender: bank.name,
        amountCents: (((principal + 999_999n) / 1_000_000n) * 1_000_000n).toString(),
        termMonths: years * 12,
        rateBp: rates.range(300, 1500),
        decision: 'approved',
        decidedAtMs: startMs - rates.range(1, 30) * 86_400_000,
      });
      s.push('finance.loan.register', {
        type: 'loan',
        schema: 1,
        loanNo,
        borrower: p.idHash,
        lender: bank.name,
        principalCents: principal.toString(),
        outstandingCents: outstanding.toString(),
        status,
        startMs,
        maturityMs: startMs + years * YEAR_MS,
        approvalNo,
      });
    }
  }
  seedCards(s, new Prng(`${seed}/finance-cards`), Math.ceil(n / 10), pool);
  return s.txs;
}

/** The demo debtor's credit card: charged, partly repaid, in default 122 days past due. */
function seedDemoCard(s: TxSink, cast: ReturnType<typeof demoCast>): void {
  const c = cast.debtor.card;
  s.claim(c.key);
  const at = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);
  const card = { schema: 1, cardNo: c.cardNo };
  s.push('finance.card.approve', {
    ...card,
    type: 'card_approve',
    holder: cast.debtor.idHash,
    bank: c.bank,
    approvedAtMs: DEMO_REGISTERED_AT_MS,
    limitCents: c.limitCents,
  });
  s.push('finance.card.charge', { ...card, type: 'card_charge', amountCents: '1280000', atMs: at(2023, 1, 10) });
  s.push('finance.card.repay', { ...card, type: 'card_repay', amountCents: '300000', atMs: at(2023, 2, 1) });
  s.push('finance.card.default', { ...card, type: 'card_default', atMs: at(2023, 7, 1) });
}

/** About `n` credit cards of people of the pool: approved, charged within the limit, some repaid, a few in default. */
function seedCards(s: TxSink, rng: Prng, n: number, pool: Person[]): void {
  for (let i = 0; i < n; i++) {
    const bank = rng.pick(BANKS);
    const cardNo = `${bank.bin}${pad(i, 6)}${rng.digits(4)}`;
    if (!s.claim(`card/${cardNo}`)) continue;
    const card = { schema: 1, cardNo };
    const limit = BigInt(rng.range(1, 50)) * 1_000_000n;
    let atMs = timeIn(rng, 7);
    s.push('finance.card.approve', {
      ...card,
      type: 'card_approve',
      holder: rng.pick(pool).idHash,
      bank: bank.name,
      approvedAtMs: atMs,
      limitCents: limit.toString(),
    });
    atMs += rng.range(1, 300) * 86_400_000;
    const charged = (limit * BigInt(rng.range(1, 100))) / 100n;
    s.push('finance.card.charge', { ...card, type: 'card_charge', amountCents: charged.toString(), atMs });
    const dueAtMs = atMs + 50 * 86_400_000;
    if (rng.chance(0.6)) {
      const repaid = rng.chance(0.5) ? charged : (charged * BigInt(rng.range(1, 99))) / 100n;
      if (repaid > 0n)
        s.push('finance.card.repay', {
          ...card,
          type: 'card_repay',
          amountCents: repaid.toString(),
          atMs: atMs + rng.range(1, 50) * 86_400_000,
        });
      if (repaid === charged) continue;
    }
    if (rng.chance(0.25))
      s.push('finance.card.default', { ...card, type: 'card_default', atMs: dueAtMs + rng.range(30, 400) * 86_400_000 });
  }
}

function seedProperty(rng: Prng, n: number, pool: Person[], salt: Uint8Array): Tx[] {
  const s = new TxSink('property', 'did:alliance:property-registry');
  const cast = demoCast(salt);
  const apt = cast.debtor.apartment;
  s.claim(apt.key);
  s.push('property.register', {
    type: 'title',
    schema: 1,
    titleNo: apt.titleNo,
    kind: 'real_estate',
    owners: [{ owner: cast.debtor.idHash, shareBp: 10_000 }],
    description: apt.address,
    areaM2: apt.areaM2,
    valueEstimateCents: apt.valueEstimateCents,
    encumbrances: [],
    registeredAtMs: DEMO_REGISTERED_AT_MS,
  });
  for (let i = 0; i < n; i++) {
    const c = rng.pick(CITIES);
    const district = rng.pick(c.districts);
    const registeredAtMs = timeIn(rng);
    const roll = rng.int(100);
    const kind = roll < 80 ? 'real_estate' : roll < 95 ? 'vehicle' : 'equipment';
    const titleNo =
      kind === 'real_estate'
        ? `${c.abbr}(${yearOf(registeredAtMs)})${district}不动产权第${pad(i, 7)}号`
        : `${kind === 'vehicle' ? '机动车登记' : '动产登记'}${c.abbr}${pad(i, 10)}`;
    if (!s.claim(`title/${titleNo}`)) continue;
    const first = rng.pick(pool);
    const second = rng.pick(pool);
    const owners =
      kind === 'real_estate' && rng.chance(0.25) && second.idHash !== first.idHash
        ? [
            { owner: first.idHash, shareBp: 5000 },
            { owner: second.idHash, shareBp: 5000 },
          ]
        : [{ owner: first.idHash, shareBp: 10_000 }];
    const areaM2 = kind === 'real_estate' ? rng.range(35, 220) : 0;
    const value = kind === 'real_estate' ? BigInt(areaM2) * BigInt(rng.range(15_000, 120_000)) * 100n : BigInt(amount(rng, 6, 8));
    const description =
      kind === 'real_estate'
        ? `${c.city}${district}${rng.pick(c.streets)}${rng.range(1, 300)}号院${rng.range(1, 20)}号楼${rng.range(1, 6)}单元${rng.range(1, 33)}${pad(rng.range(1, 4), 2)}室`
        : kind === 'vehicle'
          ? `${rng.pick(VEHICLES)} ${c.abbr}${String.fromCharCode(65 + rng.int(20))}·${rng.digits(5)}`
          : `${rng.pick(EQUIPMENT)} 编号${rng.digits(8)}`;
    const encumbrances = rng.chance(0.4)
      ? [
          {
            kind: 'mortgage',
            holder: rng.pick(BANKS).name,
            amountCents: ((value * BigInt(rng.range(30, 70))) / 100n).toString(),
            registeredAtMs,
          },
        ]
      : [];
    s.push('property.register', {
      type: 'title',
      schema: 1,
      titleNo,
      kind,
      owners,
      description,
      areaM2,
      valueEstimateCents: value.toString(),
      encumbrances,
      registeredAtMs,
    });
  }
  return s.txs;
}

function seedIp(rng: Prng, n: number, pool: Person[], salt: Uint8Array): Tx[] {
  const s = new TxSink('ip', 'did:alliance:ip-registry');
  const cast = demoCast(salt);
  const tm = cast.debtor.trademark;
  s.claim(tm.key);
  s.push('ip.register', {
    type: 'trademark',
    schema: 1,
    regNo: tm.regNo,
    category: 'word',
    niceClasses: [...tm.niceClasses],
    owner: cast.debtor.idHash,
    title: tm.title,
    registeredAtMs: DEMO_REGISTERED_AT_MS,
    expiresAtMs: DEMO_REGISTERED_AT_MS + 10 * YEAR_MS,
    status: 'registered',
    transfers: [],
    enforcement: { status: 'clear' },
  });
  for (let i = 0; i < n; i++) {
    const registeredAtMs = timeIn(rng);
    const year = yearOf(registeredAtMs);
    const brand = rng.pick(BRAND_WORDS) + rng.pick(BRAND_WORDS);
    const roll = rng.int(100);
    const owner = rng.pick(pool).idHash;
    const status = rng.chance(0.9) ? 'registered' : 'expired';
    let body: Record<string, unknown>;
    if (roll < 40) {
      body = {
        type: 'trademark',
        regNo: pad(10_000_000 + i, 8),
        category: rng.pick(['word', 'figurative', 'combined']),
        niceClasses: [rng.range(1, 45)],
        title: brand,
        expiresAtMs: registeredAtMs + 10 * YEAR_MS,
      };
    } else if (roll < 75) {
      body = {
        type: 'copyright',
        regNo: `${year}SR${pad(i, 7)}`,
        category: rng.chance(0.8) ? 'software' : 'literary',
        niceClasses: [],
        title: `${brand}${rng.pick(SOFTWARE_SUBJECTS)}系统V${rng.range(1, 5)}.0`,
        expiresAtMs: 0,
      };
    } else {
      const category = rng.pick(['invention', 'utility_model', 'design'] as const);
      body = {
        type: 'patent',
        regNo: `ZL${year}${category === 'invention' ? 1 : category === 'utility_model' ? 2 : 3}${pad(i, 7)}.${rng.int(10)}`,
        category,
        niceClasses: [],
        title: `一种${rng.pick(PATENT_TOPICS)}${category === 'design' ? '外观' : rng.chance(0.5) ? '方法' : '装置'}`,
        expiresAtMs: registeredAtMs + (category === 'invention' ? 20 : category === 'design' ? 15 : 10) * YEAR_MS,
      };
    }
    if (!s.claim(`${body['type']}/${body['regNo']}`)) continue;
    s.push('ip.register', { ...body, schema: 1, owner, registeredAtMs, status, transfers: [], enforcement: { status: 'clear' } });
  }
  return s.txs;
}

const LISTING_REASONS = [
  'capable_but_refuses',
  'obstructs_enforcement',
  'false_litigation_or_evasion',
  'violates_property_report',
  'violates_consumption_restriction',
  'refuses_settlement',
] as const;

function seedCredit(rng: Prng, n: number, seed: string, salt: Uint8Array): Tx[] {
  const s = new TxSink('credit', 'did:alliance:credit-registry');
  const cast = demoCast(salt);
  // The demo debtor is never listed: claim the keys so no generated person can take them.
  s.claim(cast.debtor.dishonestKey);
  s.claim(cast.debtor.restrictionKey);
  const idRng = new Prng(`${seed}/credit-persons`);
  let listings: object[] = [];
  let restrictions: object[] = [];
  const flush = () => {
    if (listings.length + restrictions.length > 0) s.push('credit.import', { type: 'credit_import', schema: 1, listings, restrictions });
    listings = [];
    restrictions = [];
  };
  for (let i = 0; i < n; i++) {
    const person = personalIdHash(salt, 'id-card', idNumber(idRng));
    const court = rng.pick(SEED_COURTS);
    const sinceMs = timeIn(rng);
    const c = rng.pick(CITIES);
    const base = {
      schema: 1,
      person,
      court,
      caseId: `(${yearOf(sinceMs)})${c.abbr}${c.code}执${pad(i, 5)}号`,
      orderId: `seed-order-${i}`,
      sinceMs,
    };
    const listed = rng.chance(0.7);
    if (listed && s.claim(`dishonest/${person}`)) listings.push({ ...base, type: 'dishonest_listing', reason: rng.pick(LISTING_REASONS) });
    if ((!listed || rng.chance(0.6)) && s.claim(`restriction/${person}`))
      restrictions.push({
        ...base,
        type: 'consumption_restriction',
        scope: ['air_travel', 'soft_sleeper_and_first_class_rail', 'star_rated_hotels', 'luxury_vehicle_purchase'],
      });
    if (listings.length + restrictions.length >= 1000) flush();
  }
  flush();
  return s.txs;
}

let submitters: Signer[] | undefined;
/** Seed evidence submitters: did:key signers from fixed secrets (seed data only). */
function seedSubmitters(): Signer[] {
  submitters ??= [1, 2, 3].map((i) => {
    const did = didKeyOf(publicKeyOf(sha256(utf8(`courtbridge seed evidence submitter ${i}`))));
    return createSigner(did, didKeyKid(did), sha256(utf8(`courtbridge seed evidence submitter ${i}`)));
  });
  return submitters;
}

function seedJudicial(rng: Prng, n: number, pool: Person[]): Tx[] {
  const s = new TxSink('judicial', 'did:alliance:judicial-registry');
  const caseIds: string[] = [];
  let anchors: EvidenceItem[] = [];
  const flush = () => {
    // Each seed batch is signed by a seed submitter key (did:key), like a real court's batch.
    if (anchors.length > 0) {
      const batch = signEvidenceBatch(rng.pick(seedSubmitters()), anchors, DEMO_REGISTERED_AT_MS);
      s.push('anchor.put', { type: 'anchor_batch', schema: 2, batches: [toBase64url(encodeAnchorBatch(batch))] });
    }
    anchors = [];
  };
  for (let i = 0; i < n; i++) {
    if (caseIds.length === 0 || rng.chance(0.7)) {
      const c = rng.pick(CITIES);
      const kind = rng.pick(['civil', 'commercial', 'ip'] as const);
      const caseId = `(${yearOf(timeIn(rng))})${c.abbr}${c.code}民初${pad(i, 5)}号`;
      if (!s.claim(`case/${caseId}`)) continue;
      const plaintiff = rng.pick(pool).idHash;
      let defendant = rng.pick(pool).idHash;
      if (defendant === plaintiff) defendant = pool[(pool.findIndex((p) => p.idHash === plaintiff) + 1) % pool.length]!.idHash;
      const court = rng.pick(SEED_COURTS);
      s.push('case.file', {
        type: 'case_file',
        schema: 1,
        caseId,
        court,
        kind,
        cause: rng.pick(CASE_CAUSES),
        parties: [
          { role: 'plaintiff', party: plaintiff },
          { role: 'defendant', party: defendant },
        ],
      });
      if (rng.chance(0.3))
        s.push('case.status', { type: 'case_status', schema: 1, caseId, status: rng.pick(['judged', 'closed'] as const) });
      caseIds.push(caseId);
    } else {
      const hash = toHex(sha256(utf8(`courtbridge seed anchor ${i} ${rng.nextU32()}`)));
      if (!s.claim(`anchor/${hash}`)) continue;
      anchors.push({
        contentHash: fromHex(hash),
        metadata: [
          { name: 'case_id', value: rng.pick(caseIds) },
          { name: 'kind', value: rng.pick(['evidence', 'case_file', 'served_document'] as const) },
          {
            name: 'title',
            value: `${rng.pick(['聊天记录截图', '借条照片', '转账凭证', '合同扫描件', '庭审笔录', '起诉状', '判决书'])}-${i}`,
          },
        ],
      });
      if (anchors.length >= 1000) flush();
    }
  }
  flush();
  return s.txs;
}

function seedLawyer(rng: Prng, n: number, salt: Uint8Array): Tx[] {
  const s = new TxSink('lawyer', 'did:alliance:bar-association');
  const cast = demoCast(salt);
  const l = cast.lawyer;
  s.claim(l.key);
  s.push('lawyer.register', {
    type: 'lawyer',
    schema: 1,
    licenceNo: l.licenceNo,
    nameHash: l.nameHash,
    firm: l.firm,
    status: 'active',
    practiceAreas: [...l.practiceAreas],
    admittedAtMs: DEMO_REGISTERED_AT_MS,
    disciplinary: [],
  });
  for (let i = 0; i < n; i++) {
    const admittedAtMs = timeIn(rng);
    const licenceNo = `${rng.pick(CITIES).code}${yearOf(admittedAtMs)}${rng.int(10)}${pad(i, 7)}`.slice(0, 17).padEnd(17, '0');
    if (!s.claim(`lawyer/${licenceNo}`)) continue;
    const areas = [...new Set([rng.pick(PRACTICE_AREAS), rng.pick(PRACTICE_AREAS), rng.pick(PRACTICE_AREAS)])]
      .slice(0, rng.range(1, 3))
      .sort();
    s.push('lawyer.register', {
      type: 'lawyer',
      schema: 1,
      licenceNo,
      nameHash: personalIdHash(salt, 'name', rng.pick(SURNAMES) + rng.pick(GIVEN)),
      firm: rng.pick(LAW_FIRMS),
      status: 'active',
      practiceAreas: areas,
      admittedAtMs,
      disciplinary: [],
    });
  }
  return s.txs;
}

/**
 * The txs that seed `chainId` with about `records` records plus the demo cast, in order.
 * @example const txs = seedChain('finance', { records: 10_000, seed: 'demo' });
 */
export function seedChain(chainId: SeedChainId, opts: SeedOptions): Tx[] {
  if (!(SEED_CHAINS as readonly string[]).includes(chainId))
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'unknown_chain',
      `chainId: no seed for ${JSON.stringify(chainId)} (known: ${SEED_CHAINS.join(', ')})`,
    );
  if (!Number.isSafeInteger(opts.records) || opts.records < 0 || opts.records > 10_000_000)
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_argument', 'records: expected an integer 0..10,000,000');
  const salt = opts.salt ?? DEMO_SALT;
  const rng = new Prng(`${opts.seed}/${chainId}`);
  // One pool of people for every chain (same seed -> same people), so one person's assets
  // show up across property, finance and IP, as an investigation would find them.
  const pool = () => persons(opts.seed, Math.max(50, Math.ceil(opts.records / 2)), salt);
  switch (chainId) {
    case 'finance':
      return seedFinance(rng, opts.records, pool(), salt, opts.seed);
    case 'property':
      return seedProperty(rng, opts.records, pool(), salt);
    case 'ip':
      return seedIp(rng, opts.records, pool(), salt);
    case 'credit':
      return seedCredit(rng, opts.records, opts.seed, salt);
    case 'judicial':
      return seedJudicial(rng, opts.records, pool());
    case 'lawyer':
      return seedLawyer(rng, opts.records, salt);
    case 'market':
      return seedMarket(
        rng,
        opts.records,
        pool().map((p) => p.idHash),
        salt,
      );
    case 'mobile':
      return seedMobile(rng, opts.records, opts.seed, SEED_COURTS);
    case 'bankruptcy':
      return seedBankruptcy(rng, opts.records, opts.seed);
    case 'collab':
      return seedCollab(rng, opts.records);
    case 'data':
      return seedData(
        rng,
        opts.records,
        pool().map((p) => p.idHash),
        salt,
      );
  }
}

/** Seed txs for every chain, `scale` records each. */
export function seedAll(opts: { scale: number; seed?: string; salt?: Uint8Array }): Record<SeedChainId, Tx[]> {
  const out = {} as Record<SeedChainId, Tx[]>;
  for (const c of SEED_CHAINS)
    out[c] = seedChain(c, { records: opts.scale, seed: opts.seed ?? 'courtbridge-demo', ...(opts.salt ? { salt: opts.salt } : {}) });
  return out;
}

/**
 * Submit seed txs to a ledger, producing a block after every `perBlock` txs; resolves with the
 * receipts, or rejects with the first refusal (seed data must apply in full).
 */
export async function loadSeed(ledger: DevLedger, txs: readonly Tx[], perBlock = 5_000): Promise<TxReceipt[]> {
  const receipts: Promise<TxReceipt>[] = [];
  for (let i = 0; i < txs.length; i += perBlock) {
    for (const tx of txs.slice(i, i + perBlock)) receipts.push(ledger.submit(tx));
    ledger.produceBlock();
  }
  return Promise.all(receipts);
}
