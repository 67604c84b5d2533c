import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { ZoneMoveResultSchema, ZoneMoveSchema } from '../schemas/api.ts';
import { router, problems, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { moveBetweenZones } from '../services/zone-moves.ts';

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['stock'],
  operationId: 'moveBetweenZones',
  summary: 'Move stock between zones (scan the batch, then the zone label): qualified → pending, qualified or pending → non-conforming',
  description:
    'A storekeeper or inspector of the depot (403 out_of_scope, role_required). The batch is scanned (`raw`: our batch label FP1:B:<id>, which goods without a GTIN carry, or a GS1 string with GTIN and lot) or chosen (`batchId`); a zone or document label is refused (422 not_a_batch_label), as is an unreadable one (422 invalid_barcode) and an unknown batch (404 batch_not_found). Moves a quantity of one batch between two zones of the depot in one posting, with an optional reason. Goods reach the qualified zone only by passing an inspection (409 qualified_by_inspection_only) and leave the non-conforming zone only by write-off or return to the maker (409 nonconforming_leaves_by_write_off; S0:323-325, 388, 421). Refuses more than the zone holds (409 insufficient_stock) and a zone being counted (409 count_in_progress).',
  security: sessionAndCsrf,
  request: { body: body(ZoneMoveSchema) },
  responses: { 201: json(ZoneMoveResultSchema), ...problems.change },
});

export const zoneMoveRoutes = (deps: Deps) => router().openapi(create, (c) => c.json(moveBetweenZones(deps, c.get('actor'), c.req.valid('json')), 201));
