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
  },
  (t) => [index('opening_balances_depot_idx').on(t.depotId)],
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
