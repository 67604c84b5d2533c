import { z } from '@hono/zod-openapi';
import { calendarDate } from './dates.ts';
import { PageQuerySchema } from './api.ts';
import { PERIOD_KINDS } from '../domain/report-period.ts';
import { ADR_OUTCOMES, ADR_STATUSES, CONFIRMATION_DECISIONS, DIAGNOSING_BODIES, SERIOUS_CRITERIA } from '../domain/adverse-vocabulary.ts';
import { HoldSchema, TraceSchema } from './quality.ts';

/** Adverse reactions (不良反应, S0:423-439): form 11, the county's confirmation, form 13 to the region, lot signals. */

const id = z.coerce.number().int().positive();
const criteria = z
  .array(z.enum(SERIOUS_CRITERIA))
  .max(SERIOUS_CRITERIA.length)
  .refine((c) => new Set(c).size === c.length, 'each criterion once')
  .openapi({ description: 'The serious criteria met (S0:427-432): death; cancer, malformation or birth defect; danger to life with permanent or significant disability; permanent damage to an organ’s function; hospitalisation or a longer stay' });

export const AdverseReactionCreateSchema = z
  .strictObject({
    depotId: z.number().int().positive(),
    personId: z.number().int().positive().optional().openapi({ description: 'A person on the register of this depot (or, at a township, of a village below it)' }),
    birthYear: z.number().int().min(1900).max(2100).optional().openapi({ description: 'Someone not on the register: only the birth year and the village or community' }),
    community: z.string().trim().min(1).max(60).optional(),
    raw: z.string().min(1).max(500).optional().openapi({ description: 'The lot, scanned: our batch label FP1:B:<id> or a GS1 string with GTIN and lot' }),
    batchId: z.number().int().positive().optional().openapi({ description: 'The lot, chosen' }),
    dispensingId: z.number().int().positive().optional().openapi({ description: 'The dispensing the product came from, when known' }),
    useStartedOn: calendarDate,
    onsetOn: calendarDate,
    learnedOn: calendarDate.optional().openapi({ description: 'When the depot learned of the reaction (default today): the due time runs from here' }),
    description: z.string().trim().min(2).max(1000),
    treatment: z.string().trim().max(500).optional(),
    outcome: z.enum(ADR_OUTCOMES),
    criteria: criteria.default([]),
  })
  .refine((s) => s.raw !== undefined || s.batchId !== undefined, { message: 'scan the lot or choose it', path: ['raw'] })
  .refine((s) => s.personId !== undefined || (s.birthYear !== undefined && s.community !== undefined), { message: 'name a registered person, or give the birth year and the village or community', path: ['personId'] })
  .openapi('AdverseReactionCreate');

export const AdverseReactionConfirmSchema = z
  .strictObject({
    decision: z.enum(CONFIRMATION_DECISIONS),
    criteria: criteria.optional().openapi({ description: 'The criteria the diagnosis found, when confirmed (default: those the reporter flagged); empty when not serious' }),
    diagnosingBody: z.enum(DIAGNOSING_BODIES),
    institution: z.string().trim().min(2).max(100),
    diagnostician: z.string().trim().min(1).max(60),
    diagnosedOn: calendarDate,
    note: z.string().trim().max(500).optional(),
  })
  .openapi('AdverseReactionConfirm');

export const AdverseReactionListQuerySchema = PageQuerySchema.extend({
  depotId: id,
  status: z.enum(ADR_STATUSES).optional(),
  serious: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  batchId: id.optional(),
});

export const DepotQuerySchema = z.object({ depotId: id });

const FORM_FORMATS = ['json', 'html', 'pdf', 'xlsx', 'csv'] as const;
export type FormFormat = (typeof FORM_FORMATS)[number];

export const Form11QuerySchema = z.object({
  depotId: id,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  period: z.enum(PERIOD_KINDS).default('year'),
  month: z.coerce.number().int().min(1).max(12).optional(),
  format: z.enum(FORM_FORMATS).default('json'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export const Form13QuerySchema = z.object({
  format: z.enum(FORM_FORMATS).default('json'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

const named = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export const AdverseReactionSchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    caseNumber: z.string().openapi({ description: 'The person’s case number on the register, or the report’s number for someone not on it: what every depot reads' }),
    status: z.enum(ADR_STATUSES),
    serious: z.boolean(),
    criteria: z.array(z.enum(SERIOUS_CRITERIA)),
    reportedCriteria: z.array(z.enum(SERIOUS_CRITERIA)),
    depot: named,
    countyId: z.number().int().nullable(),
    product: z.object({ id: z.number().int(), code: z.string(), nameZh: z.string(), nameEn: z.string() }),
    batch: z.object({ id: z.number().int(), lot: z.string(), expiresOn: z.string(), manufacturer: z.string().nullable() }),
    entry: z.enum(['scanned', 'typed']),
    dispensingId: z.number().int().nullable(),
    useStartedOn: z.string(),
    onsetOn: z.string(),
    learnedOn: z.string(),
    ageAtOnset: z.number().int().nullable(),
    description: z.string(),
    treatment: z.string().nullable(),
    outcome: z.enum(ADR_OUTCOMES),
    dueOn: z.string(),
    overdue: z.boolean(),
    filedOn: z.string(),
    filedAt: z.string(),
    reporter: z.object({ id: z.number().int(), displayName: z.string() }),
    personal: z
      .object({ personId: z.number().int().nullable(), name: z.string().nullable(), birthYearMonth: z.string().nullable(), birthYear: z.number().int().nullable(), community: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The person’s details: only for the reporting depot and the township directly above it (each read audited); null for everyone else' }),
    confirmation: z
      .object({
        decision: z.enum(CONFIRMATION_DECISIONS),
        diagnosingBody: z.enum(DIAGNOSING_BODIES),
        institution: z.string(),
        diagnostician: z.string(),
        diagnosedOn: z.string(),
        note: z.string().nullable(),
        confirmedBy: z.number().int(),
        confirmedAt: z.string(),
      })
      .nullable(),
    submission: z.object({ submittedBy: z.number().int(), submittedAt: z.string(), submittedOn: z.string() }).nullable(),
    signalId: z.number().int().nullable(),
  })
  .openapi('AdverseReaction');

export const AdverseReactionPageSchema = z
  .object({ items: z.array(AdverseReactionSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('AdverseReactionPage');

export const OverdueCasesSchema = z
  .object({
    today: z.string(),
    items: z.array(
      z.object({
        id: z.number().int(),
        number: z.string(),
        caseNumber: z.string(),
        depot: named,
        countyId: z.number().int().nullable(),
        status: z.enum(ADR_STATUSES),
        criteria: z.array(z.enum(SERIOUS_CRITERIA)),
        productCode: z.string(),
        productNameZh: z.string(),
        productNameEn: z.string(),
        lot: z.string(),
        learnedOn: z.string(),
        dueOn: z.string(),
        daysOverdue: z.number().int(),
      }),
    ),
  })
  .openapi('AdverseReactionOverdue');

const SignalBaseSchema = z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  depotId: z.number().int(),
  depotName: z.string(),
  lot: z.string(),
  expiresOn: z.string(),
  productCode: z.string(),
  productNameZh: z.string(),
  productNameEn: z.string(),
  raisedOn: z.string(),
  raisedAt: z.string(),
  windowFrom: z.string(),
  reportCount: z.number().int(),
  holdId: z.number().int().nullable(),
  holdReleasedAt: z.string().nullable().openapi({ description: 'when the hold placed from this signal was released; null while it stands or before one is placed' }),
});

export const AdverseSignalListSchema = z.object({ items: z.array(SignalBaseSchema) }).openapi('AdverseSignalList');

export const AdverseSignalSchema = SignalBaseSchema.extend({
  reports: z.array(
    z.object({ id: z.number().int(), number: z.string(), caseNumber: z.string(), depotId: z.number().int(), depotName: z.string(), filedOn: z.string(), onsetOn: z.string(), serious: z.boolean(), status: z.enum(ADR_STATUSES), outcome: z.enum(ADR_OUTCOMES) }),
  ),
  trace: TraceSchema,
  hold: z.union([HoldSchema, z.null()]).openapi({ description: 'the hold placed from this signal, null before' }),
}).openapi('AdverseSignal');
