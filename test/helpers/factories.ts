import type { World } from './world.ts';
import { findOrCreateBatch } from '../../server/services/batches.ts';
import { createOpeningBalance } from '../../server/services/opening-balances.ts';
import type { StorageZone } from '../../server/schemas/constants.ts';

let lotSeq = 0;

/** A batch of a catalogue product; fills in lot and expiry when not given. */
export function buildBatch(world: World, input: { productCode?: string; lot?: string; expiresOn?: string; unitPriceFen?: number } = {}) {
  lotSeq += 1;
  return world.db.transaction((tx) =>
    findOrCreateBatch(
      tx,
      {
        productCode: input.productCode ?? 'KJ-0101',
        lot: input.lot ?? `T${String(lotSeq).padStart(5, '0')}`,
        expiresOn: input.expiresOn ?? '2028-06-30',
        unitPriceFen: input.unitPriceFen,
      },
      world.clock.now(),
    ),
  );
}

/** Puts stock at a depot through the real opening-balance service, posted by its storekeeper. */
export function givenStock(world: World, depotCode: string, batchId: number, quantity: number, zone: StorageZone = 'qualified') {
  return createOpeningBalance(world.deps, world.actor(`${depotCode}-storekeeper`), {
    depotId: world.depot(depotCode).id,
    lines: [{ batchId, zone, quantity }],
  });
}
