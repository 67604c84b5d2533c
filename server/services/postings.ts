import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/stock.ts';
import { findDepot } from '../../db/queries/depots.ts';
import { findBatch } from '../../db/queries/catalogue.ts';
import { DomainError } from '../domain/errors.ts';
import { planReversal } from '../domain/ledger.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import { postMovements } from './posting.ts';
import { audit } from './audit.ts';
import { assertIndependent } from './users.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import { userName } from '../../db/queries/transfers.ts';
import type { MovementKind } from '../schemas/constants.ts';

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
 * Which postings a reversal may undo, and for the others the workflow that corrects them
 * (S0:474-481: the books stay true, and no single person takes goods out of them). An
 * inspection result is corrected by a new inspection, a count variance by a new count; a
 * destruction or a return to the maker has left the depot for good; a dispensing is put right by
 * a stock count; a transfer's two sides stay paired (调拨上下对应, S0:479).
 */
const NOT_REVERSIBLE: Partial<Record<MovementKind, string>> = {
  inspection: 'reinspection',
  write_off: 'none_disposed',
  return_to_supplier: 'none_returned',
  count_adjustment: 'stock_count',
  dispense: 'stock_count',
  transfer_out: 'transfer_back',
  transfer_in: 'receipt_discrepancy',
};

function assertReversible(deps: Deps, postingId: number) {
  const original = q.findPosting(deps.db, postingId);
  if (!original) throw new DomainError('posting_not_found', `No posting ${postingId}`);
  const workflow = NOT_REVERSIBLE[original.kind];
  if (workflow) {
    throw new DomainError('not_reversible', `A ${original.kind} posting is never reversed; it is corrected by its own workflow (${workflow})`, { kind: original.kind, workflow });
  }
  if (original.reversesPostingId !== null) {
    throw new DomainError('cannot_reverse_reversal', 'A reversal cannot itself be reversed; post the correction again');
  }
  return original;
}

/**
 * Asks for a wrong posting (an opening balance, a zone move, a receipt's count) to be reversed,
 * with a reason: a user with a reversal role at every depot it touched. The reversal is posted
 * only when a leader of the posting's depot who is not the requester approves it. One open
 * request per posting.
 */
export function requestReversal(deps: Deps, actor: Actor, postingId: number, reason: string) {
  assertReversible(deps, postingId);
  const { depots } = depotsOf(deps, postingId);
  for (const depot of depots) assertCanWriteAt(actor, depot, ...deps.config.reversalRoles);
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    if (q.findReversalOf(tx, postingId)) throw new DomainError('already_reversed', `Posting ${postingId} is already reversed`);
    const open = q.findPendingReversalRequest(tx, postingId);
    if (open) throw new DomainError('reversal_request_pending', `Posting ${postingId} already has a reversal request waiting for a decision`, { requestId: open.id });
    const request = q.insertReversalRequest(tx, { postingId, depotId: depots[0].id, reason, status: 'pending', requestedBy: actor.userId, requestedAt: now.toISOString() });
    insertNotification(tx, { depotId: depots[0].id, role: 'leader', kind: 'reversal_request', entity: 'reversal_request', entityId: request.id, message: `冲销申请: 记账 ${postingId}, ${reason}`, createdAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depots[0].id, action: 'request_reversal', entity: 'posting', entityId: postingId, detail: { reason, requestId: request.id } }, now);
    return request.id;
  });
  return presentReversalRequest(deps, id);
}

/**
 * A leader of the posting's depot, not the requester, decides a reversal request. Approval
 * posts the reversal: new opposite movements that reference the original, once only, and only
 * while the stock it put in is still there (the same non-negative check as every posting).
 */
export function decideReversal(deps: Deps, actor: Actor, requestId: number, input: { decision: 'approved' | 'declined'; reason?: string }) {
  const request = q.findReversalRequest(deps.db, requestId);
  if (!request) throw new DomainError('reversal_request_not_found', `No reversal request ${requestId}`);
  const { movements, depots } = depotsOf(deps, request.postingId);
  for (const depot of depots) assertCanWriteAt(actor, depot, 'leader');
  if (request.status !== 'pending') throw new DomainError('already_decided', `Reversal request ${requestId} is ${request.status}`);
  if (request.requestedBy === actor.userId) throw new DomainError('self_approval', 'Nobody decides their own reversal request');
  if (input.decision === 'declined' && !input.reason?.trim()) {
    throw new DomainError('validation_failed', 'Say why the reversal is declined', undefined, [{ path: 'reason', message: 'required when declining' }]);
  }
  assertReversible(deps, request.postingId);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    if (q.findReversalRequest(tx, requestId)!.status !== 'pending') throw new DomainError('already_decided', `Reversal request ${requestId} is decided`);
    assertIndependent(tx, request.requestedBy, actor.userId);
    let reversalPostingId: number | null = null;
    if (input.decision === 'approved') {
      if (q.findReversalOf(tx, request.postingId)) throw new DomainError('already_reversed', `Posting ${request.postingId} is already reversed`);
      reversalPostingId = postMovements(
        tx,
        {
          kind: 'reversal',
          documentType: 'posting',
          documentId: request.postingId,
          actorId: actor.userId,
          reason: request.reason,
          reversesPostingId: request.postingId,
          lines: planReversal(movements),
        },
        now,
        deps.config.timeZone,
      ).postingId;
    }
    q.updateReversalRequest(tx, requestId, { status: input.decision, decidedBy: actor.userId, decidedAt: now.toISOString(), decisionReason: input.reason ?? null, reversalPostingId });
    audit(tx, { actorId: actor.userId, depotId: request.depotId, action: input.decision === 'approved' ? 'reverse' : 'decline_reversal', entity: 'posting', entityId: request.postingId, detail: { requestId, requestedBy: request.requestedBy, reason: request.reason, decisionReason: input.reason, reversalPostingId } }, now);
  });
  return presentReversalRequest(deps, requestId);
}

export function getReversalRequest(deps: Deps, actor: Actor, requestId: number) {
  const request = q.findReversalRequest(deps.db, requestId);
  if (!request) throw new DomainError('reversal_request_not_found', `No reversal request ${requestId}`);
  assertCanRead(actor, findDepot(deps.db, request.depotId)!);
  return presentReversalRequest(deps, requestId);
}

export function listReversalRequests(deps: Deps, actor: Actor, query: { depotId: number; status?: 'pending' | 'approved' | 'declined' }) {
  const depot = findDepot(deps.db, query.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${query.depotId}`);
  assertCanRead(actor, depot);
  return { items: q.listReversalRequestsAt(deps.db, depot.id, query.status).map((r) => presentReversalRequest(deps, r.id)) };
}

function presentReversalRequest(deps: Deps, id: number) {
  const r = q.findReversalRequest(deps.db, id)!;
  const posting = q.findPosting(deps.db, r.postingId)!;
  const lines = q.findPostingMovements(deps.db, r.postingId).map((m) => {
    const batch = findBatch(deps.db, m.batchId)!;
    return { batchId: m.batchId, lot: batch.lot, productId: batch.productId, location: m.location, quantity: m.quantity };
  });
  return { ...r, postingKind: posting.kind, requestedByName: userName(deps.db, r.requestedBy), decidedByName: r.decidedBy === null ? null : userName(deps.db, r.decidedBy), lines };
}
