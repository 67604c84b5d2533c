import { z } from '@hono/zod-openapi';

/** A quantity in one unit (server/domain/units.ts): a total across products is a list of these, never one number. */
export const UnitQuantitySchema = z
  .object({
    unitZh: z.string().openapi({ example: '盒' }),
    unitEn: z.string().openapi({ description: 'the English name; products sharing the Chinese unit name it each their way (ampoule/tube)', example: 'box' }),
    quantity: z.number().int(),
  })
  .openapi('UnitQuantity');

export const UnitTotalSchema = UnitQuantitySchema.extend({ valueFen: z.number().int() }).openapi('UnitTotal');

/** Quantities per unit, the largest first. */
export const byUnit = z.array(UnitQuantitySchema);
export const totalsByUnit = z.array(UnitTotalSchema).openapi({ description: 'the totals per unit of measure, the largest quantity first: quantities of different units are never added up' });
