import type { StorageArea } from '../../api.ts';
import { lang } from '../../i18n/index.ts';

/**
 * Numbers, times and limits of the climate screens. Instants travel as epoch milliseconds (UTC)
 * and are shown on the depots' clock (components/datetime.ts), whatever the browser's zone.
 */

type Limits = StorageArea['limits'];

/** One decimal for temperatures, none for humidity, as on the paper form. */
export const formatC = (c: number) => c.toFixed(1);
export const formatRh = (rh: number | null) => (rh === null ? '—' : String(Math.round(rh)));

/**
 * On the depots' clock: formatInstant "2026-11-23 14:15", formatShortInstant "11-23 14:15" (the
 * year only when it is not this year's), formatTime "14:15"; a datetime-local input's value
 * "2026-11-23T09:05" and back as ISO 8601 with the depots' offset, "2026-11-23T09:05:00+08:00".
 */
export {
  currentMonth,
  formatDateTime as formatInstant,
  formatShortDateTime as formatShortInstant,
  formatTime,
  isoWithOffset,
  localInputValue,
} from '../../components/datetime.ts';

/** "3 天 4 小时", "2 小时 15 分", "40 分钟"; days and hours, or hours and minutes. */
export function formatMinutes(minutes: number): string {
  const en = lang.value === 'en';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const unit = (n: number, zh: string, enUnit: string) => (en ? `${n} ${enUnit}` : `${n} ${zh}`);
  if (d > 0) return [unit(d, '天', 'd'), h > 0 ? unit(h, '小时', 'h') : ''].filter(Boolean).join(' ');
  if (h > 0) return [unit(h, '小时', 'h'), m > 0 ? unit(m, '分', 'min') : ''].filter(Boolean).join(' ');
  return unit(m, '分钟', 'min');
}

/** A typed number: "27.5", "27,5" (a comma keyboard), "-3"; null when it is none. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** RH exactly at the limit breaches when the regulation says "below" (the server's `rhAtLimitBreaches`). */
export const rhBreaches = (rh: number, limits: Limits) => (limits.rhAtLimitBreaches ? rh >= limits.maxRh : rh > limits.maxRh);

export const outOfLimits = (r: { temperatureC: number; humidityPct: number | null }, limits: Limits) =>
  r.temperatureC < limits.minC || r.temperatureC > limits.maxC || (r.humidityPct !== null && rhBreaches(r.humidityPct, limits));

/** "5–25 °C · RH < 65 %". */
export const formatLimits = (limits: Limits) => `${limits.minC}–${limits.maxC} °C · RH ${limits.rhAtLimitBreaches ? '<' : '≤'} ${limits.maxRh} %`;
