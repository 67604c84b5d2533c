import { sqliteTable, integer, text, real, index, unique } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { products } from './catalogue.ts';
import { users } from './access.ts';
import type { DemandInputs } from '../../server/domain/planning.ts';

/**
 * Users by method (使用人数, S0:372) of a township for a half-year, entered by the township or
 * derived from its dispensing records. `method` is a product class (oral, condom, …).
 */
export const usageFigures = sqliteTable(
  'usage_figures',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    year: integer().notNull(),
    half: integer().notNull(),
    method: text().notNull(),
    users: integer().notNull(),
    source: text({ enum: ['entered', 'derived'] }).notNull(),
    recordedBy: integer()
      .notNull()
      .references(() => users.id),
    recordedAt: text().notNull(),
  },
  (t) => [unique('usage_figures_uq').on(t.depotId, t.year, t.half, t.method)],
);


/**
 * A depot's demand plan (需求计划, S0:343-348) for a year: compiled in the fourth quarter
 * before it, from the townships up; signed by the leader, then submitted to the depot above,
 * which may return it with a comment.
 */
export const demandPlans = sqliteTable(
  'demand_plans',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    year: integer().notNull(),
    status: text({ enum: ['draft', 'submitted', 'returned'] }).notNull(),
    signedBy: integer().references(() => users.id),
    signedAt: text(),
    submittedBy: integer().references(() => users.id),
    submittedAt: text(),
    /** The depots directly below that had not submitted when this plan went up (DP-R2). */
    missingChildren: text({ mode: 'json' }).$type<number[]>(),
    returnedBy: integer().references(() => users.id),
    returnedAt: text(),
    returnComment: text(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
  },
  (t) => [unique('demand_plans_uq').on(t.depotId, t.year), index('demand_plans_year_idx').on(t.year, t.status)],
);

export const demandPlanLines = sqliteTable(
  'demand_plan_lines',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    planId: integer()
      .notNull()
      .references(() => demandPlans.id),
    productId: integer()
      .notNull()
      .references(() => products.id),
    inputs: text({ mode: 'json' }).$type<DemandInputs>().notNull(),
    proposed: integer().notNull(),
    quantity: integer().notNull(),
    /** Why the planner asks for other than the proposal. */
    reason: text(),
  },
  (t) => [unique('demand_plan_lines_uq').on(t.planId, t.productId)],
);

/**
 * A depot's allocation plan (分配计划, S0:349-351) for a year: what it holds and expects, split
 * among its children; signed by the leader, which issues it (下达) and generates the planned
 * transfer orders. Late when issued after the end of February.
 */
export const allocationPlans = sqliteTable(
  'allocation_plans',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    number: text().notNull().unique(),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    year: integer().notNull(),
    status: text({ enum: ['draft', 'issued'] }).notNull(),
    note: text(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
    signedBy: integer().references(() => users.id),
    issuedAt: text(),
  },
  (t) => [unique('allocation_plans_uq').on(t.depotId, t.year)],
);

export const allocationPlanLines = sqliteTable(
  'allocation_plan_lines',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    planId: integer()
      .notNull()
      .references(() => allocationPlans.id),
    childDepotId: integer()
      .notNull()
      .references(() => depots.id),
    productId: integer()
      .notNull()
      .references(() => products.id),
    requested: integer(),
    lastYearUse: integer().notNull(),
    lastYearUsers: integer().notNull(),
    forecastChangePct: real().notNull(),
    proposed: integer().notNull(),
    allocated: integer().notNull(),
    reason: text(),
  },
  (t) => [unique('allocation_plan_lines_uq').on(t.planId, t.childDepotId, t.productId)],
);
