import type { Deps } from '../deps.ts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import * as q from '../../db/queries/counts.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import { userName } from '../../db/queries/transfers.ts';
import { DomainError } from '../domain/errors.ts';
import {
  COUNT_INTERVAL_MONTHS,
  assertAllCounted,
  assertCountCancellable,
  assertCountOpen,
  assertCountSubmitted,
  countDueOn,
  countNumber,
  countTotals,
  countedAfter,
  isCountOverdue,
  isExpectedHidden,
  normaliseZones,
  planCountAdjustment,
  viewLine,
  type CountMode,
} from '../domain/stock-count.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import type { StorageZone } from '../schemas/constants.ts';
import { postMovements } from './posting.ts';
import { findScannedBatch } from './scanned-batch.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { assertIndependent } from './users.ts';

export interface StockCountCreateInput {
  depotId: number;
  zones?: StorageZone[];
  blind?: boolean;
  note?: string;
}

export interface StockCountLineInput {
  raw?: string;
  batchId?: number;
  zone: StorageZone;
  quantity?: number;
  mode?: CountMode;
}


function countOrThrow(db: DbOrTx, id: number) {
  const count = q.findCount(db, id);
  if (!count) throw new DomainError('count_not_found', `No stock count ${id}`);
  return count;
}

/**
 * The storekeeper (or the leader) starts a count (盘库, S0:384) of chosen zones of their depot.
 * The book quantities of every batch in those zones are frozen on the sheet at the batch's
 * price, and from then on the posting module refuses any change to those zones (SC-R2) until
 * the count posts or is cancelled.
 */
export function startStockCount(deps: Deps, actor: Actor, input: StockCountCreateInput) {
  const depot = depotOrThrow(deps, input.depotId);
  assertCanWriteAt(actor, depot, 'storekeeper', 'leader');
  const zones = normaliseZones(input.zones);
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    for (const zone of zones) {
      const open = q.openCountCovering(tx, depot.id, zone);
      if (open) throw new DomainError('count_in_progress', `Stock count ${open.number} is already under way in the ${zone} zone`, { countId: open.id, depotId: depot.id, zone });
    }
    const number = countNumber(depot.code, q.countCountsAt(tx, depot.id) + 1);
    const count = q.insertCount(tx, {
      number,
      depotId: depot.id,
      zones,
      blind: input.blind ?? false,
      status: 'counting',
      note: input.note ?? null,
      startedBy: actor.userId,
      startedAt: now.toISOString(),
    });
    const book = q.bookStockIn(tx, depot.id, zones);
    q.insertCountLines(tx, book.map((b) => ({ countId: count.id, zone: b.zone, batchId: b.batchId, expected: b.quantity, unitPriceFen: b.unitPriceFen })));
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'start', entity: 'stock_count', entityId: count.id, detail: { number, zones, blind: input.blind ?? false, lines: book.length } }, now);
    return count.id;
  });
  return getStockCount(deps, actor, id);
}

/**
 * One count of one batch in one zone: a scan adds (the label's count (30), else 1), a typed
 * figure replaces. A batch not on the sheet in that zone is stock found: a new line expecting 0.
 */
export function recordCountLine(deps: Deps, actor: Actor, id: number, input: StockCountLineInput) {
  const count = countOrThrow(deps.db, id);
  const depot = depotOrThrow(deps, count.depotId);
  assertCanWriteAt(actor, depot, 'storekeeper', 'inspector');
  const now = deps.clock.now();
  const lineId = deps.db.transaction((tx) => {
    const current = countOrThrow(tx, id);
    assertCountOpen(current);
    if (!current.zones.includes(input.zone)) {
      throw new DomainError('zone_not_in_count', `Stock count ${current.number} does not cover the ${input.zone} zone`, { zone: input.zone, zones: current.zones });
    }
    const { batch, count: labelCount, entry } = findScannedBatch(tx, input);
    const mode = input.mode ?? (input.raw !== undefined ? 'add' : 'set');
    const quantity = input.quantity ?? labelCount ?? (mode === 'add' ? 1 : undefined);
    if (quantity === undefined) throw new DomainError('validation_failed', 'Type the quantity counted', undefined, [{ path: 'quantity', message: 'required when setting the count' }]);
    const existing = q.findCountLine(tx, id, input.zone, batch.id);
    const counted = countedAfter(existing?.counted ?? null, quantity, mode);
    if (!Number.isSafeInteger(counted) || counted > 100_000_000) {
      throw new DomainError('validation_failed', 'The count is too large', undefined, [{ path: 'quantity', message: 'at most 100000000 on a line' }]);
    }
    const at = now.toISOString();
    let lineId: number;
    if (existing) {
      q.setLineCounted(tx, existing.id, counted, actor.userId, at, entry);
      lineId = existing.id;
    } else {
      lineId = q.insertCountLine(tx, { countId: id, zone: input.zone, batchId: batch.id, expected: 0, counted, unitPriceFen: batch.unitPriceFen, countedBy: actor.userId, countedAt: at, entry }).id;
    }
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'count', entity: 'stock_count', entityId: id, detail: { lineId, batchId: batch.id, zone: input.zone, mode, quantity, counted, found: !existing, entry } }, now);
    return lineId;
  });
  const view = getStockCount(deps, actor, id);
  return { line: view.lines.find((l) => l.id === lineId)!, count: view };
}

/**
 * The storekeeper signs the count sheet (S0:415: 盘点表必须有实物保管人员签字). Every line needs a
 * figure, unless the storekeeper declares the rest were not found (zero). The leader is told.
 */
export function submitStockCount(deps: Deps, actor: Actor, id: number, input: { uncountedAsZero?: boolean }) {
  const count = countOrThrow(deps.db, id);
  const depot = depotOrThrow(deps, count.depotId);
  assertCanWriteAt(actor, depot, 'storekeeper');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const current = countOrThrow(tx, id);
    assertCountOpen(current);
    const at = now.toISOString();
    if (input.uncountedAsZero) q.setUncountedToZero(tx, id, actor.userId, at);
    else assertAllCounted(q.findCountLines(tx, id));
    q.updateCount(tx, id, { status: 'submitted', submittedBy: actor.userId, submittedAt: at });
    notify(tx, depot.id, 'leader', 'count_approval', id, `盘点单 ${current.number} 待审批`, now);
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'submit', entity: 'stock_count', entityId: id, detail: { uncountedAsZero: input.uncountedAsZero ?? false } }, now);
  });
  return getStockCount(deps, actor, id);
}

/**
 * The depot's leader decides on the variances (SC-1, SC-R2). Returned: back to counting, with
 * the reason. Approved: by someone other than the storekeeper who signed or anyone who counted a
 * line (S0:384, 415), and independent of them, the count is posted first (so that its own freeze
 * does not refuse it) and then its variances in one posting.
 */
export function decideStockCount(deps: Deps, actor: Actor, id: number, input: { decision: 'approved' | 'returned'; reason?: string }) {
  const count = countOrThrow(deps.db, id);
  const depot = depotOrThrow(deps, count.depotId);
  assertCanWriteAt(actor, depot, 'leader');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const current = countOrThrow(tx, id);
    assertCountSubmitted(current);
    const at = now.toISOString();
    if (input.decision === 'returned') {
      q.updateCount(tx, id, { status: 'counting', submittedBy: null, submittedAt: null, returnReason: input.reason ?? null });
      notify(tx, depot.id, 'storekeeper', 'count_returned', id, `盘点单 ${current.number} 已退回重盘`, now);
      audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'return', entity: 'stock_count', entityId: id, detail: { reason: input.reason } }, now);
      return;
    }
    if (current.submittedBy === actor.userId && !deps.config.allowSameSigner) {
      throw new DomainError('same_signer', 'The leader who approves the variances is not the storekeeper who signed the count');
    }
    const counted = q.findCountLines(tx, id);
    if (counted.some((l) => l.countedBy === actor.userId) && !deps.config.allowSameSigner) {
      throw new DomainError('same_signer', 'The leader who approves the variances counted none of the lines');
    }
    // Nor one whose account the signer or a counter granted, or who granted theirs: one will behind two accounts.
    for (const userId of new Set([current.submittedBy, ...counted.map((l) => l.countedBy)])) {
      if (userId !== null) assertIndependent(tx, userId, actor.userId);
    }
    const lines = planCountAdjustment(depot.id, counted);
    q.updateCount(tx, id, { status: 'posted', approvedBy: actor.userId, approvedAt: at });
    let postingId: number | null = null;
    if (lines.length > 0) {
      postingId = postMovements(tx, { kind: 'count_adjustment', documentType: 'stock_count', documentId: id, actorId: actor.userId, reason: input.reason, lines }, now, deps.config.timeZone).postingId;
      q.updateCount(tx, id, { postingId });
    }
    audit(
      tx,
      { actorId: actor.userId, depotId: depot.id, action: 'approve', entity: 'stock_count', entityId: id, detail: { reason: input.reason, postingId, adjustments: lines.length, sameSigner: current.submittedBy === actor.userId } },
      now,
    );
  });
  return getStockCount(deps, actor, id);
}

/** A count abandoned before it posts: its zones are free again, and nothing posts. */
export function cancelStockCount(deps: Deps, actor: Actor, id: number) {
  const count = countOrThrow(deps.db, id);
  const depot = depotOrThrow(deps, count.depotId);
  assertCanWriteAt(actor, depot, 'storekeeper', 'leader');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const current = countOrThrow(tx, id);
    assertCountCancellable(current);
    q.updateCount(tx, id, { status: 'cancelled' });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'cancel', entity: 'stock_count', entityId: id, detail: { from: current.status } }, now);
  });
  return getStockCount(deps, actor, id);
}

/** The count sheet with its variance report; a blind count hides the book figures while counting. */
export function getStockCount(deps: Deps, actor: Actor, id: number) {
  const count = countOrThrow(deps.db, id);
  const depot = depotOrThrow(deps, count.depotId);
  assertCanRead(actor, depot);
  const hidden = isExpectedHidden(count);
  const lines = q.findCountLines(deps.db, id);
  const signature = (userId: number | null, at: string | null) => (userId === null || at === null ? null : { userId, name: userName(deps.db, userId) ?? '', at });
  return {
    id: count.id,
    number: count.number,
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    zones: count.zones,
    blind: count.blind,
    expectedHidden: hidden,
    status: count.status,
    note: count.note,
    returnReason: count.returnReason,
    postingId: count.postingId,
    signatures: {
      started: signature(count.startedBy, count.startedAt),
      submitted: signature(count.submittedBy, count.submittedAt),
      approved: signature(count.approvedBy, count.approvedAt),
    },
    lines: lines.map((l) => viewLine(l, hidden)),
    totals: countTotals(lines, hidden),
  };
}

export function listStockCounts(deps: Deps, actor: Actor, query: { depotId: number; page: number; pageSize: number }) {
  const depot = depotOrThrow(deps, query.depotId);
  assertCanRead(actor, depot);
  const { items, total } = q.listCountsAt(deps.db, depot.id, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * Whether each depot of a subtree has counted within the interval (SC-1): its last posted
 * count, the day the next is due, and any count under way. Depth is relative to the depot asked.
 */
export function countStatus(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const now = deps.clock.now();
  const tz = deps.config.timeZone;
  const rows = q.countStatusOfSubtree(deps.db, depot.path);
  const baseDepth = rows.find((r) => r.id === depot.id)?.depth ?? 0;
  const items = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    tier: r.tier,
    depth: r.depth - baseDepth,
    lastCountedAt: r.lastCountedAt,
    dueOn: r.lastCountedAt === null ? null : countDueOn(r.lastCountedAt, tz),
    overdue: isCountOverdue(r.lastCountedAt, now, tz),
    openCountId: r.openCountId,
  }));
  return { depotId: depot.id, intervalMonths: COUNT_INTERVAL_MONTHS, items, overdue: items.filter((i) => i.overdue).length };
}

function notify(tx: Tx, depotId: number, role: string, kind: string, countId: number, message: string, now: Date) {
  insertNotification(tx, { depotId, role, kind, entity: 'stock_count', entityId: countId, message, createdAt: now.toISOString() });
}
