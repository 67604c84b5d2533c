import type { StorageZone } from '../schemas/constants.ts';
import { DomainError } from './errors.ts';

/**
 * Which moves between zones a storekeeper may make by scanning (S0:323-325, 388, 421):
 * goods enter the qualified (green) zone only by passing an inspection, and non-conforming (red)
 * goods leave only by write-off or return to the maker. What remains: qualified → pending to be
 * checked again, and qualified or pending → non-conforming to quarantine them.
 */
export function assertZoneMoveAllowed(from: StorageZone, to: StorageZone): void {
  if (to === 'qualified') throw new DomainError('qualified_by_inspection_only', 'Goods reach the qualified zone only by passing an inspection');
  if (from === 'nonconforming') throw new DomainError('nonconforming_leaves_by_write_off', 'Non-conforming goods leave the red zone only by write-off or return to the maker');
  if (from === to) throw new DomainError('validation_failed', 'The stock is already in that zone', undefined, [{ path: 'toZone', message: 'same as fromZone' }]);
}
