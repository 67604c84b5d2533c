import { lang } from '../i18n/index.ts';
import type { Product } from '../api.ts';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(): Intl.NumberFormat {
  let format = numberFormats.get(lang.value);
  if (!format) {
    format = new Intl.NumberFormat(lang.value, { maximumFractionDigits: 0 });
    numberFormats.set(lang.value, format);
  }
  return format;
}

export const formatQuantity = (n: number) => numberFormat().format(n);

/** Integer fen to yuan with two decimals, in integer arithmetic: 1438680 -> "14,386.80". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${numberFormat().format(Math.floor(abs / 100))}.${cents}`;
}

export { currentMonth, depotTimeZone, formatDate, formatDateTime, formatShortDateTime, formatTime, isoWithOffset, localInputValue, setDepotTimeZone, today, wallClock } from './datetime.ts';

const isEnglish = () => lang.value === 'en';

export const productName = (p: Product) => (isEnglish() ? p.nameEn : p.nameZh);
export const productSpec = (p: Product) => (isEnglish() ? p.specEn : p.specZh);
export const productUnit = (p: Product) => (isEnglish() ? p.unitEn : p.unitZh);

/** A quantity in one unit (the server's UnitQuantity): totals across products come as a list of these. */
export interface UnitQuantity {
  unitZh: string;
  unitEn: string;
  quantity: number;
}

export const unitName = (u: Pick<UnitQuantity, 'unitZh' | 'unitEn'>) => (isEnglish() ? u.unitEn : u.unitZh);

/**
 * Lines summed per unit, the largest first, as the server's totalsByUnit (server/domain/units.ts):
 * [{盒 100}, {板 30}, {盒 20}] -> [{盒 120}, {板 30}].
 */
export function sumByUnit(lines: readonly UnitQuantity[]): UnitQuantity[] {
  const byUnit = new Map<string, UnitQuantity>();
  for (const l of lines) {
    const u = byUnit.get(l.unitZh);
    if (!u) byUnit.set(l.unitZh, { unitZh: l.unitZh, unitEn: l.unitEn, quantity: l.quantity });
    else {
      u.quantity += l.quantity;
      if (!u.unitEn.split('/').includes(l.unitEn)) u.unitEn = `${u.unitEn}/${l.unitEn}`;
    }
  }
  return [...byUnit.values()].sort((a, b) => b.quantity - a.quantity || a.unitZh.localeCompare(b.unitZh));
}

/** "48只 30支": quantities per unit as a data attribute holds them, for tests and tools. */
export const unitsData = (quantities: readonly UnitQuantity[]) => quantities.map((u) => `${u.quantity}${u.unitZh}`).join(' ');

/** "120 盒 · 30 板": quantities of different units side by side, never added up; "0" for none. */
export const formatByUnit = (totals: readonly UnitQuantity[]) =>
  totals.length === 0 ? formatQuantity(0) : totals.map((u) => `${formatQuantity(u.quantity)} ${unitName(u)}`).join(' · ');
