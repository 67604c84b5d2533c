import type { DbOrTx } from '../../db/client.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { DomainError } from '../domain/errors.ts';

/** A depot's place in the tree (id, code, name, tier, path, parent), or 404 depot_not_found. */
export function depotOrThrow(deps: { db: DbOrTx }, id: number) {
  const depot = findDepotPlace(deps.db, id);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${id}`);
  return depot;
}
