/**
 * Data ownership and trading records (数据权属与交易; opinions on blockchain in the judicial field,
 * art. 23: data-asset registration and transaction records kept on a chain, queried with proof as
 * evidence in disputes). A data asset is registered by its owner with the sha256 of the dataset and
 * the licence terms it is offered on; every trade is a licence granted within those terms (by the
 * owner, or as a sublicence by a licensee allowed to sublicense). A court may preserve (保全: freeze)
 * an asset, after which no trade of it is accepted until the court releases it.
 *
 * Owners and parties are an enterprise's unified social credit code (USCC, GB 32100) or a person's
 * keyed hash (src/privacy/keyed-hash.ts): never a name or an ID number in clear.
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { type Fields, invalidRecord, stringItem } from '../sdk/record.js';
import { codes, COURT_ACTION_LABELS, label, type RecordLayout } from '../sdk/record-layout.js';
import type { CanonicalValue } from '../../src/encoding/canonical-json.js';

export const DATA_CHAIN_ID = 'data';

/** Asset and trade ids as the exchange issues them (no `/`: they are state-key segments). */
export const DATA_ID_PATTERN = /^[0-9A-Za-z-]{4,64}$/;
/** A party: an enterprise's USCC (18 characters of GB 32100's alphabet) or a person's keyed hash (64 hex). */
export const PARTY_PATTERN = /^(?:[0-9A-HJ-NPQRTUWXY]{18}|[0-9a-f]{64})$/;
/** A territory: an ISO 3166-1 country (`CN`) or a subdivision of it (`CN-BJ`); a country covers its subdivisions. */
export const TERRITORY_PATTERN = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;

export type DataCategory = 'industrial' | 'commercial' | 'financial' | 'transport' | 'healthcare' | 'geospatial' | 'scientific' | 'public';
export const DATA_CATEGORIES: readonly DataCategory[] = [
  'industrial',
  'commercial',
  'financial',
  'transport',
  'healthcare',
  'geospatial',
  'scientific',
  'public',
];

/** The uses a licence may grant. */
export type LicenceScope = 'internal_use' | 'research' | 'product_development' | 'commercial_analytics' | 'model_training';
export const LICENCE_SCOPES: readonly LicenceScope[] = [
  'internal_use',
  'research',
  'product_development',
  'commercial_analytics',
  'model_training',
];

export type Exclusivity = 'exclusive' | 'non_exclusive';
export const EXCLUSIVITIES: readonly Exclusivity[] = ['exclusive', 'non_exclusive'];
export type Sublicensing = 'allowed' | 'not_allowed';
export const SUBLICENSING: readonly Sublicensing[] = ['allowed', 'not_allowed'];

/** What a licence grants: uses, exclusivity, territory, period [fromMs, untilMs), whether its holder may sublicense. */
export interface Licence {
  scope: LicenceScope[];
  exclusivity: Exclusivity;
  territory: string[];
  fromMs: number;
  untilMs: number;
  sublicensing: Sublicensing;
}

/** The terms an asset is offered on: the widest licence its owner grants, and its price. */
export interface LicenceTerms extends Licence {
  /** The least a licence granted by the owner costs. */
  priceCents: string;
}

/** A court's preservation of an asset (保全). */
export interface Preservation {
  orderId: string;
  caseId: string;
  court: string;
  sinceMs: number;
}

/** `asset/<assetId>`. */
export interface DataAsset {
  type: 'data_asset';
  schema: 1;
  assetId: string;
  /** USCC or keyed hash (index `owner`). */
  owner: string;
  /** Hex sha256 of the dataset as delivered. */
  contentHash: string;
  title: string;
  category: DataCategory;
  terms: LicenceTerms;
  registeredAtMs: number;
  /** The trades of this asset, oldest first: the asset's record proves the list whole. */
  tradeIds: string[];
  /** Set while a court preserves the asset: no trade is accepted. */
  frozen?: Preservation;
}

/** `trade/<tradeId>`. */
export interface DataTrade {
  type: 'data_trade';
  schema: 1;
  tradeId: string;
  assetId: string;
  /** The owner, or a licensee sublicensing (then `parentTradeId` is its licence). */
  seller: string;
  buyer: string;
  licence: Licence;
  priceCents: string;
  parentTradeId?: string;
  atMs: number;
}

/** Codes listed once each, at least one. */
function codeList<T extends string>(f: Fields, name: string, values: readonly T[]): T[] {
  const list = f.array(
    name,
    (v: CanonicalValue, path: string) => {
      if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
        throw invalidRecord(path, `expected one of ${values.join(', ')}`);
      return v as T;
    },
    { min: 1, max: values.length },
  );
  if (new Set(list).size !== list.length) throw invalidRecord(`${f.path}.${name}`, 'a code is listed twice');
  return list;
}

function readTerritory(f: Fields): string[] {
  const list = f.array('territory', stringItem({ max: 6, pattern: TERRITORY_PATTERN }), { min: 1, max: 50 });
  if (new Set(list).size !== list.length) throw invalidRecord(`${f.path}.territory`, 'a territory is listed twice');
  return list;
}

export function readLicence(f: Fields): Licence {
  const l: Licence = {
    scope: codeList(f, 'scope', LICENCE_SCOPES),
    exclusivity: f.oneOf('exclusivity', EXCLUSIVITIES),
    territory: readTerritory(f),
    fromMs: f.int('fromMs'),
    untilMs: f.int('untilMs'),
    sublicensing: f.oneOf('sublicensing', SUBLICENSING),
  };
  if (l.untilMs <= l.fromMs) throw invalidRecord(`${f.path}.untilMs`, 'a licence period ends after it starts');
  return l;
}

export function readTerms(f: Fields): LicenceTerms {
  return { ...readLicence(f), priceCents: f.cents('priceCents') };
}

const readPreservation = (f: Fields): Preservation => ({
  orderId: f.id('orderId'),
  caseId: f.id('caseId'),
  court: f.did('court'),
  sinceMs: f.int('sinceMs'),
});

/** The fields an owner registers (the body of `data.asset.register` has these alone). */
function readAssetFields(f: Fields) {
  return {
    assetId: f.str('assetId', { pattern: DATA_ID_PATTERN }),
    owner: f.str('owner', { pattern: PARTY_PATTERN, max: 64 }),
    contentHash: f.hex32('contentHash'),
    title: f.str('title', { max: 200 }),
    category: f.oneOf('category', DATA_CATEGORIES),
    terms: f.nested('terms', readTerms),
  };
}

export function readAsset(f: Fields): DataAsset {
  const a: DataAsset = {
    type: 'data_asset',
    schema: 1,
    ...readAssetFields(f),
    registeredAtMs: f.int('registeredAtMs'),
    tradeIds: f.array('tradeIds', stringItem({ max: 64, pattern: DATA_ID_PATTERN }), { max: 10_000 }),
  };
  return f.has('frozen') ? { ...a, frozen: f.nested('frozen', readPreservation) } : a;
}

/** Body of `data.asset.register`: the contract adds `registeredAtMs`, `tradeIds`. */
export interface AssetRegisterBody extends Omit<DataAsset, 'type' | 'registeredAtMs' | 'tradeIds' | 'frozen'> {
  type: 'data_asset_register';
}

export function readAssetRegister(f: Fields): AssetRegisterBody {
  return { type: 'data_asset_register', schema: 1, ...readAssetFields(f) };
}

/** The fields a trade states (the body of `data.trade` has these alone; the contract adds `atMs`). */
function readTradeFields(f: Fields) {
  const t = {
    tradeId: f.str('tradeId', { pattern: DATA_ID_PATTERN }),
    assetId: f.str('assetId', { pattern: DATA_ID_PATTERN }),
    seller: f.str('seller', { pattern: PARTY_PATTERN, max: 64 }),
    buyer: f.str('buyer', { pattern: PARTY_PATTERN, max: 64 }),
    licence: f.nested('licence', readLicence),
    priceCents: f.cents('priceCents'),
  };
  if (t.buyer === t.seller) throw invalidRecord(`${f.path}.buyer`, 'a party does not trade with itself');
  return f.has('parentTradeId') ? { ...t, parentTradeId: f.str('parentTradeId', { pattern: DATA_ID_PATTERN }) } : t;
}

export function readTrade(f: Fields): DataTrade {
  return { type: 'data_trade', schema: 1, ...readTradeFields(f), atMs: f.int('atMs') };
}

/** Body of `data.trade`. */
export interface TradeBody extends Omit<DataTrade, 'type' | 'atMs'> {
  type: 'data_trade_request';
}

export function readTradeBody(f: Fields): TradeBody {
  return { type: 'data_trade_request', schema: 1, ...readTradeFields(f) };
}

export const DataTx = {
  /** Body: `AssetRegisterBody`. */
  Register: 'data.asset.register',
  /** Body: `TradeBody`. */
  Trade: 'data.trade',
  Freeze: 'data.freeze',
  Release: 'data.release',
} as const;

export const DATA_RECORD_TYPES: readonly RecordTypeSpec[] = [
  {
    name: 'asset',
    keyPrefix: 'asset/',
    description:
      'Data asset: owner (USCC or hash), sha256 of the dataset, title, category, licence terms, its trades, a court preservation',
    indexes: ['owner'],
  },
  {
    name: 'trade',
    keyPrefix: 'trade/',
    description: 'Data trade: asset, seller, buyer, the licence granted (scope, exclusivity, territory, period, sublicensing), price, time',
    indexes: ['asset', 'party'],
  },
];

export const DATA_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'freeze',
    txType: DataTx.Freeze,
    amount: 'none',
    targetRecordType: 'asset',
    description: 'Preserve (保全) the asset: no trade of it is accepted until released; refused when already preserved (already_frozen)',
  },
  {
    kind: 'release',
    txType: DataTx.Release,
    amount: 'none',
    targetRecordType: 'asset',
    description: "Lift this case's preservation (解除保全); refused when the case holds none (not_frozen)",
  },
];

const LICENCE_LABELS = {
  scope: label('许可用途', 'Scope', 'code', {
    values: codes({
      internal_use: ['内部使用', 'internal use'],
      research: ['科学研究', 'research'],
      product_development: ['产品开发', 'product development'],
      commercial_analytics: ['商业分析', 'commercial analytics'],
      model_training: ['模型训练', 'model training'],
    }),
  }),
  exclusivity: label('许可类型', 'Exclusivity', 'code', {
    values: codes({ exclusive: ['独占许可', 'exclusive'], non_exclusive: ['普通许可', 'non-exclusive'] }),
  }),
  territory: label('地域范围', 'Territory'),
  fromMs: label('许可起始', 'From', 'time'),
  untilMs: label('许可截止', 'Until', 'time'),
  sublicensing: label('转许可', 'Sublicensing', 'code', {
    values: codes({ allowed: ['允许', 'allowed'], not_allowed: ['不允许', 'not allowed'] }),
  }),
} as const;

/** How a person reads data records (src/verify/proven-record.ts): zh-CN labels, English kept. */
export const DATA_RECORD_LAYOUTS: readonly RecordLayout[] = [
  {
    recordType: 'asset',
    valueType: 'data_asset',
    schema: 1,
    label: { zh: '数据资产登记', en: 'Data asset registration' },
    read: readAsset,
    fields: {
      assetId: label('登记编号', 'Asset id', 'id'),
      owner: label('权利人', 'Owner', 'id'),
      contentHash: label('数据内容哈希', 'Content hash (sha256)', 'hash'),
      title: label('数据名称', 'Title'),
      category: label('数据类别', 'Category', 'code', {
        values: codes({
          industrial: ['工业数据', 'industrial'],
          commercial: ['商业数据', 'commercial'],
          financial: ['金融数据', 'financial'],
          transport: ['交通数据', 'transport'],
          healthcare: ['医疗健康数据', 'healthcare'],
          geospatial: ['地理空间数据', 'geospatial'],
          scientific: ['科学数据', 'scientific'],
          public: ['公共数据', 'public'],
        }),
      }),
      terms: label('许可条件', 'Licence terms', 'group', {
        fields: { ...LICENCE_LABELS, priceCents: label('许可价格', 'Price', 'money') },
      }),
      registeredAtMs: label('登记时间', 'Registered at', 'time'),
      tradeIds: label('交易记录', 'Trades', 'id'),
      frozen: label('保全', 'Preservation', 'group', {
        fields: { ...COURT_ACTION_LABELS, sinceMs: label('保全时间', 'Since', 'time') },
      }),
    },
  },
  {
    recordType: 'trade',
    valueType: 'data_trade',
    schema: 1,
    label: { zh: '数据交易记录', en: 'Data trade' },
    read: readTrade,
    fields: {
      tradeId: label('交易编号', 'Trade id', 'id'),
      assetId: label('数据资产', 'Asset id', 'id'),
      seller: label('许可方', 'Seller', 'id'),
      buyer: label('被许可方', 'Buyer', 'id'),
      licence: label('授予的许可', 'Licence granted', 'group', { fields: LICENCE_LABELS }),
      priceCents: label('成交价格', 'Price', 'money'),
      parentTradeId: label('上级许可', 'Sublicensed under', 'id'),
      atMs: label('交易时间', 'Traded at', 'time'),
    },
  },
];
