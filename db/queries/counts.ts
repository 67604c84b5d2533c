import type { DbOrTx } from '../client.ts';
import { prepared } from './statements.ts';

/** The open stock count (counting or submitted) covering a zone of a depot, if any: the zone is frozen. */
export function openCountCovering(db: DbOrTx, depotId: number, zone: string): { id: number; number: string } | undefined {
  return prepared(
    db,
    `select id, number from stock_counts
     where depot_id = ? and status in ('counting', 'submitted') and exists (select 1 from json_each(zones) where value = ?)
     limit 1`,
  ).get(depotId, zone) as { id: number; number: string } | undefined;
}
