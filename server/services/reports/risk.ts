import type { Deps } from '../../deps.ts';
import type { Actor } from '../../auth/scope.ts';
import { subtreeEnd } from '../../../db/queries/depots.ts';
import { sumTotalsByDepot } from '../../../db/queries/period-totals.ts';
import { productsByCode } from '../../../db/queries/reports.ts';
import { depotsUnder, disposedWriteOffs, stockByDepotAndExpiry, usableStockByDepot } from '../../../db/queries/risk-reports.ts';
import { firstUsableExpiry } from '../../domain/expiry.ts';
import { zonedTimeToUtc } from '../../domain/climate-csv.ts';
import { RISK_ORDER, expiryBucketsOf, expiryHorizons, lastFullMonths, monthsOfStock, round2, stockRisk, type StockRisk } from '../../domain/risk.ts';
import { totalRow, unitTotalRows, type Cell, type ReportColumn, type ReportSheet, type Text } from '../../domain/report-sheet.ts';
import type { ReportPeriod } from '../../domain/report-period.ts';
import { PRODUCT_COLUMNS, TIER_LEVEL, UNIT_COLUMN, col, productCells, quantityAndValue, reportContext, sheet, unitCells, type ReportContext, type ReportParams } from './context.ts';

/**
 * Risk reports (issue 10 item 4): stock expiring by depot, months of stock by depot and product,
 * write-offs by reason. The first two are as at today, whatever period is asked for.
 */

// ---- shared by the risk and indicator reports ----

/** The depot columns that open the by-depot reports (单位代码 / 单位名称 / 级别). */
export const DEPOT_COLUMNS: ReportColumn[] = [
  { key: 'depotCode', header: { zh: '单位代码', en: 'Code' }, kind: 'text' },
  { key: 'depot', header: { zh: '单位名称', en: 'Depot' }, kind: 'text' },
  { key: 'tier', header: { zh: '级别', en: 'Level' }, kind: 'text' },
];

export const depotCells = (d: { code: string; name: string; tier: string }) => ({
  depotCode: d.code,
  depot: d.name,
  tier: `${TIER_LEVEL[d.tier]?.zh ?? d.tier}级`,
  tierEn: TIER_LEVEL[d.tier]?.en ?? d.tier,
});

/** The period's bounds as instants in the depots' calendar: [first day of `from`, first day after `to`). */
export function periodInstants(period: { from: string; to: string }, timeZone: string): { from: number; to: number } {
  const [fy, fm] = period.from.split('-').map(Number) as [number, number];
  const [ty, tm] = period.to.split('-').map(Number) as [number, number];
  return { from: zonedTimeToUtc(fy, fm, 1, 0, 0, 0, timeZone), to: tm === 12 ? zonedTimeToUtc(ty + 1, 1, 1, 0, 0, 0, timeZone) : zonedTimeToUtc(ty, tm + 1, 1, 0, 0, 0, timeZone) };
}

export const isoBounds = (b: { from: number; to: number }) => ({ from: new Date(b.from).toISOString(), to: new Date(b.to).toISOString() });

/** A snapshot report: the sheet says "as at today" instead of the period asked for. */
function asAt(ctx: ReportContext, period: Partial<ReportPeriod> = {}, label?: Text): ReportContext {
  const month = ctx.today.slice(0, 7);
  return { ...ctx, period: { ...ctx.period, from: month, to: month, ...period, label: label ?? { zh: `截至${ctx.today}`, en: `As at ${ctx.today}` } } };
}

const pair = quantityAndValue;

/** Adds a quantity and a value to the `<prefix>Qty` / `<prefix>ValueFen` pair of a row. */
function add(row: Record<string, number>, prefix: string, quantity: number, valueFen: number) {
  row[`${prefix}Qty`] = (row[`${prefix}Qty`] ?? 0) + quantity;
  row[`${prefix}ValueFen`] = (row[`${prefix}ValueFen`] ?? 0) + valueFen;
}

/**
 * The figures of by-depot reports kept apart per depot and unit (quantities of different units
 * never add up): `get` makes a row's figures on first use, `rows` lays them out in the depots'
 * order, the largest unit of a depot first.
 */
function depotUnitFigures<F extends { quantityOrder: number }>(make: () => F) {
  type Entry = { unitZh: string; unitEn: Set<string>; f: F };
  const byDepot = new Map<number, Map<string, Entry>>();
  return {
    get(depotId: number, unitZh: string, unitEn: string): F {
      let units = byDepot.get(depotId);
      if (!units) byDepot.set(depotId, (units = new Map()));
      let entry = units.get(unitZh);
      if (!entry) units.set(unitZh, (entry = { unitZh, unitEn: new Set(), f: make() }));
      for (const name of unitEn.split(',')) entry.unitEn.add(name);
      return entry.f;
    },
    rows<R>(depots: readonly { id: number; code: string; name: string; tier: string }[], row: (f: F) => R) {
      return depots.flatMap((d) =>
        [...(byDepot.get(d.id)?.values() ?? [])]
          .sort((a, b) => b.f.quantityOrder - a.f.quantityOrder || a.unitZh.localeCompare(b.unitZh))
          .map((e) => ({ ...depotCells(d), ...unitCells({ unitZh: e.unitZh, unitEn: [...e.unitEn].join(',') }), ...row(e.f) })),
      );
    },
  };
}

const SNAPSHOT_NOTE: Text = { zh: '本表为时点数，不随所选统计期间变化。', en: 'A snapshot as at today: it does not change with the period chosen.' };

// ---- 1. expiring ----

const EXPIRY_GROUPS: Record<'stock' | 'expired' | 'within3' | 'within6' | 'within12', Text> = {
  stock: { zh: '库存合计', en: 'Stock on hand' },
  expired: { zh: '已过期', en: 'Expired' },
  within3: { zh: '3个月内', en: 'Within 3 months' },
  within6: { zh: '6个月内', en: 'Within 6 months' },
  within12: { zh: '12个月内', en: 'Within 12 months' },
};

const EXPIRING_COLUMNS: ReportColumn[] = [...DEPOT_COLUMNS, UNIT_COLUMN, ...Object.entries(EXPIRY_GROUPS).flatMap(([key, group]) => pair(key, group))];

/**
 * 近效期药具统计表: per depot of the subtree holding stock and unit, what is already expired and
 * what expires within 3, 6 and 12 months (cumulative), in quantity and value, across every zone
 * but goods in transit.
 */
export function expiringReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = asAt(reportContext(deps, actor, params));
  const { timeZone, expiredFrom } = deps.config;
  const h = expiryHorizons(ctx.today, firstUsableExpiry(ctx.now, { timeZone, expiredFrom }));
  const end = subtreeEnd(ctx.depot.path);
  const zeros = () => Object.fromEntries(EXPIRING_COLUMNS.filter((c) => c.kind !== 'text').map((c) => [c.key, 0])) as Record<string, number>;
  const figures = depotUnitFigures(() => ({ quantityOrder: 0, cells: zeros() }));
  for (const s of stockByDepotAndExpiry(deps.db, ctx.depot.path, end)) {
    const f = figures.get(s.depotId, s.unitZh, s.unitEn);
    f.quantityOrder += s.quantity;
    for (const bucket of ['stock', ...expiryBucketsOf(s.expiresOn, h)]) add(f.cells, bucket, s.quantity, s.valueFen);
  }
  const rows = figures.rows(depotsUnder(deps.db, ctx.depot.path, end), (f) => f.cells);
  const expiredFromNote: Text =
    expiredFrom === 'expiry_date'
      ? { zh: `已过期：有效期至早于${h.firstUsable}，即有效期至当日起视为过期。`, en: `Expired: expiry date before ${h.firstUsable}; a batch counts as expired on its expiry date.` }
      : { zh: `已过期：有效期至早于${h.firstUsable}，有效期至当日仍可使用。`, en: `Expired: expiry date before ${h.firstUsable}; the expiry date itself is still usable.` };
  return sheet(ctx, 'expiring', {
    title: { zh: '近效期药具统计表', en: 'Stock expiring, by depot' },
    columns: EXPIRING_COLUMNS,
    rows,
    totals: totalRow(EXPIRING_COLUMNS, rows, 'depot'),
    unitTotals: unitTotalRows(EXPIRING_COLUMNS, rows, 'depot'),
    notes: [
      { zh: `截至${ctx.today}（药具站日历日）在库的药具，含待验区、合格区和不合格区，不含在途；按单位和计量单位分行，不同计量单位的数量不相加；金额按批次进价。`, en: `Stock on hand on ${ctx.today} (depot calendar) in the pending, qualified and non-conforming zones, not goods in transit; a row per depot and unit, as quantities of different units do not add up; values at each batch’s purchase price.` },
      expiredFromNote,
      { zh: `3个月内、6个月内、12个月内为累计数（6个月内含3个月内），均不含已过期：有效期至分别不晚于${h.within3}、${h.within6}、${h.within12}。`, en: `Within 3, 6 and 12 months are cumulative (within 6 includes within 3) and leave out what has expired: expiry on or before ${h.within3}, ${h.within6} and ${h.within12}.` },
      SNAPSHOT_NOTE,
    ],
  });
}

// ---- 2. months of stock ----

const RISK_LABELS: Record<StockRisk, Text> = {
  stocked_out: { zh: '断货', en: 'Stocked out' },
  low: { zh: '库存不足', en: 'Low' },
  over: { zh: '积压', en: 'Overstocked' },
  ok: { zh: '正常', en: 'OK' },
};
const NO_USE_LABEL: Text = { zh: '积压（无消耗）', en: 'Overstocked (no consumption)' };
const CONSUMPTION_MONTHS = 12;

const MONTHS_COLUMNS: ReportColumn[] = [
  ...DEPOT_COLUMNS,
  ...PRODUCT_COLUMNS,
  col.int('onHand', '在库数量', 'On hand'),
  col.int('usable', '可用库存', 'Usable stock'),
  col.int('consumed', '近12个月消耗', 'Used, last 12 months'),
  col.decimal('averageMonthly', '月均消耗', 'Average monthly use'),
  col.decimal('monthsOfStock', '可供月数', 'Months of stock'),
  { key: 'status', header: { zh: '风险', en: 'Risk' }, kind: 'text' },
];

/**
 * 库存可供月数与断货风险: per depot of the subtree and product, usable stock against the average
 * monthly use of the last 12 full months, most urgent first. Each row also carries the status
 * code under `risk` ('stocked_out' | 'low' | 'over' | 'ok') for the screen.
 */
export function monthsOfStockReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const base = reportContext(deps, actor, params);
  const window = lastFullMonths(base.today, CONSUMPTION_MONTHS);
  const ctx = asAt(base, window, { zh: `截至${base.today}（消耗：${window.from}至${window.to}）`, en: `As at ${base.today} (use: ${window.from} to ${window.to})` });
  const thresholds = deps.config.reports;
  const end = subtreeEnd(ctx.depot.path);
  const firstUsable = firstUsableExpiry(ctx.now, { timeZone: deps.config.timeZone, expiredFrom: deps.config.expiredFrom });
  const key = (depotId: number, productId: number) => `${depotId}:${productId}`;
  const cells = new Map<string, { depotId: number; productId: number; onHand: number; usable: number; consumed: number }>();
  const cell = (depotId: number, productId: number) => {
    let c = cells.get(key(depotId, productId));
    if (!c) cells.set(key(depotId, productId), (c = { depotId, productId, onHand: 0, usable: 0, consumed: 0 }));
    return c;
  };
  for (const s of usableStockByDepot(deps.db, ctx.depot.path, end, firstUsable)) Object.assign(cell(s.depotId, s.productId), { onHand: s.onHand, usable: s.usable });
  for (const t of sumTotalsByDepot(deps.db, ctx.depot.path, end, ['dispense', 'transfer_out'], window.from, window.to)) cell(t.depotId, t.productId).consumed += t.outQty - t.inQty;

  const depots = new Map(depotsUnder(deps.db, ctx.depot.path, end).map((d) => [d.id, d]));
  const products = new Map(productsByCode(deps.db).map((p) => [p.id, p]));
  const rows = [...cells.values()]
    .filter((c) => c.onHand > 0 || c.consumed > 0)
    .map((c) => {
      const average = Math.max(0, c.consumed) / CONSUMPTION_MONTHS;
      const risk = stockRisk(c.usable, average, thresholds);
      const label = risk === 'over' && average === 0 ? NO_USE_LABEL : RISK_LABELS[risk];
      return {
        depot: depots.get(c.depotId)!,
        row: {
          ...depotCells(depots.get(c.depotId)!),
          ...productCells(products.get(c.productId)!),
          onHand: c.onHand,
          usable: c.usable,
          consumed: c.consumed,
          averageMonthly: round2(average),
          monthsOfStock: monthsOfStock(c.usable, average),
          status: label.zh,
          statusEn: label.en,
          risk,
        } satisfies Record<string, Cell>,
      };
    })
    .sort(
      (a, b) =>
        RISK_ORDER.indexOf(a.row.risk) - RISK_ORDER.indexOf(b.row.risk) ||
        (a.row.monthsOfStock ?? Number.POSITIVE_INFINITY) - (b.row.monthsOfStock ?? Number.POSITIVE_INFINITY) ||
        a.depot.path.localeCompare(b.depot.path) ||
        a.row.code.localeCompare(b.row.code),
    )
    .map((r) => r.row);
  const count = (risk: StockRisk) => rows.filter((r) => r.risk === risk).length;
  return sheet(ctx, 'months-of-stock', {
    title: { zh: '库存可供月数与断货风险表', en: 'Months of stock and stock-out risk' },
    columns: MONTHS_COLUMNS,
    rows,
    totals: null,
    notes: [
      { zh: `可用库存：合格区内、未过期（有效期至不早于${firstUsable}）、未被本级或上级暂停发放的库存；不扣除已拣货未发出的数量。在库数量含待验区、合格区和不合格区，不含在途。`, en: `Usable stock: in the qualified zone, not expired (expiry on or after ${firstUsable}) and not held by a hold raised at the depot or above; picks not yet dispatched are not deducted. On hand counts the pending, qualified and non-conforming zones, not goods in transit.` },
      { zh: `月均消耗：${window.from}至${window.to}共${CONSUMPTION_MONTHS}个整月本级发放与调出之和（扣除冲销）除以${CONSUMPTION_MONTHS}；可供月数＝可用库存÷月均消耗，无消耗时为空。`, en: `Average monthly use: what the depot itself dispensed and issued (net of reversals) in the ${CONSUMPTION_MONTHS} whole months ${window.from} to ${window.to}, over ${CONSUMPTION_MONTHS}; months of stock = usable stock ÷ average monthly use, empty without use.` },
      { zh: `风险：可用库存为0即断货（含只有过期、暂停发放或待验库存的）；不足${thresholds.lowStockMonths}个月为库存不足；超过${thresholds.overStockMonths}个月或有库存无消耗为积压；其余正常。按风险排序。`, en: `Risk: nothing usable is stocked out (including stock that is only expired, held or pending); under ${thresholds.lowStockMonths} months is low; over ${thresholds.overStockMonths} months, or stock with no use, is overstocked; the rest is OK. Rows are ordered by risk.` },
      { zh: `断货${count('stocked_out')}项，库存不足${count('low')}项，积压${count('over')}项，正常${count('ok')}项。`, en: `${count('stocked_out')} stocked out, ${count('low')} low, ${count('over')} overstocked, ${count('ok')} OK.` },
      SNAPSHOT_NOTE,
    ],
  });
}

// ---- 3. write-offs ----

/** The five kinds of non-conforming supplies (S0:419), as the write-off lines name them. */
export const WRITE_OFF_KINDS: [string, Text][] = [
  ['expired', { zh: '过期失效', en: 'Expired' }],
  ['inner_pack_broken', { zh: '内包装破损', en: 'Inner pack broken' }],
  ['count_differs_from_label', { zh: '包装数量与标示不符', en: 'Count differs from label' }],
  ['markings_missing', { zh: '无厂家、生产日期或批号标示', en: 'No maker, production date or lot marking' }],
  ['visible_defect', { zh: '外观质量问题', en: 'Visible defect' }],
];

const WRITE_OFF_COLUMNS: ReportColumn[] = [
  ...DEPOT_COLUMNS,
  UNIT_COLUMN,
  col.int('requests', '报损单数', 'Requests'),
  ...WRITE_OFF_KINDS.flatMap(([kind, label]) => pair(kind, label)),
  ...pair('total', { zh: '合计', en: 'Total' }),
];

/**
 * 药具报损统计表: per depot of the subtree and unit, what its write-offs disposed of in the period
 * by the five kinds of non-conforming supplies, and how many requests (a request with goods of two
 * units counts in both rows, and once in 合计).
 */
export function writeOffsReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const end = subtreeEnd(ctx.depot.path);
  const bounds = isoBounds(periodInstants(ctx.period, deps.config.timeZone));
  const zeros = () => Object.fromEntries(WRITE_OFF_COLUMNS.filter((c) => c.kind !== 'text').map((c) => [c.key, 0])) as Record<string, number>;
  const figures = depotUnitFigures(() => ({ quantityOrder: 0, requests: new Set<number>(), values: zeros() }));
  const requests = new Map<string, Set<number>>();
  for (const l of disposedWriteOffs(deps.db, ctx.depot.path, end, bounds.from, bounds.to)) {
    const f = figures.get(l.depotId, l.unitZh, l.unitEn);
    f.quantityOrder += l.quantity;
    f.requests.add(l.requestId);
    for (const unit of ['', l.unitZh]) (requests.get(unit) ?? requests.set(unit, new Set()).get(unit)!).add(l.requestId);
    for (const prefix of [l.kind, 'total']) add(f.values, prefix, l.quantity, l.valueFen);
  }
  const rows = figures.rows(depotsUnder(deps.db, ctx.depot.path, end), (f) => ({ ...f.values, requests: f.requests.size }));
  const requestsOf = (unit: string) => requests.get(unit)?.size ?? 0;
  const totals = totalRow(WRITE_OFF_COLUMNS, rows, 'depot');
  totals.requests = requestsOf('');
  return sheet(ctx, 'write-offs', {
    title: { zh: '药具报损统计表', en: 'Write-offs by reason' },
    columns: WRITE_OFF_COLUMNS,
    rows,
    totals,
    unitTotals: unitTotalRows(WRITE_OFF_COLUMNS, rows, 'depot', (total) => void (total.requests = requestsOf(String(total.unit)))),
    notes: [
      { zh: '按处理日期统计：经上级批准并已销毁或退回厂家、出账的报损单，处理记录日期（药具站日历）在统计期间内；已批准未处理的不计。', en: 'By disposal date: write-offs approved by the depot above and destroyed or returned to the maker (and so out of the ledger) with the disposal recorded in the period (depot calendar); approved but not yet disposed of are not counted.' },
      { zh: '报损类别按报损单各行所填的不合格类别；金额按申请时的批次进价。', en: 'Kinds as each line of the request gives them; values at the batch purchase price on the request.' },
      { zh: '按报损单位和计量单位分行，不同计量单位的数量不相加；一张报损单含两种计量单位时在两行各计一次，合计行只计一次。', en: 'A row per depot and unit, as quantities of different units do not add up; a request with goods of two units counts in both rows, and once in the total.' },
    ],
  });
}
