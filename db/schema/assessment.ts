import { sqliteTable, integer, text, real, index, unique, primaryKey } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { users } from './access.ts';
import type { AwardGrade, ItemResult, RubricTiers } from '../../server/domain/assessment.ts';

/**
 * A version of the assessment rubric (考核评估标准, S0:485: issued separately), with the items of
 * each tier. A version a round has used never changes (a trigger refuses it): changes make a new
 * version. Version 1 is the example shipped with the product (docs/assessment.md).
 */
export const assessmentRubrics = sqliteTable('assessment_rubrics', {
  id: integer().primaryKey({ autoIncrement: true }),
  version: integer().notNull().unique(),
  title: text().notNull(),
  tiers: text({ mode: 'json' }).$type<RubricTiers>().notNull(),
  /** null for the shipped example. */
  createdBy: integer().references(() => users.id),
  createdAt: text().notNull(),
});

/**
 * An assessment round of a year, organised by an upper depot over its subtree (or a part of it,
 * `scopeDepotId`): its assessors score the assessor items, the system fills the computed ones and
 * the results when the round is computed; once finalised nothing in it changes.
 */
export const assessmentRounds = sqliteTable(
  'assessment_rounds',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    year: integer().notNull(),
    rubricId: integer()
      .notNull()
      .references(() => assessmentRubrics.id),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    scopeDepotId: integer()
      .notNull()
      .references(() => depots.id),
    status: text({ enum: ['open', 'finalised'] }).notNull(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
    computedAt: text(),
    finalisedBy: integer().references(() => users.id),
    finalisedAt: text(),
  },
  (t) => [index('assessment_rounds_depot_idx').on(t.depotId, t.year)],
);

/** An assessor's score for one item of one depot in a round, with a note; scoring again replaces it. */
export const assessmentScores = sqliteTable(
  'assessment_scores',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    roundId: integer()
      .notNull()
      .references(() => assessmentRounds.id),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    itemKey: text().notNull(),
    score: real().notNull(),
    note: text(),
    scoredBy: integer()
      .notNull()
      .references(() => users.id),
    scoredAt: text().notNull(),
  },
  (t) => [unique('assessment_scores_uq').on(t.roundId, t.depotId, t.itemKey)],
);

/** A depot's result as the round was last computed: items with their inputs, the sample and its seed, rank and grade. */
export const assessmentResults = sqliteTable(
  'assessment_results',
  {
    roundId: integer()
      .notNull()
      .references(() => assessmentRounds.id),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    tier: text().notNull(),
    ownScore: real().notNull(),
    items: text({ mode: 'json' }).$type<ItemResult[]>().notNull(),
    complete: integer({ mode: 'boolean' }).notNull(),
    sample: text({ mode: 'json' }).$type<number[]>(),
    sampleSeed: integer(),
    childMean: real(),
    total: real().notNull(),
    rank: integer().notNull(),
    grade: text().$type<AwardGrade>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.depotId] }), index('assessment_results_rank_idx').on(t.roundId, t.tier, t.rank)],
);
