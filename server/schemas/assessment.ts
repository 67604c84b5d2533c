import { z } from '@hono/zod-openapi';
import { ASSESSED_TIERS, AWARD_GRADES, COMPUTED_INDICATORS } from '../domain/assessment.ts';

/** The yearly assessment (考核评估): rubric versions, rounds, assessor scores, rankings and sheets. */

const id = z.coerce.number().int().positive();
const TextSchema = z.strictObject({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) });
const tier = z.enum(ASSESSED_TIERS);
const DepotRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.string() });

const RuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('share'), target: z.number().gt(0).max(1) }),
  z.strictObject({ kind: z.literal('done') }),
  z.strictObject({ kind: z.literal('loss'), limit: z.number().gt(0).max(1) }),
]);
const key = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);
const points = z.number().gt(0).max(100);
const ItemSchema = z.discriminatedUnion('source', [
  z.strictObject({ key, label: TextSchema, points, source: z.literal('computed'), indicator: z.enum(COMPUTED_INDICATORS), rule: RuleSchema }),
  z.strictObject({ key, label: TextSchema, points, source: z.literal('assessor'), guidance: TextSchema.optional() }),
]);
const TiersSchema = z.strictObject({ city: z.array(ItemSchema).min(1).max(40), county: z.array(ItemSchema).min(1).max(40), township: z.array(ItemSchema).min(1).max(40), village: z.array(ItemSchema).min(1).max(40) });

export const RubricCreateSchema = z.strictObject({ title: z.string().trim().min(2).max(200), tiers: TiersSchema }).openapi('AssessmentRubricCreate');
export const RubricSchema = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    title: z.string(),
    tiers: TiersSchema,
    totals: z.record(z.string(), z.number()),
    example: z.boolean().openapi({ description: 'the example shipped with the product (version 1), built from the regulation’s own requirements; the official standard is issued separately (S0:485)' }),
    createdAt: z.string(),
  })
  .openapi('AssessmentRubric');
export const RubricListSchema = z.object({ items: z.array(RubricSchema) }).openapi('AssessmentRubricList');
export const VersionParamSchema = z.object({ version: id.openapi({ param: { name: 'version', in: 'path' } }) });

export const RoundCreateSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    rubricVersion: z.number().int().positive(),
    scopeDepotId: z.number().int().positive().optional().openapi({ description: 'a depot of the organiser’s subtree to assess only that part; the whole subtree by default' }),
  })
  .openapi('AssessmentRoundCreate');
export const RoundSchema = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    rubric: z.object({ id: z.number().int(), version: z.number().int(), title: z.string() }),
    depot: DepotRefSchema.openapi({ description: 'the organising depot, whose assessors score' }),
    scope: DepotRefSchema,
    status: z.enum(['open', 'finalised']),
    createdBy: z.number().int(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
    computedAt: z.string().nullable(),
    finalisedBy: z.number().int().nullable(),
    finalisedByName: z.string().nullable(),
    finalisedAt: z.string().nullable(),
    stale: z.boolean().openapi({ description: 'never computed, or scores given since the last computation' }),
    depots: z.record(z.string(), z.number().int()),
    assessorItems: z.object({ scored: z.number().int(), total: z.number().int() }),
  })
  .openapi('AssessmentRound');
export const RoundListSchema = z.object({ items: z.array(RoundSchema) }).openapi('AssessmentRoundList');

export const ScoreSchema = z
  .strictObject({ depotId: z.number().int().positive(), itemKey: key, score: z.number().min(0).max(100), note: z.string().trim().max(500).nullable().optional() })
  .openapi('AssessmentScore');

export const RankingQuerySchema = z.object({ tier });
export const RankingSchema = z
  .object({
    round: RoundSchema,
    tier,
    rows: z.array(
      z.object({
        rank: z.number().int(),
        depot: DepotRefSchema,
        parent: DepotRefSchema.nullable(),
        own: z.number(),
        childMean: z.number().nullable(),
        total: z.number(),
        grade: z.enum(AWARD_GRADES),
        complete: z.boolean(),
        sample: z.array(DepotRefSchema),
      }),
    ),
  })
  .openapi('AssessmentRanking');

export const SheetParamSchema = z.object({
  id: id.openapi({ param: { name: 'id', in: 'path' } }),
  depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }),
});
export const SheetFormQuerySchema = z.object({ format: z.enum(['html', 'pdf', 'xlsx']).default('html'), lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

const ItemLineSchema = z.object({
  key: z.string(),
  label: z.object({ zh: z.string(), en: z.string() }),
  points: z.number(),
  source: z.enum(['computed', 'assessor']),
  indicator: z.enum(COMPUTED_INDICATORS).nullable(),
  rule: z.record(z.string(), z.unknown()).nullable(),
  score: z.number().nullable(),
  value: z.number().nullable().openapi({ description: 'computed items: the value in [0, 1]; null when there was nothing to measure (all the points)' }),
  inputs: z.record(z.string(), z.union([z.number(), z.string()])).nullable().openapi({ description: 'computed items: the figures the value came from' }),
  note: z.string().nullable(),
  scoredByName: z.string().nullable(),
  scoredAt: z.string().nullable(),
  guidance: z.object({ zh: z.string(), en: z.string() }).nullable(),
});
export const SheetSchema = z
  .object({
    round: RoundSchema,
    depot: DepotRefSchema,
    tier,
    items: z.array(ItemLineSchema),
    result: z
      .object({
        own: z.number(),
        childMean: z.number().nullable(),
        total: z.number(),
        rank: z.number().int(),
        of: z.number().int(),
        grade: z.enum(AWARD_GRADES),
        complete: z.boolean(),
        sample: z.array(DepotRefSchema.extend({ total: z.number().nullable() })),
        sampleSeed: z.number().int().nullable(),
      })
      .nullable(),
    canScore: z.boolean(),
  })
  .openapi('AssessmentSheet');
