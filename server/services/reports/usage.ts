import type { Deps } from '../../deps.ts';
import type { Actor } from '../../auth/scope.ts';
import { sumTotals } from '../../../db/queries/period-totals.ts';
import { productsByCode, usersByMethodUnder } from '../../../db/queries/reports.ts';
import { countsByTownship, ownEnteredAbove } from '../people-counts.ts';
import { findChildren, subtreeEnd } from '../../../db/queries/depots.ts';
import { halfOfPeriod } from '../../domain/report-period.ts';
import { totalRow, unitTotalRows, type ReportColumn, type ReportSheet } from '../../domain/report-sheet.ts';
import { PRODUCT_CLASSES } from '../../schemas/constants.ts';
import { METHOD_NAMES, PRODUCT_COLUMNS, classOrder, col, methodCells, outByProduct, productCells, reportContext, sheet, type ReportParams } from './context.ts';

/**
 * 计划生育药具使用情况统计表 (S0:373): per product, what was dispensed to users at this depot and
 * in its whole subtree, and what it issued to the depots below, for a half-year or a year.
 */
export function usageReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const own = sumTotals(deps.db, ctx.depot.id, 'own', ctx.period.from, ctx.period.to);
  const tree = sumTotals(deps.db, ctx.depot.id, 'tree', ctx.period.from, ctx.period.to);
  const ownDispensed = outByProduct(own, 'dispense');
  const treeDispensed = outByProduct(tree, 'dispense');
  const issued = outByProduct(own, 'transfer_out');
  const columns: ReportColumn[] = [
    { key: 'method', header: { zh: '类别', en: 'Method' }, kind: 'text' },
    ...PRODUCT_COLUMNS,
    col.qty('ownDispensed', '本级发放', 'Dispensed here'),
    col.qty('dispensed', '辖区发放合计', 'Dispensed in the area'),
    col.money('dispensedValueFen', '发放金额(元)', 'Value dispensed (yuan)'),
    col.qty('issued', '向下级调出', 'Issued to depots below'),
  ];
  const rows = productsByCode(deps.db)
    .map((p) => ({
      ...methodCells(p.productClass),
      ...productCells(p),
      ownDispensed: ownDispensed.get(p.id)?.qty ?? 0,
      dispensed: treeDispensed.get(p.id)?.qty ?? 0,
      dispensedValueFen: treeDispensed.get(p.id)?.valueFen ?? 0,
      issued: issued.get(p.id)?.qty ?? 0,
      order: classOrder(p.productClass),
    }))
    .filter((r) => r.ownDispensed !== 0 || r.dispensed !== 0 || r.issued !== 0)
    .sort((a, b) => a.order - b.order || a.code.localeCompare(b.code))
    .map(({ order: _order, ...r }) => r);
  return sheet(ctx, 'usage', {
    title: { zh: '计划生育药具使用情况统计表', en: 'Contraceptive supplies usage statistics' },
    columns,
    rows,
    totals: totalRow(columns, rows, 'method'),
    unitTotals: unitTotalRows(columns, rows, 'method'),
    notes: [{ zh: '发放为向使用者的发放（扣除冲销）；辖区合计含本级及所辖各级。数量按各药具计量单位，按单位分列合计。', en: 'Dispensed means given to users (net of reversals); the area total includes this depot and every depot below. Quantities in each product’s unit, totalled per unit.' }],
  });
}

/**
 * 计划生育药具使用人数表 (S0:372): users by method on the half-year's last day (a year reads the
 * second half, the year-end figure), per township as people-counts.ts counts them (from the users
 * register where the township or its villages keep one, else the figures the township entered),
 * summed into one row per depot directly below and one for this depot's own entered figures, if it
 * keeps any. Each row says where its figures come from.
 */
export function usersReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const half = halfOfPeriod(ctx.period);
  const counts = countsByTownship(deps, ctx.depot, ctx.period.year, half);
  // Above the townships a depot may have entered figures of its own; they are its own row.
  const ownEntered = ownEnteredAbove(deps, ctx.depot, ctx.period.year, half);
  const units = [{ id: ctx.depot.id, code: ctx.depot.code, name: ctx.depot.name, path: ctx.depot.path, own: true }, ...findChildren(deps.db, ctx.depot.id).map((c) => ({ ...c, own: false }))];
  const columns: ReportColumn[] = [
    { key: 'unitCode', header: { zh: '区划代码', en: 'Code' }, kind: 'text' },
    { key: 'unit', header: { zh: '单位', en: 'Unit' }, kind: 'text' },
    { key: 'source', header: { zh: '数据来源', en: 'Source' }, kind: 'text' },
    ...PRODUCT_CLASSES.map((m): ReportColumn => ({ key: m, header: METHOD_NAMES[m], kind: 'int', group: { zh: '使用人数', en: 'Users' } })),
    col.int('total', '合计', 'Total'),
  ];
  const rows = units
    .map((u) => {
      // The own row of a township or village is its own count; of a depot above, its own entries.
      const counted = u.own ? counts.rows.filter((r) => r.path === u.path) : counts.rows.filter((r) => r.path.startsWith(u.path));
      const source = sourceOf(counted);
      const row: Record<string, string | number> = { unitCode: u.code, unit: u.own ? `${u.name}（本级）` : u.name, unitEn: u.own ? `${u.name} (own)` : u.name, source: source.zh, sourceEn: source.en };
      let total = 0;
      for (const m of PRODUCT_CLASSES) {
        const n = counted.reduce((s, r) => s + r.users[m], 0) + (u.own ? ownEntered.filter((f) => f.method === m).reduce((s, f) => s + f.users, 0) : 0);
        row[m] = n;
        total += n;
      }
      if (u.own && ownEntered.length > 0 && counted.length === 0) Object.assign(row, { source: '填报数', sourceEn: 'entered' });
      row.total = total;
      return { row, keep: !u.own || counted.length > 0 || ownEntered.length > 0 };
    })
    .filter((r) => r.keep)
    .map((r) => r.row);
  const all = rows.reduce((s, r) => s + (r.total as number), 0);
  const totals = totalRow(columns, rows, 'unit');
  return sheet(ctx, 'users', {
    title: { zh: '计划生育药具使用人数表', en: 'Number of users by method' },
    columns,
    rows,
    totals,
    notes: [
      {
        zh: `人数为${counts.periodEnd}在用人数，乡级起报、逐级汇总：建有花名册的乡镇（含其村）按花名册统计，其余取乡级填报数。本表${counts.sources.register}个乡镇取自花名册，${counts.sources.entered}个取自填报数，${counts.sources.none}个未报。`,
        en: `Users on ${counts.periodEnd}, counted by township and summed level by level: from the users register where the township or its villages keep one, else the township’s entered figures. Here ${counts.sources.register} townships from the register, ${counts.sources.entered} entered, ${counts.sources.none} not reported.`,
      },
      ...(all === 0 ? [{ zh: '本期无登记人数。', en: 'No users recorded for the period.' }] : []),
    ],
  });
}

/** Where a row's figures come from: the register, entered figures, both (with how many townships each), or none. */
function sourceOf(rows: { source: 'register' | 'entered' | 'none' }[]): { zh: string; en: string } {
  const register = rows.filter((r) => r.source === 'register').length;
  const entered = rows.filter((r) => r.source === 'entered').length;
  if (register > 0 && entered > 0) return { zh: `花名册${register}、填报${entered}`, en: `register ${register}, entered ${entered}` };
  if (register > 0) return { zh: '花名册', en: 'register' };
  if (entered > 0) return { zh: '填报数', en: 'entered' };
  return { zh: '未报', en: 'not reported' };
}
