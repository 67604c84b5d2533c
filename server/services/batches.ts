import type { DbOrTx } from '../../db/client.ts';
import * as catQ from '../../db/queries/catalogue.ts';
import { DomainError } from '../domain/errors.ts';

export interface BatchInput {
  productId?: number;
  productCode?: string;
  lot: string;
  expiresOn: string;
  producedOn?: string;
  manufacturer?: string;
  unitPriceFen?: number;
}

/**
 * Finds the batch of a product and lot, or creates it. A lot has one expiry: a known lot
 * given with another expiry is refused (409 batch_conflict) rather than silently changed.
 */
export function findOrCreateBatch(tx: DbOrTx, input: BatchInput, now: Date) {
  const product =
    input.productId !== undefined
      ? catQ.findProduct(tx, input.productId)
      : input.productCode !== undefined
        ? catQ.findProductByCode(tx, input.productCode)
        : undefined;
  if (!product) throw new DomainError('product_not_found', `No product ${input.productId ?? input.productCode ?? ''}`.trim());
  const existing = catQ.findBatchByLot(tx, product.id, input.lot);
  if (existing) {
    if (existing.expiresOn !== input.expiresOn) {
      throw new DomainError('batch_conflict', `Lot ${input.lot} is recorded with expiry ${existing.expiresOn}, not ${input.expiresOn}`, {
        batchId: existing.id,
        expiresOn: existing.expiresOn,
      });
    }
    return existing;
  }
  return catQ.insertBatch(tx, {
    productId: product.id,
    lot: input.lot,
    expiresOn: input.expiresOn,
    producedOn: input.producedOn ?? null,
    manufacturer: input.manufacturer ?? null,
    unitPriceFen: input.unitPriceFen ?? product.unitPriceFen,
    createdAt: now.toISOString(),
  });
}
