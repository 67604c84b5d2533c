import { DomainError } from './errors.ts';

/**
 * Write-off rules (报损, S0:419-422; docs/regulation.md 3.5): only non-conforming stock, never more
 * than the red zone holds beyond what other open requests claim; resting on an inspection
 * report unless the goods are simply expired; decided by the depot above; destroyed before two
 * or more different witnesses, or returned to the maker when the goods never entered stock.
 */

export interface WriteOffLineInput {
  batchId: number;
  quantity: number;
  kind: string;
  lot?: string;
}

/**
 * Example: 30 in the red zone of which another request claims 20 leaves 10 to write off;
 * asking 12 is `exceeds_nonconforming`; a lot with nothing in the red zone is `not_nonconforming`.
 */
export function assertWriteOffable(lines: readonly WriteOffLineInput[], stock: ReadonlyMap<number, { held: number; claimed: number }>): void {
  const asked = new Map<number, number>();
  for (const l of lines) asked.set(l.batchId, (asked.get(l.batchId) ?? 0) + l.quantity);
  for (const [batchId, quantity] of asked) {
    const s = stock.get(batchId) ?? { held: 0, claimed: 0 };
    const lot = lines.find((l) => l.batchId === batchId)?.lot ?? String(batchId);
    if (s.held <= 0) throw new DomainError('not_nonconforming', `Lot ${lot} has no stock in the non-conforming zone`, { batchId });
    const free = s.held - s.claimed;
    if (quantity > free) throw new DomainError('exceeds_nonconforming', `Lot ${lot}: ${free} in the non-conforming zone are not on other requests, not ${quantity}`, { batchId, free });
  }
}

/** WO-1: the request rests on an inspection report, unless every line is plain expiry, which the date shows. */
export function assertInspectionBacked(lines: readonly { kind: string }[], inspectionId: number | undefined | null): void {
  if (inspectionId == null && lines.some((l) => l.kind !== 'expired')) {
    throw new DomainError('inspection_required', 'Link the inspection report this write-off rests on', undefined, [{ path: 'inspectionId', message: 'required unless every line is expired' }]);
  }
}

/**
 * The depot whose leader or planner decides (WO-2 上级业务部门): the parent; the region, with no
 * depot above it in the system, decides its own (WO-R5), never by the requester.
 */
export function approvalDepotOf(depot: { id: number; parentId: number | null }): number {
  return depot.parentId ?? depot.id;
}

/**
 * The two-person rule (S0:422 两人以上共同销毁): at least `minimum` different people. Example:
 * witnesses zhang and li: fine; zhang and zhang: `duplicate_witness`; zhang alone:
 * `witnesses_required`.
 */
export function assertWitnesses(usernames: readonly string[], minimum: number): void {
  const seen = new Set<string>();
  for (const u of usernames) {
    const key = u.trim().toLowerCase();
    if (seen.has(key)) throw new DomainError('duplicate_witness', `${u} is listed twice`, { username: u });
    seen.add(key);
  }
  if (seen.size < minimum) throw new DomainError('witnesses_required', `Destruction needs ${minimum} or more different witnesses`, { minimum });
}

/** S0:422 初次入库的药具,应原货退回厂家: only goods that never stood in a qualified zone go back to the maker. */
export function assertReturnable(lines: readonly { lot: string; everQualified: boolean }[]): void {
  const stocked = lines.find((l) => l.everQualified);
  if (stocked) throw new DomainError('return_only_if_never_stocked', `Lot ${stocked.lot} has been in stock: it is destroyed, not returned`, { lot: stocked.lot });
}
