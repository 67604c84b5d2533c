import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/report-submissions.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { router, problems, refused, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import * as svc from '../services/report-submissions.ts';

const tags = ['report submissions'];
const idParams = { params: IdParamSchema };
const WHO = 'users 使用人数 and usage 使用情况 for h1 and the year from the townships (S0:372-373), pts 购调存 for the year from the counties (S0:371), follow_up_summary 随访汇总表 per quarter from the townships (S0:437); counties and cities send on what they consolidated, the region receives';

const prepared = createRoute({
  method: 'get',
  path: '/depots/{depotId}/prepared-report',
  tags,
  operationId: 'getPreparedReport',
  summary: 'The figures a depot would submit now for a report and period (live, not stored), with its newest version and what changed since',
  description: `Any logged-in user, for their own depot or one below it (403 out_of_scope). ${WHO}: another tier gets 409 report_not_here, a period the report is not made for 422 report_period_invalid. At the starting tier the figures come from the live data (the register, the stock ledger); above it they are the accepted reports of the depots below summed, saying which are included and which missing.`,
  security: session,
  request: { params: s.DepotParamSchema, query: s.SubmissionPeriodQuerySchema },
  responses: { 200: json(s.PreparedSchema), ...refused(401, 403, 404, 409, 422) },
});
const submit = createRoute({
  method: 'post',
  path: '/report-submissions',
  tags,
  operationId: 'submitReport',
  summary: 'The leader signs the report and submits it to the depot above; after a return, a new version',
  description: `A leader of the depot (403 out_of_scope, role_required). ${WHO} (409 report_not_here; 422 report_period_invalid), after the period has ended (409 report_period_not_ended). The figures are frozen as they are now, with who signed and when; the ledger changing later does not change them. Once per period (409 report_already_submitted) unless the depot above returned it: then this sends version n+1 with the changes against the returned one. The leader of the depot above is notified; audited at both depots.`,
  security: sessionAndCsrf,
  request: { body: body(s.SubmissionCreateSchema) },
  responses: { 201: json(s.SubmissionSchema), ...problems.change },
});
const list = createRoute({
  method: 'get',
  path: '/report-submissions',
  tags,
  operationId: 'listReportSubmissions',
  summary: 'The newest version of each report a depot submitted in a year, or of those its children submitted',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). `from=children`: the reports of the depots directly below, the ones this depot decides on. Newest first.',
  security: session,
  request: { query: s.SubmissionListQuerySchema },
  responses: { 200: json(s.SubmissionListSchema), ...problems.read },
});
const get = createRoute({
  method: 'get',
  path: '/report-submissions/{id}',
  tags,
  operationId: 'getReportSubmission',
  summary: 'One version of a submitted report: its frozen figures, signature, decision and changes against the version before',
  description: 'Any logged-in user, for a report of their own depot or one below it (403 out_of_scope; 404 report_submission_not_found). Lists every version of the same report and period.',
  security: session,
  request: idParams,
  responses: { 200: json(s.SubmissionSchema), ...problems.read },
});
const DECIDER =
  'A leader or planner of the depot directly above the report’s (a depot never decides on its own report, 403 own_report, whatever roles its user holds; any other depot 403 not_parent_depot; 403 role_required), for the newest version while it is submitted (409 report_returned: a returned report is decided again once resubmitted; 409 report_already_decided).';
const accept = createRoute({
  method: 'post',
  path: '/report-submissions/{id}/accept',
  tags,
  operationId: 'acceptReport',
  summary: 'The depot above accepts a submitted report; its figures count in the 汇总表 above',
  description: `${DECIDER} The submitting depot’s leader is notified; audited.`,
  security: sessionAndCsrf,
  request: idParams,
  responses: { 200: json(s.SubmissionSchema), ...problems.change },
});
const giveBack = createRoute({
  method: 'post',
  path: '/report-submissions/{id}/return',
  tags,
  operationId: 'returnReport',
  summary: 'The depot above returns a submitted report with a reason, to be corrected and resubmitted',
  description: `${DECIDER} The reason is required (422). The submitting depot’s leader is notified; audited.`,
  security: sessionAndCsrf,
  request: { ...idParams, body: body(s.SubmissionReturnSchema) },
  responses: { 200: json(s.SubmissionSchema), ...problems.change },
});
const summary = createRoute({
  method: 'get',
  path: '/depots/{depotId}/report-summary',
  tags,
  operationId: 'getReportSummary',
  summary: 'The 汇总表 of a depot: its children’s accepted reports summed, saying which children it includes and which are missing',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope), at a county, city or region whose children submit the report (409 report_not_here; 422 report_period_invalid). Only ACCEPTED versions count; a child with nothing, a submission waiting for a decision or a returned one is listed as missing with that status. A city’s 购调存 adds its own level (本级, `own`).',
  security: session,
  request: { params: s.DepotParamSchema, query: s.SubmissionPeriodQuerySchema },
  responses: { 200: json(s.SummarySchema), ...refused(401, 403, 404, 409, 422) },
});
const status = createRoute({
  method: 'get',
  path: '/depots/{depotId}/report-status',
  tags,
  operationId: 'getReportStatus',
  summary: 'A depot’s reports of a year, due, late, returned or in; and which depots below have not reported',
  description: `Any logged-in user, for their own depot or one below it (403 out_of_scope). Each report and period the depot submits with its due date (configurable per report, docs/reports-submission.md) and state: upcoming (period not over), due, late (past the due date, or returned and past it), submitted, returned (with the reason) or accepted. For each report and ended period the depots directly below submit: which have not reported (nothing sent, or returned) and which wait for this depot’s decision.`,
  security: session,
  request: { params: s.DepotParamSchema, query: s.StatusQuerySchema },
  responses: { 200: json(s.ReportStatusSchema), ...problems.read },
});

export const reportSubmissionRoutes = (deps: Deps) =>
  router()
    .openapi(prepared, (c) => c.json(svc.preparedReport(deps, c.get('actor'), { depotId: c.req.valid('param').depotId, ...c.req.valid('query') }), 200))
    .openapi(submit, (c) => c.json(svc.submitReport(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(list, (c) => c.json(svc.listReportSubmissions(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(get, (c) => c.json(svc.getReportSubmission(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(accept, (c) => c.json(svc.acceptReport(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(giveBack, (c) => c.json(svc.returnReport(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json').reason), 200))
    .openapi(summary, (c) => c.json(svc.reportSummary(deps, c.get('actor'), { depotId: c.req.valid('param').depotId, ...c.req.valid('query') }), 200))
    .openapi(status, (c) => c.json(svc.reportStatus(deps, c.get('actor'), c.req.valid('param').depotId, c.req.valid('query').year), 200));
