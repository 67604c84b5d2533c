import { sqliteTable, integer, text, primaryKey } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { products } from './catalogue.ts';

/**
 * Month totals of the stock card per depot and product, kept by the posting module in the
 * posting's own transaction, so that a year's 购调存 report of a whole region reads a few
 * thousand rows instead of millions of movements.
 *
 * - `scope` 'own' sums the depot's own movements (本级); 'tree' sums the depot's and every
 *   depot's below it (汇总), and is written for each ancestor-or-self of the moving depot.
 * - `month` is "YYYY-MM" in the configured depot time zone.
 * - `flow` is the movement kind, a reversal counting negatively under the kind it reverses;
 *   movements of the `in_transit` location count under the flow 'in_transit' whatever their kind.
 * - In and out are kept apart (both non-negative), so gains and losses of a count stay visible.
 *
 * It is derived data: `rebuildPeriodTotals` recomputes it from the movements and `verify`
 * compares the two.
 */
export const stockPeriodTotals = sqliteTable(
  'stock_period_totals',
  {
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    scope: text({ enum: ['own', 'tree'] }).notNull(),
    month: text().notNull(),
    productId: integer()
      .notNull()
      .references(() => products.id),
    flow: text().notNull(),
    inQty: integer().notNull().default(0),
    inValueFen: integer().notNull().default(0),
    outQty: integer().notNull().default(0),
    outValueFen: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.depotId, t.scope, t.month, t.productId, t.flow] })],
);
