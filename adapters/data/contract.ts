/**
 * Data ownership and trading contract (schema.ts). Rules, in the order they are checked (each
 * refusal names its reason):
 * - `data.asset.register` registers an asset once (`record_exists`); the ledger stamps its time.
 * - `data.trade` records a licence granted on an asset: a trade id once (`record_exists`), on an
 *   asset that exists (`unknown_record`) and is not preserved by a court (`asset_frozen`). The
 *   seller is the owner, or the buyer of an earlier trade of this asset named as `parentTradeId`
 *   (else `not_licensor`); a sublicence needs both the asset's terms and the seller's licence to
 *   allow sublicensing (`sublicence_not_allowed`). The licence lies within the asset's terms (from
 *   the owner, at least their price) or within the seller's licence (`licence_out_of_terms`). A
 *   licence overlapping another in use, territory and period, where either is exclusive, is
 *   `exclusive_conflict`, except against the licences it descends from (an exclusive licensee's
 *   own sublicences). The ledger stamps the trade's time; the asset lists the trade.
 * - `freeze` (a court's preservation, 保全) refuses an asset already preserved (`already_frozen`);
 *   `release` lifts only the same case's preservation (`not_frozen`).
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { ErrorCode } from '../../src/errors.js';
import { decodeActionTx } from '../sdk/definition.js';
import { invalidRecord, mustRecord, readRecord, readTyped, recordWrite, refuse } from '../sdk/record.js';
import { excessOver, excessOverTerms, overlaps } from './licence.js';
import {
  DATA_ACTIONS,
  DATA_CHAIN_ID,
  type DataAsset,
  type DataTrade,
  DataTx,
  readAsset,
  readAssetRegister,
  readTrade,
  readTradeBody,
  type TradeBody,
} from './schema.js';

const def = { chainId: DATA_CHAIN_ID, actions: DATA_ACTIONS };

export const assetKey = (assetId: string): string => `asset/${assetId}`;
export const tradeKey = (tradeId: string): string => `trade/${tradeId}`;

function writeAsset(a: DataAsset): StateWrite {
  return recordWrite(assetKey(a.assetId), a, [{ name: 'owner', value: a.owner }]);
}

function writeTrade(t: DataTrade): StateWrite {
  return recordWrite(tradeKey(t.tradeId), t, [
    { name: 'asset', value: t.assetId },
    { name: 'party', value: t.seller },
    { name: 'party', value: t.buyer },
  ]);
}

const loadTrade = (state: StateView, tradeId: string): DataTrade | undefined =>
  readRecord(state, tradeKey(tradeId), 'data_trade', 1, readTrade);

/**
 * The seller's standing: the owner's (bounded by the asset's terms), or a licensee's allowed to
 * sublicense (bounded by its licence). Returns the licences the new one descends from, nearest first.
 */
function sellerStanding(state: StateView, a: DataAsset, t: TradeBody): DataTrade[] {
  if (t.seller === a.owner) {
    if (t.parentTradeId !== undefined)
      throw invalidRecord('data.trade body.parentTradeId', 'the owner grants under the asset terms, not under a licence');
    const excess = excessOverTerms(t.licence, t.priceCents, a.terms);
    if (excess.length > 0) throw refuse('licence_out_of_terms', `asset ${a.assetId}: ${excess.join('; ')}`);
    return [];
  }
  const parent = t.parentTradeId === undefined ? undefined : loadTrade(state, t.parentTradeId);
  if (parent === undefined || parent.assetId !== a.assetId || parent.buyer !== t.seller)
    throw refuse(
      'not_licensor',
      `${t.seller} neither owns asset ${a.assetId} nor names a licence of it bought by itself${t.parentTradeId === undefined ? '' : ` (${t.parentTradeId})`}`,
    );
  if (a.terms.sublicensing !== 'allowed') throw refuse('sublicence_not_allowed', `asset ${a.assetId}: its terms allow no sublicence`);
  if (parent.licence.sublicensing !== 'allowed')
    throw refuse('sublicence_not_allowed', `licence ${parent.tradeId} does not allow its holder to sublicense`);
  const excess = excessOver(t.licence, parent.licence);
  if (excess.length > 0) throw refuse('licence_out_of_terms', `beyond licence ${parent.tradeId}: ${excess.join('; ')}`);
  const line = [parent];
  for (let p = parent; p.parentTradeId !== undefined; ) {
    const up = loadTrade(state, p.parentTradeId);
    if (up === undefined) break;
    line.push(up);
    p = up;
  }
  return line;
}

function trade(state: StateView, t: TradeBody, timeMs: number): StateWrite[] {
  if (state.get(tradeKey(t.tradeId)) !== undefined)
    throw refuse('record_exists', `trade ${t.tradeId} already exists`, ErrorCode.AlreadyExists);
  const a = mustRecord(state, assetKey(t.assetId), 'data_asset', 1, readAsset);
  if (a.frozen !== undefined)
    throw refuse(
      'asset_frozen',
      `asset ${a.assetId} is preserved by ${a.frozen.court} for case ${a.frozen.caseId}: no trade until released`,
    );
  const ancestors = new Set(sellerStanding(state, a, t).map((p) => p.tradeId));
  for (const id of a.tradeIds) {
    if (ancestors.has(id)) continue;
    const other = loadTrade(state, id);
    if (other === undefined) continue;
    const exclusive = other.licence.exclusivity === 'exclusive' || t.licence.exclusivity === 'exclusive';
    if (exclusive && overlaps(other.licence, t.licence))
      throw refuse(
        'exclusive_conflict',
        `asset ${a.assetId}: the licence overlaps ${other.licence.exclusivity === 'exclusive' ? 'exclusive ' : ''}licence ${other.tradeId} in use, territory and period`,
      );
  }
  const { type: _type, ...fields } = t;
  const record: DataTrade = { ...fields, type: 'data_trade', atMs: timeMs };
  return [writeTrade(record), writeAsset({ ...a, tradeIds: [...a.tradeIds, t.tradeId] })];
}

export const dataContract: ContractHandler = {
  types: [DataTx.Register, DataTx.Trade, DataTx.Freeze, DataTx.Release],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    if (tx.type === DataTx.Register) {
      const b = readTyped(tx.body, 'data.asset.register body', 'data_asset_register', 1, readAssetRegister);
      if (state.get(assetKey(b.assetId)) !== undefined)
        throw refuse('record_exists', `asset ${b.assetId} already exists`, ErrorCode.AlreadyExists);
      const { type: _type, ...fields } = b;
      return [writeAsset({ ...fields, type: 'data_asset', registeredAtMs: ctx.timeMs, tradeIds: [] })];
    }
    if (tx.type === DataTx.Trade)
      return trade(state, readTyped(tx.body, 'data.trade body', 'data_trade_request', 1, readTradeBody), ctx.timeMs);
    const action = decodeActionTx(def, tx);
    const a = mustRecord(state, assetKey(action.target), 'data_asset', 1, readAsset);
    if (action.kind === 'freeze') {
      if (a.frozen !== undefined) throw refuse('already_frozen', `asset ${a.assetId} is already preserved (case ${a.frozen.caseId})`);
      return [writeAsset({ ...a, frozen: { orderId: action.orderId, caseId: action.caseId, court: action.court, sinceMs: ctx.timeMs } })];
    }
    if (a.frozen === undefined || a.frozen.caseId !== action.caseId)
      throw refuse('not_frozen', `asset ${a.assetId} holds no preservation of case ${action.caseId}`);
    const { frozen: _frozen, ...released } = a;
    return [writeAsset(released)];
  },
};
