import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/people.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import * as svc from '../services/people.ts';
import { userCounts, userCountsSheet } from '../services/people-counts.ts';
import { peopleRegisterSheet, personFollowUpSheet } from '../services/people-forms.ts';
import { followUpSummary, followUpSummarySheet } from '../services/follow-ups-summary.ts';
import { sheetToHtml, sheetToPdf } from '../services/people-print.ts';
import { exportFileName, sheetToXlsx, type ExportLang } from '../services/reports/export.ts';
import type { ReportSheet } from '../domain/report-sheet.ts';
import type { Context } from 'hono';

const tags = ['people'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PRINTED = {
  'text/html': { schema: z.string() },
  'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
  [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
};
const attachment = (name: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
const WHO_SEES =
  ' Names, birth month, community and contact are seen only by dispensers and leaders of the depot that registered the person and of the township directly above a village (docs/people.md); every other reader of the depot sees case numbers, methods and statuses.';

const register = createRoute({
  method: 'post',
  path: '/people',
  tags,
  operationId: 'registerPerson',
  summary: 'Register a person using a method (花名册): village and township depots',
  description:
    'A dispenser of the depot (403 out_of_scope, role_required), at village and township depots only (409 register_not_here), with the person’s consent and its date (`consent: true`; 422 consent_required), no date after today (422 date_in_future). No national ID number is asked. The person gets a case number (<depot code>-<sequence>) by which every other tier knows them; the first registration opens the depot’s register, after which the methods that need a person (pills, injections, IUD, implant by default) are dispensed only to registered people. The next follow-up is set from the method’s schedule.',
  security: sessionAndCsrf,
  request: { body: body(s.PersonCreateSchema) },
  responses: { 201: json(s.PersonListRowSchema), ...problems.change },
});
const list = createRoute({
  method: 'get',
  path: '/people',
  tags,
  operationId: 'listPeople',
  summary: 'The users register of a depot and the depots below it',
  description:
    'Any reader of the depot (403 out_of_scope), by depot then case number, open records unless `closed` says otherwise, filtered by status and method.' +
    WHO_SEES +
    ' A page showing names is recorded in the audit log with the case numbers it showed (`withNames`).',
  security: session,
  request: { query: s.PeopleQuerySchema },
  responses: { 200: json(s.PeoplePageSchema), ...problems.read },
});
const one = createRoute({
  method: 'get',
  path: '/people/{id}',
  tags,
  operationId: 'getPerson',
  summary: 'A person’s record: personal fields, history of methods and statuses, follow-ups and dispensings (form 8.1)',
  description:
    'Only a dispenser or leader of the depot that registered the person, or of the township directly above a village (403 personal_data_restricted for every other reader, a county user included; 403 out_of_scope outside the subtree; 404 person_not_found). Every read is recorded in the audit log.',
  security: session,
  request: { params: s.PersonIdParamSchema },
  responses: { 200: json(s.PersonSchema), ...problems.read },
});
const status = createRoute({
  method: 'post',
  path: '/people/{id}/status',
  tags,
  operationId: 'changePersonStatus',
  summary: 'Record that a person switched method, stopped (why), moved away, or uses a method again',
  description:
    'A dispenser of the registering depot (403 out_of_scope, role_required). Dated no later than today (422 date_in_future) and not before the person’s last recorded change (422 date_before_last_change); a switch names another method (422 method_unchanged); a person who stopped or moved away first uses a method again (409 person_not_using); a closed record changes no more (409 person_closed). The register keeps every change with its date, so 使用人数 at any period end reads it.',
  security: sessionAndCsrf,
  request: { params: s.PersonIdParamSchema, body: body(s.PersonStatusChangeSchema) },
  responses: { 200: json(s.PersonListRowSchema), ...problems.change },
});
const close = createRoute({
  method: 'post',
  path: '/people/{id}/close',
  tags,
  operationId: 'closePerson',
  summary: 'Close the record of someone who no longer uses a method',
  description:
    'A dispenser or leader of the registering depot (403 out_of_scope, role_required), once the person stopped or moved away (409 person_still_using), once (409 person_closed). After the retention period (`people.retentionDays`, default three years) the record’s personal fields are erased; its case number, methods, dates and outcomes stay, so the counts do not change.',
  security: sessionAndCsrf,
  request: { params: s.PersonIdParamSchema, body: body(s.PersonCloseSchema) },
  responses: { 200: json(s.PersonListRowSchema), ...problems.change },
});
const followUp = createRoute({
  method: 'post',
  path: '/people/{id}/follow-ups',
  tags,
  operationId: 'recordFollowUp',
  summary: 'Record a follow-up visit (随访): continuing, side effects, switched or stopped',
  description:
    'A dispenser of the registering depot (403 out_of_scope, role_required), for a user of a method (409 person_not_using, person_closed), on a day from the method’s start to today (422 date_before_last_change, date_in_future). Side effects are described, a switch names the new method, a stop its reason (422 validation_failed). It answers the scheduled date it falls on or up to `people.followUpEarlyDays` before, updates the register (a switch or stop is a change of status on that day) and sets the next follow-up from the method’s schedule.',
  security: sessionAndCsrf,
  request: { params: s.PersonIdParamSchema, body: body(s.FollowUpCreateSchema) },
  responses: { 201: json(s.FollowUpResultSchema), ...problems.change },
});
const due = createRoute({
  method: 'get',
  path: '/follow-ups/due',
  tags,
  operationId: 'listDueFollowUps',
  summary: 'Follow-ups due and overdue at a depot and below, optionally of one dispenser',
  description:
    'Any reader of the depot (403 out_of_scope): every follow-up due up to `withinDays` from today, oldest first, overdue ones flagged with their days overdue; `overdue` counts them all.' +
    WHO_SEES +
    ' A page showing names is recorded in the audit log.',
  security: session,
  request: { query: s.DueFollowUpsQuerySchema },
  responses: { 200: json(s.DueFollowUpsPageSchema), ...problems.read },
});
const exportRegister = createRoute({
  method: 'get',
  path: '/depots/{depotId}/people-register',
  tags,
  operationId: 'exportPeopleRegister',
  summary: 'Export the users register with names (使用药具妇女花名册, form 8.2) as XLSX: leaders only',
  description:
    'Only a leader (403 role_required) of the depot that keeps the register, or of the township directly above a village (403 personal_data_restricted elsewhere; out_of_scope outside the subtree). The open records of that depot with names, laid out like the paper form. Every export is recorded in the audit log.',
  security: session,
  request: { params: s.DepotIdParamSchema, query: s.LangQuerySchema },
  responses: { 200: { description: 'The register as an XLSX download', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } }, ...problems.read },
});
const erase = createRoute({
  method: 'post',
  path: '/depots/{depotId}/people-erasure',
  tags,
  operationId: 'erasePeopleData',
  summary: 'Erase the personal fields of records closed longer ago than the retention period',
  description:
    'A leader or admin of the depot (403 out_of_scope, role_required), for the depot and every depot below it; the server also does it by itself every day. Name, birth month, community, contact and free text of every record closed more than `people.retentionDays` ago are erased; case numbers, methods, dates and outcomes stay, so every count stays as it was. The erasure is in the audit log with the case numbers.',
  security: sessionAndCsrf,
  request: { params: s.DepotIdParamSchema },
  responses: { 200: json(s.ErasureResultSchema), ...problems.change },
});
const counts = createRoute({
  method: 'get',
  path: '/depots/{depotId}/user-counts',
  tags,
  operationId: 'getUserCounts',
  summary: 'Users by method for a half-year (使用人数), from the register where one is kept, else from the entered figures',
  description:
    'Any reader of the depot (403 out_of_scope). One row per township of the subtree (or the township or village itself): the users on the half-year’s last day counted from the users register where the township or any of its villages kept one by then (`source: register`, with how many of its depots did), else the figures the township entered (`entered`), else `none`. Counts only, no names. `format=xlsx` gives the form as a download.',
  security: session,
  request: { params: s.DepotIdParamSchema, query: s.UserCountsQuerySchema },
  responses: {
    200: { description: 'The counts; with format=xlsx a download', content: { 'application/json': { schema: s.UserCountsSchema }, [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problems.read,
  },
});

/** `writes`: the deps on the write connection, where the reads that show names are audited (a GET reads on its own connection). */
const followUpForm = createRoute({
  method: 'get',
  path: '/people/{id}/follow-up-form',
  tags,
  operationId: 'getFollowUpForm',
  summary: 'A person’s follow-up form (育龄妇女使用药具随访表, form 8.1): printable HTML, PDF or XLSX',
  description:
    'Read as the person’s record is: only a dispenser or leader of the registering depot or the township directly above a village (403 personal_data_restricted, out_of_scope; 404 person_not_found), and audited. One line a follow-up: date, the scheduled date it answered, method, outcome, side effects or new method or reason, guidance, who visited; the person’s details and next follow-up under it.',
  security: session,
  request: { params: s.PersonIdParamSchema, query: s.FormFormatQuerySchema },
  responses: { 200: { description: 'The form: HTML to print, or a PDF or XLSX download', content: PRINTED }, ...problems.read },
});
const summary = createRoute({
  method: 'get',
  path: '/depots/{depotId}/follow-up-summary',
  tags,
  operationId: 'getFollowUpSummary',
  summary: 'The quarter’s follow-up summary (随访汇总表, form 12), consolidated over the depots below',
  description:
    'Any reader of the depot (403 out_of_scope). One row per unit directly below (at a township: itself and each village; a county: its townships; up to the region: its cities), each summed over its subtree: users on the quarter’s last day from the register, people followed up and visits in the quarter, visits that found side effects, switches and stops. Counts only. `dueOn` is when the summary is due, as its submission level by level (`reportSubmissions`); `notReported` lists the townships with users but no follow-up recorded in the quarter (S0:437 逐级上报). `format=html|pdf|xlsx` gives the form.',
  security: session,
  request: { params: s.DepotIdParamSchema, query: s.FollowUpSummaryQuerySchema },
  responses: {
    200: { description: 'The summary; with format=html, pdf or xlsx the form', content: { 'application/json': { schema: s.FollowUpSummarySchema }, ...PRINTED } },
    ...problems.read,
  },
});

/** A form as the format asks: HTML to print, or a PDF or XLSX download. */
async function printed(c: Context, sheet: ReportSheet, format: 'html' | 'pdf' | 'xlsx', lang: ExportLang) {
  if (format === 'html') return c.html(sheetToHtml(sheet, lang));
  const file = format === 'pdf' ? await sheetToPdf(sheet, lang) : await sheetToXlsx(sheet, lang);
  const name = exportFileName(sheet, lang, 'xlsx').replace(/xlsx$/, format);
  return c.body(new Uint8Array(file), 200, { 'content-type': format === 'pdf' ? 'application/pdf' : XLSX, 'content-disposition': `attachment; filename="form.${format}"; filename*=UTF-8''${encodeURIComponent(name)}` });
}

export const peopleRoutes = (deps: Deps, writes: Deps = deps) =>
  router()
    .openapi(register, (c) => c.json(svc.registerPerson(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(list, (c) => c.json(svc.listPeople(deps, c.get('actor'), c.req.valid('query'), writes.db), 200))
    .openapi(one, (c) => c.json(svc.getPerson(deps, c.get('actor'), c.req.valid('param').id, writes.db), 200))
    .openapi(status, (c) => c.json(svc.changeStatus(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(close, (c) => c.json(svc.closePerson(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(followUp, (c) => c.json(svc.recordFollowUp(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 201))
    .openapi(followUpForm, async (c) => {
      const { format, lang } = c.req.valid('query');
      return printed(c, personFollowUpSheet(deps, c.get('actor'), c.req.valid('param').id, writes.db), format, lang) as never;
    })
    .openapi(summary, async (c) => {
      const { year, quarter, format, lang } = c.req.valid('query');
      const result = followUpSummary(deps, c.get('actor'), c.req.valid('param').depotId, year, quarter);
      if (format === 'json') return c.json(result, 200);
      return printed(c, followUpSummarySheet(result, deps.clock.now(), deps.config.timeZone), format, lang) as never;
    })
    .openapi(due, (c) => c.json(svc.listDueFollowUps(deps, c.get('actor'), c.req.valid('query'), writes.db), 200))
    .openapi(exportRegister, async (c) => {
      const { lang } = c.req.valid('query');
      const sheet = peopleRegisterSheet(deps, c.get('actor'), c.req.valid('param').depotId, writes.db);
      const file = await sheetToXlsx(sheet, lang);
      return c.body(new Uint8Array(file), 200, { 'content-type': XLSX, 'content-disposition': attachment(exportFileName(sheet, lang, 'xlsx')) }) as never;
    })
    .openapi(erase, (c) => c.json(svc.erasePersonalData(deps, c.get('actor'), c.req.valid('param').depotId), 200))
    .openapi(counts, async (c) => {
      const { year, half, format, lang } = c.req.valid('query');
      const result = userCounts(deps, c.get('actor'), c.req.valid('param').depotId, year, half as 1 | 2);
      if (format === 'xlsx') {
        const sheet = userCountsSheet(result, deps.clock.now());
        const file = await sheetToXlsx(sheet, lang);
        return c.body(new Uint8Array(file), 200, { 'content-type': XLSX, 'content-disposition': attachment(exportFileName(sheet, lang, 'xlsx')) }) as never;
      }
      return c.json(result, 200);
    });
