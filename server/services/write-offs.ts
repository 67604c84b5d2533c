import { insertNotification } from '../../db/queries/inspections.ts';
import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/quality.ts';
import * as users from '../../db/queries/users.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { findBatch } from '../../db/queries/catalogue.ts';
import { everQualified, findInspection } from '../../db/queries/inspections.ts';
import { DomainError } from '../domain/errors.ts';
import { approvalDepotOf, assertInspectionBacked, assertReturnable, assertWitnesses, assertWriteOffable } from '../domain/write-offs.ts';
import { checkPassword } from './password-attempts.ts';
import { assertCanRead, assertCanWriteAt, canRead, type Actor } from '../auth/scope.ts';
import type { NONCONFORMITY_KINDS } from '../../db/schema/inspections.ts';

type NonconformityKind = (typeof NONCONFORMITY_KINDS)[number];
import { postMovements } from './posting.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { assertIndependent } from './users.ts';
import { totalsByUnit } from '../domain/units.ts';

/** Who asks for a write-off at a depot (WO-1, WO-2: the quality officer or the planner), and who records its disposal. */
const REQUESTERS = ['inspector', 'planner', 'storekeeper'] as const;
/** S0:422 两人以上: the fewest different witnesses of a destruction. */
export const MIN_WITNESSES = 2;

export interface WriteOffInput {
  depotId: number;
  inspectionId?: number;
  note?: string;
  lines: { batchId: number; quantity: number; kind: NonconformityKind; note?: string }[];
}


function requestOrThrow(deps: Deps, id: number) {
  const request = q.findWriteOff(deps.db, id);
  if (!request) throw new DomainError('write_off_not_found', `No write-off request ${id}`);
  return request;
}

/** The lines priced and checked against the red zone; the inspection, if linked, must be of this depot. */
function checkedLines(deps: Deps, depotId: number, input: Omit<WriteOffInput, 'depotId'>, exceptRequestId: number | null) {
  const lines = input.lines.map((l) => {
    const batch = findBatch(deps.db, l.batchId);
    if (!batch) throw new DomainError('batch_not_found', `No batch ${l.batchId}`);
    return { ...l, lot: batch.lot, unitPriceFen: batch.unitPriceFen };
  });
  assertInspectionBacked(lines, input.inspectionId);
  if (input.inspectionId !== undefined) {
    const inspection = findInspection(deps.db, input.inspectionId);
    if (!inspection || inspection.depotId !== depotId) throw new DomainError('not_found', `No inspection ${input.inspectionId} at this depot`, undefined, [{ path: 'inspectionId', message: 'not an inspection of this depot' }]);
  }
  assertWriteOffable(lines, q.nonconformingFree(deps.db, depotId, [...new Set(lines.map((l) => l.batchId))], exceptRequestId));
  return lines;
}

/**
 * A write-off request (报损申请, S0:421): non-conforming quantities by batch, each with one of the
 * five kinds, valued, resting on an inspection report; sent to the depot above for approval.
 */
export function requestWriteOff(deps: Deps, actor: Actor, input: WriteOffInput) {
  const depot = depotOrThrow(deps, input.depotId);
  assertCanWriteAt(actor, depot, ...REQUESTERS);
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    const lines = checkedLines(deps, depot.id, input, null);
    const number = `BS-${depot.code}-${String(q.countWriteOffsAt(tx, depot.id) + 1).padStart(4, '0')}`;
    const request = q.insertWriteOff(tx, {
      number,
      depotId: depot.id,
      approvalDepotId: approvalDepotOf(depot),
      status: 'submitted',
      inspectionId: input.inspectionId ?? null,
      note: input.note ?? null,
      requestedBy: actor.userId,
      requestedAt: now.toISOString(),
    });
    q.insertWriteOffLines(tx, lines.map((l) => ({ requestId: request.id, batchId: l.batchId, quantity: l.quantity, kind: l.kind, note: l.note ?? null, unitPriceFen: l.unitPriceFen })));
    // The deciding depot's leader is told (S0:421); the bell shows it.
    insertNotification(tx, { depotId: request.approvalDepotId, role: 'leader', kind: 'write_off_request', entity: 'write_off', entityId: request.id, message: `${depot.name} 报损申请 ${number} 待审批`, createdAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'request', entity: 'write_off', entityId: request.id, detail: { number, lines: input.lines } }, now);
    return request.id;
  });
  return getWriteOff(deps, actor, id);
}

/** A returned request, corrected and sent again. */
export function resubmitWriteOff(deps: Deps, actor: Actor, id: number, input: Omit<WriteOffInput, 'depotId'>) {
  const request = requestOrThrow(deps, id);
  const depot = depotOrThrow(deps, request.depotId);
  assertCanWriteAt(actor, depot, ...REQUESTERS);
  if (request.status !== 'returned') throw new DomainError('write_off_not_editable', `Request ${request.number} is ${request.status}`);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const lines = checkedLines(deps, depot.id, input, id);
    q.deleteWriteOffLines(tx, id);
    q.insertWriteOffLines(tx, lines.map((l) => ({ requestId: id, batchId: l.batchId, quantity: l.quantity, kind: l.kind, note: l.note ?? null, unitPriceFen: l.unitPriceFen })));
    q.updateWriteOff(tx, id, { status: 'submitted', inspectionId: input.inspectionId ?? null, note: input.note ?? null, requestedBy: actor.userId, requestedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'resubmit', entity: 'write_off', entityId: id, detail: { lines: input.lines } }, now);
  });
  return getWriteOff(deps, actor, id);
}

/** The requesting depot takes back a request not yet approved. */
export function withdrawWriteOff(deps: Deps, actor: Actor, id: number) {
  const request = requestOrThrow(deps, id);
  assertCanWriteAt(actor, depotOrThrow(deps, request.depotId), ...REQUESTERS, 'leader');
  if (request.status !== 'submitted' && request.status !== 'returned') throw new DomainError('write_off_not_pending', `Request ${request.number} is ${request.status}`);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateWriteOff(tx, id, { status: 'withdrawn' });
    audit(tx, { actorId: actor.userId, depotId: request.depotId, action: 'withdraw', entity: 'write_off', entityId: id }, now);
  });
  return getWriteOff(deps, actor, id);
}

/**
 * The depot above decides (WO-2): its leader or planner approves, or returns the request with a
 * reason. Nobody decides their own request.
 */
export function decideWriteOff(deps: Deps, actor: Actor, id: number, input: { decision: 'approved' | 'returned'; reason?: string }) {
  const request = requestOrThrow(deps, id);
  assertCanWriteAt(actor, depotOrThrow(deps, request.approvalDepotId), 'leader', 'planner');
  if (request.requestedBy === actor.userId) throw new DomainError('self_approval', 'Nobody decides their own write-off request');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const current = q.findWriteOff(tx, id)!;
    if (current.status !== 'submitted') throw new DomainError('write_off_not_pending', `Request ${current.number} is ${current.status}`);
    assertIndependent(tx, current.requestedBy, actor.userId);
    q.updateWriteOff(tx, id, { status: input.decision, decidedBy: actor.userId, decidedAt: now.toISOString(), decisionReason: input.reason ?? null });
    audit(tx, { actorId: actor.userId, depotId: request.approvalDepotId, action: input.decision === 'approved' ? 'approve' : 'return', entity: 'write_off', entityId: id, detail: { reason: input.reason } }, now);
  });
  return getWriteOff(deps, actor, id);
}

export interface DisposalInput {
  method: 'destroy' | 'return_to_maker';
  place?: string;
  detail?: string;
  witnesses: { username: string; password: string }[];
}

/**
 * Checks each witness's own password now (argon2id, throttled like a login): a witness must be
 * an active user of the depot or a depot above it.
 */
async function confirmWitnesses(deps: Deps, depotPath: string, witnesses: DisposalInput['witnesses'], address: string | undefined) {
  const confirmed: { userId: number; username: string }[] = [];
  for (const w of witnesses) {
    const login = await checkPassword(deps, w.username, w.password, address);
    if (!login) throw new DomainError('witness_unknown', `Witness ${w.username}: wrong username or password`, { username: w.username });
    const user = users.findUserByUsername(deps.db, w.username)!;
    if (!depotPath.startsWith(user.depotPath)) throw new DomainError('witness_out_of_scope', `${w.username} belongs to neither this depot nor a depot above it`, { username: w.username });
    confirmed.push({ userId: login.id, username: w.username });
  }
  return confirmed;
}

/**
 * Disposal of an approved write-off (S0:422, 不合格药具处理记录): destroyed before two or more
 * different witnesses, each confirming with their own password at that moment, or returned
 * to the maker when the goods never entered stock. Only then does the stock leave the ledger,
 * in one posting out of the non-conforming zone.
 */
/** `address`: the client's, for the witnesses' password throttle. */
export async function disposeWriteOff(deps: Deps, actor: Actor, id: number, input: DisposalInput, address?: string) {
  const request = requestOrThrow(deps, id);
  const depot = depotOrThrow(deps, request.depotId);
  assertCanWriteAt(actor, depot, ...REQUESTERS, 'leader');
  if (request.status === 'disposed') throw new DomainError('already_disposed', `Request ${request.number} is disposed of already`);
  if (request.status !== 'approved') throw new DomainError('write_off_not_approved', `Request ${request.number} is ${request.status}`);
  const lines = q.writeOffLinesOf(deps.db, id);
  if (input.method === 'destroy') assertWitnesses(input.witnesses.map((w) => w.username), MIN_WITNESSES);
  else {
    assertWitnesses(input.witnesses.map((w) => w.username), 0);
    assertReturnable(lines.map((l) => ({ lot: l.lot, everQualified: everQualified(deps.db, l.batchId) })));
  }
  const witnesses = await confirmWitnesses(deps, depot.path, input.witnesses, address);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const current = q.findWriteOff(tx, id)!;
    if (current.status === 'disposed') throw new DomainError('already_disposed', `Request ${current.number} is disposed of already`);
    const { postingId } = postMovements(
      tx,
      {
        kind: input.method === 'destroy' ? 'write_off' : 'return_to_supplier',
        documentType: 'write_off',
        documentId: id,
        actorId: actor.userId,
        reason: input.detail,
        lines: lines.map((l) => ({ depotId: depot.id, location: 'nonconforming' as const, batchId: l.batchId, quantity: -l.quantity, unitPriceFen: l.unitPriceFen })),
      },
      now, deps.config.timeZone);
    const disposal = q.insertDisposal(tx, { requestId: id, method: input.method, place: input.place ?? null, detail: input.detail ?? null, recordedBy: actor.userId, disposedAt: now.toISOString(), postingId });
    q.insertWitnesses(tx, witnesses.map((w) => ({ disposalId: disposal.id, userId: w.userId, confirmedAt: now.toISOString() })));
    q.updateWriteOff(tx, id, { status: 'disposed' });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'dispose', entity: 'write_off', entityId: id, detail: { method: input.method, witnesses: witnesses.map((w) => w.username), postingId } }, now);
  });
  return getWriteOff(deps, actor, id);
}

/**
 * A request as the approval form prints it (不合格药具报废审批表): lines with kinds and values,
 * the inspection it rests on, the decision, and the disposal record with its witnesses.
 */
export function getWriteOff(deps: Deps, actor: Actor, id: number) {
  const request = requestOrThrow(deps, id);
  const depot = depotOrThrow(deps, request.depotId);
  const approver = depotOrThrow(deps, request.approvalDepotId);
  if (!canRead(actor, depot) && !canRead(actor, approver)) assertCanRead(actor, depot);
  const lines = q.writeOffLinesOf(deps.db, id).map((l) => ({ ...l, valueFen: l.quantity * l.unitPriceFen }));
  const names = nameMap(deps, [request.requestedBy, request.decidedBy]);
  const inspection = request.inspectionId === null ? null : findInspection(deps.db, request.inspectionId) ?? null;
  return {
    ...request,
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    approvalDepot: { id: approver.id, code: approver.code, name: approver.name },
    requestedByName: names.get(request.requestedBy) ?? null,
    decidedByName: request.decidedBy === null ? null : (names.get(request.decidedBy) ?? null),
    inspection: inspection && { id: inspection.id, kind: inspection.kind, inspectedAt: inspection.inspectedAt, nonconformities: inspection.nonconformities, note: inspection.note },
    lines,
    totalQuantity: lines.reduce((s, l) => s + l.quantity, 0),
    totalValueFen: lines.reduce((s, l) => s + l.valueFen, 0),
    totalsByUnit: totalsByUnit(lines),
    disposal: q.disposalOf(deps.db, id) ?? null,
  };
}

function nameMap(deps: Deps, ids: readonly (number | null)[]) {
  const map = new Map<number, string>();
  for (const uid of ids) {
    if (uid === null || map.has(uid)) continue;
    const u = users.findUser(deps.db, uid);
    if (u) map.set(uid, u.displayName);
  }
  return map;
}

/** A depot's requests, and those waiting for its decision. */
export function listWriteOffs(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const present = (r: ReturnType<typeof q.listWriteOffs>[number]) => {
    const lines = q.writeOffLinesOf(deps.db, r.id).map((l) => ({ ...l, valueFen: l.quantity * l.unitPriceFen }));
    return {
      ...r,
      lines: lines.length,
      totalQuantity: lines.reduce((s, l) => s + l.quantity, 0),
      totalValueFen: lines.reduce((s, l) => s + l.valueFen, 0),
      totalsByUnit: totalsByUnit(lines),
      depotName: findDepotPlace(deps.db, r.depotId)!.name,
    };
  };
  return {
    items: q.listWriteOffs(deps.db, { depotId }).map(present),
    toDecide: q.listWriteOffs(deps.db, { approvalDepotId: depotId, statuses: ['submitted'] }).map(present),
  };
}
