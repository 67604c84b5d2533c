import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/dashboards.ts';
import { router, problems, json } from '../http/openapi.ts';
import { dashboard } from '../services/dashboards.ts';

const tags = ['dashboards'];

const one = createRoute({
  method: 'get',
  path: '/depots/{depotId}/dashboard',
  tags,
  summary: 'A depot’s dashboard: at your own depot the panels of your roles (storekeeper, inspector, planner and leader); at a depot with depots below, their tree with each one’s state at a glance',
  request: { params: s.DepotParamSchema },
  responses: { 200: json(s.DashboardSchema), ...problems },
});

export const dashboardRoutes = (deps: Deps) => router().openapi(one, (c) => c.json(dashboard(deps, c.get('actor'), c.req.valid('param').depotId), 200));
