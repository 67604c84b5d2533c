import { signal } from '@preact/signals';

/**
 * Dates and times as the depots keep them: every instant the app shows or prints is read in the
 * depots' time zone (the server's `timeZone`, sent with the session by GET /api/auth/me), never
 * in the browser's. A signature made at 2026-12-04T23:30Z is on 2026-12-05 07:30 in Asia/Shanghai,
 * whether the page runs in Beijing, New York or a UTC test browser. No i18n and no DOM here, so
 * that the rules can be tested in Node (test/web/datetime.test.ts).
 */

/** The server's default; replaced by the session's zone as soon as the user is known. */
export const depotTimeZone = signal('Asia/Shanghai');

export function setDepotTimeZone(timeZone: string) {
  depotTimeZone.value = timeZone;
}

type Instant = string | number | Date;

export interface WallClock {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

function partFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    partFormats.set(timeZone, format);
  }
  return format;
}

const epochOf = (at: Instant) => (at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at));

/** The wall-clock reading of an instant in a zone (the depots' unless given); null for an unreadable instant. */
export function wallClock(at: Instant, timeZone = depotTimeZone.value): WallClock | null {
  const ms = epochOf(at);
  if (!Number.isFinite(ms)) return null;
  const parts: Record<string, number> = {};
  for (const p of partFormat(timeZone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateText = (w: WallClock) => `${w.year}-${pad(w.month)}-${pad(w.day)}`;
const timeText = (w: WallClock) => `${pad(w.hour)}:${pad(w.minute)}`;

/** "2026-12-05 07:30" for 2026-12-04T23:30Z in Asia/Shanghai; an unreadable value is shown as it came. */
export function formatDateTime(at: Instant): string {
  const w = wallClock(at);
  return w ? `${dateText(w)} ${timeText(w)}` : String(at);
}

/** The depots' calendar date of an instant: "2026-12-05" for 2026-12-04T23:30Z; empty for none. */
export function formatDate(at: Instant | null | undefined): string {
  if (at === null || at === undefined || at === '') return '';
  const w = wallClock(at);
  return w ? dateText(w) : String(at).slice(0, 10);
}

/** "07:30": the depots' clock time of an instant. */
export function formatTime(at: Instant): string {
  const w = wallClock(at);
  return w ? timeText(w) : '';
}

/** "12-05 07:30", with the year in front ("2025-12-05 07:30") only when it is not the current one. */
export function formatShortDateTime(at: Instant, now: Instant = Date.now()): string {
  const w = wallClock(at);
  if (!w) return String(at);
  const day = `${pad(w.month)}-${pad(w.day)} ${timeText(w)}`;
  return w.year === wallClock(now)?.year ? day : `${w.year}-${day}`;
}

/** Today in the depots' calendar, "2026-12-05": what expiry and due dates are compared with. */
export const today = (now: Instant = Date.now()) => formatDate(now);

/** This month in the depots' calendar, "2026-12". */
export const currentMonth = (now: Instant = Date.now()) => today(now).slice(0, 7);

/** The value of a datetime-local input showing an instant on the depots' clock: "2026-12-05T07:30". */
export function localInputValue(at: Instant): string {
  const w = wallClock(at);
  return w ? `${dateText(w)}T${timeText(w)}` : '';
}

const DAY_MS = 86_400_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall-clock time on the depots' clock ("2026-12-05T07:30", a datetime-local value) as ISO 8601
 * with the zone's offset at that moment: "2026-12-05T07:30:00+08:00"; null when it is not one.
 * Around a daylight-saving change a skipped time moves forward and a repeated one is the first.
 */
export function isoWithOffset(local: string, timeZone = depotTimeZone.value): string | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== d) return null;
  const offsetAt = (ms: number) => {
    const w = wallClock(ms, timeZone)!;
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
  };
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  const earlyHolds = offsetAt(wall - before) === before;
  const lateHolds = offsetAt(wall - after) === after;
  // Both hold in a repeated hour: the first instant, under the larger offset. Neither in a skipped one: the offset before it.
  const offset = before === after || !lateHolds ? before : earlyHolds ? Math.max(before, after) : after;
  const minutes = Math.round(offset / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
