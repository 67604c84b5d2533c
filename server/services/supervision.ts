import type { Deps } from '../deps.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import * as q from '../../db/queries/supervision.ts';
import * as v from '../../db/queries/verify.ts';
import { findUser } from '../../db/queries/users.ts';
import { findProduct } from '../../db/queries/catalogue.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import { userName } from '../../db/queries/transfers.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { GENESIS_HASH, chainHash, type HashedFields } from '../domain/ledger.ts';
import { reportPeriod } from '../domain/report-period.ts';
import type { ReportSheet } from '../domain/report-sheet.ts';
import {
  CHECKLIST_TITLES,
  isActionOverdue,
  prefillChecklist,
  type ChecklistItem,
  type ChecklistKey,
  type DepotFacts,
  type Verdict,
} from '../domain/supervision.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { expiredStock } from './expiry.ts';
import { countStatus } from './stock-counts.ts';
import { listWriteOffs } from './write-offs.ts';
import { reportStatus } from './report-submissions.ts';
import { traceGoods } from './supply-trace.ts';
import { climateComplianceReport, fefoComplianceReport } from './reports/indicators.ts';

type Depot = ReturnType<typeof depotOrThrow>;
type Tx = Parameters<Parameters<Deps['db']['transaction']>[0]>[0];

/** Who plans, performs and follows up a visit at the visiting depot (S0:473: 上级对下级). */
const VISITING_ROLES = ['leader', 'inspector', 'planner'] as const;

const today = (deps: Deps) => toIsoDate(deps.clock.now(), deps.config.timeZone);
const place = (d: Depot) => ({ id: d.id, code: d.code, name: d.name, tier: d.tier });

export interface VisitPlanInput {
  visitedDepotId: number;
  plannedOn: string;
  visitors: string[];
  methods: string[];
  leaderId?: number;
}

export interface ActionInput {
  text: string;
  ownerId: number;
  dueOn: string;
}

export interface FindingInput {
  text: string;
  severity: 'minor' | 'major' | 'serious';
  item?: ChecklistKey | null;
  actions?: ActionInput[];
}

// ---- what the system knows about a depot ----

/** The ledger invariants (npm run verify) kept to one depot: its balances, running sums, hash chain and the transfers it sent or received. */
function ledgerOf(deps: Deps, depotId: number) {
  const db = deps.db as Parameters<typeof v.negativeBalances>[0];
  const orders = q.orderIdsOf(deps.db, depotId);
  let violations = v.balancesNotMatchingMovements(db, depotId).length + v.negativeBalances(db, depotId).length + v.wrongBalanceAfter(db, depotId).length;
  const notCorresponding = v.transfersNotCorresponding(db).filter((r) => orders.has(r.orderId)).length;
  let prev = GENESIS_HASH;
  let movementsChecked = 0;
  for (const m of v.movementsInChainOrder(db, depotId)) {
    movementsChecked += 1;
    if (m.prevHash !== prev || m.hash !== chainHash(prev, m as HashedFields)) violations += 1;
    prev = m.hash;
  }
  return { violations: violations + notCorresponding, movementsChecked, notCorresponding };
}

/**
 * Everything the checklist draws on, read as the visiting depot's user reads the depot below
 * (it is in their jurisdiction): this year's figures, and the state of things now.
 */
export function depotFacts(deps: Deps, actor: Actor, depot: Depot): DepotFacts {
  const year = Number(today(deps).slice(0, 4));
  const period = reportPeriod(year, 'year');
  const params = { depotId: depot.id, year, period: 'year' as const, scope: 'own' as const };
  const ledger = ledgerOf(deps, depot.id);
  const transfers = q.transfersTo(deps.db, depot.id, `${year}-01-01`);
  const expired = expiredStock(deps, actor, depot.id).items.filter((r) => r.depotId === depot.id);
  const keepsLog = (deps.config.climate.logTiers as readonly string[]).includes(depot.tier);
  const climateRow = keepsLog ? climateComplianceReport(deps, actor, params).rows.find((r) => r.depotCode === depot.code) : undefined;
  const count = countStatus(deps, actor, depot.id).items.find((i) => i.id === depot.id);
  const fefoRows = fefoComplianceReport(deps, actor, params).rows.filter((r) => r.depotCode === depot.code);
  const writeOffs = listWriteOffs(deps, actor, depot.id).items.filter((w) => w.requestedAt.slice(0, 4) === String(year) && w.status !== 'withdrawn');
  const reports = reportStatus(deps, actor, depot.id, year).counts;
  const trace = { toPeople: 0, people: 0, anonymous: 0, unaccounted: [] as DepotFacts['trace']['unaccounted'] };
  for (const { id } of q.productsMovedUnder(deps.db, depot.path)) {
    const t = traceGoods(deps, depot, { productId: id }, () => false);
    for (const d of t.depots) {
      trace.toPeople += d.toPeople.quantity;
      trace.people += d.toPeople.people;
      trace.anonymous += d.anonymous;
    }
    if (t.totals.unaccounted > 0) {
      const p = findProduct(deps.db, id)!;
      trace.unaccounted.push({ product: { zh: p.nameZh, en: p.nameEn }, quantity: t.totals.unaccounted, unit: { zh: p.unitZh, en: p.unitEn } });
    }
  }
  return {
    period: period.label,
    ledger: { violations: ledger.violations, movementsChecked: ledger.movementsChecked },
    transfers: { ...transfers, notCorresponding: ledger.notCorresponding },
    expired: { batches: expired.length, quantity: expired.reduce((s, r) => s + r.quantity, 0), valueFen: expired.reduce((s, r) => s + r.valueFen, 0) },
    climate: keepsLog
      ? { areas: Number(climateRow?.areas ?? 0), compliance: Number(climateRow?.compliance ?? 0), unacknowledged: Number(climateRow?.unacknowledged ?? 0), gaps: Number(climateRow?.gaps ?? 0) }
      : null,
    count: { lastCountedAt: count?.lastCountedAt ?? null, overdue: count?.overdue ?? false, open: (count?.openCountId ?? null) !== null },
    fefo: { picks: fefoRows.reduce((s, r) => s + Number(r.picks), 0), overrides: fefoRows.reduce((s, r) => s + Number(r.overrides), 0) },
    writeOffs: {
      requests: writeOffs.length,
      valueFen: writeOffs.reduce((s, w) => s + w.totalValueFen, 0),
      pending: writeOffs.filter((w) => w.status === 'submitted' || w.status === 'returned').length,
    },
    trace,
    reports: { late: reports.late, returned: reports.returned },
  };
}

// ---- reading ----

function visitOrThrow(deps: Deps, id: number) {
  const visit = q.findVisit(deps.db, id);
  if (!visit) throw new DomainError('supervision_visit_not_found', `No supervision visit ${id}`);
  return visit;
}

function actionOrThrow(deps: Deps, id: number) {
  const action = q.findAction(deps.db, id);
  if (!action) throw new DomainError('supervision_action_not_found', `No corrective action ${id}`);
  return action;
}

/** Readable by the visiting depot and by whoever reads the visited one (it and every depot above it). */
function assertCanReadVisit(actor: Actor, visiting: Depot, visited: Depot) {
  if (actor.depotId !== visiting.id) assertCanRead(actor, visited);
}

const nameOf = (deps: Deps, id: number | null) => (id === null ? null : userName(deps.db, id));

function presentAction(deps: Deps, a: q.ActionRow, now: string) {
  return {
    id: a.id,
    visitId: a.visitId,
    findingId: a.findingId,
    text: a.text,
    ownerId: a.ownerId,
    ownerName: nameOf(deps, a.ownerId),
    dueOn: a.dueOn,
    status: a.status,
    overdue: isActionOverdue(a, now),
    closedBy: a.closedBy,
    closedByName: nameOf(deps, a.closedBy),
    closedAt: a.closedAt,
    closeNote: a.closeNote,
    verifiedBy: a.verifiedBy,
    verifiedByName: nameOf(deps, a.verifiedBy),
    verifiedAt: a.verifiedAt,
    reopenNote: a.reopenNote,
    reopenedAt: a.reopenedAt,
  };
}

function present(deps: Deps, visit: q.VisitRow) {
  const now = today(deps);
  const actions = q.actionsOf(deps.db, visit.id).map((a) => presentAction(deps, a, now));
  return {
    id: visit.id,
    visitingDepot: place(depotOrThrow(deps, visit.visitingDepotId)),
    visitedDepot: place(depotOrThrow(deps, visit.visitedDepotId)),
    status: visit.status,
    plannedOn: visit.plannedOn,
    visitors: visit.visitors,
    methods: visit.methods,
    leaderId: visit.leaderId,
    leaderName: nameOf(deps, visit.leaderId),
    createdBy: visit.createdBy,
    createdAt: visit.createdAt,
    startedAt: visit.startedAt,
    checklist: visit.checklist ?? null,
    signedAt: visit.signedAt,
    closedAt: visit.closedAt,
    closedByName: nameOf(deps, visit.closedBy),
    closeNote: visit.closeNote,
    findings: q.findingsOf(deps.db, visit.id).map((f) => ({ id: f.id, item: f.item as ChecklistKey | null, text: f.text, severity: f.severity, createdAt: f.createdAt, actions: actions.filter((a) => a.findingId === f.id) })),
    openActions: actions.filter((a) => a.status !== 'verified').length,
    overdueActions: actions.filter((a) => a.overdue).length,
  };
}

export function getVisit(deps: Deps, actor: Actor, id: number) {
  const visit = visitOrThrow(deps, id);
  assertCanReadVisit(actor, depotOrThrow(deps, visit.visitingDepotId), depotOrThrow(deps, visit.visitedDepotId));
  return present(deps, visit);
}

/** The visits a depot made, and the visits to it and to the depots below it. */
export function listVisits(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  return { items: q.visitsAround(deps.db, depot).map((visit) => present(deps, visit)) };
}

/** The corrective actions a depot owes (`visited`), or follows up at the depots it visited (`visiting`). */
export function listActions(deps: Deps, actor: Actor, depotId: number, side: 'visited' | 'visiting') {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const now = today(deps);
  const items = q.actionsAt(deps.db, depot.id, side).map(({ action, visit }) => {
    const other = depotOrThrow(deps, side === 'visited' ? visit.visitingDepotId : visit.visitedDepotId);
    const finding = q.findFinding(deps.db, action.findingId)!;
    return { ...presentAction(deps, action, now), visitStatus: visit.status, plannedOn: visit.plannedOn, otherDepot: place(other), finding: { text: finding.text, severity: finding.severity } };
  });
  return { items, overdue: items.filter((a) => a.overdue).length, open: items.filter((a) => a.status === 'open').length, toVerify: items.filter((a) => a.status === 'closed').length };
}

/** Overdue corrective actions for a dashboard: those this depot owes and those it waits for below. */
export function overdueActions(deps: Deps, depotId: number) {
  const now = today(deps);
  const pick = (side: 'visited' | 'visiting') =>
    q
      .actionsAt(deps.db, depotId, side)
      .filter(({ action }) => isActionOverdue(action, now))
      .map(({ action, visit }) => ({ id: action.id, visitId: visit.id, text: action.text, dueOn: action.dueOn, depot: depotOrThrow(deps, side === 'visited' ? visit.visitingDepotId : visit.visitedDepotId).name }));
  return { owed: pick('visited'), below: pick('visiting') };
}

// ---- changing ----

function notify(tx: Tx, depotId: number, role: string, kind: string, entity: 'supervision_visit' | 'supervision_action', entityId: number, message: string, now: Date) {
  insertNotification(tx, { depotId, role, kind, entity, entityId, message, createdAt: now.toISOString() });
}

/** The visiting depot's user who changes a visit: a leader, inspector or planner there. */
function performing(deps: Deps, actor: Actor, id: number, ...states: q.VisitRow['status'][]) {
  const visit = visitOrThrow(deps, id);
  const visiting = depotOrThrow(deps, visit.visitingDepotId);
  const visited = depotOrThrow(deps, visit.visitedDepotId);
  assertCanReadVisit(actor, visiting, visited);
  assertCanWriteAt(actor, visiting, ...VISITING_ROLES);
  if (!states.includes(visit.status)) throw new DomainError('visit_wrong_state', `The visit is ${visit.status}, not ${states.join(' or ')}`, { status: visit.status, expected: states });
  return { visit, visiting, visited };
}

/**
 * A depot above plans a visit to one below it (S0:473 上级对下级): when, who goes, how
 * (S0:481), and who leads it and signs its findings. A depot does not supervise itself, nor a
 * depot beside or above it. The visited depot's leader is told.
 */
export function planVisit(deps: Deps, actor: Actor, input: VisitPlanInput) {
  const visiting = depotOrThrow(deps, actor.depotId);
  assertCanWriteAt(actor, visiting, ...VISITING_ROLES);
  const visited = depotOrThrow(deps, input.visitedDepotId);
  if (visited.id === visiting.id) throw new DomainError('supervise_own_depot', 'A depot is supervised by a depot above it, never by itself', { depotId: visited.id });
  if (!visited.path.startsWith(visiting.path)) throw new DomainError('depot_not_below', `${visited.name} is not below ${visiting.name}`, { depotId: visited.id });
  const leaderId = input.leaderId ?? actor.userId;
  const leader = findUser(deps.db, leaderId);
  if (!leader || leader.depotId !== visiting.id || !leader.active) {
    throw new DomainError('validation_failed', 'The visit leader is an active user of the visiting depot', { leaderId }, [{ path: 'leaderId', message: 'an active user of the visiting depot' }]);
  }
  const now = deps.clock.now();
  const row = deps.db.transaction((tx) => {
    const row = q.insertVisit(tx, { visitingDepotId: visiting.id, visitedDepotId: visited.id, status: 'planned', plannedOn: input.plannedOn, visitors: input.visitors, methods: input.methods, leaderId, createdBy: actor.userId, createdAt: now.toISOString() });
    const detail = { visitedDepotId: visited.id, plannedOn: input.plannedOn, visitors: input.visitors, methods: input.methods, leaderId };
    audit(tx, { actorId: actor.userId, depotId: visiting.id, action: 'plan', entity: 'supervision_visit', entityId: row.id, detail }, now);
    notify(tx, visited.id, 'leader', 'supervision_planned', 'supervision_visit', row.id, `${visiting.name} 将于 ${input.plannedOn} 来本单位监督检查`, now);
    return row;
  });
  return present(deps, row);
}

/** The visit begins: the checklist is drawn from what the system knows about the visited depot now, and kept as it was then. */
export function startVisit(deps: Deps, actor: Actor, id: number) {
  const { visit, visited } = performing(deps, actor, id, 'planned');
  const checklist = prefillChecklist(depotFacts(deps, actor, visited));
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateVisit(tx, id, { status: 'in_progress', startedBy: actor.userId, startedAt: now.toISOString(), checklist });
    audit(tx, { actorId: actor.userId, depotId: visit.visitingDepotId, action: 'start', entity: 'supervision_visit', entityId: id, detail: { suggested: Object.fromEntries(checklist.map((c) => [c.key, c.suggested])) } }, now);
  });
  return present(deps, visitOrThrow(deps, id));
}

/** The inspector's decision on one checklist item, whatever the system suggested. */
export function decideChecklistItem(deps: Deps, actor: Actor, id: number, key: ChecklistKey, input: { result: Verdict; note?: string | null }) {
  const { visit } = performing(deps, actor, id, 'in_progress');
  const checklist: ChecklistItem[] = (visit.checklist ?? []).map((c) => (c.key === key ? { ...c, result: input.result, note: input.note ?? null } : c));
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateVisit(tx, id, { checklist });
    audit(tx, { actorId: actor.userId, depotId: visit.visitingDepotId, action: 'check', entity: 'supervision_visit', entityId: id, detail: { item: key, result: input.result, note: input.note ?? null } }, now);
  });
  return present(deps, visitOrThrow(deps, id));
}

/** An action's owner is an active user of the visited depot; its deadline is not in the past. */
function checkAction(deps: Deps, visited: Depot, a: ActionInput, i: number) {
  const owner = findUser(deps.db, a.ownerId);
  if (!owner || owner.depotId !== visited.id || !owner.active) {
    throw new DomainError('action_owner_invalid', `The owner of a corrective action is an active user of ${visited.name}`, { ownerId: a.ownerId }, [{ path: `actions.${i}.ownerId`, message: 'an active user of the visited depot' }]);
  }
  if (a.dueOn < today(deps)) throw new DomainError('validation_failed', 'The deadline is in the past', { dueOn: a.dueOn }, [{ path: `actions.${i}.dueOn`, message: 'today or later' }]);
}

function insertActions(tx: Tx, actor: Actor, visit: q.VisitRow, findingId: number, actions: readonly ActionInput[], now: Date) {
  return actions.map((a) => {
    const row = q.insertAction(tx, { visitId: visit.id, findingId, text: a.text, ownerId: a.ownerId, dueOn: a.dueOn, status: 'open', createdAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: visit.visitingDepotId, action: 'add_action', entity: 'supervision_action', entityId: row.id, detail: { visitId: visit.id, findingId, ...a } }, now);
    return row;
  });
}

/** A finding while the visit is in progress, with the corrective actions it calls for. */
export function addFinding(deps: Deps, actor: Actor, id: number, input: FindingInput) {
  const { visit, visited } = performing(deps, actor, id, 'in_progress');
  (input.actions ?? []).forEach((a, i) => checkAction(deps, visited, a, i));
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const finding = q.insertFinding(tx, { visitId: id, item: input.item ?? null, text: input.text, severity: input.severity, createdBy: actor.userId, createdAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: visit.visitingDepotId, action: 'add_finding', entity: 'supervision_visit', entityId: id, detail: { findingId: finding.id, item: input.item ?? null, severity: input.severity, text: input.text } }, now);
    insertActions(tx, actor, visit, finding.id, input.actions ?? [], now);
  });
  return present(deps, visitOrThrow(deps, id));
}

/** A further corrective action for a finding, before the findings are signed. */
export function addAction(deps: Deps, actor: Actor, id: number, input: ActionInput & { findingId: number }) {
  const { visit, visited } = performing(deps, actor, id, 'in_progress');
  const finding = q.findFinding(deps.db, input.findingId);
  if (!finding || finding.visitId !== id) throw new DomainError('finding_not_found', `No finding ${input.findingId} on this visit`);
  checkAction(deps, visited, input, 0);
  const now = deps.clock.now();
  deps.db.transaction((tx) => insertActions(tx, actor, visit, finding.id, [{ text: input.text, ownerId: input.ownerId, dueOn: input.dueOn }], now));
  return present(deps, visitOrThrow(deps, id));
}

/**
 * The visit leader signs the findings once every checklist item is decided; from then on they
 * stand as recorded and the actions are followed up. The visited depot's leader is told of the
 * actions it owes.
 */
export function signFindings(deps: Deps, actor: Actor, id: number) {
  const { visit, visited } = performing(deps, actor, id, 'in_progress');
  if (actor.userId !== visit.leaderId) throw new DomainError('not_visit_leader', 'Only the visit leader signs the findings', { leaderId: visit.leaderId });
  const undecided = (visit.checklist ?? []).filter((c) => c.result === null).map((c) => c.key);
  if (undecided.length > 0) throw new DomainError('checklist_incomplete', `Decide every checklist item first: ${undecided.join(', ')}`, { items: undecided });
  const actions = q.actionsOf(deps.db, id);
  const findings = q.findingsOf(deps.db, id);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateVisit(tx, id, { status: 'findings_recorded', signedAt: now.toISOString() });
    const detail = { findings: findings.length, actions: actions.length, results: Object.fromEntries((visit.checklist ?? []).map((c) => [c.key, c.result])) };
    audit(tx, { actorId: actor.userId, depotId: visit.visitingDepotId, action: 'sign', entity: 'supervision_visit', entityId: id, detail }, now);
    audit(tx, { actorId: actor.userId, depotId: visited.id, action: 'supervised', entity: 'supervision_visit', entityId: id, detail }, now);
    if (actions.length > 0) {
      notify(tx, visited.id, 'leader', 'supervision_actions', 'supervision_visit', id, `监督检查发现 ${findings.length} 个问题，需整改 ${actions.length} 项`, now);
    }
  });
  return present(deps, visitOrThrow(deps, id));
}

/**
 * The visited depot closes an action with a note of what it did: its owner or a leader there,
 * once the findings are signed. The visiting side never closes what it asked for. The visiting
 * depot is told, to verify it.
 */
export function closeAction(deps: Deps, actor: Actor, actionId: number, input: { note: string }) {
  const action = actionOrThrow(deps, actionId);
  const visit = visitOrThrow(deps, action.visitId);
  const visited = depotOrThrow(deps, visit.visitedDepotId);
  assertCanReadVisit(actor, depotOrThrow(deps, visit.visitingDepotId), visited);
  if (actor.depotId === visit.visitingDepotId) throw new DomainError('visiting_side_cannot_close', 'A corrective action is closed by the visited depot, not by the depot that asked for it', { depotId: visited.id });
  assertCanWriteAt(actor, visited);
  if (actor.userId !== action.ownerId && !actor.roles.includes('leader')) throw new DomainError('role_required', 'The owner of the action or a leader of the depot closes it', { roles: ['leader'] });
  if (visit.status !== 'findings_recorded') throw new DomainError('visit_wrong_state', `The visit is ${visit.status}: actions are followed up once its findings are signed`, { status: visit.status, expected: ['findings_recorded'] });
  if (action.status !== 'open') throw new DomainError('action_wrong_state', `The action is ${action.status}`, { status: action.status, expected: ['open'] });
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateAction(tx, actionId, { status: 'closed', closedBy: actor.userId, closedAt: now.toISOString(), closeNote: input.note });
    audit(tx, { actorId: actor.userId, depotId: visited.id, action: 'close', entity: 'supervision_action', entityId: actionId, detail: { visitId: visit.id, note: input.note } }, now);
    notify(tx, visit.visitingDepotId, 'inspector', 'supervision_action_closed', 'supervision_action', actionId, `${visited.name} 已完成整改：${action.text}，请核实`, now);
  });
  return presentAction(deps, actionOrThrow(deps, actionId), today(deps));
}

/**
 * The visiting depot verifies a closed action (a leader, inspector or planner there). The visited
 * depot never verifies its own correction, whatever roles its user holds.
 */
export function verifyAction(deps: Deps, actor: Actor, actionId: number) {
  const action = actionOrThrow(deps, actionId);
  const visit = visitOrThrow(deps, action.visitId);
  const visiting = depotOrThrow(deps, visit.visitingDepotId);
  assertCanReadVisit(actor, visiting, depotOrThrow(deps, visit.visitedDepotId));
  if (actor.depotId === visit.visitedDepotId) throw new DomainError('visited_side_cannot_verify', 'A corrective action is verified by the visiting depot, never by the depot that made it', { depotId: visiting.id });
  assertCanWriteAt(actor, visiting, ...VISITING_ROLES);
  if (action.status !== 'closed') throw new DomainError('action_wrong_state', `The action is ${action.status}: it is verified once the visited depot closes it`, { status: action.status, expected: ['closed'] });
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateAction(tx, actionId, { status: 'verified', verifiedBy: actor.userId, verifiedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: visiting.id, action: 'verify', entity: 'supervision_action', entityId: actionId, detail: { visitId: visit.id } }, now);
    notify(tx, visit.visitedDepotId, 'leader', 'supervision_action_verified', 'supervision_action', actionId, `${visiting.name} 已核实整改：${action.text}`, now);
  });
  return presentAction(deps, actionOrThrow(deps, actionId), today(deps));
}

/**
 * The visiting depot sends a closed action back instead of verifying it, saying why, and may
 * give a new deadline (today or later): the correction did not put the problem right. The
 * visited depot's leader is told; the action is open again for its owner.
 */
export function reopenAction(deps: Deps, actor: Actor, actionId: number, input: { note: string; dueOn?: string | null }) {
  const action = actionOrThrow(deps, actionId);
  const visit = visitOrThrow(deps, action.visitId);
  const visiting = depotOrThrow(deps, visit.visitingDepotId);
  assertCanReadVisit(actor, visiting, depotOrThrow(deps, visit.visitedDepotId));
  if (actor.depotId === visit.visitedDepotId) throw new DomainError('visited_side_cannot_reopen', 'A corrective action is sent back by the visiting depot, not by the depot that made it', { depotId: visiting.id });
  assertCanWriteAt(actor, visiting, ...VISITING_ROLES);
  if (action.status !== 'closed') throw new DomainError('action_wrong_state', `The action is ${action.status}: only a closed action is sent back`, { status: action.status, expected: ['closed'] });
  const todayIs = today(deps);
  const dueOn = input.dueOn ?? action.dueOn;
  if (input.dueOn && input.dueOn < todayIs) throw new DomainError('validation_failed', 'The new deadline is in the past', { fields: { dueOn: 'today or later' } });
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateAction(tx, actionId, { status: 'open', dueOn, closedBy: null, closedAt: null, closeNote: null, reopenNote: input.note, reopenedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: visiting.id, action: 'reopen', entity: 'supervision_action', entityId: actionId, detail: { visitId: visit.id, note: input.note, closeNote: action.closeNote, closedBy: action.closedBy, dueOn } }, now);
    notify(tx, visit.visitedDepotId, 'leader', 'supervision_action_reopened', 'supervision_action', actionId, `${visiting.name} 退回整改：${action.text}（${input.note}）`, now);
  });
  return presentAction(deps, actionOrThrow(deps, actionId), todayIs);
}

/**
 * The visiting depot calls off a visit before its findings are signed, with a reason (kept as
 * the visit's closing note). Actions drafted during an unsigned visit go with it. The visited
 * depot's leader is told.
 */
export function cancelVisit(deps: Deps, actor: Actor, id: number, input: { reason: string }) {
  const { visit, visited } = performing(deps, actor, id, 'planned', 'in_progress');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateVisit(tx, id, { status: 'cancelled', closedBy: actor.userId, closedAt: now.toISOString(), closeNote: input.reason });
    audit(tx, { actorId: actor.userId, depotId: visit.visitingDepotId, action: 'cancel', entity: 'supervision_visit', entityId: id, detail: { reason: input.reason, from: visit.status } }, now);
    notify(tx, visited.id, 'leader', 'supervision_cancelled', 'supervision_visit', id, `监督检查（${visit.plannedOn}）已取消：${input.reason}`, now);
  });
  return present(deps, visitOrThrow(deps, id));
}

/** The visit closes once every action is verified (S1:621: the problems found are put right). */
export function closeVisit(deps: Deps, actor: Actor, id: number, input: { note?: string | null }) {
  const { visit, visited } = performing(deps, actor, id, 'findings_recorded');
  const open = q.actionsOf(deps.db, id).filter((a) => a.status !== 'verified');
  if (open.length > 0) throw new DomainError('visit_has_open_actions', `${open.length} corrective action(s) not yet verified`, { actionIds: open.map((a) => a.id) });
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateVisit(tx, id, { status: 'closed', closedBy: actor.userId, closedAt: now.toISOString(), closeNote: input.note ?? null });
    audit(tx, { actorId: actor.userId, depotId: visit.visitingDepotId, action: 'close', entity: 'supervision_visit', entityId: id, detail: { note: input.note ?? null } }, now);
    notify(tx, visited.id, 'leader', 'supervision_closed', 'supervision_visit', id, `监督检查已结束（${visit.plannedOn}）`, now);
  });
  return present(deps, visitOrThrow(deps, id));
}

// ---- the printed record ----

const VERDICT = { pass: { zh: '合格', en: 'Pass' }, attention: { zh: '需关注', en: 'Attention' } } as const;
const SEVERITY = { minor: { zh: '一般', en: 'Minor' }, major: { zh: '较重', en: 'Major' }, serious: { zh: '严重', en: 'Serious' } } as const;
const ACTION_STATUS = { open: { zh: '整改中', en: 'Open' }, closed: { zh: '已整改待核实', en: 'Closed, to verify' }, verified: { zh: '已核实', en: 'Verified' } } as const;
const METHOD = { questioning: { zh: '询问', en: 'questioning' }, visiting: { zh: '走访', en: 'visiting' }, auditing_accounts: { zh: '查账', en: 'auditing accounts' }, tracking_supplies: { zh: '跟踪药具去向', en: 'tracking supplies' } } as Record<string, { zh: string; en: string }>;

/**
 * 药具监督检查记录表 as a report sheet, so that it prints and exports like every other form: the
 * checklist with its evidence and decisions, then each finding and its corrective actions.
 */
export function visitSheet(deps: Deps, actor: Actor, id: number): ReportSheet {
  const visit = getVisit(deps, actor, id);
  const t = (zh: string, en: string) => ({ zh, en });
  const rows: ReportSheet['rows'] = [];
  for (const c of visit.checklist ?? []) {
    rows.push({
      section: '检查项目',
      sectionEn: 'Checklist',
      item: c.title.zh,
      itemEn: c.title.en,
      detail: c.evidence.map((e) => `${e.flag ? '⚠ ' : ''}${e.label.zh}：${e.value.zh}`).join('；'),
      detailEn: c.evidence.map((e) => `${e.flag ? '⚠ ' : ''}${e.label.en}: ${e.value.en}`).join('; '),
      result: c.result ? `${VERDICT[c.result].zh}${c.note ? `（${c.note}）` : ''}` : '',
      resultEn: c.result ? `${VERDICT[c.result].en}${c.note ? ` (${c.note})` : ''}` : '',
      owner: '',
      dueOn: '',
    });
  }
  visit.findings.forEach((f, i) => {
    rows.push({ section: `发现问题 ${i + 1}`, sectionEn: `Finding ${i + 1}`, item: SEVERITY[f.severity].zh, itemEn: SEVERITY[f.severity].en, detail: f.text, detailEn: f.text, result: f.item ? CHECKLIST_TITLES[f.item].zh : '', resultEn: f.item ? CHECKLIST_TITLES[f.item].en : '', owner: '', dueOn: '' });
    for (const a of f.actions) {
      const done = a.closeNote ? `；整改情况：${a.closeNote}` : '';
      rows.push({
        section: '整改措施',
        sectionEn: 'Corrective action',
        item: ACTION_STATUS[a.status].zh,
        itemEn: ACTION_STATUS[a.status].en,
        detail: `${a.text}${done}`,
        detailEn: `${a.text}${a.closeNote ? `; done: ${a.closeNote}` : ''}`,
        result: a.verifiedAt ? `${a.verifiedByName ?? ''} ${a.verifiedAt.slice(0, 10)}` : '',
        resultEn: a.verifiedAt ? `${a.verifiedByName ?? ''} ${a.verifiedAt.slice(0, 10)}` : '',
        owner: a.ownerName ?? '',
        dueOn: a.dueOn,
      });
    }
  });
  const methods = visit.methods.map((m) => METHOD[m] ?? t(m, m));
  return {
    report: 'supervision-visit',
    title: t('药具监督检查记录表', 'Supervision visit record'),
    depot: visit.visitedDepot,
    period: { from: visit.plannedOn.slice(0, 7), to: visit.plannedOn.slice(0, 7), label: t(`检查日期 ${visit.startedAt ? toIsoDate(new Date(visit.startedAt), deps.config.timeZone) : visit.plannedOn}`, `Visited on ${visit.startedAt ? toIsoDate(new Date(visit.startedAt), deps.config.timeZone) : visit.plannedOn}`) },
    columns: [
      { key: 'section', header: t('类别', 'Part'), kind: 'text' },
      { key: 'item', header: t('项目', 'Item'), kind: 'text' },
      { key: 'detail', header: t('情况', 'What was found'), kind: 'text' },
      { key: 'result', header: t('结论', 'Decision'), kind: 'text' },
      { key: 'owner', header: t('责任人', 'Owner'), kind: 'text' },
      { key: 'dueOn', header: t('整改期限', 'Deadline'), kind: 'text' },
    ],
    rows,
    totals: null,
    unitTotals: [],
    notes: [
      t(`检查单位：${visit.visitingDepot.name}；检查组长：${visit.leaderName ?? ''}；检查人员：${visit.visitors.join('、')}；检查方式：${methods.map((m) => m.zh).join('、')}`, `Visiting depot: ${visit.visitingDepot.name}; leader: ${visit.leaderName ?? ''}; visitors: ${visit.visitors.join(', ')}; methods: ${methods.map((m) => m.en).join(', ')}`),
      t(
        `状态：${{ planned: '计划', in_progress: '检查中', findings_recorded: '已签署，跟踪整改', closed: '已结束', cancelled: '已取消' }[visit.status]}${visit.signedAt ? `；检查组长签署 ${visit.signedAt.slice(0, 10)}` : ''}${visit.closedAt ? `；${visit.status === 'cancelled' ? '取消' : '结束'} ${visit.closedAt.slice(0, 10)}` : ''}${visit.status === 'cancelled' ? `（${visit.closeNote ?? ''}）` : ''}`,
        `Status: ${visit.status.replace('_', ' ')}${visit.signedAt ? `; signed by the leader ${visit.signedAt.slice(0, 10)}` : ''}${visit.closedAt ? `; ${visit.status} ${visit.closedAt.slice(0, 10)}` : ''}${visit.status === 'cancelled' ? ` (${visit.closeNote ?? ''})` : ''}`,
      ),
      t('检查项目的情况由系统按检查开始时的数据预填，结论由检查人员作出（S0:479）。', 'The checklist evidence is what the system held when the visit began; the decisions are the inspectors’ own (S0:479).'),
    ],
    signatures: [t('检查组长：', 'Visit leader:'), t('被检查单位负责人：', 'Leader of the visited depot:')],
    generatedAt: deps.clock.now().toISOString(),
  };
}
