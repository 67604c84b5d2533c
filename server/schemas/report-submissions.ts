import { z } from '@hono/zod-openapi';
import { PERIOD_KINDS } from '../domain/report-period.ts';
import { SUBMISSION_KINDS } from '../domain/report-submissions.ts';

/** Reports submitted level by level (逐级上报): prepared, signed and submitted, accepted or returned. */

const id = z.coerce.number().int().positive();
const year = z.coerce.number().int().min(2000).max(2100);
const kind = z.enum(SUBMISSION_KINDS).openapi({ description: 'users 使用人数 (h1, year), usage 使用情况 (h1, year), pts 购调存 (year), follow_up_summary 随访汇总表 (q1-q4)' });
const period = z.enum(PERIOD_KINDS).openapi({ description: 'one of the periods the kind is made for (422 report_period_invalid otherwise)' });
const TextSchema = z.object({ zh: z.string(), en: z.string() });

export const SubmissionPeriodQuerySchema = z.object({ kind, year, period });
export const SubmissionCreateSchema = z.strictObject({ depotId: z.number().int().positive(), kind, year: z.number().int().min(2000).max(2100), period }).openapi('ReportSubmissionCreate');
export const SubmissionReturnSchema = z.strictObject({ reason: z.string().trim().min(2).max(500) }).openapi('ReportSubmissionReturn');
export const SubmissionListQuerySchema = z.object({ depotId: id, year, kind: kind.optional(), from: z.enum(['own', 'children']).default('own') });
export const StatusQuerySchema = z.object({ year });
export const DepotParamSchema = z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }) });

const ColumnSchema = z.object({ key: z.string(), header: TextSchema });
const LineSchema = z.object({ key: z.string(), label: TextSchema, unit: TextSchema.optional(), values: z.record(z.string(), z.number()) });
const ChildrenSchema = z.object({
  included: z.array(z.object({ depotId: z.number().int(), code: z.string(), name: z.string(), submissionId: z.number().int(), version: z.number().int() })),
  missing: z.array(z.object({ depotId: z.number().int(), code: z.string(), name: z.string(), status: z.enum(['none', 'submitted', 'returned']) })),
});
const DepotRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.string() });

const SnapshotSchema = z
  .object({
    title: TextSchema,
    period: z.object({ year: z.number().int(), kind: z.enum(PERIOD_KINDS), from: z.string(), to: z.string(), label: TextSchema }),
    depot: DepotRefSchema,
    columns: z.array(ColumnSchema),
    lines: z.array(LineSchema),
    children: ChildrenSchema.nullable().openapi({ description: 'above the starting tier: the children whose accepted reports are consolidated, and those missing' }),
    own: z.array(LineSchema).nullable().openapi({ description: 'a consolidating depot’s own-level figures, already in lines (a city’s 本级 购调存)' }),
  })
  .openapi('ReportSnapshot');

const DiffSchema = z.object({ line: z.string(), label: TextSchema, column: z.string(), before: z.number(), after: z.number() });

export const SubmissionSchema = z
  .object({
    id: z.number().int(),
    depot: DepotRefSchema,
    kind: z.enum(SUBMISSION_KINDS),
    title: TextSchema,
    year: z.number().int(),
    period: z.enum(PERIOD_KINDS),
    periodLabel: TextSchema,
    version: z.number().int(),
    status: z.enum(['submitted', 'accepted', 'returned']),
    current: z.boolean(),
    dueOn: z.string(),
    late: z.boolean().openapi({ description: 'signed after its due date' }),
    signedBy: z.number().int(),
    signedByName: z.string().nullable(),
    signedAt: z.string(),
    decidedBy: z.number().int().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    returnReason: z.string().nullable(),
    snapshot: SnapshotSchema,
    diff: z.array(DiffSchema).nullable().openapi({ description: 'a resubmission: each figure that changed against the version before' }),
    versions: z.array(z.object({ id: z.number().int(), version: z.number().int(), status: z.enum(['submitted', 'accepted', 'returned']), signedAt: z.string(), decidedAt: z.string().nullable(), returnReason: z.string().nullable() })),
  })
  .openapi('ReportSubmission');

export const SubmissionListSchema = z.object({ items: z.array(SubmissionSchema) }).openapi('ReportSubmissionList');

export const PreparedSchema = z
  .object({
    snapshot: SnapshotSchema,
    dueOn: z.string(),
    periodEnded: z.boolean(),
    latest: SubmissionSchema.nullable(),
    changes: z.array(DiffSchema),
  })
  .openapi('PreparedReport');

export const SummarySchema = z
  .object({
    kind: z.enum(SUBMISSION_KINDS),
    title: TextSchema,
    depot: DepotRefSchema,
    year: z.number().int(),
    period: z.enum(PERIOD_KINDS),
    periodLabel: TextSchema,
    columns: z.array(ColumnSchema),
    lines: z.array(LineSchema),
    own: z.array(LineSchema).nullable(),
    fromChildren: z.array(LineSchema),
    children: ChildrenSchema,
  })
  .openapi('ReportSummary');

const STATES = ['upcoming', 'due', 'late', 'submitted', 'returned', 'accepted'] as const;
const ChildStateSchema = z.object({ depotId: z.number().int(), code: z.string(), name: z.string(), state: z.enum(STATES), submissionId: z.number().int().nullable() });

export const ReportStatusSchema = z
  .object({
    depot: DepotRefSchema,
    year: z.number().int(),
    today: z.string(),
    own: z.array(
      z.object({
        kind: z.enum(SUBMISSION_KINDS),
        title: TextSchema,
        period: z.enum(PERIOD_KINDS),
        periodLabel: TextSchema,
        periodEnd: z.string(),
        dueOn: z.string(),
        state: z.enum(STATES),
        late: z.boolean(),
        submissionId: z.number().int().nullable(),
        version: z.number().int().nullable(),
        returnReason: z.string().nullable(),
      }),
    ),
    demandPlan: z
      .object({ year: z.number().int(), planId: z.number().int().nullable(), dueOn: z.string(), state: z.enum(['upcoming', 'due', 'late', 'submitted', 'returned']) })
      .nullable()
      .openapi({ description: 'next year’s demand plan (its own flow, /demand-plans), due at the end of this year’s fourth quarter (S0:348); null at a village' }),
    below: z.array(
      z.object({
        kind: z.enum(SUBMISSION_KINDS),
        title: TextSchema,
        period: z.enum(PERIOD_KINDS),
        periodLabel: TextSchema,
        dueOn: z.string(),
        expected: z.number().int(),
        accepted: z.number().int(),
        notReported: z.array(ChildStateSchema),
        awaiting: z.array(ChildStateSchema),
      }),
    ),
    counts: z.object({ due: z.number().int(), late: z.number().int(), returned: z.number().int(), awaiting: z.number().int(), notReported: z.number().int() }),
  })
  .openapi('ReportStatus');
