/**
 * Seed data of the market regulation chain (adapters/market): the demo cast's enterprise, stake and
 * movable, then generated enterprises with one to three shareholders (people by keyed hash, now
 * and then a holding company by USCC), some stakes pledged and some transferred, movables with
 * mortgages, financial leases and precious-metal warehouse receipts. Deterministic for a given rng.
 */
import type { Tx } from '../chain/ledger/transaction.js';
import { encodeCanonical } from '../encoding/canonical-json.js';
import { usccCheckChar } from '../../adapters/market/uscc.js';
import { DEMO_REGISTERED_AT_MS, demoCast } from './demo-cast.js';
import type { Prng } from './prng.js';
import { BANKS, BRAND_WORDS, CITIES, EQUIPMENT, VEHICLES } from './vocabulary.js';

const SENDER = 'did:alliance:market-registry';
/** GB 32100-2015's alphabet (no I, O, S, V, Z). */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const INDUSTRIES = ['餐饮管理', '科技', '贸易', '建筑工程', '物流', '文化传媒', '医疗器械', '新能源'] as const;
const WAREHOUSES = ['上海黄金交易所指定仓库（外高桥）', '深圳黄金交割库', '北京贵金属交割库', '上海期货交易所白银交割库'] as const;
const LESSORS = ['91310000MA1FL1AB28', '91110000MA00CD3E48', '91440300MA5GH6JK78'] as const;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function uscc(rng: Prng, code: string, i: number): string {
  const first17 = `91${code}00MA${pad(i, 6)}${USCC_CHARS[rng.int(USCC_CHARS.length)]!}`;
  return first17 + usccCheckChar(first17);
}

/** Split `total` cents into `parts` shares of 10,000 bp and matching contributions (the last takes the remainder). */
function split(rng: Prng, total: bigint, parts: number): { bp: number; cents: bigint }[] {
  const bps: number[] = [];
  let left = 10_000;
  for (let k = parts; k > 1; k--) {
    const bp = rng.range(1, left - (k - 1));
    bps.push(bp);
    left -= bp;
  }
  bps.push(left);
  let cents = total;
  return bps.map((bp, k) => {
    const c = k === bps.length - 1 ? cents : (total * BigInt(bp)) / 10_000n;
    cents -= c;
    return { bp, cents: c };
  });
}

/** The market chain's seed txs: the demo cast first, then about `n` generated records. */
export function seedMarket(rng: Prng, n: number, pool: readonly string[], salt: Uint8Array): Tx[] {
  const txs: Tx[] = [];
  const keys = new Set<string>();
  const push = (key: string, type: string, body: object): void => {
    if (keys.has(key)) return;
    keys.add(key);
    txs.push({ type, sender: SENDER, id: `seed:market:${txs.length}`, body: encodeCanonical(body, type) });
  };
  const cast = demoCast(salt);
  const eq = cast.debtor.equity;
  push(eq.enterpriseKey, 'market.enterprise.register', {
    type: 'enterprise_register',
    schema: 1,
    uscc: eq.uscc,
    name: eq.enterpriseName,
    legalRepresentativeHash: cast.debtor.idHash,
    registeredCapitalCents: eq.registeredCapitalCents,
    shareholders: [
      { holderKind: 'person', holder: cast.debtor.idHash, subscribedCents: eq.subscribedCents, shareBp: eq.shareBp },
      { holderKind: 'enterprise', holder: eq.coHolder.uscc, subscribedCents: eq.coHolder.subscribedCents, shareBp: eq.coHolder.shareBp },
    ],
  });
  const mv = cast.debtor.movable;
  push(mv.key, 'market.movable.register', {
    type: 'movable',
    schema: 1,
    regNo: mv.regNo,
    ownerKind: 'person',
    owner: cast.debtor.idHash,
    description: mv.description,
    valueCents: mv.valueCents,
    mortgages: [],
    seizures: [],
    registeredAtMs: DEMO_REGISTERED_AT_MS,
  });
  const demoHolders = new Set([cast.debtor.idHash]);
  const people = pool.filter((p) => !demoHolders.has(p));
  const enterprises: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = rng.pick(CITIES);
    const roll = rng.int(100);
    const registeredAtMs = DEMO_REGISTERED_AT_MS - rng.int(3000) * 86_400_000;
    if (roll < 40 || enterprises.length === 0) {
      const id = uscc(rng, c.code, i);
      const capital = BigInt(rng.range(10, 5000)) * 10_000_00n;
      const parts = rng.range(1, 3);
      const holders = new Set<string>();
      const shareholders = split(rng, capital, parts).flatMap(({ bp, cents }) => {
        const corporate = enterprises.length > 0 && rng.chance(0.15);
        const holder = corporate ? rng.pick(enterprises) : rng.pick(people);
        if (holders.has(holder)) return [];
        holders.add(holder);
        return [{ holderKind: corporate ? 'enterprise' : 'person', holder, subscribedCents: cents.toString(), shareBp: bp }];
      });
      // A holder picked twice: give the whole enterprise to the first one instead.
      const body =
        shareholders.length === parts ? shareholders : [{ ...shareholders[0]!, subscribedCents: capital.toString(), shareBp: 10_000 }];
      push(`enterprise/${id}`, 'market.enterprise.register', {
        type: 'enterprise_register',
        schema: 1,
        uscc: id,
        name: `${c.city}${rng.pick(BRAND_WORDS)}${rng.pick(BRAND_WORDS)}${rng.pick(INDUSTRIES)}有限公司`,
        legalRepresentativeHash: rng.pick(people),
        registeredCapitalCents: capital.toString(),
        shareholders: body,
      });
      enterprises.push(id);
      const first = body[0]!;
      if (rng.chance(0.25)) {
        push(`pledge/${id}`, 'market.equity.pledge', {
          type: 'equity_pledge',
          schema: 1,
          uscc: id,
          holder: first.holder,
          regNo: `ZY${c.code}${pad(i, 8)}`,
          pledgeeKind: 'enterprise',
          pledgee: rng.pick(LESSORS),
          amountCents: (BigInt(first.subscribedCents) / 2n).toString(),
        });
      } else if (rng.chance(0.2)) {
        const to = rng.pick(people);
        const bp = Math.floor(first.shareBp / 2);
        if (bp > 0 && !holders.has(to))
          push(`equity_change/${id}`, 'market.equity.transfer', {
            type: 'equity_transfer',
            schema: 1,
            uscc: id,
            changeNo: `BG${c.code}${pad(i, 8)}`,
            fromKind: first.holderKind,
            from: first.holder,
            toKind: 'person',
            to,
            amountCents: ((BigInt(first.subscribedCents) * BigInt(bp)) / BigInt(first.shareBp)).toString(),
            shareBp: bp,
          });
      }
    } else if (roll < 70) {
      const regNo = `DY${c.code}${pad(i, 10)}`;
      const value = BigInt(rng.range(5, 500)) * 10_000_00n;
      const corporate = rng.chance(0.3);
      push(`movable/${regNo}`, 'market.movable.register', {
        type: 'movable',
        schema: 1,
        regNo,
        ownerKind: corporate ? 'enterprise' : 'person',
        owner: corporate ? rng.pick(enterprises) : rng.pick(people),
        description: rng.chance(0.5) ? `${rng.pick(EQUIPMENT)} 编号${rng.digits(8)}` : `${rng.pick(VEHICLES)} ${c.abbr}${rng.digits(5)}`,
        valueCents: value.toString(),
        mortgages: rng.chance(0.5)
          ? [
              {
                mortgageNo: `DYQ${c.code}${pad(i, 8)}`,
                mortgagee: rng.pick(BANKS).name,
                amountCents: (value / 2n).toString(),
                registeredAtMs,
              },
            ]
          : [],
        seizures: [],
        registeredAtMs,
      });
    } else if (roll < 85) {
      const regNo = `ZL${c.code}${pad(i, 10)}`;
      const termStartMs = registeredAtMs;
      push(`financial_lease/${regNo}`, 'market.lease.register', {
        type: 'financial_lease',
        schema: 1,
        regNo,
        lessor: rng.pick(LESSORS),
        lesseeKind: 'enterprise',
        lessee: rng.pick(enterprises),
        leasedObject: rng.pick(EQUIPMENT),
        termStartMs,
        termEndMs: termStartMs + rng.range(1, 8) * 365 * 86_400_000,
        registeredAtMs,
      });
    } else {
      const receiptNo = `CD${c.code}${pad(i, 10)}`;
      const metal = rng.pick(['gold', 'silver', 'platinum'] as const);
      push(`warehouse_receipt/${receiptNo}`, 'market.receipt.register', {
        type: 'warehouse_receipt',
        schema: 1,
        receiptNo,
        holderKind: 'person',
        holder: rng.pick(people),
        metal,
        weightGrams: metal === 'silver' ? rng.range(1, 30) * 15_000 : rng.range(1, 12) * 1000,
        warehouse: rng.pick(WAREHOUSES),
        pledges: [],
        seizures: [],
        registeredAtMs,
      });
    }
  }
  return txs;
}
