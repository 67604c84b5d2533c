import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/service-desk.ts';
import { ReportSheetSchema } from '../schemas/reports.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import * as svc from '../services/service-desk.ts';
import { sheetToHtml } from '../services/people-print.ts';
import { exportFileName, sheetToXlsx } from '../services/reports/export.ts';

const tags = ['service desk'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const params = { params: s.RequestIdParamSchema };
const OWNER = 'Only the request’s owner (403 not_request_owner; 404 service_request_not_found), while it is not closed (409 request_closed)';

const receive = createRoute({
  method: 'post',
  path: '/service-requests',
  tags,
  operationId: 'receiveServiceRequest',
  summary: 'Record a request or complaint received (首问负责): whoever records it owns it',
  description:
    'A storekeeper, inspector, planner, leader, finance officer or dispenser of the receiving depot, their own (403 out_of_scope, role_required). The requester is a depot below (channel depot_below or phone) or a member of the public by name or anonymous, with an optional phone (channel distribution_point or phone; 422 requester_invalid otherwise); their name and phone are personal data, seen only at the receiving depot and never written to the audit log. A linked lot, transfer order, person’s record or adverse-reaction report must exist at the receiving depot or below (422 link_not_found). The reply is due `serviceDesk.replyHours` after receipt (24 by default) and the resolution `serviceDesk.resolveDays` of its kind; the request gets a number FW-<depot code>-<sequence>. Audited.',
  security: sessionAndCsrf,
  request: { body: body(s.RequestCreateSchema) },
  responses: { 201: json(s.RequestSchema), ...problems.change },
});
const list = createRoute({
  method: 'get',
  path: '/service-requests',
  tags,
  operationId: 'listServiceRequests',
  summary: 'A depot’s requests, the user’s own (owned or offered), or those their depot asked of the depots above, newest first',
  description: 'Any logged-in user: a depot of their own or below it (403 out_of_scope), `mine=true` for those they own or are offered wherever received, or `asked=true` for those their own depot made of the depots above it. Never the requester’s name or phone; overdue counted (a reply or resolution past its due time).',
  security: session,
  request: { query: s.RequestListQuerySchema },
  responses: { 200: json(s.RequestListSchema), ...problems.read },
});
const get = createRoute({
  method: 'get',
  path: '/service-requests/{id}',
  tags,
  operationId: 'getServiceRequest',
  summary: 'One request: its text, owner and handovers, reply, resolution and links',
  description: 'Readers of the receiving depot (it and the depots above) and of the depot below that made the request (403 out_of_scope; 404 service_request_not_found). A member of the public’s name and phone only to users of the receiving depot, and such a read is recorded in the audit log.',
  security: session,
  request: params,
  responses: { 200: json(s.RequestSchema), ...problems.read },
});
const targets = createRoute({
  method: 'get',
  path: '/service-requests/{id}/handover-targets',
  tags,
  operationId: 'listServiceHandoverTargets',
  summary: 'Whom the request may be handed over to: active staff of the receiving depot and the depot above',
  description: 'Readers of the receiving depot (403 out_of_scope; 404 service_request_not_found); the owner is left out.',
  security: session,
  request: params,
  responses: { 200: json(s.HandoverTargetsSchema), ...problems.read },
});
const handover = createRoute({
  method: 'post',
  path: '/service-requests/{id}/handover',
  tags,
  operationId: 'handOverServiceRequest',
  summary: 'The owner hands the request over to another user, who must accept it',
  description: `${OWNER}, to someone else (422 handover_to_self): an active user of the receiving depot or the depot above holding a staff role (422 handover_target_invalid). It stays the owner’s until accepted; a new offer replaces one not yet answered. The user offered is notified through their role at their depot; audited.`,
  security: sessionAndCsrf,
  request: { ...params, body: body(s.HandoverSchema) },
  responses: { 200: json(s.RequestSchema), ...problems.change },
});
const accept = createRoute({
  method: 'post',
  path: '/service-requests/{id}/accept',
  tags,
  operationId: 'acceptServiceHandover',
  summary: 'The user offered the request accepts it and becomes its owner',
  description: 'Only the user it is offered to (403 not_handover_target), while an offer waits (409 no_pending_handover) and the request is not closed (409 request_closed). The first receiver stays recorded; audited.',
  security: sessionAndCsrf,
  request: params,
  responses: { 200: json(s.RequestSchema), ...problems.change },
});
const decline = createRoute({
  method: 'post',
  path: '/service-requests/{id}/decline',
  tags,
  operationId: 'declineServiceHandover',
  summary: 'The user offered the request declines it; it stays with its owner',
  description: 'Only the user it is offered to (403 not_handover_target), while an offer waits (409 no_pending_handover) and the request is not closed (409 request_closed). Audited.',
  security: sessionAndCsrf,
  request: params,
  responses: { 200: json(s.RequestSchema), ...problems.change },
});
const reply = createRoute({
  method: 'post',
  path: '/service-requests/{id}/reply',
  tags,
  operationId: 'replyToServiceRequest',
  summary: 'The owner records the reply given to the requester',
  description: `${OWNER}; once (409 request_already_replied). Whether it came within the reply time is kept in the audit entry and counted in the monthly summary.`,
  security: sessionAndCsrf,
  request: { ...params, body: body(s.ReplySchema) },
  responses: { 200: json(s.RequestSchema), ...problems.change },
});
const resolve = createRoute({
  method: 'post',
  path: '/service-requests/{id}/resolve',
  tags,
  operationId: 'resolveServiceRequest',
  summary: 'The owner closes the request with its resolution and the requester’s satisfaction',
  description: `${OWNER}. A closed request never changes again; an offer not yet answered lapses. Audited.`,
  security: sessionAndCsrf,
  request: { ...params, body: body(s.ResolveSchema) },
  responses: { 200: json(s.RequestSchema), ...problems.change },
});
const summary = createRoute({
  method: 'get',
  path: '/depots/{depotId}/service-summary',
  tags,
  operationId: 'getServiceSummary',
  summary: 'The monthly summary of a depot’s service requests (服务事项月度汇总表): JSON, printable HTML or XLSX',
  description:
    'Any reader of the depot (403 out_of_scope). The requests it received in the month (the depots’ calendar), by kind and by channel: received, replies and resolutions on time and late, open and overdue now, and the satisfaction recorded. The JSON is the report sheet every report uses.',
  security: session,
  request: { params: s.DepotIdParamSchema, query: s.SummaryQuerySchema },
  responses: {
    200: {
      description: 'The summary; with format=html a printable page, xlsx a download',
      content: { 'application/json': { schema: ReportSheetSchema }, 'text/html': { schema: z.string() }, [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problems.read,
  },
});

/** `writes`: the deps on the write connection, where a read showing a requester’s contact is audited (a GET reads on its own connection). */
export const serviceDeskRoutes = (deps: Deps, writes: Deps = deps) =>
  router()
    .openapi(receive, (c) => c.json(svc.receiveRequest(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(list, (c) => c.json(svc.listRequests(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(get, (c) => c.json(svc.getRequest(deps, c.get('actor'), c.req.valid('param').id, writes.db), 200))
    .openapi(targets, (c) => c.json(svc.handoverTargets(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(handover, (c) => c.json(svc.handOver(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(accept, (c) => c.json(svc.acceptHandover(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(decline, (c) => c.json(svc.declineHandover(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(reply, (c) => c.json(svc.replyToRequest(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(resolve, (c) => c.json(svc.resolveRequest(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(summary, async (c) => {
      const { month, format, lang } = c.req.valid('query');
      const sheet = svc.monthlySummary(deps, c.get('actor'), c.req.valid('param').depotId, month);
      if (format === 'html') return c.html(sheetToHtml(sheet, lang)) as never;
      if (format === 'xlsx') {
        const file = await sheetToXlsx(sheet, lang);
        return c.body(new Uint8Array(file), 200, { 'content-type': XLSX, 'content-disposition': `attachment; filename="service-summary.xlsx"; filename*=UTF-8''${encodeURIComponent(exportFileName(sheet, lang, 'xlsx'))}` }) as never;
      }
      return c.json(sheet, 200);
    });
