import type { Deps } from '../../deps.ts';
import type { Actor } from '../../auth/scope.ts';
import { findChildren, subtreeEnd } from '../../../db/queries/depots.ts';
import { sumTotals, type TotalsRow } from '../../../db/queries/period-totals.ts';
import { productsByCode, type ProductInfo } from '../../../db/queries/reports.ts';
import { usersByMethodOver } from '../people-counts.ts';
import { areasUnder, countReadings, depotsUnder, excursionsUnder, ordersDispatched, overridePicks, picksByDepot, roundsByDay } from '../../../db/queries/risk-reports.ts';
import { zonedTimeToUtc } from '../../domain/climate-csv.ts';
import { addDays, toIsoDate } from '../../domain/expiry.ts';
import { halfOfPeriod } from '../../domain/report-period.ts';
import { coveredMinutes, cypOf, groupReasons, round2, share } from '../../domain/risk.ts';
import { totalRow, unitTotalRows, type Cell, type ReportColumn, type ReportSheet, type Text } from '../../domain/report-sheet.ts';
import { PRODUCT_CLASSES } from '../../schemas/constants.ts';
import { METHOD_NAMES, PRODUCT_COLUMNS, UNIT_COLUMN, classOrder, col, methodCells, outByProduct, productCells, reportContext, sheet, unitCells, type ReportParams } from './context.ts';
import { DEPOT_COLUMNS, depotCells, isoBounds, periodInstants } from './risk.ts';

/**
 * Indicator reports (issue 10 item 5): climate-log compliance, FEFO compliance and its override
 * reasons, couple-years of protection by product and by depot, and the method mix.
 */

const { int, qty, decimal: dec, percent: pct } = col;

// ---- climate-log compliance ----

const OUT_OF_LIMITS: Text = { zh: '温湿度超限', en: 'Out of limits' };
const MISSING: Text = { zh: '漏记', en: 'Missing logs' };
const CLIMATE_COLUMNS: ReportColumn[] = [
  ...DEPOT_COLUMNS,
  int('areas', '库房数', 'Storage areas'),
  int('readings', '记录次数', 'Readings'),
  int('excursions', '次数', 'Count', OUT_OF_LIMITS),
  int('excursionMinutes', '分钟', 'Minutes', OUT_OF_LIMITS),
  int('acknowledged', '已处置', 'Acknowledged', OUT_OF_LIMITS),
  int('unacknowledged', '未处置', 'Not acknowledged', OUT_OF_LIMITS),
  int('gaps', '次数', 'Count', MISSING),
  dec('gapHours', '小时', 'Hours', MISSING),
  pct('roundsShare', '上下午均有记录天数占比', 'Days with both rounds'),
  pct('compliance', '合规率', 'Compliance'),
];

/** The local days of [from, to) with their start, noon and end instants. */
function daysBetween(from: number, to: number, timeZone: string) {
  const days: { date: string; start: number; noon: number; end: number }[] = [];
  for (let date = toIsoDate(new Date(from), timeZone); ; date = addDays(date, 1)) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const start = zonedTimeToUtc(y, m, d, 0, 0, 0, timeZone);
    if (start >= to) break;
    const next = addDays(date, 1).split('-').map(Number) as [number, number, number];
    days.push({ date, start, noon: zonedTimeToUtc(y, m, d, 12, 0, 0, timeZone), end: zonedTimeToUtc(next[0], next[1], next[2], 0, 0, 0, timeZone) });
  }
  return days;
}

/**
 * 温湿度记录合规情况表: per depot of the subtree whose tier keeps a store log, its storage areas
 * in use, readings, excursions, missing logs, the share of days with both rounds recorded, and
 * the share of the time logged and within limits.
 */
export function climateComplianceReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const tz = deps.config.timeZone;
  const now = ctx.now.getTime();
  const period = periodInstants(ctx.period, tz);
  const windowEnd = Math.min(period.to, now);
  const end = subtreeEnd(ctx.depot.path);
  const logTiers: readonly string[] = deps.config.climate.logTiers;
  const areas = areasUnder(deps.db, ctx.depot.path, end, windowEnd).filter((a) => a.active === 1);
  const excursions = windowEnd > period.from ? excursionsUnder(deps.db, ctx.depot.path, end, period.from, windowEnd) : [];
  const days = windowEnd > period.from ? daysBetween(period.from, windowEnd, tz) : [];

  const rows = depotsUnder(deps.db, ctx.depot.path, end)
    .filter((d) => logTiers.includes(d.tier))
    .map((d) => {
      const mine = areas.filter((a) => a.depotId === d.id);
      const f = { areas: mine.length, readings: 0, excursions: 0, excursionMinutes: 0, acknowledged: 0, unacknowledged: 0, gaps: 0, gapMinutes: 0, days: 0, bothRounds: 0, monitored: 0, outOfCompliance: 0 };
      for (const area of mine) {
        const from = Math.max(period.from, Date.parse(area.createdAt));
        if (windowEnd <= from) continue;
        const own = excursions.filter((e) => e.areaId === area.id);
        const limits = own.filter((e) => e.kind !== 'gap');
        const gaps = own.filter((e) => e.kind === 'gap');
        const span = (e: { startAt: number; endAt: number | null }) => ({ start: e.startAt, end: e.endAt });
        f.readings += countReadings(deps.db, area.id, period.from, windowEnd);
        f.excursions += limits.length;
        f.acknowledged += limits.filter((e) => e.status === 'acknowledged').length;
        f.unacknowledged += limits.filter((e) => e.status !== 'acknowledged').length;
        f.excursionMinutes += coveredMinutes(limits.map(span), from, windowEnd);
        f.gaps += gaps.length;
        f.gapMinutes += coveredMinutes(gaps.map(span), from, windowEnd);
        f.monitored += (windowEnd - from) / 60_000;
        f.outOfCompliance += coveredMinutes(own.map(span), from, windowEnd);
        const whole = days.filter((day) => day.start >= Date.parse(area.createdAt) && day.end <= now);
        const rounds = roundsByDay(deps.db, area.id, whole);
        f.days += whole.length;
        f.bothRounds += rounds.filter((r) => r.am === 1 && r.pm === 1).length;
      }
      const noLog = mine.length === 0;
      return {
        ...depotCells(d),
        areas: f.areas,
        readings: f.readings,
        excursions: f.excursions,
        excursionMinutes: Math.round(f.excursionMinutes),
        acknowledged: f.acknowledged,
        unacknowledged: f.unacknowledged,
        gaps: f.gaps,
        gapHours: round2(f.gapMinutes / 60),
        roundsShare: noLog ? 0 : share(f.bothRounds, f.days),
        compliance: noLog ? 0 : share(f.monitored - f.outOfCompliance, f.monitored),
      } satisfies Record<string, Cell>;
    });
  const totals = totalRow(CLIMATE_COLUMNS, rows, 'depot');
  totals.gapHours = round2(totals.gapHours as number);
  return sheet(ctx, 'climate-compliance', {
    title: { zh: '库房温湿度记录合规情况表', en: 'Storage climate log compliance' },
    columns: CLIMATE_COLUMNS,
    rows,
    totals,
    notes: [
      { zh: `列出本级及所辖各级中应建温湿度记录的单位（${logTiers.map((t) => depotCells({ code: '', name: '', tier: t }).tier).join('、')}）；库房数为在用库房，统计期间截至当前时刻。`, en: `Lists the depots of the subtree whose level keeps a store log (${logTiers.join(', ')}); storage areas are those in use; the period runs to now at the latest.` },
      { zh: '超限：温度或湿度超出库房限值的时段（与期间相交的均计入次数，分钟只计期间内，重叠时段只计一次）；已处置为已登记纠正措施的。漏记：超过规定间隔无记录的时段。', en: 'Out of limits: periods with temperature or humidity beyond the area’s limits (counted when they overlap the period; minutes only inside it, overlaps once); acknowledged means a corrective action was recorded. Missing logs: periods longer than the expected interval without a reading.' },
      { zh: '上下午均有记录天数占比：库房建立之后、已结束的每一天中，12时前和12时后（药具站时区）都有记录的天数所占比例，多个库房按库房天数合计。', en: 'Days with both rounds: of the whole days after each area was set up and already over, the share with a reading before noon and one after noon (depot time zone), area-days added up.' },
      { zh: '合规率＝（监测时长－超限和漏记时长）÷监测时长，监测时长自库房建立（或期间开始）至期间结束（或当前时刻）；未建库房记录的单位合规率和占比计为0。', en: 'Compliance = (time monitored − time out of limits or unlogged) ÷ time monitored, from when the area was set up (or the period began) to the end of the period (or now); a depot with no store log scores 0 on both shares.' },
    ],
  });
}

// ---- FEFO compliance ----

const FEFO_COLUMNS: ReportColumn[] = [
  ...DEPOT_COLUMNS,
  UNIT_COLUMN,
  int('orders', '发出调拨单数', 'Orders dispatched'),
  int('picks', '拣货行数', 'Picks'),
  qty('quantity', '拣货数量', 'Quantity picked'),
  int('overrides', '未按近效期先出次数', 'FEFO overrides'),
  qty('overriddenQty', '未按近效期先出数量', 'Quantity overridden'),
  pct('overrideRate', '偏离率', 'Override rate'),
];

const FEFO_PERIOD_NOTE: Text = {
  zh: '统计期间内发出（出库）的调拨单的拣货行，按发出日期和发货单位统计；未按近效期先出指拣取了系统建议批号以外的批号并填写了原因。',
  en: 'Picks of the transfer orders dispatched in the period, by dispatch date and issuing depot; an override is a pick of a batch other than the FEFO proposal, with its reason.',
};

/**
 * 近效期先出执行情况表: per issuing depot of the subtree and unit, picks and how many overrode the
 * FEFO proposal. An order with goods of two units counts once in each unit's row, and once in 合计.
 */
export function fefoComplianceReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const end = subtreeEnd(ctx.depot.path);
  const bounds = isoBounds(periodInstants(ctx.period, deps.config.timeZone));
  const picks = picksByDepot(deps.db, ctx.depot.path, end, bounds.from, bounds.to);
  const rows = depotsUnder(deps.db, ctx.depot.path, end).flatMap((d) =>
    picks
      .filter((p) => p.depotId === d.id)
      .map((p) => ({ ...depotCells(d), ...unitCells(p), orders: p.orders, picks: p.picks, quantity: p.quantity, overrides: p.overrides, overriddenQty: p.overriddenQty, overrideRate: share(p.overrides, p.picks) })),
  );
  const rate = (total: Record<string, Cell>) => void (total.overrideRate = share(total.overrides as number, total.picks as number));
  const totals = totalRow(FEFO_COLUMNS, rows, 'depot');
  rate(totals);
  totals.orders = ordersDispatched(deps.db, ctx.depot.path, end, bounds.from, bounds.to);
  const reasons = groupReasons(overridePicks(deps.db, ctx.depot.path, end, bounds.from, bounds.to).map((p) => p.reason));
  const top = reasons.slice(0, 5);
  return sheet(ctx, 'fefo-compliance', {
    title: { zh: '近效期先出执行情况表', en: 'FEFO compliance' },
    columns: FEFO_COLUMNS,
    rows,
    totals,
    unitTotals: unitTotalRows(FEFO_COLUMNS, rows, 'depot', rate),
    notes: [
      FEFO_PERIOD_NOTE,
      { zh: '偏离率＝未按近效期先出次数÷拣货行数。按发货单位和计量单位分行：数量不同单位不相加；一张调拨单含两种单位时在两行各计一次，合计行只计一次。', en: 'Override rate = overrides ÷ picks. A row per issuing depot and unit: quantities of different units are not added up; an order with goods of two units counts in both rows, and once in the total.' },
      top.length > 0
        ? { zh: `主要原因：${top.map((r) => `${r.reason}（${r.count}次）`).join('；')}。逐笔见“未按近效期先出明细”。`, en: `Main reasons: ${top.map((r) => `${r.reason} (${r.count})`).join('; ')}. Each one is listed in “FEFO overrides”.` }
        : { zh: '本期无未按近效期先出的拣货。', en: 'No FEFO overrides in the period.' },
    ],
  });
}

const OVERRIDE_COLUMNS: ReportColumn[] = [
  { key: 'reason', header: { zh: '原因', en: 'Reason' }, kind: 'text' },
  int('reasonCount', '同一原因次数', 'Times this reason'),
  ...DEPOT_COLUMNS.slice(0, 2),
  { key: 'date', header: { zh: '发出日期', en: 'Dispatched' }, kind: 'text' },
  { key: 'orderNumber', header: { zh: '调拨单号', en: 'Order' }, kind: 'text' },
  PRODUCT_COLUMNS[0]!,
  PRODUCT_COLUMNS[1]!,
  { key: 'lot', header: { zh: '批号', en: 'Lot' }, kind: 'text' },
  { key: 'expiresOn', header: { zh: '有效期至', en: 'Expiry' }, kind: 'text' },
  qty('quantity', '数量', 'Quantity'),
  PRODUCT_COLUMNS[3]!,
];

/** 未按近效期先出明细: every override pick of the period, grouped by reason, the most frequent first. */
export function fefoOverridesReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const end = subtreeEnd(ctx.depot.path);
  const tz = deps.config.timeZone;
  const bounds = isoBounds(periodInstants(ctx.period, tz));
  const picks = overridePicks(deps.db, ctx.depot.path, end, bounds.from, bounds.to);
  const reasons = groupReasons(picks.map((p) => p.reason));
  const rank = new Map(reasons.map((r, i) => [r.reason, i]));
  const depots = new Map(depotsUnder(deps.db, ctx.depot.path, end).map((d) => [d.id, d]));
  const products = new Map(productsByCode(deps.db).map((p) => [p.id, p]));
  const rows = picks
    .map((p) => ({ p, reason: p.reason.trim() }))
    .sort((a, b) => rank.get(a.reason)! - rank.get(b.reason)! || a.p.dispatchedAt.localeCompare(b.p.dispatchedAt) || a.p.orderNumber.localeCompare(b.p.orderNumber))
    .map(({ p, reason }) => {
      const { code, product, productEn, unit, unitEn } = productCells(products.get(p.productId)!);
      const depot = depots.get(p.depotId)!;
      return {
        reason,
        reasonCount: reasons[rank.get(reason)!]!.count,
        depotCode: depot.code,
        depot: depot.name,
        date: toIsoDate(new Date(p.dispatchedAt), tz),
        orderNumber: p.orderNumber,
        code,
        product,
        productEn,
        lot: p.lot,
        expiresOn: p.expiresOn,
        quantity: p.quantity,
        unit,
        unitEn,
      };
    });
  const totals = totalRow(OVERRIDE_COLUMNS, rows, 'reason');
  totals.reasonCount = rows.length;
  return sheet(ctx, 'fefo-overrides', {
    title: { zh: '未按近效期先出明细表', en: 'FEFO overrides' },
    columns: OVERRIDE_COLUMNS,
    rows,
    totals,
    unitTotals: unitTotalRows(OVERRIDE_COLUMNS, rows, 'reason', (total, mine) => void (total.reasonCount = mine.length)),
    notes: [
      FEFO_PERIOD_NOTE,
      { zh: '原因按去除首尾空白后的文字归类，次数多的在前；合计行的次数为全部偏离次数，数量按单位分列合计。', en: 'Reasons are grouped by their text without leading and trailing blanks, the most frequent first; the total row counts every override, and quantities are totalled per unit.' },
    ],
  });
}

// ---- couple-years of protection ----

/** "0.0667", "3.3": a factor as the note and the column print it. */
const factorText = (f: number | null) => (f === null ? '—' : String(Number(f.toPrecision(3))));

/** Units out by one flow per product, net of reversals. */
const net = (rows: readonly TotalsRow[], flow: string) => new Map([...outByProduct(rows, flow)].map(([productId, out]) => [productId, out.qty]));

function factorsNote(products: readonly ProductInfo[]): Text[] {
  const used = products.filter((p) => p.cypPerUnit !== null);
  const missing = products.filter((p) => p.cypPerUnit === null);
  return [
    { zh: 'CYP（夫妇保护年）＝数量×每单位CYP折算系数；系数取药具目录（默认为USAID公布的折算系数：口服避孕药15板、避孕套和外用药120个、月针13支、季针4支各合1 CYP，TCu380A 4.6、其他含铜宫内节育器3.3、皮下埋植剂3.2 CYP），可由省级修改。', en: 'CYP (couple-years of protection) = quantity × the product’s CYP per unit, from the catalogue (defaults are the USAID factors: 15 pill cycles, 120 condoms or vaginal units, 13 monthly or 4 three-monthly injections per CYP; 4.6 per TCu380A, 3.3 per other copper IUD, 3.2 per implant), editable at the region.' },
    { zh: `本表所用系数（CYP/单位）：${used.map((p) => `${p.code} ${factorText(p.cypPerUnit)}`).join('，') || '无'}。`, en: `Factors used (CYP per unit): ${used.map((p) => `${p.code} ${factorText(p.cypPerUnit)}`).join(', ') || 'none'}.` },
    ...(missing.length > 0 ? [{ zh: `未设系数、不计CYP：${missing.map((p) => p.code).join('，')}。`, en: `No factor, so no CYP: ${missing.map((p) => p.code).join(', ')}.` }] : []),
  ];
}

const CYP_COLUMNS: ReportColumn[] = [
  { key: 'method', header: { zh: '类别', en: 'Method' }, kind: 'text' },
  ...PRODUCT_COLUMNS,
  { key: 'cypPerUnit', header: { zh: 'CYP/单位', en: 'CYP per unit' }, kind: 'text' },
  qty('dispensed', '发放数量', 'Dispensed'),
  dec('cypDispensed', '发放CYP', 'CYP dispensed'),
  qty('issued', '调出数量', 'Issued'),
  dec('cypIssued', '调出CYP', 'CYP issued'),
];

/**
 * 夫妇保护年(CYP)统计表: per product, what the subtree dispensed to users and what the depot itself
 * issued to the depots below in the period, in units and couple-years of protection.
 */
export function cypReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const dispensed = net(sumTotals(deps.db, ctx.depot.id, 'tree', ctx.period.from, ctx.period.to), 'dispense');
  const issued = net(sumTotals(deps.db, ctx.depot.id, 'own', ctx.period.from, ctx.period.to), 'transfer_out');
  const products = productsByCode(deps.db)
    .filter((p) => (dispensed.get(p.id) ?? 0) !== 0 || (issued.get(p.id) ?? 0) !== 0)
    .sort((a, b) => classOrder(a.productClass) - classOrder(b.productClass) || a.code.localeCompare(b.code));
  const rows = products.map((p) => {
    const d = dispensed.get(p.id) ?? 0;
    const i = issued.get(p.id) ?? 0;
    return { ...methodCells(p.productClass), ...productCells(p), cypPerUnit: factorText(p.cypPerUnit), dispensed: d, cypDispensed: cypOf(d, p.cypPerUnit), issued: i, cypIssued: cypOf(i, p.cypPerUnit) };
  });
  // Units of different products do not add up (totalRow leaves them to the rows per unit); couple-years do.
  const rounded = (total: Record<string, Cell>) => void Object.assign(total, { cypDispensed: round2(total.cypDispensed as number), cypIssued: round2(total.cypIssued as number) });
  const totals = totalRow(CYP_COLUMNS, rows, 'method');
  rounded(totals);
  return sheet(ctx, 'cyp', {
    title: { zh: '夫妇保护年(CYP)统计表', en: 'Couple-years of protection (CYP) by product' },
    columns: CYP_COLUMNS,
    rows,
    totals,
    unitTotals: unitTotalRows(CYP_COLUMNS, rows, 'method', rounded),
    notes: [
      { zh: '发放为本级及所辖各级向使用者的发放，调出为本级向下级（含平调）的调出，均扣除冲销。', en: 'Dispensed: given to users by this depot and every depot below; issued: sent by this depot itself to other depots; both net of reversals.' },
      ...factorsNote(products),
    ],
  });
}

const CYP_DISPENSED: Text = { zh: '发放CYP', en: 'CYP dispensed' };
const CYP_DEPOT_COLUMNS: ReportColumn[] = [
  { key: 'unitCode', header: { zh: '单位代码', en: 'Code' }, kind: 'text' },
  { key: 'unit', header: { zh: '单位', en: 'Unit' }, kind: 'text' },
  ...PRODUCT_CLASSES.map((m) => dec(m, METHOD_NAMES[m]!.zh, METHOD_NAMES[m]!.en, CYP_DISPENSED)),
  dec('cypDispensed', '小计', 'Subtotal', CYP_DISPENSED),
  dec('cypIssued', '调出CYP', 'CYP issued'),
];

/**
 * 夫妇保护年(CYP)分单位统计表: one row for this depot's own figures and one per depot directly
 * below with everything under it: CYP dispensed by method, and CYP of what the unit issued.
 */
export function cypByDepotReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const products = productsByCode(deps.db);
  const units = [{ id: ctx.depot.id, code: ctx.depot.code, name: ctx.depot.name, own: true }, ...findChildren(deps.db, ctx.depot.id).map((c) => ({ id: c.id, code: c.code, name: c.name, own: false }))];
  const rows = units
    .map((u) => {
      const dispensed = net(sumTotals(deps.db, u.id, u.own ? 'own' : 'tree', ctx.period.from, ctx.period.to), 'dispense');
      const issued = net(sumTotals(deps.db, u.id, 'own', ctx.period.from, ctx.period.to), 'transfer_out');
      const row: Record<string, Cell> = { unitCode: u.code, unit: u.own ? `${u.name}（本级）` : u.name, unitEn: u.own ? `${u.name} (own)` : u.name };
      for (const m of PRODUCT_CLASSES) row[m] = round2(products.filter((p) => p.productClass === m).reduce((s, p) => s + (cypOf(dispensed.get(p.id) ?? 0, p.cypPerUnit) ?? 0), 0));
      row.cypDispensed = round2(PRODUCT_CLASSES.reduce((s, m) => s + (row[m] as number), 0));
      row.cypIssued = round2(products.reduce((s, p) => s + (cypOf(issued.get(p.id) ?? 0, p.cypPerUnit) ?? 0), 0));
      return { row, keep: !u.own || row.cypDispensed !== 0 || row.cypIssued !== 0 };
    })
    .filter((r) => r.keep)
    .map((r) => r.row);
  const totals = totalRow(CYP_DEPOT_COLUMNS, rows, 'unit');
  for (const c of CYP_DEPOT_COLUMNS) if (c.kind === 'decimal') totals[c.key] = round2(totals[c.key] as number);
  return sheet(ctx, 'cyp-by-depot', {
    title: { zh: '夫妇保护年(CYP)分单位统计表', en: 'Couple-years of protection (CYP) by depot' },
    columns: CYP_DEPOT_COLUMNS,
    rows,
    totals,
    notes: [
      { zh: '本级一行只计本单位自身的发放和调出；下级各行的发放含该单位及其所辖各级，调出只计该单位自身向下级的调出；均扣除冲销。', en: 'The own row counts only this depot’s own dispensing and issues; each row below counts the dispensing of that depot and everything under it, and the issues of that depot itself; all net of reversals.' },
      ...factorsNote(products),
    ],
  });
}

// ---- method mix ----

const MIX_COLUMNS: ReportColumn[] = [
  { key: 'method', header: { zh: '避孕方法', en: 'Method' }, kind: 'text' },
  int('users', '使用人数', 'Users'),
  pct('usersShare', '人数构成', 'Share of users'),
  dec('cyp', '发放CYP', 'CYP dispensed'),
  pct('cypShare', 'CYP构成', 'Share of CYP'),
];

/**
 * 避孕方法构成表: users by method (the townships' half-year count, from the register where one is
 * kept, as the 使用人数表 counts them) and CYP dispensed by method, as counts and shares.
 */
export function methodMixReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const half = halfOfPeriod(ctx.period);
  const figures = usersByMethodOver(deps, ctx.depot, ctx.period.year, half);
  const dispensed = net(sumTotals(deps.db, ctx.depot.id, 'tree', ctx.period.from, ctx.period.to), 'dispense');
  const products = productsByCode(deps.db);
  const byMethod = PRODUCT_CLASSES.map((m) => ({
    m,
    users: figures[m],
    cyp: round2(products.filter((p) => p.productClass === m).reduce((s, p) => s + (cypOf(dispensed.get(p.id) ?? 0, p.cypPerUnit) ?? 0), 0)),
  }));
  const users = byMethod.reduce((s, r) => s + r.users, 0);
  const cyp = round2(byMethod.reduce((s, r) => s + r.cyp, 0));
  const rows = byMethod.map((r) => ({ ...methodCells(r.m), users: r.users, usersShare: share(r.users, users), cyp: r.cyp, cypShare: share(r.cyp, cyp) }));
  const totals = totalRow(MIX_COLUMNS, rows, 'method');
  Object.assign(totals, { cyp, usersShare: users > 0 ? 1 : null, cypShare: cyp > 0 ? 1 : null });
  return sheet(ctx, 'method-mix', {
    title: { zh: '避孕方法构成表', en: 'Method mix' },
    columns: MIX_COLUMNS,
    rows,
    totals,
    notes: [
      { zh: `使用人数取${ctx.period.year}年${half === 1 ? '上' : '下'}半年本级及所辖各乡级登记数。`, en: `Users as the townships of the subtree recorded them for ${ctx.period.year} H${half}.` },
      { zh: '发放CYP为统计期间本级及所辖各级向使用者的发放（扣除冲销）按各药具CYP系数折算；构成为各方法占合计的比例。', en: 'CYP dispensed: what this depot and every depot below gave to users in the period (net of reversals) at each product’s CYP factor; shares are of the total.' },
      ...factorsNote(products.filter((p) => (dispensed.get(p.id) ?? 0) !== 0)),
    ],
  });
}
