import type { Deps } from '../../deps.ts';
import type { Actor } from '../../auth/scope.ts';
import { batchesByIds, depotMovementsForLedger, productsByCode } from '../../../db/queries/reports.ts';
import { flowOf, monthOf } from '../../domain/period-totals.ts';
import { INTERNAL_FLOWS } from '../../domain/pts.ts';
import { totalRow, unitTotalRows, type ReportColumn, type ReportSheet, type Text } from '../../domain/report-sheet.ts';
import { PRODUCT_COLUMNS, col, productCells, quantityAndValue, reportContext, sheet, type ReportParams } from './context.ts';
import { ptsByProduct } from './pts.ts';

/**
 * The valued ledgers finance keeps (药具总账和明细账, S0:404, 412): per product (总账) and per
 * batch (明细账), opening, receipts (借方), issues (贷方) and closing in quantity and value. Goods
 * in transit are outside both; moves between zones are not entries. The closing of a period
 * that ends today equals the stock on hand (账物相符).
 */

const OPENING: Text = { zh: '期初结存', en: 'Opening balance' };
const DEBIT: Text = { zh: '本期收入(借方)', en: 'Received (debit)' };
const CREDIT: Text = { zh: '本期发出(贷方)', en: 'Issued (credit)' };
const CLOSING: Text = { zh: '期末结存', en: 'Closing balance' };
const VALUE_COLUMNS = [...quantityAndValue('opening', OPENING), ...quantityAndValue('in', DEBIT), ...quantityAndValue('out', CREDIT), ...quantityAndValue('closing', CLOSING)];
const LEDGER_NOTES: Text[] = [
  { zh: '按批次实际进价计价调拨；在途药具不计入；库区之间移库不记账。数量按各药具计量单位，按单位分列合计。', en: 'Valued at each batch’s actual purchase price; goods in transit excluded; moves between zones are not entries. Quantities in each product’s unit, totalled per unit.' },
];
const FINANCE_SIGNATURES: Text[] = [
  { zh: '单位负责人', en: 'Head of unit' },
  { zh: '财务负责人', en: 'Head of finance' },
  { zh: '记账', en: 'Book-keeper' },
  { zh: '保管', en: 'Storekeeper' },
];

export function generalLedger(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, { ...params, scope: 'own' });
  const figures = ptsByProduct(deps, ctx, 'own');
  const columns = [...PRODUCT_COLUMNS, ...VALUE_COLUMNS];
  const rows = productsByCode(deps.db)
    .filter((p) => figures.has(p.id))
    .map((p) => {
      const f = figures.get(p.id)!;
      return {
        ...productCells(p),
        openingQty: f.opening,
        openingValueFen: f.openingValueFen,
        inQty: f.increase,
        inValueFen: f.increaseValueFen,
        outQty: f.decrease,
        outValueFen: f.decreaseValueFen,
        closingQty: f.closing,
        closingValueFen: f.closingValueFen,
      };
    })
    .filter((r) => r.openingQty !== 0 || r.inQty !== 0 || r.outQty !== 0 || r.closingQty !== 0);
  return sheet(ctx, 'general-ledger', {
    title: { zh: '计划生育药具总账', en: 'Contraceptive supplies general ledger' },
    columns,
    rows,
    totals: totalRow(columns, rows, 'product'),
    unitTotals: unitTotalRows(columns, rows, 'product'),
    notes: LEDGER_NOTES,
    signatures: FINANCE_SIGNATURES,
  });
}

/** 明细账: per batch of the depot, read from its own stock card. */
export function detailLedger(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, { ...params, scope: 'own' });
  const tz = deps.config.timeZone;
  interface Acc {
    openingQty: number;
    openingValueFen: number;
    inQty: number;
    inValueFen: number;
    outQty: number;
    outValueFen: number;
  }
  const acc = new Map<number, Acc>();
  for (const m of depotMovementsForLedger(deps.db, ctx.depot.id)) {
    const flow = flowOf(m.kind, m.location, m.reversedKind);
    if (flow === 'in_transit' || INTERNAL_FLOWS.includes(flow)) continue;
    const month = monthOf(m.postedAt, tz);
    if (month > ctx.period.to) continue;
    let a = acc.get(m.batchId);
    if (!a) acc.set(m.batchId, (a = { openingQty: 0, openingValueFen: 0, inQty: 0, inValueFen: 0, outQty: 0, outValueFen: 0 }));
    const value = m.quantity * m.unitPriceFen;
    if (month < ctx.period.from) {
      a.openingQty += m.quantity;
      a.openingValueFen += value;
    } else if (isIncrease(flow, m.quantity)) {
      a.inQty += m.quantity;
      a.inValueFen += value;
    } else {
      a.outQty -= m.quantity;
      a.outValueFen -= value;
    }
  }
  const batches = new Map(batchesByIds(deps.db, [...acc.keys()]).map((b) => [b.id, b]));
  const products = new Map(productsByCode(deps.db).map((p) => [p.id, p]));
  const columns: ReportColumn[] = [
    ...PRODUCT_COLUMNS,
    { key: 'lot', header: { zh: '批号', en: 'Lot' }, kind: 'text' },
    { key: 'expiresOn', header: { zh: '有效期至', en: 'Expiry' }, kind: 'text' },
    col.money('unitPriceFen', '单价(元)', 'Unit price (yuan)'),
    ...VALUE_COLUMNS,
  ];
  const rows = [...acc]
    .map(([batchId, a]) => ({ batch: batches.get(batchId)!, a }))
    .map(({ batch, a }) => ({
      ...productCells(products.get(batch.productId)!),
      lot: batch.lot,
      expiresOn: batch.expiresOn,
      unitPriceFen: batch.unitPriceFen,
      ...a,
      closingQty: a.openingQty + a.inQty - a.outQty,
      closingValueFen: a.openingValueFen + a.inValueFen - a.outValueFen,
    }))
    .filter((r) => r.openingQty !== 0 || r.inQty !== 0 || r.outQty !== 0 || r.closingQty !== 0)
    .sort((x, y) => (x.code as string).localeCompare(y.code as string) || x.expiresOn.localeCompare(y.expiresOn) || x.lot.localeCompare(y.lot));
  const noPrice = (total: Record<string, unknown>) => void (total.unitPriceFen = null);
  const totals = totalRow(columns, rows, 'product');
  noPrice(totals);
  return sheet(ctx, 'detail-ledger', {
    title: { zh: '计划生育药具明细账', en: 'Contraceptive supplies detail ledger (by batch)' },
    columns,
    rows,
    totals,
    unitTotals: unitTotalRows(columns, rows, 'product', noPrice),
    notes: LEDGER_NOTES,
    signatures: FINANCE_SIGNATURES,
  });
}

/**
 * Whether a movement is a receipt (借方) or an issue (贷方) in the ledgers: the same split as the
 * 购调存 columns, so that the two agree. A reversal of an issue is a negative issue, not a receipt.
 */
function isIncrease(flow: string, quantity: number): boolean {
  if (flow === 'count_adjustment') return quantity > 0;
  return flow === 'receipt' || flow === 'transfer_in' || flow === 'opening_balance';
}
