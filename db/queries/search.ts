import { sql, type SQL, type Column } from 'drizzle-orm';

/** `%`, `_` and the escape character itself, taken literally in a LIKE pattern. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The column contains `text` as typed (a search for "10%" finds "10%", not "100"). */
export const containsText = (column: Column, text: string): SQL => sql`${column} like ${`%${escapeLike(text)}%`} escape '\\'`;

/** The column starts with `text` as typed. */
export const startsWithText = (column: Column, text: string): SQL => sql`${column} like ${`${escapeLike(text)}%`} escape '\\'`;
