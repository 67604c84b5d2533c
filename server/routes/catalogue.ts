import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { BatchListQuerySchema, BatchWithProductSchema, IdParamSchema, ProductCreateSchema, ProductSchema, ProductUpdateSchema, pageOf } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import { registerProduct, updateProductFactors } from '../services/products.ts';
import { getBatch, getProduct, listBatches, listProducts } from '../services/reads.ts';

const products = createRoute({ method: 'get', path: '/products', tags: ['catalogue'], summary: 'The product catalogue', responses: { 200: json(z.object({ items: z.array(ProductSchema) })), ...problems } });
const register = createRoute({
  method: 'post',
  path: '/products',
  tags: ['catalogue'],
  summary: 'Register a product (planner or admin of the region depot), e.g. from an unknown scanned GTIN',
  request: { body: body(ProductCreateSchema) },
  responses: { 201: json(ProductSchema), ...problems },
});
const product = createRoute({ method: 'get', path: '/products/{id}', tags: ['catalogue'], summary: 'One product', request: { params: IdParamSchema }, responses: { 200: json(ProductSchema), ...problems } });
const updateProduct = createRoute({
  method: 'patch',
  path: '/products/{id}',
  tags: ['catalogue'],
  summary: 'Change a product’s CYP factor or annual use per user (admin, planner or leader of the region depot)',
  request: { params: IdParamSchema, body: body(ProductUpdateSchema) },
  responses: { 200: json(ProductSchema), ...problems },
});
const batches = createRoute({
  method: 'get',
  path: '/batches',
  tags: ['catalogue'],
  summary: 'Batches (lots), soonest expiry first',
  request: { query: BatchListQuerySchema },
  responses: { 200: json(pageOf(BatchWithProductSchema)), ...problems },
});
const batch = createRoute({ method: 'get', path: '/batches/{id}', tags: ['catalogue'], summary: 'One batch with its product', request: { params: IdParamSchema }, responses: { 200: json(BatchWithProductSchema), ...problems } });

export const catalogueRoutes = (deps: Deps) =>
  router()
    .openapi(products, (c) => c.json(listProducts(deps), 200))
    .openapi(register, (c) => c.json(registerProduct(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(product, (c) => c.json(getProduct(deps, c.req.valid('param').id), 200))
    .openapi(updateProduct, (c) => c.json(updateProductFactors(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(batches, (c) => c.json(listBatches(deps, c.req.valid('query')), 200))
    .openapi(batch, (c) => c.json(getBatch(deps, c.req.valid('param').id), 200));
