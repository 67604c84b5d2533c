import type { Tx } from '../../db/client.ts';
import * as q from '../../db/queries/stock.ts';
import {
  GENESIS_HASH,
  balanceKey,
  chainHash,
  planPosting,
  type BalanceSnapshot,
  type PostingLine,
} from '../domain/ledger.ts';
import type { MovementKind } from '../schemas/constants.ts';
import { openCountCovering } from '../../db/queries/counts.ts';
import { DomainError } from '../domain/errors.ts';
import { addPostingToTotals } from '../../db/queries/period-totals.ts';

export interface PostingRequest {
  kind: MovementKind;
  documentType: string;
  documentId: number;
  actorId: number;
  lines: PostingLine[];
  reason?: string;
  reversesPostingId?: number;
}

export interface PostingResult {
  postingId: number;
  movementIds: number[];
}

/**
 * The only writer of stock movements and balances. Runs inside the caller's transaction so
 * that a workflow's own rows and its stock change commit or roll back together. Refuses any
 * balance below zero (409 insufficient_stock) before writing anything, and any change to a zone
 * whose stock count is under way (409 count_in_progress): the count froze it. Keeps the month
 * totals of the reports (stock_period_totals) in the same transaction; `timeZone` decides the month.
 */
export function postMovements(tx: Tx, req: PostingRequest, now: Date, timeZone: string): PostingResult {
  assertNotCounting(tx, req.lines);
  const keys = req.lines.map(({ depotId, location, batchId }) => ({ depotId, location, batchId }));
  const current = new Map<string, BalanceSnapshot & { firstReceivedAt: string }>();
  for (const b of q.findBalances(tx, keys)) current.set(balanceKey(b), b);

  const plan = planPosting(current, req.lines);
  const postedAt = now.toISOString();
  const { id: postingId } = q.insertPosting(tx, {
    kind: req.kind,
    documentType: req.documentType,
    documentId: req.documentId,
    reversesPostingId: req.reversesPostingId,
    reason: req.reason,
    actorId: req.actorId,
    postedAt,
  });

  const heads = q.findChainHeads(tx, req.lines.map((l) => l.depotId));
  let id = q.nextMovementId(tx);
  const lastMovementOf = new Map<string, number>();
  const rows = plan.movements.map((m) => {
    const prevHash = heads.get(m.depotId) ?? GENESIS_HASH;
    const fields = {
      id,
      postingId,
      kind: req.kind,
      actorId: req.actorId,
      postedAt,
      depotId: m.depotId,
      location: m.location,
      batchId: m.batchId,
      quantity: m.quantity,
      unitPriceFen: m.unitPriceFen,
      balanceAfter: m.balanceAfter,
    };
    const hash = chainHash(prevHash, fields);
    heads.set(m.depotId, hash);
    lastMovementOf.set(balanceKey(m), id);
    id += 1;
    return { ...fields, prevHash, hash };
  });
  q.insertMovements(tx, rows);

  for (const b of plan.balances) {
    q.upsertBalance(tx, {
      depotId: b.depotId,
      location: b.location,
      batchId: b.batchId,
      quantity: b.quantity,
      valueFen: b.valueFen,
      firstReceivedAt: current.get(balanceKey(b))?.firstReceivedAt ?? postedAt,
      lastMovementId: lastMovementOf.get(balanceKey(b))!,
    });
  }
  const reversedKind = req.reversesPostingId === undefined ? null : (q.findPosting(tx, req.reversesPostingId)?.kind ?? null);
  addPostingToTotals(tx, { kind: req.kind, reversedKind, postedAt, timeZone }, plan.movements);
  return { postingId, movementIds: rows.map((r) => r.id) };
}

function assertNotCounting(tx: Tx, lines: readonly PostingLine[]) {
  const seen = new Set<string>();
  for (const { depotId, location } of lines) {
    const key = `${depotId}:${location}`;
    if (location === 'in_transit' || seen.has(key)) continue;
    seen.add(key);
    const count = openCountCovering(tx, depotId, location);
    if (count) throw new DomainError('count_in_progress', `Stock count ${count.number} is under way in the ${location} zone`, { countId: count.id, depotId, zone: location });
  }
}
