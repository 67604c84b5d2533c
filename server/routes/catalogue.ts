import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { BatchListQuerySchema, BatchWithProductSchema, IdParamSchema, ProductCreateSchema, ProductSchema, ProductUpdateSchema, pageOf } from '../schemas/api.ts';
import { router, problems, refused, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { registerProduct, updateProductFactors } from '../services/products.ts';
import { getBatch, getProduct, listBatches, listProducts } from '../services/reads.ts';

const tags = ['catalogue'];

const products = createRoute({
  method: 'get',
  path: '/products',
  tags,
  operationId: 'listProducts',
  summary: 'The product catalogue',
  description: 'Any logged-in user. The one catalogue of the province (S0:288), every product with its GTIN, price, storage limits, standard annual use per user and CYP factor.',
  security: session,
  responses: { 200: json(z.object({ items: z.array(ProductSchema) })), ...refused(401) },
});
const register = createRoute({
  method: 'post',
  path: '/products',
  tags,
  operationId: 'registerProduct',
  summary: 'Register a product (planner or admin of the region depot), e.g. from an unknown scanned GTIN',
  description:
    'A planner or admin of the region depot (403 role_required, or forbidden at any other depot): the catalogue is one for the whole province (S0:288 统一标识). Adds a product, typically after a storekeeper scanned a GTIN nobody knew. Refuses a GTIN with a wrong check digit (422 invalid_check_digit), and a code or GTIN already in the catalogue (409 product_code_taken, gtin_taken). Audited.',
  security: sessionAndCsrf,
  request: { body: body(ProductCreateSchema) },
  responses: { 201: json(ProductSchema), ...problems.change },
});
const product = createRoute({
  method: 'get',
  path: '/products/{id}',
  tags,
  operationId: 'getProduct',
  summary: 'One product',
  description: 'Any logged-in user: the catalogue is the same for every depot.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(ProductSchema), ...refused(401, 404, 422) },
});
const updateProduct = createRoute({
  method: 'patch',
  path: '/products/{id}',
  tags,
  operationId: 'updateProductFactors',
  summary: 'Change a product’s CYP factor or annual use per user (admin, planner or leader of the region depot)',
  description:
    'An admin, planner or leader of the region depot (403 role_required; out_of_scope below the region). Sets the couple-years-of-protection factor, which every CYP indicator report uses, and the standard annual use per user (年人份标准使用量, S0:514), which the demand-plan proposals use; nothing else about a product changes here. Fields left out keep their value and an empty change changes nothing. The change is audited with the values before it.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(ProductUpdateSchema) },
  responses: { 200: json(ProductSchema), ...problems.change },
});
const batches = createRoute({
  method: 'get',
  path: '/batches',
  tags,
  operationId: 'searchBatches',
  summary: 'Batches (lots), soonest expiry first',
  description: 'Any logged-in user. Pages through the lots known anywhere in the province, optionally of one product or matching a part of the lot number (`q`); stock is read with GET /stock.',
  security: session,
  request: { query: BatchListQuerySchema },
  responses: { 200: json(pageOf(BatchWithProductSchema)), ...refused(401, 422) },
});
const batch = createRoute({
  method: 'get',
  path: '/batches/{id}',
  tags,
  operationId: 'getBatch',
  summary: 'One batch with its product',
  description: 'Any logged-in user. The lot, its expiry, production date, maker and unit price, with its product.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(BatchWithProductSchema), ...refused(401, 404, 422) },
});

export const catalogueRoutes = (deps: Deps) =>
  router()
    .openapi(products, (c) => c.json(listProducts(deps), 200))
    .openapi(register, (c) => c.json(registerProduct(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(product, (c) => c.json(getProduct(deps, c.req.valid('param').id), 200))
    .openapi(updateProduct, (c) => c.json(updateProductFactors(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(batches, (c) => c.json(listBatches(deps, c.req.valid('query')), 200))
    .openapi(batch, (c) => c.json(getBatch(deps, c.req.valid('param').id), 200));
