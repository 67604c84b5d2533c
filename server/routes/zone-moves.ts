import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { ZoneMoveResultSchema, ZoneMoveSchema } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import { moveBetweenZones } from '../services/zone-moves.ts';

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['stock'],
  summary: 'Move stock between zones (scan the batch, then the zone label): qualified → pending, qualified or pending → non-conforming',
  request: { body: body(ZoneMoveSchema) },
  responses: { 201: json(ZoneMoveResultSchema), ...problems },
});

export const zoneMoveRoutes = (deps: Deps) => router().openapi(create, (c) => c.json(moveBetweenZones(deps, c.get('actor'), c.req.valid('json')), 201));
