import { describe, it, expect, afterEach } from 'vitest';
import {
  currentMonth,
  depotTimeZone,
  formatDate,
  formatDateTime,
  formatShortDateTime,
  formatTime,
  isoWithOffset,
  localInputValue,
  setDepotTimeZone,
  today,
} from '../../web/src/components/datetime.ts';

// The test process runs in UTC (vitest.config.ts): every answer below differs from the process's own calendar.
const LATE_EVENING_UTC = '2026-12-04T23:30:00Z';

afterEach(() => setDepotTimeZone('Asia/Shanghai'));

describe('times on the depots’ clock', () => {
  it('shows an instant at 23:30 UTC as the next day, 07:30, in Asia/Shanghai (the server’s default zone)', () => {
    expect(depotTimeZone.value).toBe('Asia/Shanghai');
    expect(formatDateTime(LATE_EVENING_UTC)).toBe('2026-12-05 07:30');
    expect(formatDate(LATE_EVENING_UTC)).toBe('2026-12-05');
    expect(formatTime(LATE_EVENING_UTC)).toBe('07:30');
    expect(formatDateTime(Date.parse(LATE_EVENING_UTC))).toBe('2026-12-05 07:30');
    expect(formatDateTime(new Date(LATE_EVENING_UTC))).toBe('2026-12-05 07:30');
  });

  it('reads today and this month in the depots’ calendar: on 31 December at 16:00 UTC it is already next year there', () => {
    expect(today(LATE_EVENING_UTC)).toBe('2026-12-05');
    expect(currentMonth('2026-12-31T16:00:00Z')).toBe('2027-01');
    expect(today('2026-12-31T15:59:59Z')).toBe('2026-12-31');
  });

  it('follows the zone the session brings (GET /api/auth/me timeZone)', () => {
    setDepotTimeZone('America/New_York');
    expect(formatDateTime(LATE_EVENING_UTC)).toBe('2026-12-04 18:30');
    expect(formatDate(LATE_EVENING_UTC)).toBe('2026-12-04');
  });

  it('keeps midnight as 00, not 24', () => {
    expect(formatDateTime('2026-12-04T16:00:00Z')).toBe('2026-12-05 00:00');
  });

  it('shows the year of a short time only when it is not this year’s', () => {
    const now = '2026-12-05T02:00:00Z';
    expect(formatShortDateTime(LATE_EVENING_UTC, now)).toBe('12-05 07:30');
    expect(formatShortDateTime('2025-03-01T01:00:00Z', now)).toBe('2025-03-01 09:00');
  });

  it('shows an unreadable or missing value as it came, or as nothing', () => {
    expect(formatDateTime('not a time')).toBe('not a time');
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
  });
});

describe('a time typed on the depots’ clock (datetime-local inputs)', () => {
  it('fills the input with the depots’ wall-clock time and reads it back with their offset', () => {
    expect(localInputValue(new Date(LATE_EVENING_UTC))).toBe('2026-12-05T07:30');
    expect(isoWithOffset('2026-12-05T07:30')).toBe('2026-12-05T07:30:00+08:00');
    expect(Date.parse(isoWithOffset('2026-12-05T07:30')!)).toBe(Date.parse(LATE_EVENING_UTC));
  });

  it('refuses what is not a date and time', () => {
    expect(isoWithOffset('2026-12-05')).toBeNull();
    expect(isoWithOffset('2026-02-30T10:00')).toBeNull();
    expect(isoWithOffset('yesterday')).toBeNull();
  });

  it('around daylight-saving changes moves a skipped time forward and takes the first of a repeated one (as the server’s zonedTimeToUtc)', () => {
    expect(isoWithOffset('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T09:00:00+02:00');
    expect(isoWithOffset('2026-01-15T09:00', 'Europe/Berlin')).toBe('2026-01-15T09:00:00+01:00');
    // 02:30 on 29 March does not happen in Berlin: read with the offset before the change, it is 01:30Z (03:30 CEST).
    expect(Date.parse(isoWithOffset('2026-03-29T02:30', 'Europe/Berlin')!)).toBe(Date.parse('2026-03-29T01:30:00Z'));
    // 02:30 on 25 October happens twice: the first is 00:30Z (CEST).
    expect(Date.parse(isoWithOffset('2026-10-25T02:30', 'Europe/Berlin')!)).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });
});
