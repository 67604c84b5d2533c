import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { DispenseSchema, DispensingListQuerySchema, DispensingRowSchema, DispensingSchema, pageOf } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import { dispense, listDispensings } from '../services/dispensing.ts';

const tags = ['dispensing'];
const list = createRoute({ method: 'get', path: '/', tags, summary: 'The dispensing register of a depot, newest first', request: { query: DispensingListQuerySchema }, responses: { 200: json(pageOf(DispensingRowSchema)), ...problems } });
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Dispense to people (township, village): scan, quantity, pack and expiry confirmed',
  request: { body: body(DispenseSchema) },
  responses: { 201: json(DispensingSchema), ...problems },
});

export const dispensingRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listDispensings(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(create, (c) => c.json(dispense(deps, c.get('actor'), c.req.valid('json')), 201));
