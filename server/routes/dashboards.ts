import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/dashboards.ts';
import { router, problems, session, json } from '../http/openapi.ts';
import { dashboard } from '../services/dashboards.ts';

const tags = ['dashboards'];

const one = createRoute({
  method: 'get',
  path: '/depots/{depotId}/dashboard',
  tags,
  operationId: 'getDashboard',
  summary: 'A depot’s dashboard: at your own depot the panels of your roles (storekeeper, inspector, planner and leader); at a depot with depots below, their tree with each one’s state at a glance',
  description:
    'Any logged-in user, for their own depot or one below it (403 out_of_scope). At your own depot, a panel for each of your roles with work there: storekeeper (receipts to count and sign, orders to pick, shipments to receive, counts due, expired stock to sweep), inspector (lots to inspect, pre-issue checks due, open excursions and missing logs, holds), planner and leader (counted receipts still without the planner’s signature, approvals waiting, plan deadlines, depots below not reporting). Quantities across products are given per unit of measure, never added up. At any depot with depots below, the tree of its children, each with its stock value, expiry, climate, count, plan and write-off figures summed over its subtree and a red, amber or green state.',
  security: session,
  request: { params: s.DepotParamSchema },
  responses: { 200: json(s.DashboardSchema), ...problems.read },
});

export const dashboardRoutes = (deps: Deps) => router().openapi(one, (c) => c.json(dashboard(deps, c.get('actor'), c.req.valid('param').depotId), 200));
