import type { World } from './world.ts';
import { findOrCreateBatch } from '../../server/services/batches.ts';
import { confirmOpeningBalance, createOpeningBalance, openOpeningWindow } from '../../server/services/opening-balances.ts';
import { recordInspection } from '../../server/services/inspections.ts';
import { findBatch } from '../../db/queries/catalogue.ts';
import { findOpeningBalance } from '../../db/queries/opening-balances.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { CHECKLISTS } from '../../server/domain/inspection.ts';
import { findProduct } from '../../db/queries/catalogue.ts';
import { isExpired, toIsoDate } from '../../server/domain/expiry.ts';
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

/**
 * Puts usable stock at a depot through the real services, as a depot's go-live does: the
 * storekeeper enters an opening balance (the leader opens a window when the depot has gone live),
 * the planner confirms it, and where the tier inspects goods-in the inspector passes it from the
 * pending zone into the qualified one. Expired stock in the qualified zone is stock that was
 * entered before it expired: the clock is set back to the day before its expiry meanwhile.
 */
export function givenStock(world: World, depotCode: string, batchId: number, quantity: number, zone: StorageZone = 'qualified') {
  const { deps } = world;
  const depot = world.depot(depotCode);
  const batch = findBatch(world.db, batchId)!;
  const now = world.clock.now();
  const backdate = zone === 'qualified' && isExpired(batch, now, deps.config);
  if (backdate) world.clock.set(`${dayBefore(batch.expiresOn)}T02:00:00Z`);
  try {
    const inspected = zone === 'qualified' && deps.config.goodsInInspectionTiers.includes(depot.tier);
    const input = { depotId: depot.id, lines: [{ batchId, zone: inspected ? ('pending' as const) : zone, quantity }] };
    let doc;
    try {
      doc = createOpeningBalance(deps, world.actor(`${depotCode}-storekeeper`), input);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'opening_balance_closed') throw e;
      openOpeningWindow(deps, world.actor(`${depotCode}-leader`), { depotId: depot.id, endsOn: toIsoDate(world.clock.now(), deps.config.timeZone), reason: 'test stock' });
      doc = createOpeningBalance(deps, world.actor(`${depotCode}-storekeeper`), input);
    }
    confirmOpeningBalance(deps, world.actor(`${depotCode}-planner`), doc.id);
    if (inspected) {
      const checklist = Object.fromEntries(CHECKLISTS[findProduct(world.db, batch.productId)!.dosageForm].map((item) => [item, true]));
      recordInspection(deps, world.actor(`${depotCode}-inspector`), { depotId: depot.id, batchId, kind: 'receipt', openingBalanceId: doc.id, checklist, passedQuantity: quantity, failedQuantity: 0, nonconformities: [] });
    }
    return findOpeningBalance(world.db, doc.id)!;
  } finally {
    if (backdate) world.clock.set(now.toISOString());
  }
}

function dayBefore(isoDate: string) {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
