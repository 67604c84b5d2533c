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

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO timestamp in the browser's local time, "2026-11-22 14:15". */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const isEnglish = () => lang.value === 'en';

export const productName = (p: Product) => (isEnglish() ? p.nameEn : p.nameZh);
export const productSpec = (p: Product) => (isEnglish() ? p.specEn : p.specZh);
export const productUnit = (p: Product) => (isEnglish() ? p.unitEn : p.unitZh);
