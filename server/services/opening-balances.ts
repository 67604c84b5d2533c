import type { Deps } from '../deps.ts';
import * as obQ from '../../db/queries/opening-balances.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { findBatch } from '../../db/queries/catalogue.ts';
import { DomainError } from '../domain/errors.ts';
import { openingBalanceCsvSteps } from '../domain/opening-balance-csv.ts';
import { finish, finishInSlices, type Steps } from '../domain/slices.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import type { DepotTier, StorageZone } from '../schemas/constants.ts';
import { addDays, isExpired, toIsoDate } from '../domain/expiry.ts';
import { userName } from '../../db/queries/transfers.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import { findReversalOf } from '../../db/queries/stock.ts';
import { findOrCreateBatch, type BatchInput } from './batches.ts';
import { postMovements } from './posting.ts';
import { audit } from './audit.ts';
import { assertIndependent } from './users.ts';

export interface OpeningBalanceInput {
  depotId: number;
  note?: string;
  lines: { batchId?: number; batch?: BatchInput; zone?: StorageZone; quantity: number; unitPriceFen?: number }[];
}

/**
 * Where a line of opening stock may land (S0:396, 419): where the tier inspects goods-in, in the
 * pending zone to be inspected like any goods arriving (the default there), never straight into
 * the qualified zone; elsewhere in the qualified zone by default; an expired lot never there.
 */
function zoneOf(deps: Deps, tier: DepotTier, line: { zone?: StorageZone }, batch: { lot: string; expiresOn: string }, now: Date, i: number): StorageZone {
  const inspects = deps.config.goodsInInspectionTiers.includes(tier);
  const zone = line.zone ?? (inspects ? 'pending' : 'qualified');
  if (zone !== 'qualified') return zone;
  if (inspects) throw new DomainError('opening_balance_zone', `Line ${i + 1}: at a ${tier} depot opening stock goes into the pending zone and is inspected`, { line: i + 1, zone });
  if (isExpired(batch, now, deps.config)) throw new DomainError('batch_expired', `Line ${i + 1}: lot ${batch.lot} expired on ${batch.expiresOn}; enter it in the non-conforming zone`, { line: i + 1 });
  return zone;
}

/**
 * Enters a depot's opening stock (期初库存) from its paper stock cards: one document whose
 * lines post through the posting module in one transaction, creating batches as needed.
 * Written by the depot's own storekeeper, while the depot has not yet moved stock otherwise
 * (its go-live) or within an opening window its leader opened; its stock is usable only once
 * a second person confirms the document.
 */
export function createOpeningBalance(deps: Deps, actor: Actor, input: OpeningBalanceInput) {
  const depot = writableDepot(deps, actor, input.depotId);
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => finish(writeOpeningBalance(tx, deps, actor, depot, input, now)));
  return obQ.findOpeningBalance(deps.db, id)!;
}

/** Lines from which an opening balance is written in slices, through the group commit (db/group-commit.ts). */
const SLICED_FROM = 200;

/**
 * createOpeningBalance for the API: a document of many lines (a whole stock card file) is
 * written in slices as one transaction of its own (db/group-commit.ts inSlices), all of it or
 * nothing, while other requests go on being answered (issue 19, point 4). A few lines join the
 * shared transaction as any other posting does.
 */
export async function createOpeningBalanceInSlices(deps: Deps, actor: Actor, input: OpeningBalanceInput) {
  const { groupCommit } = deps;
  if (!groupCommit || input.lines.length < SLICED_FROM) return createOpeningBalance(deps, actor, input);
  const depot = writableDepot(deps, actor, input.depotId);
  const now = deps.clock.now();
  const id = await groupCommit.inSlices((db) => writeOpeningBalance(db, deps, actor, depot, input, now));
  return obQ.findOpeningBalance(deps.db, id)!;
}

function writableDepot(deps: Deps, actor: Actor, depotId: number) {
  const depot = findDepotPlace(deps.db, depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${depotId}`);
  assertCanWriteAt(actor, depot, 'storekeeper');
  return depot;
}

/**
 * The writes of an opening balance, inside a transaction, in steps: a line's batch at a time,
 * the document and its lines, then its posting in one step (postMovements posts a document at
 * once: about 80 ms of CPU for 2,000 lines, see OPENING_CSV_LIMITS).
 */
function* writeOpeningBalance(tx: DbOrTx, deps: Deps, actor: Actor, depot: NonNullable<ReturnType<typeof findDepotPlace>>, input: OpeningBalanceInput, now: Date): Steps<number> {
  if (obQ.hasOtherMovements(tx, depot.id) && !obQ.openWindowAt(tx, depot.id, toIsoDate(now, deps.config.timeZone))) {
    throw new DomainError('opening_balance_closed', `${depot.name} has gone live: opening stock is entered only within an opening window its leader opens`, { depotId: depot.id });
  }
  const resolved: { batch: { id: number; unitPriceFen: number }; zone: StorageZone; quantity: number; unitPriceFen: number }[] = [];
  for (const [i, line] of input.lines.entries()) {
    const batch = line.batchId !== undefined ? findBatch(tx, line.batchId) : findOrCreateBatch(tx, line.batch!, now);
    if (!batch) throw new DomainError('batch_not_found', `Line ${i + 1}: no batch ${line.batchId}`, { line: i + 1 });
    resolved.push({ batch, zone: zoneOf(deps, depot.tier, line, batch, now, i), quantity: line.quantity, unitPriceFen: line.unitPriceFen ?? batch.unitPriceFen });
    yield;
  }
  const number = `OB-${depot.code}-${String(obQ.countOpeningBalancesAt(tx, depot.id) + 1).padStart(4, '0')}`;
  const doc = obQ.insertOpeningBalance(tx, { number, depotId: depot.id, note: input.note ?? null, createdBy: actor.userId, createdAt: now.toISOString() });
  obQ.insertOpeningBalanceLines(
    tx,
    resolved.map((l) => ({ openingBalanceId: doc.id, batchId: l.batch.id, zone: l.zone, quantity: l.quantity, unitPriceFen: l.unitPriceFen })),
  );
  yield;
  // A savepoint of its own: postMovements takes a transaction.
  const { postingId } = tx.transaction((posting) =>
    postMovements(
      posting,
      {
        kind: 'opening_balance',
        documentType: 'opening_balance',
        documentId: doc.id,
        actorId: actor.userId,
        lines: resolved.map((l) => ({ depotId: depot.id, location: l.zone, batchId: l.batch.id, quantity: l.quantity, unitPriceFen: l.unitPriceFen })),
      },
      now,
      deps.config.timeZone,
    ),
  );
  yield;
  obQ.setOpeningBalancePosting(tx, doc.id, postingId);
  for (const role of ['leader', 'planner']) {
    insertNotification(tx, { depotId: depot.id, role, kind: 'opening_balance_to_confirm', entity: 'opening_balance', entityId: doc.id, message: `期初库存 ${number} 待确认`, createdAt: now.toISOString() });
  }
  audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'create', entity: 'opening_balance', entityId: doc.id, detail: { number, lines: resolved.length } }, now);
  return doc.id;
}

/**
 * A second person, the depot's leader or planner and not the storekeeper who posted it,
 * confirms an opening balance against the paper stock cards; from then on its stock is usable.
 */
export function confirmOpeningBalance(deps: Deps, actor: Actor, id: number) {
  const doc = obQ.findOpeningBalance(deps.db, id);
  if (!doc) throw new DomainError('opening_balance_not_found', `No opening balance ${id}`);
  const depot = findDepotPlace(deps.db, doc.depotId)!;
  assertCanWriteAt(actor, depot, 'leader', 'planner');
  if (doc.confirmedAt !== null) throw new DomainError('already_confirmed', `Opening balance ${doc.number} is already confirmed`);
  if (doc.createdBy === actor.userId) throw new DomainError('self_approval', 'The opening balance is confirmed by someone other than the person who entered it');
  // A reversed opening balance took its stock back out: there is nothing left to confirm.
  if (doc.postingId !== null && findReversalOf(deps.db, doc.postingId)) throw new DomainError('already_reversed', `Opening balance ${doc.number} was reversed; there is nothing to confirm`);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    assertIndependent(tx, doc.createdBy, actor.userId);
    obQ.confirmOpeningBalance(tx, id, actor.userId, now.toISOString());
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'confirm', entity: 'opening_balance', entityId: id, detail: { number: doc.number, postedBy: doc.createdBy } }, now);
  });
  return obQ.findOpeningBalance(deps.db, id)!;
}

/**
 * The depot's leader opens a window, until `endsOn` inclusive, in which opening stock may be
 * entered after go-live (stock found on old paper cards, a late start), with a reason.
 */
export function openOpeningWindow(deps: Deps, actor: Actor, input: { depotId: number; endsOn: string; reason: string }) {
  const depot = findDepotPlace(deps.db, input.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${input.depotId}`);
  assertCanWriteAt(actor, depot, 'leader');
  const now = deps.clock.now();
  if (input.endsOn < toIsoDate(now, deps.config.timeZone)) {
    throw new DomainError('validation_failed', 'The window must end today or later', undefined, [{ path: 'endsOn', message: 'in the past' }]);
  }
  const row = deps.db.transaction((tx) => {
    const row = obQ.insertOpeningWindow(tx, { depotId: depot.id, endsOn: input.endsOn, reason: input.reason, openedBy: actor.userId, openedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'open', entity: 'opening_window', entityId: row.id, detail: { endsOn: input.endsOn, reason: input.reason } }, now);
    return row;
  });
  return presentWindow(deps, row);
}

/**
 * The leader closes an open window before its end: it then ends the day before, so that no
 * more opening stock is entered from now on. The end it had is kept in the audit log.
 */
export function closeOpeningWindow(deps: Deps, actor: Actor, id: number) {
  const window = obQ.findOpeningWindow(deps.db, id);
  if (!window) throw new DomainError('opening_window_not_found', `No opening window ${id}`);
  assertCanWriteAt(actor, findDepotPlace(deps.db, window.depotId)!, 'leader');
  const now = deps.clock.now();
  const today = toIsoDate(now, deps.config.timeZone);
  deps.db.transaction((tx) => {
    const current = obQ.findOpeningWindow(tx, id)!;
    if (!isWindowOpen(current, today)) throw new DomainError('opening_window_closed', `The opening window ${id} is not open`, { endsOn: current.endsOn });
    obQ.setOpeningWindowEnd(tx, id, addDays(today, -1));
    audit(tx, { actorId: actor.userId, depotId: current.depotId, action: 'close', entity: 'opening_window', entityId: id, detail: { endedOn: current.endsOn } }, now);
  });
  return presentWindow(deps, obQ.findOpeningWindow(deps.db, id)!);
}

/** Open on `today` (the depots' date): opened by then and not yet ended, as openWindowAt reads it. */
const isWindowOpen = (w: { endsOn: string; openedAt: string }, today: string) => w.endsOn >= today && w.openedAt.slice(0, 10) <= today;

function presentWindow(deps: Deps, w: NonNullable<ReturnType<typeof obQ.findOpeningWindow>>) {
  return { ...w, openedByName: userName(deps.db, w.openedBy), open: isWindowOpen(w, toIsoDate(deps.clock.now(), deps.config.timeZone)) };
}

export function listOpeningWindows(deps: Deps, actor: Actor, depotId: number) {
  const depot = findDepotPlace(deps.db, depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${depotId}`);
  assertCanRead(actor, depot);
  return { items: obQ.listOpeningWindowsAt(deps.db, depot.id).map((w) => presentWindow(deps, w)) };
}

/** A depot's opening balances, newest first: the second person's list of those to confirm. */
export function listOpeningBalances(deps: Deps, actor: Actor, query: { depotId: number; status?: 'awaiting_confirmation' | 'confirmed' }) {
  const depot = findDepotPlace(deps.db, query.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${query.depotId}`);
  assertCanRead(actor, depot);
  return {
    items: obQ.listOpeningBalancesAt(deps.db, depot.id, query.status).map(({ id, reversed }) => {
      const doc = obQ.findOpeningBalance(deps.db, id)!;
      return { ...doc, createdByName: userName(deps.db, doc.createdBy), confirmedByName: doc.confirmedBy === null ? null : userName(deps.db, doc.confirmedBy), reversed: reversed === 1 };
    }),
  };
}

/**
 * One depot's opening stock is a few hundred batches and zones; a file past these is refused
 * unread. A document is posted in one step (postMovements): 2,000 lines take about 80 ms of CPU
 * on the two-core test machine, which other requests wait for (5,000 took over 200 ms).
 */
export const OPENING_CSV_LIMITS = { bytes: 1024 * 1024, rows: 2000 } as const;

/** The data rows of a CSV text: its lines less the header, a last line without a line end counted. */
function dataRowsOf(csv: string, atMost: number): number {
  let lines = csv.length > 0 && !csv.endsWith('\n') ? 1 : 0;
  for (let i = csv.indexOf('\n'); i !== -1 && lines <= atMost + 1; i = csv.indexOf('\n', i + 1)) lines += 1;
  return lines - 1;
}

/**
 * The depot's scope is checked before a byte of the file is parsed, and the file's size and
 * number of rows are capped: a user of another depot, or a file of a hundred thousand rows, never
 * holds the server up parsing it. The file is then read in slices of a few milliseconds, and
 * written as createOpeningBalanceInSlices writes.
 */
export async function importOpeningBalanceCsv(deps: Deps, actor: Actor, depotId: number, csv: string, note?: string) {
  writableDepot(deps, actor, depotId);
  if (Buffer.byteLength(csv) > OPENING_CSV_LIMITS.bytes) throw new DomainError('payload_too_large', `An opening-stock file holds at most ${OPENING_CSV_LIMITS.bytes / 1024} KB`);
  if (dataRowsOf(csv, OPENING_CSV_LIMITS.rows) > OPENING_CSV_LIMITS.rows) throw new DomainError('validation_failed', `An opening-stock file holds at most ${OPENING_CSV_LIMITS.rows} rows`, { maxRows: OPENING_CSV_LIMITS.rows }, [{ path: 'rows', message: `at most ${OPENING_CSV_LIMITS.rows}` }]);
  const lines = await finishInSlices(openingBalanceCsvSteps(csv));
  return createOpeningBalanceInSlices(deps, actor, { depotId, note, lines });
}

export function getOpeningBalance(deps: Deps, actor: Actor, id: number) {
  const doc = obQ.findOpeningBalance(deps.db, id);
  if (!doc) throw new DomainError('opening_balance_not_found', `No opening balance ${id}`);
  assertCanRead(actor, findDepotPlace(deps.db, doc.depotId)!);
  return doc;
}
