import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/supervision.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import * as svc from '../services/supervision.ts';
import { sheetToHtml } from '../services/people-print.ts';
import { exportFileName, sheetToXlsx } from '../services/reports/export.ts';

const tags = ['supervision'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const visitParams = { params: s.VisitIdParamSchema };
const actionParams = { params: s.VisitIdParamSchema };
const PERFORMER =
  'A leader, inspector or planner of the visiting depot (403 out_of_scope, role_required; 404 supervision_visit_not_found)';

const plan = createRoute({
  method: 'post',
  path: '/supervision-visits',
  tags,
  operationId: 'planSupervisionVisit',
  summary: 'A depot above plans a supervision visit (监督检查) to a depot below it',
  description:
    'A leader, inspector or planner plans a visit from their own depot (403 role_required) to a depot anywhere below it (403 supervise_own_depot for itself, 403 depot_not_below for a depot beside or above it): the date, who goes, the methods of S0:481 and the visit leader, a user of the visiting depot (the planner by default; 422 otherwise). The visited depot’s leader is notified; audited.',
  security: sessionAndCsrf,
  request: { body: body(s.VisitCreateSchema) },
  responses: { 201: json(s.VisitSchema), ...problems.change },
});
const list = createRoute({
  method: 'get',
  path: '/supervision-visits',
  tags,
  operationId: 'listSupervisionVisits',
  summary: 'The visits a depot made, and those to it and to the depots below it, newest first',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope).',
  security: session,
  request: { query: s.DepotQuerySchema },
  responses: { 200: json(s.VisitListSchema), ...problems.read },
});
const get = createRoute({
  method: 'get',
  path: '/supervision-visits/{id}',
  tags,
  operationId: 'getSupervisionVisit',
  summary: 'One visit: its checklist with the evidence, findings and corrective actions',
  description: 'The visiting depot, and any reader of the visited depot (403 out_of_scope; 404 supervision_visit_not_found).',
  security: session,
  request: visitParams,
  responses: { 200: json(s.VisitSchema), ...problems.read },
});
const start = createRoute({
  method: 'post',
  path: '/supervision-visits/{id}/start',
  tags,
  operationId: 'startSupervisionVisit',
  summary: 'The visit begins: the checklist is drawn from what the system knows about the visited depot',
  description: `${PERFORMER}, on a planned visit (409 visit_wrong_state). Each item of S0:479 is filled with the evidence the system holds now (ledger check, transfers matching and short on arrival, where supplies went, FEFO overrides, expired stock in the qualified zone, climate log compliance, the stock count, write-offs, reports late) and a suggestion (attention when any evidence is flagged); it is kept as it was then. Audited.`,
  security: sessionAndCsrf,
  request: visitParams,
  responses: { 200: json(s.VisitSchema), ...problems.change },
});
const decide = createRoute({
  method: 'put',
  path: '/supervision-visits/{id}/checklist/{item}',
  tags,
  operationId: 'decideSupervisionChecklistItem',
  summary: 'The inspector’s decision on one checklist item: pass or attention, with a note',
  description: `${PERFORMER}, while the visit is in progress (409 visit_wrong_state). The suggestion stays as it was; audited.`,
  security: sessionAndCsrf,
  request: { params: s.ChecklistItemParamSchema, body: body(s.ChecklistDecisionSchema) },
  responses: { 200: json(s.VisitSchema), ...problems.change },
});
const finding = createRoute({
  method: 'post',
  path: '/supervision-visits/{id}/findings',
  tags,
  operationId: 'addSupervisionFinding',
  summary: 'A finding with its severity, and the corrective actions it calls for',
  description: `${PERFORMER}, while the visit is in progress (409 visit_wrong_state). Each action has an owner, an active user of the visited depot (422 action_owner_invalid), and a deadline not in the past (422). Audited.`,
  security: sessionAndCsrf,
  request: { ...visitParams, body: body(s.FindingCreateSchema) },
  responses: { 201: json(s.VisitSchema), ...problems.change },
});
const action = createRoute({
  method: 'post',
  path: '/supervision-visits/{id}/actions',
  tags,
  operationId: 'addSupervisionAction',
  summary: 'A further corrective action for a finding of the visit',
  description: `${PERFORMER}, while the visit is in progress (409 visit_wrong_state; 404 finding_not_found; 422 action_owner_invalid). Audited.`,
  security: sessionAndCsrf,
  request: { ...visitParams, body: body(s.ActionCreateSchema) },
  responses: { 201: json(s.VisitSchema), ...problems.change },
});
const sign = createRoute({
  method: 'post',
  path: '/supervision-visits/{id}/sign',
  tags,
  operationId: 'signSupervisionFindings',
  summary: 'The visit leader signs the findings; the actions are then followed up',
  description: `${PERFORMER}, and the visit leader only (403 not_visit_leader), while in progress (409 visit_wrong_state) with every checklist item decided (409 checklist_incomplete). The findings stand as recorded; the visited depot’s leader is notified of the actions it owes; audited at both depots.`,
  security: sessionAndCsrf,
  request: visitParams,
  responses: { 200: json(s.VisitSchema), ...problems.change },
});
const close = createRoute({
  method: 'post',
  path: '/supervision-visits/{id}/close',
  tags,
  operationId: 'closeSupervisionVisit',
  summary: 'The visiting depot closes the visit once every corrective action is verified',
  description: `${PERFORMER}, once the findings are signed (409 visit_wrong_state) and every action verified (409 visit_has_open_actions). The visited depot’s leader is notified; audited.`,
  security: sessionAndCsrf,
  request: { ...visitParams, body: body(s.VisitCloseSchema) },
  responses: { 200: json(s.VisitSchema), ...problems.change },
});
const cancel = createRoute({
  method: 'post',
  path: '/supervision-visits/{id}/cancel',
  tags,
  operationId: 'cancelSupervisionVisit',
  summary: 'The visiting depot calls off a visit before its findings are signed, with a reason',
  description: `${PERFORMER}, while planned or in progress (409 visit_wrong_state); the reason is required (422). Actions drafted in the visit are owed by nobody. The visited depot’s leader is notified; audited.`,
  security: sessionAndCsrf,
  request: { ...visitParams, body: body(s.VisitCancelSchema) },
  responses: { 200: json(s.VisitSchema), ...problems.change },
});
const record = createRoute({
  method: 'get',
  path: '/supervision-visits/{id}/record',
  tags,
  operationId: 'getSupervisionRecord',
  summary: 'The visit record (药具监督检查记录表): printable HTML or XLSX',
  description: 'Read as the visit is (403 out_of_scope; 404 supervision_visit_not_found): the checklist with the evidence and decisions, each finding with its actions and how they were closed and verified, the visitors, methods and the signature lines.',
  security: session,
  request: { ...visitParams, query: s.RecordQuerySchema },
  responses: {
    200: { description: 'The record: HTML to print, or an XLSX download', content: { 'text/html': { schema: z.string() }, [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problems.read,
  },
});
const actions = createRoute({
  method: 'get',
  path: '/supervision-actions',
  tags,
  operationId: 'listSupervisionActions',
  summary: 'The corrective actions a depot owes, or those it follows up at the depots it visited',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). Soonest deadline first, with the finding and the other depot; counts of overdue, open and closed-to-verify.',
  security: session,
  request: { query: s.ActionListQuerySchema },
  responses: { 200: json(s.ActionListSchema), ...problems.read },
});
const closeAction = createRoute({
  method: 'post',
  path: '/supervision-actions/{id}/close',
  tags,
  operationId: 'closeSupervisionAction',
  summary: 'The visited depot closes a corrective action with a note of what it did',
  description:
    'The action’s owner or a leader of the visited depot (403 out_of_scope, role_required; never the visiting depot, 403 visiting_side_cannot_close; 404 supervision_action_not_found), once the findings are signed (409 visit_wrong_state), an open action (409 action_wrong_state). The visiting depot’s inspectors are notified to verify it; audited.',
  security: sessionAndCsrf,
  request: { ...actionParams, body: body(s.ActionCloseSchema) },
  responses: { 200: json(s.ActionSchema), ...problems.change },
});
const verify = createRoute({
  method: 'post',
  path: '/supervision-actions/{id}/verify',
  tags,
  operationId: 'verifySupervisionAction',
  summary: 'The visiting depot verifies a closed corrective action',
  description:
    'A leader, inspector or planner of the visiting depot (403 out_of_scope, role_required); the visited depot never verifies its own correction, whatever roles its user holds (403 visited_side_cannot_verify). Only a closed action (409 action_wrong_state). The visited depot’s leader is notified; audited.',
  security: sessionAndCsrf,
  request: actionParams,
  responses: { 200: json(s.ActionSchema), ...problems.change },
});

const reopen = createRoute({
  method: 'post',
  path: '/supervision-actions/{id}/reopen',
  tags,
  operationId: 'reopenSupervisionAction',
  summary: 'The visiting depot sends a closed corrective action back, saying why, instead of verifying it',
  description:
    'A leader, inspector or planner of the visiting depot (403 out_of_scope, role_required); never the visited depot (403 visited_side_cannot_reopen). Only a closed action (409 action_wrong_state); a new deadline, if given, today or later (422). The action is open again for its owner; the visited depot’s leader is notified; audited with the closing note it replaces.',
  security: sessionAndCsrf,
  request: { ...actionParams, body: body(s.ActionReopenSchema) },
  responses: { 200: json(s.ActionSchema), ...problems.change },
});

export const supervisionRoutes = (deps: Deps) =>
  router()
    .openapi(plan, (c) => c.json(svc.planVisit(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(list, (c) => c.json(svc.listVisits(deps, c.get('actor'), c.req.valid('query').depotId), 200))
    .openapi(get, (c) => c.json(svc.getVisit(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(start, (c) => c.json(svc.startVisit(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(decide, (c) => c.json(svc.decideChecklistItem(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('param').item, c.req.valid('json')), 200))
    .openapi(finding, (c) => c.json(svc.addFinding(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 201))
    .openapi(action, (c) => c.json(svc.addAction(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 201))
    .openapi(sign, (c) => c.json(svc.signFindings(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(close, (c) => c.json(svc.closeVisit(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(cancel, (c) => c.json(svc.cancelVisit(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(record, async (c) => {
      const { format, lang } = c.req.valid('query');
      const sheet = svc.visitSheet(deps, c.get('actor'), c.req.valid('param').id);
      if (format === 'html') return c.html(sheetToHtml(sheet, lang)) as never;
      const file = await sheetToXlsx(sheet, lang);
      return c.body(new Uint8Array(file), 200, { 'content-type': XLSX, 'content-disposition': `attachment; filename="supervision.xlsx"; filename*=UTF-8''${encodeURIComponent(exportFileName(sheet, lang, 'xlsx'))}` }) as never;
    })
    .openapi(actions, (c) => c.json(svc.listActions(deps, c.get('actor'), c.req.valid('query').depotId, c.req.valid('query').side), 200))
    .openapi(closeAction, (c) => c.json(svc.closeAction(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(verify, (c) => c.json(svc.verifyAction(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(reopen, (c) => c.json(svc.reopenAction(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200));
