import type { StockCount, StockCountLine } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { formatDate, formatQuantity, formatYuan, type UnitQuantity } from '../../components/format.ts';

/** Figures of the count screens: variances signed, shortage red and surplus green. */

export const lineName = (l: Pick<StockCountLine, 'productNameZh' | 'productNameEn'>) => (lang.value === 'en' ? l.productNameEn : l.productNameZh);
export const lineUnit = (l: Pick<StockCountLine, 'unitZh' | 'unitEn'>) => (lang.value === 'en' ? l.unitEn : l.unitZh);

/** "+2", "−3", "0"; a dash when not known (blind, or not counted). */
export const signedQuantity = (n: number | null) => (n === null ? '—' : n > 0 ? `+${formatQuantity(n)}` : n < 0 ? `−${formatQuantity(-n)}` : '0');
export const signedYuan = (fen: number | null) => (fen === null ? '—' : fen > 0 ? `+${formatYuan(fen)}` : fen < 0 ? `−${formatYuan(-fen)}` : formatYuan(0));

/** The class of a variance: short red, over green. */
export const varianceClass = (n: number | null) => (n === null || n === 0 ? undefined : n < 0 ? 'qty-out' : 'qty-in');

/** The depots' calendar date of an instant: "2026-11-22". */
export const localDate = (iso: string) => formatDate(iso);

/** The status badge colours of the transfer orders: counting blue, submitted yellow, posted green. */
export const STATUS_CLASS: Record<StockCount['status'], string> = {
  counting: 'status-approved',
  submitted: 'status-awaiting_approval',
  posted: 'status-received',
  cancelled: 'status-cancelled',
};

/** Lines by zone in the sheet's zone order (yellow, green, red), each zone's lines as the server sorts them. */
export function byZone(count: Pick<StockCount, 'zones' | 'lines'>) {
  return count.zones.map((zone) => ({ zone, lines: count.lines.filter((l) => l.zone === zone) }));
}

export type CountUnitTotals = StockCount['totals']['byUnit'][number];

/** One figure of every unit that has it, for UnitQuantities: "2 板 · 12 盒"; units at zero left out. */
export const unitFigures = (units: readonly CountUnitTotals[], figure: 'over' | 'short'): UnitQuantity[] =>
  units.filter((u) => (u[figure] ?? 0) > 0).map((u) => ({ unitZh: u.unitZh, unitEn: u.unitEn, quantity: u[figure]! }));

/** A unit's net variance (surplus less shortage) and its value; null while the books are hidden. */
export const unitVariance = (u: CountUnitTotals) => (u.over === null || u.short === null ? null : u.over - u.short);
export const unitVarianceValue = (u: CountUnitTotals) => (u.overValueFen === null || u.shortValueFen === null ? null : u.overValueFen - u.shortValueFen);
