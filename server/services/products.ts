import type { Deps } from '../deps.ts';
import * as catQ from '../../db/queries/catalogue.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { isValidGtin, normaliseGtin } from '../../labels/gs1.ts';
import { DomainError } from '../domain/errors.ts';
import { assertRole, type Actor } from '../auth/scope.ts';
import type { z } from '@hono/zod-openapi';
import type { ProductCreateSchema, ProductUpdateSchema } from '../schemas/api.ts';
import { audit } from './audit.ts';
import { presentProduct } from './present.ts';

export type ProductInput = z.infer<typeof ProductCreateSchema>;

/**
 * Registers a product, typically from a GTIN a storekeeper scanned and nobody knew. The
 * catalogue is one for the whole province (S0:288 统一标识), so only a planner or admin of the
 * region depot adds to it.
 */
export function registerProduct(deps: Deps, actor: Actor, input: ProductInput) {
  assertRole(actor, 'planner', 'admin');
  const depot = findDepotPlace(deps.db, actor.depotId)!;
  if (depot.tier !== 'region') throw new DomainError('forbidden', 'Products are registered at the region depot');
  const gtin = input.gtin === undefined ? null : normaliseGtin(input.gtin);
  if (gtin !== null && !isValidGtin(gtin)) throw new DomainError('invalid_check_digit', `GTIN ${input.gtin}: wrong check digit`);
  const now = deps.clock.now();
  const product = deps.db.transaction((tx) => {
    if (catQ.findProductByCode(tx, input.code)) throw new DomainError('product_code_taken', `Product code ${input.code} is taken`);
    if (gtin && catQ.findProductByGtin(tx, gtin)) throw new DomainError('gtin_taken', `GTIN ${gtin} belongs to another product`);
    const product = catQ.insertProduct(tx, { ...input, gtin });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'create', entity: 'product', entityId: product.id, detail: { code: input.code, gtin } }, now);
    return product;
  });
  return presentProduct(product);
}

export type ProductUpdate = z.infer<typeof ProductUpdateSchema>;

/**
 * Changes a product's CYP conversion factor or its standard annual use per user. Both feed the
 * whole province's indicators and plans, so only an admin, planner or leader of the region depot
 * changes them; the change and the values before it are audited. An empty change changes nothing.
 */
export function updateProductFactors(deps: Deps, actor: Actor, id: number, input: ProductUpdate) {
  assertRole(actor, 'admin', 'planner', 'leader');
  const depot = findDepotPlace(deps.db, actor.depotId)!;
  if (depot.parentId !== null) throw new DomainError('out_of_scope', 'CYP factors and annual use are set at the region depot', { depotId: depot.id });
  const product = catQ.findProduct(deps.db, id);
  if (!product) throw new DomainError('product_not_found', `No product ${id}`);
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ProductUpdate;
  if (Object.keys(patch).length === 0) return presentProduct(product);
  const now = deps.clock.now();
  const updated = deps.db.transaction((tx) => {
    const row = catQ.updateProduct(tx, id, patch);
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, product[k as keyof ProductUpdate]]));
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'update', entity: 'product', entityId: id, detail: { code: product.code, before, after: patch } }, now);
    return row;
  });
  return presentProduct(updated);
}
