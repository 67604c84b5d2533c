/**
 * A real calendar date written YYYY-MM-DD: the month has that day (2026-02-30 and 9999-99-99
 * are not dates; 2028-02-29 is) and the year is one a depot can mean (1900-2199).
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
