import { sqliteTable, integer, text, real, index, unique } from 'drizzle-orm/sqlite-core';
import { DOSAGE_FORMS, PRODUCT_CLASSES } from '../../server/schemas/constants.ts';

/** A product of the free contraceptive catalogue (药具). Prices are in fen (0.01 yuan). */
export const products = sqliteTable('products', {
  id: integer().primaryKey({ autoIncrement: true }),
  code: text().notNull().unique(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  dosageForm: text({ enum: DOSAGE_FORMS }).notNull(),
  productClass: text({ enum: PRODUCT_CLASSES }).notNull(),
  specZh: text().notNull(),
  specEn: text().notNull(),
  unitZh: text().notNull(),
  unitEn: text().notNull(),
  gtin: text().unique(),
  unitPriceFen: integer().notNull().default(0),
  storageMinC: real(),
  storageMaxC: real(),
  storageMaxRh: real(),
  /** 年、人份标准使用量 (S0:347, 514): units of this product one user needs in a year. */
  annualUsePerUser: real(),
  /** Couple-years of protection one unit of this product gives (CYP conversion factor); editable. */
  cypPerUnit: real(),
  active: integer({ mode: 'boolean' }).notNull().default(true),
});

/** A batch (批号): product + lot, unique; expiry is a calendar date "YYYY-MM-DD". */
export const batches = sqliteTable(
  'batches',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    productId: integer()
      .notNull()
      .references(() => products.id),
    lot: text().notNull(),
    expiresOn: text().notNull(),
    producedOn: text(),
    manufacturer: text(),
    unitPriceFen: integer().notNull().default(0),
    createdAt: text().notNull(),
  },
  (t) => [
    unique('batches_product_lot_uq').on(t.productId, t.lot),
    index('batches_expires_idx').on(t.expiresOn),
    // A product's batches in expiry order, covering what the pick list reads of them: it reads
    // them first-expiry-first and stops once the order line is covered.
    index('batches_product_expiry_idx').on(t.productId, t.expiresOn, t.lot, t.unitPriceFen),
  ],
);
