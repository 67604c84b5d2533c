import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { DepotDetailSchema, DepotListQuerySchema, DepotSchema, IdParamSchema, pageOf } from '../schemas/api.ts';
import { router, problems, json } from '../http/openapi.ts';
import { getChildren, getDepot, listDepots } from '../services/reads.ts';

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['depots'],
  summary: 'Search the depots under one you can read (default: your own)',
  request: { query: DepotListQuerySchema },
  responses: { 200: json(pageOf(DepotSchema)), ...problems },
});
const one = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['depots'],
  summary: 'A depot with its ancestors up to your own depot',
  request: { params: IdParamSchema },
  responses: { 200: json(DepotDetailSchema), ...problems },
});
const children = createRoute({
  method: 'get',
  path: '/{id}/children',
  tags: ['depots'],
  summary: 'The direct children of a depot, for lazy tree expansion',
  request: { params: IdParamSchema },
  responses: { 200: json(z.object({ items: z.array(DepotSchema) })), ...problems },
});

export const depotRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listDepots(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(one, (c) => c.json(getDepot(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(children, (c) => c.json(getChildren(deps, c.get('actor'), c.req.valid('param').id), 200));
