import type { Deps } from '../../deps.ts';
import { assertCanRead, type Actor } from '../../auth/scope.ts';
import { depotOrThrow } from '../depot-lookup.ts';
import { reportPeriod, type PeriodKind, type ReportPeriod } from '../../domain/report-period.ts';
import type { CellKind, ReportColumn, ReportSheet, Text } from '../../domain/report-sheet.ts';
import { PRODUCT_CLASSES } from '../../schemas/constants.ts';
import type { TotalsRow } from '../../../db/queries/period-totals.ts';
import { toIsoDate } from '../../domain/expiry.ts';
import type { ProductInfo } from '../../../db/queries/reports.ts';

/** What every report is asked for: a depot, a period and, for the forms that have both, own level or summary. */
export interface ReportParams {
  depotId: number;
  year?: number;
  period: PeriodKind;
  month?: number;
  scope: 'own' | 'summary';
}

export type Depot = ReturnType<typeof depotOrThrow>;

export interface ReportContext {
  depot: Depot;
  period: ReportPeriod;
  scope: 'own' | 'summary';
  /** Today in the depot calendar, "YYYY-MM-DD". */
  today: string;
  now: Date;
}

/** Loads the depot (404), checks the actor may read it (403) and resolves the period (default: this year). */
export function reportContext(deps: Deps, actor: Actor, params: ReportParams): ReportContext {
  const depot = depotOrThrow(deps, params.depotId);
  assertCanRead(actor, depot);
  const now = deps.clock.now();
  const today = toIsoDate(now, deps.config.timeZone);
  const period = reportPeriod(params.year ?? Number(today.slice(0, 4)), params.period, params.month ?? Number(today.slice(5, 7)));
  return { depot, period, scope: params.scope, today, now };
}

export function sheet(
  ctx: ReportContext,
  report: string,
  parts: { title: Text; columns: ReportColumn[]; rows: ReportSheet['rows']; totals: ReportSheet['totals']; unitTotals?: ReportSheet['unitTotals']; notes?: Text[]; signatures?: Text[] },
): ReportSheet {
  return {
    report,
    title: parts.title,
    depot: { id: ctx.depot.id, code: ctx.depot.code, name: ctx.depot.name, tier: ctx.depot.tier },
    period: { from: ctx.period.from, to: ctx.period.to, label: ctx.period.label },
    columns: parts.columns,
    rows: parts.rows,
    totals: parts.totals,
    unitTotals: parts.unitTotals ?? [],
    notes: parts.notes ?? [],
    signatures: parts.signatures ?? STANDARD_SIGNATURES,
    generatedAt: ctx.now.toISOString(),
  };
}

/** 单位负责人 / 审核人 / 制表人 / 报出日期: the foot of the statistical forms. */
export const STANDARD_SIGNATURES: Text[] = [
  { zh: '单位负责人', en: 'Head of unit' },
  { zh: '审核人', en: 'Checked by' },
  { zh: '制表人', en: 'Prepared by' },
  { zh: '报出日期', en: 'Date reported' },
];

/** The product columns that open most forms: name, specification, unit. */
export const PRODUCT_COLUMNS: ReportColumn[] = [
  { key: 'code', header: { zh: '编码', en: 'Code' }, kind: 'text' },
  { key: 'product', header: { zh: '药具名称', en: 'Product' }, kind: 'text' },
  { key: 'spec', header: { zh: '规格', en: 'Specification' }, kind: 'text' },
  { key: 'unit', header: { zh: '单位', en: 'Unit' }, kind: 'text' },
];

/**
 * The product cells of a row. Text cells carry their English beside them under `<key>En`; the
 * screen and the exports show that one in English.
 */
export const productCells = (p: ProductInfo) => ({ code: p.code, product: p.nameZh, productEn: p.nameEn, spec: p.specZh, specEn: p.specEn, unit: p.unitZh, unitEn: p.unitEn });

export const TIER_LEVEL: Record<string, Text> = {
  region: { zh: '省', en: 'Regional' },
  city: { zh: '地', en: 'City' },
  county: { zh: '县', en: 'County' },
  township: { zh: '乡', en: 'Township' },
  village: { zh: '村', en: 'Village' },
};

const column =
  (kind: CellKind, perUnit = false) =>
  (key: string, zh: string, en: string, group?: Text): ReportColumn => ({ key, header: { zh, en }, kind, group, ...(perUnit && { perUnit }) });

/**
 * Column makers: `col.int('requests', '报损单数', 'Requests', group?)` for a count, `col.qty(...)`
 * for a quantity in the row's product unit (summed per unit only).
 */
export const col = { int: column('int'), qty: column('int', true), money: column('money'), decimal: column('decimal'), percent: column('percent') };

/** The 数量 / 金额(元) pair of a group, keyed `<prefix>Qty` and `<prefix>ValueFen`. */
export const quantityAndValue = (prefix: string, group: Text): ReportColumn[] => [col.qty(`${prefix}Qty`, '数量', 'Quantity', group), col.money(`${prefix}ValueFen`, '金额(元)', 'Value (yuan)', group)];

/** The unit column of a by-depot report whose rows are split by unit (quantities of different units never add up). */
export const UNIT_COLUMN: ReportColumn = { key: 'unit', header: { zh: '单位', en: 'Unit' }, kind: 'text' };
/** A unit's cells; `unitEn` may list the English names of one Chinese unit as SQL's group_concat gives them ("ampoule,tube"). */
export const unitCells = (u: { unitZh: string; unitEn: string }) => ({ unit: u.unitZh, unitEn: u.unitEn.split(',').join('/') });

export const METHOD_NAMES: Record<string, Text> = {
  oral: { zh: '口服避孕药', en: 'Oral pills' },
  injectable: { zh: '避孕针', en: 'Injectables' },
  external: { zh: '外用避孕药', en: 'Vaginal methods' },
  iud: { zh: '宫内节育器', en: 'IUD' },
  condom: { zh: '避孕套', en: 'Condoms' },
  implant: { zh: '皮下埋植剂', en: 'Implants' },
};
export const methodCells = (productClass: string) => ({ method: METHOD_NAMES[productClass]?.zh ?? productClass, methodEn: METHOD_NAMES[productClass]?.en ?? productClass });
export const classOrder = (productClass: string) => PRODUCT_CLASSES.indexOf(productClass as (typeof PRODUCT_CLASSES)[number]);

/** What left by one flow, per product, net of reversals (out − in): dispensed, issued. */
export function outByProduct(rows: readonly TotalsRow[], flow: string): Map<number, { qty: number; valueFen: number }> {
  const map = new Map<number, { qty: number; valueFen: number }>();
  for (const r of rows) {
    if (r.flow !== flow) continue;
    const before = map.get(r.productId) ?? { qty: 0, valueFen: 0 };
    map.set(r.productId, { qty: before.qty + r.outQty - r.inQty, valueFen: before.valueFen + r.outValueFen - r.inValueFen });
  }
  return map;
}
