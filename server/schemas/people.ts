import { z } from '@hono/zod-openapi';
import { calendarDate } from './dates.ts';
import { PRODUCT_CLASSES } from './constants.ts';
import { FOLLOW_UP_OUTCOMES, PERSON_STATUSES } from '../domain/people-vocabulary.ts';

/** The users register (花名册), follow-ups (随访) and the dispensing register (发放登记表): issue 20, docs/people.md. */

const id = z.coerce.number().int().positive();
const method = z.enum(PRODUCT_CLASSES).openapi({ description: 'the method, as a product class of the catalogue' });
const yearMonth = z
  .string()
  .regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'a year and month, YYYY-MM')
  .openapi({ example: '1992-05' });
const text = (max: number) => z.string().trim().min(1).max(max);

export const PersonIdParamSchema = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });

export const PersonCreateSchema = z
  .strictObject({
    depotId: z.number().int().positive(),
    name: text(40),
    birthYearMonth: yearMonth,
    community: text(60).openapi({ description: 'village group (组) or residents’ community where the person lives' }),
    contact: z.string().trim().max(40).optional().openapi({ description: 'a telephone number or how to reach the person; optional' }),
    method,
    methodSince: calendarDate,
    consent: z.boolean().openapi({ description: 'the person agreed to be registered: must be true (422 consent_required)' }),
    consentOn: calendarDate,
    dispenserId: z.number().int().positive().optional().openapi({ description: 'the dispenser who follows the person up; default the one registering' }),
  })
  .openapi('PersonCreate');

export const PersonStatusChangeSchema = z
  .strictObject({
    status: z.enum(PERSON_STATUSES),
    on: calendarDate,
    method: method.optional(),
    reason: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.status === 'switched' || s.status === 'using') && !s.method) ctx.addIssue({ code: 'custom', path: ['method'], message: 'name the method' });
    if (s.status === 'stopped' && !s.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why the person stopped' });
  })
  .openapi('PersonStatusChange');

export const PersonCloseSchema = z.strictObject({ reason: z.string().trim().min(1).max(200) }).openapi('PersonClose');

export const FollowUpCreateSchema = z
  .strictObject({
    on: calendarDate.optional().openapi({ description: 'the day of the visit; default today' }),
    outcome: z.enum(FOLLOW_UP_OUTCOMES),
    sideEffects: z.string().trim().min(1).max(500).optional(),
    switchedTo: method.optional(),
    stopReason: z.string().trim().min(1).max(200).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.outcome === 'side_effects' && !s.sideEffects) ctx.addIssue({ code: 'custom', path: ['sideEffects'], message: 'describe the side effects' });
    if (s.outcome === 'switched' && !s.switchedTo) ctx.addIssue({ code: 'custom', path: ['switchedTo'], message: 'name the new method' });
    if (s.outcome === 'stopped' && !s.stopReason) ctx.addIssue({ code: 'custom', path: ['stopReason'], message: 'say why the person stopped' });
  })
  .openapi('FollowUpCreate');

export const PeopleQuerySchema = z.object({
  depotId: id,
  status: z.enum(PERSON_STATUSES).optional(),
  method: method.optional(),
  closed: z.enum(['open', 'closed', 'all']).default('open'),
  q: z.string().trim().min(1).max(40).optional().openapi({ description: 'a part of the case number, or of the name where the reader sees names (a search by name finds nobody elsewhere)' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const DueFollowUpsQuerySchema = z.object({
  depotId: id,
  dispenserId: id.optional(),
  withinDays: z.coerce.number().int().min(0).max(366).default(30).openapi({ description: 'due up to this many days from today (overdue ones are always listed)' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const DepotIdParamSchema = z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }) });
/** The language of a printed form, and the forms a register or sheet is given in. */
const formLang = z.enum(['zh-CN', 'en']).default('zh-CN');
const sheetFormat = z.enum(['json', 'html', 'pdf', 'xlsx']).default('json');

export const LangQuerySchema = z.object({ lang: formLang });
export const UserCountsQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  half: z.coerce.number().int().min(1).max(2),
  format: z.enum(['json', 'xlsx']).default('json'),
  lang: formLang,
});

export const DispensingRegisterQuerySchema = z.object({
  depotId: id,
  from: calendarDate.optional().openapi({ description: 'first day; default the first of this month' }),
  to: calendarDate.optional().openapi({ description: 'last day (inclusive); default today' }),
  format: sheetFormat,
  lang: formLang,
});

const personal = {
  name: z.string().nullable(),
  birthYearMonth: z.string().nullable(),
  community: z.string().nullable(),
  contact: z.string().nullable(),
};

/** A row of the register as every reader of the depot sees it: no personal fields. */
const PersonSummaryFields = {
  id: z.number().int(),
  caseNumber: z.string(),
  depotId: z.number().int(),
  depotCode: z.string(),
  depotName: z.string(),
  method,
  methodSince: z.string(),
  status: z.enum(PERSON_STATUSES),
  statusOn: z.string(),
  lastFollowUpOn: z.string().nullable(),
  nextFollowUpOn: z.string().nullable(),
  dispenserId: z.number().int().nullable(),
  dispenserName: z.string().nullable(),
  closedAt: z.string().nullable(),
  erased: z.boolean(),
};

export const PersonListRowSchema = z
  .object({
    ...PersonSummaryFields,
    personal: z.object(personal).nullable().openapi({ description: 'name, birth month, community and contact: only at the registering depot and the township directly above it, for dispensers and leaders; null elsewhere' }),
  })
  .openapi('PersonListRow');

export const PeoplePageSchema = z
  .object({
    items: z.array(PersonListRowSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    withNames: z.boolean().openapi({ description: 'whether any row carries personal fields (such a read is in the audit log)' }),
  })
  .openapi('PeoplePage');

export const PersonSchema = z
  .object({
    ...PersonSummaryFields,
    ...personal,
    statusReason: z.string().nullable(),
    consentOn: z.string(),
    registeredAt: z.string(),
    closeReason: z.string().nullable(),
    history: z.array(z.object({ on: z.string(), status: z.enum(PERSON_STATUSES), method: method.nullable(), reason: z.string().nullable(), source: z.string(), recordedBy: z.string(), recordedAt: z.string() })),
    followUps: z.array(
      z.object({
        id: z.number().int(),
        on: z.string(),
        dueOn: z.string().nullable(),
        method,
        outcome: z.enum(FOLLOW_UP_OUTCOMES),
        sideEffects: z.string().nullable(),
        switchedTo: method.nullable(),
        stopReason: z.string().nullable(),
        note: z.string().nullable(),
        recordedBy: z.string(),
        recordedAt: z.string(),
      }),
    ),
    dispensings: z.array(
      z.object({
        id: z.number().int(),
        dispensedAt: z.string(),
        productCode: z.string(),
        productNameZh: z.string(),
        productNameEn: z.string(),
        batchId: z.number().int(),
        lot: z.string(),
        expiresOn: z.string(),
        quantity: z.number().int(),
        unitZh: z.string(),
        unitEn: z.string(),
        dispensedBy: z.string(),
      }),
    ),
  })
  .openapi('Person');

export const FollowUpResultSchema = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    caseNumber: z.string(),
    on: z.string(),
    dueOn: z.string().nullable(),
    outcome: z.enum(FOLLOW_UP_OUTCOMES),
    status: z.enum(PERSON_STATUSES),
    method,
    nextFollowUpOn: z.string().nullable(),
  })
  .openapi('FollowUpResult');

export const DueFollowUpSchema = z
  .object({
    personId: z.number().int(),
    caseNumber: z.string(),
    depotId: z.number().int(),
    depotCode: z.string(),
    depotName: z.string(),
    method,
    methodSince: z.string(),
    dueOn: z.string(),
    overdue: z.boolean(),
    daysOverdue: z.number().int(),
    lastFollowUpOn: z.string().nullable(),
    dispenserId: z.number().int().nullable(),
    dispenserName: z.string().nullable(),
    personal: z.object({ name: z.string().nullable(), contact: z.string().nullable(), community: z.string().nullable() }).nullable(),
  })
  .openapi('DueFollowUp');

export const DueFollowUpsPageSchema = z
  .object({ items: z.array(DueFollowUpSchema), total: z.number().int(), overdue: z.number().int(), today: z.string(), until: z.string(), page: z.number().int(), pageSize: z.number().int(), withNames: z.boolean() })
  .openapi('DueFollowUpsPage');

export const ErasureResultSchema = z.object({ erased: z.number().int(), caseNumbers: z.array(z.string()), closedBefore: z.string() }).openapi('ErasureResult');

const byMethod = z.record(z.string(), z.number().int());
export const UserCountsSchema = z
  .object({
    depotId: z.number().int(),
    depot: z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.string() }),
    year: z.number().int(),
    half: z.number().int(),
    periodEnd: z.string(),
    rows: z.array(
      z.object({
        depotId: z.number().int(),
        code: z.string(),
        name: z.string(),
        source: z.enum(['register', 'entered', 'none']).openapi({ description: 'register: counted from the users register on the period’s last day; entered: the figures the township entered; none: neither' }),
        registerDepots: z.number().int().openapi({ description: 'how many of its depots kept a register by the period end' }),
        depots: z.number().int().openapi({ description: 'its depots that could keep one (the township and its villages)' }),
        users: byMethod,
        total: z.number().int(),
      }),
    ),
    totals: z.object({ users: byMethod, total: z.number().int() }),
    sources: z.object({ register: z.number().int(), entered: z.number().int(), none: z.number().int() }),
  })
  .openapi('UserCounts');

export const FormFormatQuerySchema = z.object({
  format: z.enum(['html', 'pdf', 'xlsx']).default('html'),
  lang: formLang,
});

export const FollowUpSummaryQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4).openapi({ example: 4 }),
  format: sheetFormat,
  lang: formLang,
});

const summaryCounts = {
  users: z.number().int(),
  followedUp: z.number().int(),
  visits: z.number().int(),
  sideEffects: z.number().int(),
  switched: z.number().int(),
  stopped: z.number().int(),
  notReported: z.number().int().openapi({ description: 'townships below with users but no follow-up recorded in the quarter' }),
};
export const FollowUpSummarySchema = z
  .object({
    depot: z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.string() }),
    year: z.number().int(),
    quarter: z.number().int(),
    from: z.string(),
    to: z.string(),
    dueOn: z.string().openapi({ description: 'the day the summary is due: its submission’s due date (`reportSubmissions` in the settings; 15 days after the quarter from a township, 10 more per level above)' }),
    rows: z.array(z.object({ depotId: z.number().int(), code: z.string(), name: z.string(), ...summaryCounts })),
    totals: z.object(summaryCounts),
    notReported: z.array(z.object({ depotId: z.number().int(), code: z.string(), name: z.string() })),
  })
  .openapi('FollowUpSummary');
