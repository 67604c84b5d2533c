import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { DispenseSchema, DispensingListQuerySchema, DispensingRowSchema, DispensingSchema, pageOf } from '../schemas/api.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { dispense, listDispensings } from '../services/dispensing.ts';

const tags = ['dispensing'];

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listDispensings',
  summary: 'The dispensing register of a depot, newest first',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope): what was handed out to people, by batch, with the recipient if noted, who dispensed it and when.',
  security: session,
  request: { query: DispensingListQuerySchema },
  responses: { 200: json(pageOf(DispensingRowSchema)), ...problems.read },
});
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  operationId: 'dispense',
  summary: 'Dispense to people (township, village): scan, quantity, pack and expiry confirmed',
  description:
    'A dispenser or storekeeper of the depot (403 out_of_scope, role_required), at township and village depots only (409 dispensing_not_here). The batch is scanned (`raw`: our batch label FP1:B:<id>, which goods without a GTIN carry, or a GS1 string with GTIN and lot) or chosen (`batchId`), and the answer records which (`entry`); a zone or document label is refused (422 not_a_batch_label). The stock leaves the qualified zone in one posting. The pack and the expiry must be confirmed as checked (422 pack_check_required), and an expired lot or a broken inner pack is never dispensed (422 batch_expired, 409 pack_broken: S0:398 对内包装破损和过有效期的药具严禁发放); nor is a lot on hold (409 batch_on_hold) or more than the zone holds (409 insufficient_stock).',
  security: sessionAndCsrf,
  request: { body: body(DispenseSchema) },
  responses: { 201: json(DispensingSchema), ...problems.change },
});

export const dispensingRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listDispensings(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(create, (c) => c.json(dispense(deps, c.get('actor'), c.req.valid('json')), 201));
