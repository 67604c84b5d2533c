import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { STORAGE_ZONES } from '../../server/schemas/constants.ts';
import { depots } from './depots.ts';
import { batches } from './catalogue.ts';
import { users } from './access.ts';
import { postings } from './stock.ts';

/** Opening stock (期初库存) of a depot moving from paper stock cards: one document, one posting. */
export const openingBalances = sqliteTable(
  'opening_balances',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    number: text().notNull().unique(),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    note: text(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
    postingId: integer().references(() => postings.id),
    /** The second person (leader or planner, not the poster) who confirmed it: only then is its stock usable. */
    confirmedBy: integer().references(() => users.id),
    confirmedAt: text(),
  },
  (t) => [index('opening_balances_depot_idx').on(t.depotId)],
);

/**
 * A period in which a depot that already moves stock may post opening balances (a late
 * go-live, stock found on old paper cards), opened by its leader until `endsOn` inclusive.
 */
export const openingWindows = sqliteTable(
  'opening_windows',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    endsOn: text().notNull(),
    reason: text().notNull(),
    openedBy: integer()
      .notNull()
      .references(() => users.id),
    openedAt: text().notNull(),
  },
  (t) => [index('opening_windows_depot_idx').on(t.depotId, t.endsOn)],
);

export const openingBalanceLines = sqliteTable(
  'opening_balance_lines',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    openingBalanceId: integer()
      .notNull()
      .references(() => openingBalances.id),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    zone: text({ enum: STORAGE_ZONES }).notNull(),
    quantity: integer().notNull(),
    unitPriceFen: integer().notNull(),
  },
  (t) => [index('opening_balance_lines_document_idx').on(t.openingBalanceId)],
);
