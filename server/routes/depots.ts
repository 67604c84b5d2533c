import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { DepotDetailSchema, DepotListQuerySchema, DepotSchema, IdParamSchema, pageOf } from '../schemas/api.ts';
import { router, problems, session, json } from '../http/openapi.ts';
import { getChildren, getDepot, listDepots } from '../services/reads.ts';

const tags = ['depots'];

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'searchDepots',
  summary: 'Search the depots under one you can read (default: your own)',
  description:
    'Any logged-in user. Pages through the depots of a subtree, the `under` depot included (default: your own depot), filtered by tier and by a part of the name or the start of the division code (`q`). A depot outside your jurisdiction (not yours and not below yours, S0:444) is refused with 403 out_of_scope.',
  security: session,
  request: { query: DepotListQuerySchema },
  responses: { 200: json(pageOf(DepotSchema)), ...problems.read },
});
const one = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  operationId: 'getDepot',
  summary: 'A depot with its ancestors up to your own depot',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope otherwise). The ancestors stop at your own depot: the path for a breadcrumb, never the depots above you.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(DepotDetailSchema), ...problems.read },
});
const children = createRoute({
  method: 'get',
  path: '/{id}/children',
  tags,
  operationId: 'listDepotChildren',
  summary: 'The direct children of a depot, for lazy tree expansion',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope otherwise). One level only, each child with its number of children, so that a tree of a whole province opens a level at a time.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(z.object({ items: z.array(DepotSchema) })), ...problems.read },
});

export const depotRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listDepots(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(one, (c) => c.json(getDepot(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(children, (c) => c.json(getChildren(deps, c.get('actor'), c.req.valid('param').id), 200));
