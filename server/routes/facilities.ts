import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/facilities.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import * as facilities from '../services/facilities.ts';
import * as equipment from '../services/equipment.ts';
import { sheetToHtml } from '../services/people-print.ts';
import { exportFileName, sheetToXlsx } from '../services/reports/export.ts';

const tags = ['facilities'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const READ = 'Any logged-in user, for their own depot or one below it (403 out_of_scope).';

const getProfile = createRoute({
  method: 'get',
  path: '/depots/{depotId}/facility-profile',
  tags,
  operationId: 'getFacilityProfile',
  summary: 'A depot’s premises and storage equipment, checked against its tier’s standard (S0:304-332)',
  description: `${READ} The profile as last saved (empty until the leader first saves it), the tier’s standard from config with the line of each requirement, and the gaps: office or store area short, zones not marked, equipment missing.`,
  security: session,
  request: { params: s.DepotParamSchema },
  responses: { 200: json(s.FacilityProfileSchema), ...problems.read },
});
const saveProfile = createRoute({
  method: 'put',
  path: '/depots/{depotId}/facility-profile',
  tags,
  operationId: 'saveFacilityProfile',
  summary: 'The depot’s leader records its premises and storage equipment',
  description: 'A leader of the depot (403 out_of_scope, role_required). The whole profile is sent; what changed, field by field, is kept in its history and audited. A save that changes nothing writes nothing.',
  security: sessionAndCsrf,
  request: { params: s.DepotParamSchema, body: body(s.FacilityProfileSaveSchema) },
  responses: { 200: json(s.FacilityProfileSchema), ...problems.change },
});
const history = createRoute({
  method: 'get',
  path: '/depots/{depotId}/facility-profile/history',
  tags,
  operationId: 'getFacilityProfileHistory',
  summary: 'Who changed the facility profile, what and when; newest first',
  description: READ,
  security: session,
  request: { params: s.DepotParamSchema },
  responses: { 200: json(s.FacilityHistorySchema), ...problems.read },
});
const list = createRoute({
  method: 'get',
  path: '/equipment',
  tags,
  operationId: 'listEquipment',
  summary: 'A depot’s equipment register and its change requests',
  description: `${READ} Items on the register first (in service or faulty), then those replaced, retired or scrapped; the change requests newest first.`,
  security: session,
  request: { query: s.DepotQuerySchema },
  responses: { 200: json(s.EquipmentListSchema), ...problems.read },
});
const one = createRoute({
  method: 'get',
  path: '/equipment/{id}',
  tags,
  operationId: 'getEquipmentItem',
  summary: 'One item with its maintenance log and the requests that concern it',
  description: 'Read as its depot is (403 out_of_scope; 404 equipment_item_not_found).',
  security: session,
  request: { params: s.IdParamSchema },
  responses: { 200: json(s.EquipmentItemDetailSchema), ...problems.read },
});
const maintain = createRoute({
  method: 'post',
  path: '/equipment/{id}/maintenance',
  tags,
  operationId: 'logEquipmentMaintenance',
  summary: 'A line of the item’s maintenance log (信息设备维护记录表, S0:512)',
  description:
    'Any user of the item’s depot (403 out_of_scope; 404 equipment_item_not_found), for an item on the register (409 equipment_not_on_register), dated today or earlier (422 date_in_future): the fault or the work, who did it and the result; it may mark the item faulty or back in service. Audited.',
  security: sessionAndCsrf,
  request: { params: s.IdParamSchema, body: body(s.MaintenanceCreateSchema) },
  responses: { 201: json(s.EquipmentItemDetailSchema), ...problems.change },
});
const log = createRoute({
  method: 'get',
  path: '/equipment/{id}/maintenance-log',
  tags,
  operationId: 'getEquipmentMaintenanceLog',
  summary: 'The item’s maintenance log (信息设备维护记录表): printable HTML or XLSX',
  description: 'Read as the item is (403 out_of_scope; 404 equipment_item_not_found): the item’s particulars, each line of its log and the signature lines.',
  security: session,
  request: { params: s.IdParamSchema, query: s.LogQuerySchema },
  responses: {
    200: { description: 'The log: HTML to print, or an XLSX download', content: { 'text/html': { schema: z.string() }, [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problems.read,
  },
});
const request = createRoute({
  method: 'post',
  path: '/equipment-requests',
  tags,
  operationId: 'requestEquipmentChange',
  summary: 'Ask for a change of equipment: add, replace, retire or scrap (S0:461)',
  description:
    'Any user of the depot (403 out_of_scope). An addition or replacement describes the new item, whose person responsible is an active user of the depot (422 equipment_responsible_invalid) and whose linked sensor, if any, is one of the depot’s (422 equipment_sensor_invalid); a replacement, retirement or scrapping names an item of the depot (404 equipment_item_not_found) on the register (409 equipment_not_on_register) with no other change pending (409 equipment_change_pending). Nothing changes on the register until a leader approves. Audited.',
  security: sessionAndCsrf,
  request: { body: body(s.EquipmentRequestCreateSchema) },
  responses: { 201: json(s.EquipmentRequestSchema), ...problems.change },
});
const decide = createRoute({
  method: 'post',
  path: '/equipment-requests/{id}/decision',
  tags,
  operationId: 'decideEquipmentChange',
  summary: 'A leader of the depot approves or declines a change of equipment',
  description:
    'A leader of the request’s depot (403 out_of_scope, role_required; 404 equipment_request_not_found), never on their own request (409 self_approval) nor on one of an account they granted or that granted theirs (409 not_independent): one user holding every role cannot change the equipment alone. Once (409 equipment_request_not_pending); a decline says why (422). An approval puts the new item on the register and takes the replaced, retired or scrapped one off it. Audited.',
  security: sessionAndCsrf,
  request: { params: s.IdParamSchema, body: body(s.EquipmentDecisionSchema) },
  responses: { 200: json(s.EquipmentRequestSchema), ...problems.change },
});
const withdraw = createRoute({
  method: 'post',
  path: '/equipment-requests/{id}/withdraw',
  tags,
  operationId: 'withdrawEquipmentChange',
  summary: 'The requester takes back a change request not yet decided',
  description: 'The requester only (403 out_of_scope, forbidden; 404 equipment_request_not_found), while pending (409 equipment_request_not_pending). Audited.',
  security: sessionAndCsrf,
  request: { params: s.IdParamSchema },
  responses: { 200: json(s.EquipmentRequestSchema), ...problems.change },
});

export const facilityRoutes = (deps: Deps) =>
  router()
    .openapi(getProfile, (c) => c.json(facilities.getFacilityProfile(deps, c.get('actor'), c.req.valid('param').depotId), 200))
    .openapi(saveProfile, (c) => c.json(facilities.saveFacilityProfile(deps, c.get('actor'), c.req.valid('param').depotId, c.req.valid('json')), 200))
    .openapi(history, (c) => c.json(facilities.facilityProfileHistory(deps, c.get('actor'), c.req.valid('param').depotId), 200))
    .openapi(list, (c) => c.json(equipment.listEquipment(deps, c.get('actor'), c.req.valid('query').depotId), 200))
    .openapi(one, (c) => c.json(equipment.getEquipmentItem(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(maintain, (c) => c.json(equipment.logMaintenance(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 201))
    .openapi(log, async (c) => {
      const { format, lang } = c.req.valid('query');
      const sheet = equipment.maintenanceSheet(deps, c.get('actor'), c.req.valid('param').id);
      if (format === 'html') return c.html(sheetToHtml(sheet, lang)) as never;
      const file = await sheetToXlsx(sheet, lang);
      return c.body(new Uint8Array(file), 200, { 'content-type': XLSX, 'content-disposition': `attachment; filename="maintenance.xlsx"; filename*=UTF-8''${encodeURIComponent(exportFileName(sheet, lang, 'xlsx'))}` }) as never;
    })
    .openapi(request, (c) => c.json(equipment.requestEquipmentChange(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(decide, (c) => c.json(equipment.decideEquipmentChange(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(withdraw, (c) => c.json(equipment.withdrawEquipmentChange(deps, c.get('actor'), c.req.valid('param').id), 200));
