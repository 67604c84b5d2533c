import type { Deps } from '../deps.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import * as q from '../../db/queries/facilities.ts';
import { findUser } from '../../db/queries/users.ts';
import { userName } from '../../db/queries/transfers.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { STATUS_AFTER, isOnRegister, needsItem, needsProposal, type EquipmentKind, type EquipmentProposal, type EquipmentRequestKind } from '../domain/equipment.ts';
import type { ReportSheet } from '../domain/report-sheet.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { assertIndependent } from './users.ts';

type Depot = ReturnType<typeof depotOrThrow>;

export interface ProposalInput {
  kind: EquipmentKind;
  model: string;
  serial?: string | null;
  location?: string | null;
  responsibleId: number;
  sensorId?: number | null;
}

export interface RequestInput {
  depotId: number;
  kind: EquipmentRequestKind;
  itemId?: number | null;
  item?: ProposalInput | null;
  reason: string;
}

export interface MaintenanceInput {
  doneOn: string;
  work: string;
  doneBy: string;
  result: string;
}

const today = (deps: Deps) => toIsoDate(deps.clock.now(), deps.config.timeZone);
const nameOf = (deps: Deps, id: number | null) => (id === null ? null : userName(deps.db, id));

function itemOrThrow(deps: Deps, id: number) {
  const item = q.findItem(deps.db, id);
  if (!item) throw new DomainError('equipment_item_not_found', `No equipment item ${id}`);
  return item;
}

function requestOrThrow(deps: Deps, id: number) {
  const request = q.findRequest(deps.db, id);
  if (!request) throw new DomainError('equipment_request_not_found', `No equipment change request ${id}`);
  return request;
}

function presentItem(deps: Deps, item: q.ItemRow) {
  return {
    id: item.id,
    depotId: item.depotId,
    kind: item.kind,
    model: item.model,
    serial: item.serial,
    location: item.location,
    responsibleId: item.responsibleId,
    responsibleName: nameOf(deps, item.responsibleId),
    status: item.status,
    onRegister: isOnRegister(item),
    sensorId: item.sensorId,
    sensorName: item.sensorId === null ? null : (q.sensorNames(deps.db, [item.sensorId]).get(item.sensorId) ?? null),
    replacesId: item.replacesId,
    createdAt: item.createdAt,
    leftAt: item.leftAt,
  };
}

function presentRequest(deps: Deps, r: q.RequestRow) {
  const item = r.itemId === null ? null : q.findItem(deps.db, r.itemId);
  return {
    id: r.id,
    depotId: r.depotId,
    kind: r.kind,
    itemId: r.itemId,
    item: item ? { id: item.id, kind: item.kind, model: item.model, serial: item.serial } : null,
    proposal: r.proposal ? { ...r.proposal, responsibleName: nameOf(deps, r.proposal.responsibleId) } : null,
    reason: r.reason,
    status: r.status,
    requestedBy: r.requestedBy,
    requestedByName: nameOf(deps, r.requestedBy),
    requestedAt: r.requestedAt,
    decidedBy: r.decidedBy,
    decidedByName: nameOf(deps, r.decidedBy),
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    resultItemId: r.resultItemId,
  };
}

/** The register of a depot: items on it first, then those that left it; with the change requests. */
export function listEquipment(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const items = q.itemsOf(deps.db, depot.id).map((i) => presentItem(deps, i));
  items.sort((a, b) => Number(b.onRegister) - Number(a.onRegister) || a.id - b.id);
  const requests = q.requestsOf(deps.db, depot.id).map((r) => presentRequest(deps, r));
  return { items, requests, pending: requests.filter((r) => r.status === 'pending').length };
}

/** One item with its maintenance log and the requests that concern it. */
export function getEquipmentItem(deps: Deps, actor: Actor, id: number) {
  const item = itemOrThrow(deps, id);
  assertCanRead(actor, depotOrThrow(deps, item.depotId));
  const log = q.maintenanceOf(deps.db, id).map((m) => ({ id: m.id, doneOn: m.doneOn, work: m.work, doneBy: m.doneBy, result: m.result, recordedByName: nameOf(deps, m.recordedBy), recordedAt: m.recordedAt }));
  const requests = q
    .requestsOf(deps.db, item.depotId)
    .filter((r) => r.itemId === id || r.resultItemId === id)
    .map((r) => presentRequest(deps, r));
  return { ...presentItem(deps, item), maintenance: log, requests };
}

/** The new item: the person responsible is an active user of the depot; a linked sensor is one of its areas'. */
function checkProposal(deps: Deps, depot: Depot, p: ProposalInput): EquipmentProposal {
  const user = findUser(deps.db, p.responsibleId);
  if (!user || user.depotId !== depot.id || !user.active) {
    throw new DomainError('equipment_responsible_invalid', `The person responsible is an active user of ${depot.name}`, { responsibleId: p.responsibleId }, [{ path: 'item.responsibleId', message: 'an active user of the depot' }]);
  }
  if (p.sensorId != null) {
    const sensor = q.findSensorDepot(deps.db, p.sensorId);
    if (!sensor || sensor.depotId !== depot.id) throw new DomainError('equipment_sensor_invalid', `Sensor ${p.sensorId} is not one of ${depot.name}’s`, { sensorId: p.sensorId }, [{ path: 'item.sensorId', message: 'a climate sensor of the depot' }]);
  }
  return { kind: p.kind, model: p.model, serial: p.serial ?? null, location: p.location ?? null, responsibleId: p.responsibleId, sensorId: p.sensorId ?? null };
}

/**
 * A user of the depot asks for a change of equipment (S0:461 「未经领导批准,不得擅自装、拆、更换」):
 * to add an item, or to replace, retire or scrap one on the register. One pending request per
 * item. Nothing on the register changes until a leader approves.
 */
export function requestEquipmentChange(deps: Deps, actor: Actor, input: RequestInput) {
  const depot = depotOrThrow(deps, input.depotId);
  assertCanWriteAt(actor, depot);
  if (needsProposal(input.kind) && !input.item) throw new DomainError('validation_failed', `A ${input.kind} request describes the new item`, undefined, [{ path: 'item', message: 'required' }]);
  if (needsItem(input.kind) && input.itemId == null) throw new DomainError('validation_failed', `A ${input.kind} request names the item`, undefined, [{ path: 'itemId', message: 'required' }]);
  let itemId: number | null = null;
  if (needsItem(input.kind)) {
    const item = itemOrThrow(deps, input.itemId!);
    if (item.depotId !== depot.id) throw new DomainError('equipment_item_not_found', `No equipment item ${item.id} at ${depot.name}`);
    if (!isOnRegister(item)) throw new DomainError('equipment_not_on_register', `Item ${item.id} is ${item.status}`, { status: item.status });
    if (q.pendingRequestsFor(deps.db, item.id).length > 0) throw new DomainError('equipment_change_pending', `A change of item ${item.id} already waits for a decision`, { itemId: item.id });
    itemId = item.id;
  }
  const proposal = needsProposal(input.kind) ? checkProposal(deps, depot, input.item!) : null;
  const now = deps.clock.now();
  const row = deps.db.transaction((tx) => {
    const r = q.insertRequest(tx, { depotId: depot.id, kind: input.kind, itemId, proposal, reason: input.reason, status: 'pending', requestedBy: actor.userId, requestedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'request', entity: 'equipment_request', entityId: r.id, detail: { kind: input.kind, itemId, proposal, reason: input.reason } }, now);
    return r;
  });
  return presentRequest(deps, row);
}

/**
 * A leader of the depot decides (S0:461): never on their own request, nor on one of an account
 * they granted or that granted theirs; so one user holding every role at a depot cannot change
 * its equipment alone. An approval applies the change: the new item goes on the register, the
 * replaced, retired or scrapped one leaves it.
 */
export function decideEquipmentChange(deps: Deps, actor: Actor, id: number, input: { decision: 'approved' | 'declined'; note?: string | null }) {
  const request = requestOrThrow(deps, id);
  assertCanWriteAt(actor, depotOrThrow(deps, request.depotId), 'leader');
  if (request.requestedBy === actor.userId) throw new DomainError('self_approval', 'Nobody decides their own equipment change request');
  if (input.decision === 'declined' && !input.note) throw new DomainError('validation_failed', 'A decline says why', undefined, [{ path: 'note', message: 'required when declining' }]);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const current = q.findRequest(tx, id)!;
    if (current.status !== 'pending') throw new DomainError('equipment_request_not_pending', `The request is ${current.status}`, { status: current.status });
    assertIndependent(tx, current.requestedBy, actor.userId);
    let resultItemId: number | null = null;
    if (input.decision === 'approved') {
      if (current.itemId !== null) {
        const old = q.findItem(tx, current.itemId)!;
        if (!isOnRegister(old)) throw new DomainError('equipment_not_on_register', `Item ${old.id} is ${old.status}`, { status: old.status });
        q.updateItem(tx, old.id, { status: STATUS_AFTER[current.kind as Exclude<EquipmentRequestKind, 'add'>], leftAt: now.toISOString() });
      }
      if (current.proposal) {
        const item = q.insertItem(tx, { depotId: current.depotId, ...current.proposal, status: 'in_service', replacesId: current.itemId, createdAt: now.toISOString() });
        resultItemId = item.id;
      }
    }
    q.updateRequest(tx, id, { status: input.decision, decidedBy: actor.userId, decidedAt: now.toISOString(), decisionNote: input.note ?? null, resultItemId });
    audit(tx, { actorId: actor.userId, depotId: current.depotId, action: input.decision === 'approved' ? 'approve' : 'decline', entity: 'equipment_request', entityId: id, detail: { kind: current.kind, itemId: current.itemId, resultItemId, note: input.note ?? null } }, now);
  });
  return presentRequest(deps, requestOrThrow(deps, id));
}

/** The requester takes back a request not yet decided. */
export function withdrawEquipmentChange(deps: Deps, actor: Actor, id: number) {
  const request = requestOrThrow(deps, id);
  assertCanWriteAt(actor, depotOrThrow(deps, request.depotId));
  if (request.requestedBy !== actor.userId) throw new DomainError('forbidden', 'Only the requester withdraws a request');
  if (request.status !== 'pending') throw new DomainError('equipment_request_not_pending', `The request is ${request.status}`, { status: request.status });
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateRequest(tx, id, { status: 'withdrawn' });
    audit(tx, { actorId: actor.userId, depotId: request.depotId, action: 'withdraw', entity: 'equipment_request', entityId: id }, now);
  });
  return presentRequest(deps, requestOrThrow(deps, id));
}

/**
 * A line of the maintenance log (信息设备维护记录表, S0:512; the checks of S0:459-460), by any user of
 * the depot, for an item on the register, dated not after today. A fault found marks the item
 * faulty; a later line that says it works again puts it back in service.
 */
export function logMaintenance(deps: Deps, actor: Actor, itemId: number, input: MaintenanceInput & { status?: 'in_service' | 'faulty' }) {
  const item = itemOrThrow(deps, itemId);
  assertCanWriteAt(actor, depotOrThrow(deps, item.depotId));
  if (!isOnRegister(item)) throw new DomainError('equipment_not_on_register', `Item ${item.id} is ${item.status}`, { status: item.status });
  if (input.doneOn > today(deps)) throw new DomainError('date_in_future', 'The maintenance date is after today', { doneOn: input.doneOn }, [{ path: 'doneOn', message: 'today or earlier' }]);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const m = q.insertMaintenance(tx, { itemId, doneOn: input.doneOn, work: input.work, doneBy: input.doneBy, result: input.result, recordedBy: actor.userId, recordedAt: now.toISOString() });
    if (input.status && input.status !== item.status) q.updateItem(tx, itemId, { status: input.status });
    audit(tx, { actorId: actor.userId, depotId: item.depotId, action: 'maintain', entity: 'equipment_item', entityId: itemId, detail: { maintenanceId: m.id, ...input } }, now);
  });
  return getEquipmentItem(deps, actor, itemId);
}

const KIND: Record<EquipmentKind, { zh: string; en: string }> = {
  computer: { zh: '计算机', en: 'Computer' },
  printer: { zh: '打印机', en: 'Printer' },
  scanner: { zh: '扫码器', en: 'Scanner' },
  sensor: { zh: '温湿度传感器', en: 'Climate sensor' },
  climate_unit: { zh: '调温调湿设备', en: 'Climate unit' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * 信息设备维护记录表 (S0:512) of one item as a report sheet, so that it prints and exports like every
 * other form: the item's particulars, then each line of its log.
 */
export function maintenanceSheet(deps: Deps, actor: Actor, itemId: number): ReportSheet {
  const item = getEquipmentItem(deps, actor, itemId);
  const depot = depotOrThrow(deps, item.depotId);
  const t = (zh: string, en: string) => ({ zh, en });
  const days = item.maintenance.map((m) => m.doneOn);
  const dates = days.map((d) => d.slice(0, 7));
  const from = dates[0] ?? today(deps).slice(0, 7);
  const to = dates.at(-1) ?? from;
  const kind = KIND[item.kind];
  return {
    report: 'equipment-maintenance',
    title: t('信息设备维护记录表', 'IT equipment maintenance log'),
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    period: { from, to, label: days.length === 0 ? t('尚无记录', 'No entries yet') : t(`${days[0]} 至 ${days.at(-1)}`, `${days[0]} to ${days.at(-1)}`) },
    columns: [
      { key: 'doneOn', header: t('日期', 'Date'), kind: 'text' },
      { key: 'work', header: t('故障情况 / 维护内容', 'Fault or work done'), kind: 'text' },
      { key: 'doneBy', header: t('维护人', 'By'), kind: 'text' },
      { key: 'result', header: t('处理结果', 'Result'), kind: 'text' },
      { key: 'recordedBy', header: t('记录人', 'Recorded by'), kind: 'text' },
    ],
    rows: item.maintenance.map((m) => ({ doneOn: m.doneOn, work: m.work, doneBy: m.doneBy, result: m.result, recordedBy: m.recordedByName ?? '' })),
    totals: null,
    unitTotals: [],
    notes: [
      t(
        `设备：${kind.zh} ${item.model}${item.serial ? `，编号 ${item.serial}` : ''}${item.location ? `，存放位置 ${item.location}` : ''}；责任人：${item.responsibleName ?? ''}`,
        `Item: ${kind.en} ${item.model}${item.serial ? `, serial ${item.serial}` : ''}${item.location ? `, at ${item.location}` : ''}; responsible: ${item.responsibleName ?? ''}`,
      ),
      t('未经领导批准，不得擅自装、拆、更换和修理设备（S0:461）。', 'No equipment is installed, removed, replaced or repaired without the leader’s approval (S0:461).'),
    ],
    signatures: [t('维护人：', 'Maintained by:'), t('单位负责人：', 'Leader:')],
    generatedAt: deps.clock.now().toISOString(),
  };
}
