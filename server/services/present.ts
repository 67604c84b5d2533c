import type { findUser } from '../../db/queries/users.ts';
import type { findDepot } from '../../db/queries/depots.ts';
import type { batches, products } from '../../db/schema/index.ts';
import type { ExpiryStatus } from '../domain/expiry.ts';

/** Presenters: database rows to the API's response shapes (server/schemas/api.ts). */

export function presentUser(u: NonNullable<ReturnType<typeof findUser>>) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    depotId: u.depotId,
    depotName: u.depotName,
    roles: u.roles,
    active: u.active,
    locale: u.locale,
    createdAt: u.createdAt,
  };
}

export function presentDepot(d: NonNullable<ReturnType<typeof findDepot>>) {
  return { id: d.id, code: d.code, name: d.name, tier: d.tier, parentId: d.parentId, parentName: d.parentName, depth: d.depth, childCount: d.childCount };
}

export function presentProduct(p: typeof products.$inferSelect) {
  return {
    id: p.id,
    code: p.code,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    dosageForm: p.dosageForm,
    productClass: p.productClass,
    specZh: p.specZh,
    specEn: p.specEn,
    unitZh: p.unitZh,
    unitEn: p.unitEn,
    gtin: p.gtin,
    unitPriceFen: p.unitPriceFen,
    storageMinC: p.storageMinC,
    storageMaxC: p.storageMaxC,
    storageMaxRh: p.storageMaxRh,
    annualUsePerUser: p.annualUsePerUser,
    cypPerUnit: p.cypPerUnit,
  };
}

export function presentBatch(b: typeof batches.$inferSelect) {
  return {
    id: b.id,
    productId: b.productId,
    lot: b.lot,
    expiresOn: b.expiresOn,
    producedOn: b.producedOn,
    manufacturer: b.manufacturer,
    unitPriceFen: b.unitPriceFen,
  };
}

export type { ExpiryStatus };
