import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/adverse-reactions.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { ReportSheetSchema } from '../schemas/reports.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { confirmReport, fileReport, getReport, getSignal, holdSignalLot, listReports, listSignals, overdueCases, submitCaseReport } from '../services/adverse-reactions.ts';
import { caseReportSheet, reportFormSheet } from '../services/adverse-reaction-forms.ts';
import { exportFileName, sheetToCsv, sheetToXlsx, type ExportLang } from '../services/reports/export.ts';
import { sheetToHtml, sheetToPdf } from '../services/people-print.ts';
import type { ReportSheet } from '../domain/report-sheet.ts';

const tags = ['adverse reactions'];
const idParams = { params: IdParamSchema };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Who sees a person's details, as every description of a read says it. */
const PERSONAL =
  'The person’s details (`personal`) only for the dispensers and leaders (`people.personalDataRoles`) of the reporting depot and of the township directly above a village, as for the register, and each such read is in the audit log; every other depot reads the case number.';

const sheetAnswer = {
  description: 'The form as a sheet; with format=html a printable page, with pdf, xlsx or csv a download',
  content: {
    'application/json': { schema: ReportSheetSchema },
    'text/html': { schema: z.string() },
    'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
    [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
    'text/csv': { schema: z.string() },
  },
};

const file = createRoute({
  method: 'post',
  path: '/adverse-reactions',
  tags,
  operationId: 'fileAdverseReaction',
  summary: 'File an adverse-reaction report (form 11, 不良反应报告表)',
  description:
    'A dispenser of the depot (403 out_of_scope, role_required), at a village or township (409 reporting_not_here; S0:436). The person is one on the register here (`personId`; at a township also of a village below; 404 person_not_found otherwise) or someone not on it, by birth year and village only. The lot is scanned (`raw`: our batch label FP1:B:<id> or a GS1 string with GTIN and lot) or chosen (`batchId`), optionally with the dispensing it came from. Dates: use started ≤ onset ≤ learned of it ≤ today (422 validation_failed naming each). A reaction meeting any of the five serious criteria (S0:427-432; a death outcome is the first) waits for the county’s technical service, whose clinicians are told; due from `learnedOn`: a death the same day, another serious reaction 15 days, any other 30 (configurable). Reports on one lot reaching the signal threshold within its window (3 in 30 days) tell the region’s inspector once.',
  security: sessionAndCsrf,
  request: { body: body(s.AdverseReactionCreateSchema) },
  responses: { 201: json(s.AdverseReactionSchema), ...problems.change },
});
const list = createRoute({
  method: 'get',
  path: '/adverse-reactions',
  tags,
  operationId: 'listAdverseReactions',
  summary: 'Adverse-reaction reports filed at a depot and below, newest first',
  description: `Any logged-in user, for their own depot or one below it (403 out_of_scope). ${PERSONAL}`,
  security: session,
  request: { query: s.AdverseReactionListQuerySchema },
  responses: { 200: json(s.AdverseReactionPageSchema), ...problems.read },
});
const overdue = createRoute({
  method: 'get',
  path: '/adverse-reactions/overdue',
  tags,
  operationId: 'listOverdueAdverseReactions',
  summary: 'Serious cases past their due date and not yet at the region',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). Serious reports of the subtree awaiting the county’s confirmation or confirmed but not sent, whose due date has passed, the longest overdue first; case numbers only.',
  security: session,
  request: { query: s.DepotQuerySchema },
  responses: { 200: json(s.OverdueCasesSchema), ...problems.read },
});
const form11 = createRoute({
  method: 'get',
  path: '/adverse-reactions/sheet',
  tags,
  operationId: 'getAdverseReactionForm',
  summary: 'Form 11 (计划生育药具不良反应报告表) of a depot for a period, as JSON, a printable page, PDF, XLSX or CSV',
  description: `Any logged-in user, for their own depot or one below it (403 out_of_scope): the reports filed at the depot and below in the period (default: this year), one row each, laid out like the paper form with its signature lines; \`format=html\` a page to print, \`pdf\`, \`xlsx\` or \`csv\` a download, \`lang=en\` English headers. Names only where visible: ${PERSONAL}`,
  security: session,
  request: { query: s.Form11QuerySchema },
  responses: { 200: sheetAnswer, ...problems.read },
});
const get = createRoute({
  method: 'get',
  path: '/adverse-reactions/{id}',
  tags,
  operationId: 'getAdverseReaction',
  summary: 'One adverse-reaction report',
  description: `Any logged-in user of the reporting depot or a depot above it (403 out_of_scope; 404 adverse_reaction_not_found). ${PERSONAL}`,
  security: session,
  request: idParams,
  responses: { 200: json(s.AdverseReactionSchema), ...problems.read },
});
const form13 = createRoute({
  method: 'get',
  path: '/adverse-reactions/{id}/sheet',
  tags,
  operationId: 'getSeriousCaseReport',
  summary: 'The case report of a serious reaction (form 13, 严重不良反应个例报告表), as JSON, a printable page, PDF, XLSX or CSV',
  description:
    'Any logged-in user of the reporting depot or a depot above it (403 out_of_scope), for a report flagged serious (409 not_serious). One case per report (S0:438 一例一报): item and value rows with the five criteria ticked, the diagnosis, outcome and reporter, under the case number; it carries no name, since it goes to the region.',
  security: session,
  request: { ...idParams, query: s.Form13QuerySchema },
  responses: { 200: sheetAnswer, ...problems.read },
});
const confirm = createRoute({
  method: 'post',
  path: '/adverse-reactions/{id}/confirm',
  tags,
  operationId: 'confirmAdverseReaction',
  summary: 'The county’s technical service confirms a serious reaction, or finds it not serious',
  description:
    'A clinician of the county above the reporting depot (403 out_of_scope, role_required; S0:438 县级计划生育技术服务机构或同级卫生医疗部门诊断确认), with the diagnosing body, institution, diagnostician and date (not before the onset, not after today: 422). Never the reporter (409 self_approval), nor one whose account the reporter granted or who granted the reporter’s (409 not_independent). Once, for a report flagged serious (409 already_confirmed, not_serious). `confirmed` keeps the reporter’s criteria unless it names others; `not_serious` leaves an ordinary form 11 report. The due date follows the criteria found; the reporting depot’s dispensers are told. Audited.',
  security: sessionAndCsrf,
  request: { ...idParams, body: body(s.AdverseReactionConfirmSchema) },
  responses: { 200: json(s.AdverseReactionSchema), ...problems.change },
});
const submit = createRoute({
  method: 'post',
  path: '/adverse-reactions/{id}/submit',
  tags,
  operationId: 'submitSeriousCaseReport',
  summary: 'Send the case report of a confirmed serious reaction to the region',
  description:
    'A clinician or leader of the confirming county (403 out_of_scope, role_required). Only once the county has confirmed the reaction serious (409 confirmation_required before; not_serious for an ordinary report), once (409 case_already_submitted): 随时上报，一例一报 (S0:438). The region’s inspector is told. Audited.',
  security: sessionAndCsrf,
  request: idParams,
  responses: { 200: json(s.AdverseReactionSchema), ...problems.change },
});
const signals = createRoute({
  method: 'get',
  path: '/adverse-signals',
  tags,
  operationId: 'listAdverseSignals',
  summary: 'Lot signals: lots with several adverse-reaction reports within the window',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope): the signals raised at the depot and below (the region is told of them), newest first, with the hold placed from each and when it was released.',
  security: session,
  request: { query: s.DepotQuerySchema },
  responses: { 200: json(s.AdverseSignalListSchema), ...problems.read },
});
const signal = createRoute({
  method: 'get',
  path: '/adverse-signals/{id}',
  tags,
  operationId: 'getAdverseSignal',
  summary: 'A lot signal, with its reports and where the lot went',
  description: 'A user of the depot told (the region) or above it (403 out_of_scope; 404 adverse_signal_not_found): the reports on the lot (case numbers only), the lot’s trace over the region (every depot that holds or held it, the shipments between them, the dispensings: as GET /batches/{id}/trace) and the hold placed from the signal.',
  security: session,
  request: idParams,
  responses: { 200: json(s.AdverseSignalSchema), ...problems.read },
});
const hold = createRoute({
  method: 'post',
  path: '/adverse-signals/{id}/hold',
  tags,
  operationId: 'holdAdverseSignalLot',
  summary: 'Hold the signal’s lot at every depot, in one click',
  description:
    'An inspector or leader of the depot told, the region (403 out_of_scope, role_required): places the batch hold of POST /batch-holds at the region, so no depot proposes, picks, dispatches or dispenses the lot until it is released, with the signal as its reason, and links it to the signal; once while that hold stands (409 batch_on_hold). The leaders of the depots that hold or held the lot are told. Audited.',
  security: sessionAndCsrf,
  request: idParams,
  responses: { 200: json(s.AdverseSignalSchema), ...problems.change },
});

const attachment = (name: string) => `attachment; filename="form.${name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** A form as JSON, as the printable page or PDF the people's forms make, or as the XLSX or CSV the reports make. */
async function sheetBody(c: Context, sheet: ReportSheet, format: s.FormFormat, lang: ExportLang) {
  if (format === 'html') return c.html(sheetToHtml(sheet, lang), 200);
  if (format === 'pdf') {
    const file = await sheetToPdf(sheet, lang);
    return c.body(new Uint8Array(file), 200, { 'content-type': 'application/pdf', 'content-disposition': attachment(exportFileName(sheet, lang, 'pdf')) });
  }
  if (format === 'xlsx') {
    const file = await sheetToXlsx(sheet, lang);
    return c.body(new Uint8Array(file), 200, { 'content-type': XLSX, 'content-disposition': attachment(exportFileName(sheet, lang, 'xlsx')) });
  }
  if (format === 'csv') return c.body(sheetToCsv(sheet, lang), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment(exportFileName(sheet, lang, 'csv')) });
  return c.json(sheet, 200);
}

/** `writes`: the deps on the write connection, where a read of a person's details is audited (a GET reads on its own connection). */
export const adverseReactionRoutes = (deps: Deps, writes: Deps = deps) =>
  router()
    .openapi(file, (c) => c.json(fileReport(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(list, (c) => c.json(listReports(deps, c.get('actor'), c.req.valid('query'), writes.db), 200))
    .openapi(overdue, (c) => c.json(overdueCases(deps, c.get('actor'), c.req.valid('query').depotId), 200))
    .openapi(form11, (c) => {
      const { format, lang, ...params } = c.req.valid('query');
      return sheetBody(c, reportFormSheet(deps, c.get('actor'), params, writes.db), format, lang) as never;
    })
    .openapi(get, (c) => c.json(getReport(deps, c.get('actor'), c.req.valid('param').id, writes.db), 200))
    .openapi(form13, (c) => {
      const { format, lang } = c.req.valid('query');
      return sheetBody(c, caseReportSheet(deps, c.get('actor'), c.req.valid('param').id), format, lang) as never;
    })
    .openapi(confirm, (c) => c.json(confirmReport(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(submit, (c) => c.json(submitCaseReport(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(signals, (c) => c.json(listSignals(deps, c.get('actor'), c.req.valid('query').depotId), 200))
    .openapi(signal, (c) => c.json(getSignal(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(hold, (c) => c.json(holdSignalLot(deps, c.get('actor'), c.req.valid('param').id), 200));
