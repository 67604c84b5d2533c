import { createHash } from 'node:crypto';
import { DomainError } from './errors.ts';
import { MAX_BALANCE_QUANTITY, MAX_BALANCE_VALUE_FEN } from './limits.ts';
import type { MovementKind, StockLocation } from '../schemas/constants.ts';

export interface PostingLine {
  depotId: number;
  location: StockLocation;
  batchId: number;
  /** Signed, in the product's unit: positive in, negative out. */
  quantity: number;
  unitPriceFen: number;
}

export interface BalanceSnapshot {
  quantity: number;
  valueFen: number;
}

export interface PlannedMovement extends PostingLine {
  balanceAfter: number;
}

export interface PlannedBalance extends BalanceSnapshot {
  depotId: number;
  location: StockLocation;
  batchId: number;
  isNew: boolean;
}

export const balanceKey = (l: { depotId: number; location: string; batchId: number }) =>
  `${l.depotId}|${l.location}|${l.batchId}`;

/** A line may not be zero and must be a safe integer: quantities are counted units. */
export function validatePostingLines(lines: readonly PostingLine[]): void {
  if (lines.length === 0) throw new DomainError('empty_document', 'A posting needs at least one line');
  for (const [i, l] of lines.entries()) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity === 0) {
      throw new DomainError('validation_failed', `Line ${i + 1}: quantity must be a non-zero integer`, undefined, [
        { path: `lines.${i}.quantity`, message: 'non-zero integer' },
      ]);
    }
    if (!Number.isSafeInteger(l.unitPriceFen) || l.unitPriceFen < 0) {
      throw new DomainError('validation_failed', `Line ${i + 1}: unit price must be a non-negative integer`, undefined, [
        { path: `lines.${i}.unitPriceFen`, message: 'non-negative integer' },
      ]);
    }
  }
}

/**
 * Applies the lines, in order, to the balances they touch and returns the movements with
 * their balance after, and the balances to write. Refuses any balance below zero.
 *
 * Example: qualified balance of batch 7 at depot 3 is 100. Lines [-30, -50] give movements
 * with balanceAfter 70 and 20 and one balance of 20; lines [-30, -80] throw
 * `insufficient_stock` naming the line that would reach -10.
 */
export function planPosting(
  current: ReadonlyMap<string, BalanceSnapshot>,
  lines: readonly PostingLine[],
): { movements: PlannedMovement[]; balances: PlannedBalance[] } {
  validatePostingLines(lines);
  const next = new Map<string, PlannedBalance>();
  const movements: PlannedMovement[] = [];
  for (const line of lines) {
    const key = balanceKey(line);
    const before = next.get(key) ?? current.get(key);
    const quantity = (before?.quantity ?? 0) + line.quantity;
    if (quantity < 0) {
      throw new DomainError(
        'insufficient_stock',
        `Only ${before?.quantity ?? 0} on hand; cannot take ${-line.quantity}`,
        { depotId: line.depotId, location: line.location, batchId: line.batchId, onHand: before?.quantity ?? 0, requested: -line.quantity },
      );
    }
    const valueFen = (before?.valueFen ?? 0) + line.quantity * line.unitPriceFen;
    if (quantity > MAX_BALANCE_QUANTITY || Math.abs(valueFen) > MAX_BALANCE_VALUE_FEN) {
      throw new DomainError('amount_out_of_range', `A balance of ${quantity} worth ${valueFen} fen is beyond what the ledger keeps exact`, {
        depotId: line.depotId,
        location: line.location,
        batchId: line.batchId,
        maxQuantity: MAX_BALANCE_QUANTITY,
        maxValueFen: MAX_BALANCE_VALUE_FEN,
      });
    }
    next.set(key, {
      depotId: line.depotId,
      location: line.location,
      batchId: line.batchId,
      quantity,
      valueFen,
      isNew: !current.has(key),
    });
    movements.push({ ...line, balanceAfter: quantity });
  }
  return { movements, balances: [...next.values()] };
}

/** The inverse lines of a posting, for its reversal: same batches and places, opposite sign. */
export function planReversal(movements: readonly PostingLine[]): PostingLine[] {
  return [...movements].reverse().map((m) => ({
    depotId: m.depotId,
    location: m.location,
    batchId: m.batchId,
    quantity: -m.quantity,
    unitPriceFen: m.unitPriceFen,
  }));
}

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  id: number;
  postingId: number;
  depotId: number;
  location: string;
  batchId: number;
  kind: MovementKind;
  quantity: number;
  unitPriceFen: number;
  balanceAfter: number;
  actorId: number;
  postedAt: string;
}

/** SHA-256 over the previous hash of the depot's chain and this row's fields, in a fixed order. */
export function chainHash(prevHash: string, m: HashedFields): string {
  const canonical = [
    prevHash,
    m.id,
    m.postingId,
    m.depotId,
    m.location,
    m.batchId,
    m.kind,
    m.quantity,
    m.unitPriceFen,
    m.balanceAfter,
    m.actorId,
    m.postedAt,
  ].join('|');
  return createHash('sha256').update(canonical).digest('hex');
}
