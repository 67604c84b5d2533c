import type { Deps } from '../../deps.ts';
import type { Actor } from '../../auth/scope.ts';
import { sumTotals } from '../../../db/queries/period-totals.ts';
import { productsByCode, usersByMethodUnder } from '../../../db/queries/reports.ts';
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
 * 计划生育药具使用人数表 (S0:372): users by method as the townships recorded them for the
 * half-year (a year reads the second half, the year-end figure), one row per depot directly below
 * (each with everything under it) and one for this depot's own figures, if it keeps any.
 */
export function usersReport(deps: Deps, actor: Actor, params: ReportParams): ReportSheet {
  const ctx = reportContext(deps, actor, params);
  const half = halfOfPeriod(ctx.period);
  const figures = usersByMethodUnder(deps.db, ctx.depot.path, subtreeEnd(ctx.depot.path), ctx.period.year, half);
  const units = [{ id: ctx.depot.id, code: ctx.depot.code, name: ctx.depot.name, path: ctx.depot.path, own: true }, ...findChildren(deps.db, ctx.depot.id).map((c) => ({ ...c, own: false }))];
  const columns: ReportColumn[] = [
    { key: 'unitCode', header: { zh: '区划代码', en: 'Code' }, kind: 'text' },
    { key: 'unit', header: { zh: '单位', en: 'Unit' }, kind: 'text' },
    ...PRODUCT_CLASSES.map((m): ReportColumn => ({ key: m, header: METHOD_NAMES[m], kind: 'int', group: { zh: '使用人数', en: 'Users' } })),
    col.int('total', '合计', 'Total'),
  ];
  const rows = units
    .map((u) => {
      const mine = figures.filter((f) => (u.own ? f.path === u.path : f.path.startsWith(u.path)));
      const row: Record<string, string | number> = { unitCode: u.code, unit: u.own ? `${u.name}（本级）` : u.name, unitEn: u.own ? `${u.name} (own)` : u.name };
      let total = 0;
      for (const m of PRODUCT_CLASSES) {
        const n = mine.filter((f) => f.method === m).reduce((s, f) => s + f.users, 0);
        row[m] = n;
        total += n;
      }
      row.total = total;
      return { row, keep: !u.own || mine.length > 0 };
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
      { zh: `人数取${ctx.period.year}年${half === 1 ? '上' : '下'}半年乡级登记数，逐级汇总。`, en: `Users as the townships recorded them for ${ctx.period.year} H${half}, summed level by level.` },
      ...(all === 0 ? [{ zh: '本期无登记人数。', en: 'No users recorded for the period.' }] : []),
    ],
  });
}
