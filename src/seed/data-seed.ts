/**
 * Seed data of the data-trading chain (adapters/data): data assets registered by enterprises
 * (USCCs with their GB 32100 check character) and by people (keyed hashes), and their trades:
 * licences within the terms, some exclusive, some sublicensed on. Deterministic from the PRNG;
 * always includes the fixed demo records (`dataDemoCast`).
 */
import type { Tx } from '../chain/ledger/transaction.js';
import { sha256 } from '../crypto/hash.js';
import { encodeCanonical } from '../encoding/canonical-json.js';
import { toHex, utf8 } from '../encoding/bytes.js';
import { DEMO_SALT, demoCast } from './demo-cast.js';
import type { Prng } from './prng.js';
import { BRAND_WORDS, CITIES } from './vocabulary.js';

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A USCC from its first 17 characters and the GB 32100-2015 check character. */
export function usccOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return first17 + USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

const YEAR_MS = 31_536_000_000;
const BASE_MS = 1_577_836_800_000; // 2020-01-01T00:00:00Z

/**
 * The fixed demo records: the demo debtor's dataset (张记小馆's footfall and sales), offered on
 * exclusive terms nationwide with sublicensing, and licensed once, non-exclusively in Beijing, to a
 * Beijing analytics company; and that company's own dataset.
 */
export function dataDemoCast(salt: Uint8Array = DEMO_SALT) {
  const debtor = demoCast(salt).debtor;
  const buyer = usccOf('91110105MA01BCD12');
  return {
    asset: {
      assetId: 'DA-2024-000001',
      key: 'asset/DA-2024-000001',
      owner: debtor.idHash,
      title: '张记小馆门店客流与销售数据集（2019-2024）',
      contentHash: toHex(sha256(utf8('courtbridge demo dataset: 张记小馆 footfall and sales 2019-2024'))),
      terms: {
        scope: ['research', 'commercial_analytics', 'model_training'],
        exclusivity: 'exclusive',
        territory: ['CN'],
        fromMs: Date.UTC(2024, 0, 1),
        untilMs: Date.UTC(2029, 0, 1),
        priceCents: '2000000',
        sublicensing: 'allowed',
      },
    },
    trade: {
      tradeId: 'DT-2024-000001',
      key: 'trade/DT-2024-000001',
      seller: debtor.idHash,
      buyer,
      licence: {
        scope: ['commercial_analytics'],
        exclusivity: 'non_exclusive',
        territory: ['CN-BJ'],
        fromMs: Date.UTC(2024, 2, 1),
        untilMs: Date.UTC(2026, 2, 1),
        sublicensing: 'not_allowed',
      },
      priceCents: '2500000',
    },
    /** The buyer's own dataset. */
    enterpriseAsset: { assetId: 'DA-2024-000002', key: 'asset/DA-2024-000002', owner: buyer },
  } as const;
}

const SCOPES = ['internal_use', 'research', 'product_development', 'commercial_analytics', 'model_training'] as const;
const CATEGORIES = ['industrial', 'commercial', 'financial', 'transport', 'healthcare', 'geospatial', 'scientific', 'public'] as const;
const SUBJECTS = ['门店客流', '设备运行', '物流轨迹', '交易流水', '气象观测', '道路通行', '能耗监测', '用户行为', '遥感影像', '病历统计'];
const REGIONS = ['CN-BJ', 'CN-SH', 'CN-GD', 'CN-ZJ', 'CN-SC', 'CN-JS'];

/** The txs of the data chain: the demo records, then about `n` assets and their trades. */
export function seedData(rng: Prng, n: number, people: readonly string[], salt: Uint8Array): Tx[] {
  const txs: Tx[] = [];
  const keys = new Set<string>();
  const push = (type: string, body: object): void => {
    txs.push({ type, sender: 'did:alliance:data-exchange', id: `seed:data:${txs.length}`, body: encodeCanonical(body, type) });
  };
  const cast = dataDemoCast(salt);
  const { key: assetKey, ...asset } = cast.asset;
  keys.add(assetKey);
  push('data.asset.register', { type: 'data_asset_register', schema: 1, ...asset, category: 'commercial' });
  const { key: tradeKey, ...trade } = cast.trade;
  keys.add(tradeKey);
  push('data.trade', { type: 'data_trade_request', schema: 1, ...trade, assetId: asset.assetId });
  const e = cast.enterpriseAsset;
  keys.add(e.key);
  push('data.asset.register', {
    type: 'data_asset_register',
    schema: 1,
    assetId: e.assetId,
    owner: e.owner,
    title: '北京市餐饮门店经营指数（月度）',
    contentHash: toHex(sha256(utf8('courtbridge demo dataset: Beijing restaurant index'))),
    category: 'commercial',
    terms: { ...asset.terms, exclusivity: 'non_exclusive', territory: ['CN'], sublicensing: 'not_allowed', priceCents: '500000' },
  });
  const enterprises = Array.from({ length: Math.max(10, Math.ceil(n / 4)) }, (_, i) =>
    usccOf(`91${rng.pick(CITIES).code}${String(rng.range(0, 99)).padStart(2, '0')}MA${String(i).padStart(5, '0')}${rng.digits(2)}`),
  );
  const party = (): string => (rng.chance(0.7) || people.length === 0 ? rng.pick(enterprises) : rng.pick(people));
  for (let i = 0; i < n; i++) {
    const assetId = `DA-${String(i).padStart(9, '0')}`;
    if (keys.has(`asset/${assetId}`)) continue;
    keys.add(`asset/${assetId}`);
    const owner = party();
    const scope = SCOPES.filter(() => rng.chance(0.6));
    if (scope.length === 0) scope.push(rng.pick(SCOPES));
    const fromMs = BASE_MS + rng.int(4 * 365) * 86_400_000;
    const terms = {
      scope,
      exclusivity: rng.chance(0.4) ? 'exclusive' : 'non_exclusive',
      territory: ['CN'],
      fromMs,
      untilMs: fromMs + rng.range(1, 5) * YEAR_MS,
      priceCents: String(rng.range(1, 500) * 10_000),
      sublicensing: rng.chance(0.5) ? 'allowed' : 'not_allowed',
    } as const;
    push('data.asset.register', {
      type: 'data_asset_register',
      schema: 1,
      assetId,
      owner,
      title: `${rng.pick(BRAND_WORDS)}${rng.pick(SUBJECTS)}数据集`,
      contentHash: toHex(sha256(utf8(`courtbridge seed dataset ${assetId} ${rng.nextU32()}`))),
      category: rng.pick(CATEGORIES),
      terms,
    });
    // The first licence may be exclusive in one use (the terms permitting); the others, non-exclusive,
    // keep clear of that use, so no seeded trade meets the exclusivity rule.
    const first = scope[0]!;
    const firstExclusive = terms.exclusivity === 'exclusive' && rng.chance(0.5);
    const trades = rng.int(4);
    for (let k = 0; k < trades; k++) {
      const tradeId = `DT-${String(i).padStart(9, '0')}-${k}`;
      const uses = k === 0 ? [first] : scope.filter((s) => s !== first || !firstExclusive).slice(0, rng.range(1, 2));
      if (uses.length === 0) break;
      let buyer = party();
      if (buyer === owner) buyer = enterprises[(enterprises.indexOf(buyer) + 1) % enterprises.length]!;
      if (buyer === owner) continue;
      const licence = {
        scope: uses,
        exclusivity: k === 0 && firstExclusive ? 'exclusive' : 'non_exclusive',
        territory: [rng.pick(REGIONS)],
        fromMs: terms.fromMs,
        untilMs: terms.fromMs + Math.floor((terms.untilMs - terms.fromMs) / 2),
        sublicensing: k === 0 && terms.sublicensing === 'allowed' ? 'allowed' : 'not_allowed',
      };
      const price = String(BigInt(terms.priceCents) + BigInt(rng.range(0, 100) * 10_000));
      push('data.trade', { type: 'data_trade_request', schema: 1, tradeId, assetId, seller: owner, buyer, licence, priceCents: price });
      // The first licensee sublicenses on, within its own licence.
      if (k === 0 && licence.sublicensing === 'allowed' && rng.chance(0.5)) {
        let sub = party();
        if (sub === buyer || sub === owner) sub = enterprises[(enterprises.indexOf(buyer) + 2) % enterprises.length]!;
        if (sub === buyer || sub === owner) continue;
        push('data.trade', {
          type: 'data_trade_request',
          schema: 1,
          tradeId: `${tradeId}-S`,
          assetId,
          seller: buyer,
          buyer: sub,
          licence: { ...licence, exclusivity: 'non_exclusive', sublicensing: 'not_allowed' },
          priceCents: String(rng.range(1, 100) * 10_000),
          parentTradeId: tradeId,
        });
      }
    }
  }
  return txs;
}
