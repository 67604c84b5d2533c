import { z } from '@hono/zod-openapi';
import { isCalendarDate } from '../domain/calendar.ts';

/** A date as the API reads it everywhere: YYYY-MM-DD and a real day of the calendar (422 validation_failed otherwise). */
export const calendarDate = z
  .string()
  .refine(isCalendarDate, 'a real calendar date, YYYY-MM-DD (1900-2199)')
  .openapi({ type: 'string', format: 'date', example: '2027-06-30' });
