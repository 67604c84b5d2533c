import type { Product } from '../../api.ts';
import type { DemandPlan } from './planning-api.ts';
import type { ProductClass } from '../../../../server/schemas/constants.ts';
import { lang } from '../../i18n/index.ts';
import { formatDate, formatQuantity, wallClock } from '../../components/format.ts';

/** The methods users are counted by (the server's PRODUCT_CLASSES), in the order of the paper form. */
export const METHODS = ['oral', 'injectable', 'external', 'iud', 'condom', 'implant'] as const satisfies readonly ProductClass[];

/**
 * The plan year being prepared: from October (the fourth quarter, when next year's demand plan
 * opens) the next year, before it this year (its allocation is issued by the end of February).
 */
export function defaultPlanYear(now: Date | number = Date.now()): number {
  const { year, month } = wallClock(now)!;
  return month >= 10 ? year + 1 : year;
}

/** The half-year an instant falls in, in the depots' calendar: 1 for January to June, 2 for July to December. */
export const halfOf = (now: Date | number = Date.now()): 1 | 2 => (wallClock(now)!.month <= 6 ? 1 : 2);

export function parseYear(text: string | null): number | null {
  if (!text || !/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** A typed quantity: a whole number from 0 up; null when it is none. */
export function parseQuantity(text: string): number | null {
  const trimmed = text.trim().replace(/[,，\s]/g, '');
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  return Number(trimmed);
}

const en = () => lang.value === 'en';

export const nameOf = (l: { productNameZh: string; productNameEn: string }) => (en() ? l.productNameEn : l.productNameZh);
export const unitOf = (l: { unitZh: string; unitEn: string }) => (en() ? l.unitEn : l.unitZh);
export const productNameOf = (p: Product) => (en() ? p.nameEn : p.nameZh);

/** "+5 %", "−2.5 %", "0 %". */
export function formatPct(n: number): string {
  const abs = Math.abs(n);
  const text = Number.isInteger(abs) ? String(abs) : abs.toFixed(1);
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${text} %`;
}

/** Quantities in the formula's steps keep one decimal where the step has one. */
export function formatStep(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Number.isInteger(rounded) ? formatQuantity(rounded) : new Intl.NumberFormat(lang.value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rounded);
}

/** A rate or a standard as given: "13", "0.25", "3". */
export const formatNumber = (n: number) => new Intl.NumberFormat(lang.value, { maximumFractionDigits: 2 }).format(n);

/** "2026-11-23" of an ISO instant, in the depots' calendar. */
export const dateOf = (iso: string | null) => formatDate(iso);

export type DemandInputs = DemandPlan['lines'][number]['inputs'];

/**
 * The proposal's steps with this line's numbers (the server's proposeDemand, server/domain/planning.ts):
 * what the words on the screen say, computed the same way. The proposal itself is the server's.
 */
export function demandSteps(i: DemandInputs) {
  if (i.hasPlanningChildren) {
    const turnover = (i.childrenRequested * i.turnoverMonths) / 12;
    const need = Math.max(0, Math.ceil(turnover - i.openingStock));
    return { kind: 'parent' as const, turnover, need };
  }
  const byUsers = i.users !== null && i.users > 0 && i.standardAnnualUse > 0;
  const base = byUsers ? i.users! * i.standardAnnualUse : i.lastYearIssued + i.lastYearDispensed;
  const use = base * (1 + i.trendPct / 100);
  const turnover = (use * i.turnoverMonths) / 12;
  const raw = use + turnover - i.openingStock - i.stockBelow;
  return { kind: byUsers ? ('users' as const) : ('past' as const), base, use, turnover, raw };
}
