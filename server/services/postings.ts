import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/stock.ts';
import { findDepot } from '../../db/queries/depots.ts';
import { DomainError } from '../domain/errors.ts';
import { planReversal } from '../domain/ledger.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import { postMovements } from './posting.ts';
import { audit } from './audit.ts';

function presentPosting(deps: Deps, postingId: number) {
  const posting = q.findPosting(deps.db, postingId)!;
  const movements = q.findPostingMovements(deps.db, postingId);
  return {
    ...posting,
    reversedByPostingId: q.findReversalOf(deps.db, postingId)?.id ?? null,
    movements: movements.map((m) => ({
      id: m.id,
      depotId: m.depotId,
      location: m.location,
      batchId: m.batchId,
      quantity: m.quantity,
      unitPriceFen: m.unitPriceFen,
      balanceAfter: m.balanceAfter,
      hash: m.hash,
    })),
  };
}

function depotsOf(deps: Deps, postingId: number) {
  const movements = q.findPostingMovements(deps.db, postingId);
  const ids = [...new Set(movements.map((m) => m.depotId))];
  return { movements, depots: ids.map((id) => findDepot(deps.db, id)!) };
}

export function getPosting(deps: Deps, actor: Actor, postingId: number) {
  if (!q.findPosting(deps.db, postingId)) throw new DomainError('posting_not_found', `No posting ${postingId}`);
  const { depots } = depotsOf(deps, postingId);
  if (!depots.some((d) => d.path.startsWith(actor.depotPath))) assertCanRead(actor, depots[0]);
  return presentPosting(deps, postingId);
}

/**
 * A wrong posting is never edited: it is reversed by a new posting of the opposite
 * movements that references it, with a reason. Only once, never a reversal itself, only
 * by a user with a reversal role at every depot it touched, and only while the stock it
 * put in is still there (the reversal goes through the same non-negative check).
 */
export function reversePosting(deps: Deps, actor: Actor, postingId: number, reason: string) {
  const original = q.findPosting(deps.db, postingId);
  if (!original) throw new DomainError('posting_not_found', `No posting ${postingId}`);
  if (original.kind === 'transfer_out' || original.kind === 'transfer_in') {
    // 调拨上下对应 (S0:479): the two depots' sides stay paired; a wrong transfer is sent back by a new one.
    throw new DomainError('cannot_reverse_transfer', 'A transfer is not reversed: record the difference on receipt, or transfer the goods back');
  }
  const { movements, depots } = depotsOf(deps, postingId);
  for (const depot of depots) assertCanWriteAt(actor, depot, ...deps.config.reversalRoles);
  if (original.reversesPostingId !== null) {
    throw new DomainError('cannot_reverse_reversal', 'A reversal cannot itself be reversed; post the correction again');
  }
  const now = deps.clock.now();
  const result = deps.db.transaction((tx) => {
    if (q.findReversalOf(tx, postingId)) throw new DomainError('already_reversed', `Posting ${postingId} is already reversed`);
    const result = postMovements(
      tx,
      {
        kind: 'reversal',
        documentType: 'posting',
        documentId: postingId,
        actorId: actor.userId,
        reason,
        reversesPostingId: postingId,
        lines: planReversal(movements),
      },
      now, deps.config.timeZone);
    audit(tx, { actorId: actor.userId, depotId: depots[0].id, action: 'reverse', entity: 'posting', entityId: postingId, detail: { reason, reversalPostingId: result.postingId } }, now);
    return result;
  });
  return presentPosting(deps, result.postingId);
}
