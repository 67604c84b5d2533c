import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { ChecklistsSchema, IdParamSchema, InspectionCreateSchema, InspectionSchema } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import { getInspection, listNotifications, recordInspection } from '../services/inspections.ts';
import { CHECKLISTS } from '../domain/inspection.ts';
import type { DosageForm } from '../schemas/constants.ts';

const create = createRoute({
  method: 'post',
  path: '/inspections',
  tags: ['inspections'],
  summary: 'Record an appearance check; passed goes to the qualified zone, failed to non-conforming',
  request: { body: body(InspectionCreateSchema) },
  responses: { 201: json(InspectionSchema), ...problems },
});
const one = createRoute({ method: 'get', path: '/inspections/{id}', tags: ['inspections'], summary: 'One inspection record', request: { params: IdParamSchema }, responses: { 200: json(InspectionSchema), ...problems } });
const checklists = createRoute({ method: 'get', path: '/inspections/checklists', tags: ['inspections'], summary: 'The checklist items of each dosage form', responses: { 200: json(ChecklistsSchema), ...problems } });
const notifications = createRoute({
  method: 'get',
  path: '/notifications',
  tags: ['inspections'],
  summary: 'Notifications for your roles at your depot',
  responses: { 200: json(z.object({ items: z.array(z.object({ id: z.number().int(), kind: z.string(), message: z.string() }).passthrough()) })), ...problems },
});

export const inspectionRoutes = (deps: Deps) =>
  router()
    .openapi(checklists, (c) => c.json(CHECKLISTS as Record<DosageForm, string[]>, 200))
    .openapi(create, (c) => c.json(recordInspection(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(one, (c) => c.json(getInspection(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(notifications, (c) => c.json(listNotifications(deps, c.get('actor')), 200));
