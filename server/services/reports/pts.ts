import type { Deps } from '../../deps.ts';
import type { Actor } from '../../auth/scope.ts';
import { sumTotals, type TotalsRow } from '../../../db/queries/period-totals.ts';
import { productsByCode } from '../../../db/queries/reports.ts';
import { monthBefore } from '../../domain/report-period.ts';
import { ptsFigures, type FlowSums, type PtsFigures } from '../../domain/pts.ts';
import type { Flow } from '../../domain/period-totals.ts';
import { totalRow, unitTotalRows, type ReportColumn, type ReportSheet, type Text } from '../../domain/report-sheet.ts';
import { PRODUCT_COLUMNS, TIER_LEVEL, col, productCells, reportContext, sheet, type ReportContext, type ReportParams } from './context.ts';

const byProduct = (rows: readonly TotalsRow[]) => {
  const map = new Map<number, Map<Flow, FlowSums>>();
  for (const r of rows) {
    let flows = map.get(r.productId);
    if (!flows) map.set(r.productId, (flows = new Map()));
    flows.set(r.flow as Flow, r);
  }
  return map;
};

/** Per product of a depot (own) or its subtree (tree): the 购调存 figures for the period. */
export function ptsByProduct(deps: Deps, ctx: ReportContext, scope: 'own' | 'tree'): Map<number, PtsFigures> {
  const before = byProduct(sumTotals(deps.db, ctx.depot.id, scope, null, monthBefore(ctx.period.from)));
  const during = byProduct(sumTotals(deps.db, ctx.depot.id, scope, ctx.period.from, ctx.period.to));
  const figures = new Map<number, PtsFigures>();
  for (const productId of new Set([...before.keys(), ...during.keys()])) {
    figures.set(productId, ptsFigures(before.get(productId) ?? new Map(), during.get(productId) ?? new Map()));
  }
  return figures;
}

const { qty, money } = col;
const OPENING: Text = { zh: '期初库存', en: 'Opening stock' };
const INCREASE: Text = { zh: '本期增加', en: 'Increase in the period' };
const DECREASE: Text = { zh: '本期减少', en: 'Decrease in the period' };
const CLOSING: Text = { zh: '期末库存', en: 'Closing stock' };

export const PTS_COLUMNS: ReportColumn[] = [
  ...PRODUCT_COLUMNS,
  qty('opening', '数量', 'Quantity', OPENING),
  money('openingValueFen', '金额(元)', 'Value (yuan)', OPENING),
  qty('purchased', '采购入库', 'Purchased', INCREASE),
  qty('transferredIn', '调入', 'Transferred in', INCREASE),
  qty('countGain', '盘盈', 'Count gain', INCREASE),
  qty('openingEntries', '建账', 'Opening entries', INCREASE),
  qty('increase', '小计', 'Subtotal', INCREASE),
  money('increaseValueFen', '金额(元)', 'Value (yuan)', INCREASE),
  qty('transferredOut', '调出', 'Transferred out', DECREASE),
  qty('dispensed', '发放', 'Dispensed', DECREASE),
  qty('writtenOff', '报废', 'Written off', DECREASE),
  qty('returnedToSupplier', '退回厂家', 'Returned to maker', DECREASE),
  qty('countLoss', '盘亏', 'Count loss', DECREASE),
  qty('decrease', '小计', 'Subtotal', DECREASE),
  money('decreaseValueFen', '金额(元)', 'Value (yuan)', DECREASE),
  qty('closing', '数量', 'Quantity', CLOSING),
  money('closingValueFen', '金额(元)', 'Value (yuan)', CLOSING),
  qty('inTransit', '期末在途', 'In transit at close'),
];

/** 县级统计表 / 县级汇总表, 地本级统计表 / 地级汇总表, 省本级统计表 / 省级汇总表 (S0:371, 499). */
export function ptsTitle(tier: string, scope: 'own' | 'summary'): Text {
  const level = TIER_LEVEL[tier] ?? { zh: '', en: '' };
  const upper = tier === 'region' || tier === 'city';
  if (scope === 'summary') return { zh: `${level.zh}级计划生育药具购调存数量汇总表`, en: `${level.en} purchase–transfer–stock summary (own level and all below)` };
  return { zh: `${level.zh}${upper ? '本' : ''}级计划生育药具购调存数量统计表`, en: `${level.en} purchase–transfer–stock statistics (own level)` };
}

/**
 * The purchase–transfer–stock report (购调存报表) of a depot for a period: own level (本级) from
 * its own stock card, or the summary (汇总) of it and every depot below. Read from the month
 * totals, so a year of a whole region is a few thousand rows.
 */
export function ptsReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const figures = ptsByProduct(deps, ctx, ctx.scope === 'summary' ? 'tree' : 'own');
  const rows = productsByCode(deps.db)
    .filter((p) => figures.has(p.id))
    .map((p) => ({ ...productCells(p), productId: p.id, ...figures.get(p.id)! }))
    .filter((r) => PTS_COLUMNS.some((c) => c.kind !== 'text' && r[c.key as keyof typeof r] !== 0));
  return sheet(ctx, 'pts', {
    title: ptsTitle(ctx.depot.tier, ctx.scope),
    columns: PTS_COLUMNS,
    rows,
    totals: totalRow(PTS_COLUMNS, rows, 'product'),
    unitTotals: unitTotalRows(PTS_COLUMNS, rows, 'product'),
    notes: [
      { zh: '数量按各药具计量单位，不同单位的数量不相加，按单位分列合计；金额为元，按批次实际进价计价。', en: 'Quantities in each product’s unit: quantities of different units are not added up but totalled per unit; values in yuan at each batch’s actual purchase price.' },
      { zh: '调入在签收时计入；已发出未签收的列为期末在途，不计入库存。库区之间的移库和检验不影响各栏。', en: 'Transfers in count when signed for; goods dispatched but not yet signed for are shown in transit, outside stock. Moves between zones and inspections change no column.' },
      ...(ctx.scope === 'summary'
        ? [{ zh: '汇总表为本级及所辖各级本级统计表之和，下级之间的调拨同时计入调出和调入。', en: 'The summary is the sum of the own-level sheets of this depot and every depot below; transfers between them count as both out and in.' }]
        : []),
    ],
  });
}
