import { sqliteTable, integer, text, index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { DEPOT_TIERS } from '../../server/schemas/constants.ts';

/**
 * The depot tree. `path` is the materialised chain of ancestor ids ("/1/7/42/"), so a
 * subtree is one indexed prefix scan: `path LIKE '/1/7/%'`.
 */
export const depots = sqliteTable(
  'depots',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    code: text().notNull().unique(),
    name: text().notNull(),
    tier: text({ enum: DEPOT_TIERS }).notNull(),
    parentId: integer().references((): AnySQLiteColumn => depots.id),
    path: text().notNull(),
    depth: integer().notNull(),
    contactPhone: text(),
    active: integer({ mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('depots_parent_idx').on(t.parentId), index('depots_path_idx').on(t.path)],
);
