import type { Deps } from '../deps.ts';
import * as dq from '../../db/queries/dashboards.ts';
import { findChildren } from '../../db/queries/depots.ts';
import { listProducts } from '../../db/queries/catalogue.ts';
import { findOrder, findOrderLines, listAwaitingApprovalAt, qualifiedStockOf } from '../../db/queries/transfers.ts';
import { lastExposuresAt } from '../../db/queries/climate.ts';
import { heldBatchesAt } from '../../db/queries/quality.ts';
import { findAllocationPlanOf, findDemandPlanOf, plansOfDepots } from '../../db/queries/planning.ts';
import { isExpired, toIsoDate } from '../domain/expiry.ts';
import { climateCheckDue, needsPreIssueCheck } from '../domain/transfers.ts';
import { demandPlanStatus, depotState, lastCompletedHalf, planCalendar, type GlanceFigures, type PlanCalendar } from '../domain/dashboard.ts';
import { assertCanRead, hasRole, type Actor } from '../auth/scope.ts';
import type { DepotTier } from '../schemas/constants.ts';
import { quantitiesByUnit, type UnitLine, type UnitQuantity } from '../domain/units.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { climateAlerts, climateOverview } from './climate-reads.ts';
import { expiredStock, expirySummary } from './expiry.ts';
import { countStatus } from './stock-counts.ts';
import { allocationOverview, demandPlanOverview } from './planning.ts';
import { listWriteOffs } from './write-offs.ts';
import { listHolds } from './holds.ts';
import { adverseGlance } from './adverse-reactions.ts';
import { overdueActions } from './supervision.ts';
import { overdueTraining } from './training.ts';
import { facilityGlance } from './facilities.ts';
import { overdueRequests } from './service-desk.ts';
import { reportStatus } from './report-submissions.ts';

type Depot = ReturnType<typeof depotOrThrow>;

/** Tiers that make a demand plan (services/planning.ts): villages do not. */
const PLANNING_TIERS: readonly DepotTier[] = ['region', 'city', 'county', 'township'];
/** Longer lists are cut here; their totals are given. */
const LIST_LIMIT = 50;

/** Quantities of a document's lines per unit (never one sum across units), from the queries' JSON. */
const byUnit = (json: string | null) => quantitiesByUnit(dq.unitLinesOf(json));

/**
 * A depot's dashboard (issue 10, item 6): at the user's own depot, a panel for each of its
 * roles that has work there (storekeeper; inspector; planner and leader); at any depot with
 * depots below, the tree of its children with their state at a glance. A depot below the
 * user's shows the tree only: that is how the tree opens one level further.
 */
export function dashboard(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const now = deps.clock.now();
  const today = toIsoDate(now, deps.config.timeZone);
  const calendar = planCalendar(today, deps.config.planning.demandOpensMonth);
  const own = depot.id === actor.depotId;
  const children = findChildren(deps.db, depot.id);
  const reads = memoReads(deps, actor, depot.id);
  return {
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    today,
    own,
    storekeeper: own && hasRole(actor, 'storekeeper') ? storekeeperPanel(deps, actor, depot, reads) : null,
    inspector: own && hasRole(actor, 'inspector') ? inspectorPanel(deps, actor, depot, now) : null,
    planning: own && hasRole(actor, 'planner', 'leader') ? planningPanel(deps, actor, depot, calendar, today, children.length > 0) : null,
    tree: children.length > 0 ? treePanel(deps, actor, depot, children, calendar, reads) : null,
    adverseReactions: adverseGlance(deps, depot),
    supervision: overdueActions(deps, depot.id),
    training: overdueTraining(deps, depot.id),
    facilities: facilityGlance(deps, depot),
    // Service requests past a due time go to the depot's leader (docs/service-desk.md).
    serviceDesk: own && hasRole(actor, 'leader') ? { overdue: overdueRequests(deps, depot.id) } : null,
    reports: own && hasRole(actor, 'leader', 'planner') ? reportsGlance(deps, actor, depot.id, Number(today.slice(0, 4))) : null,
  };
}

/**
 * The periodic reports (issue 21 item 2) for the leader and planner who prepare and sign them:
 * this depot's own reports that are due, late or returned, the reports from the depots directly
 * below that have not come in or wait for this depot's decision: those falling due this year,
 * which takes in last year's second half, fourth quarter and yearly reports.
 */
function reportsGlance(deps: Deps, actor: Actor, depotId: number, year: number) {
  const thisYear = (r: { dueOn: string }) => r.dueOn >= `${year}-01-01`;
  const years = [year - 1, year].map((y) => reportStatus(deps, actor, depotId, y));
  const own = years.flatMap((s) => s.own.filter((o) => thisYear(o) && (o.state === 'due' || o.state === 'late' || o.state === 'returned')));
  const below = years.flatMap((s) => s.below.filter(thisYear));
  return {
    own: own.map((o) => ({ kind: o.kind, title: o.title, periodLabel: o.periodLabel, dueOn: o.dueOn, state: o.state, late: o.late, submissionId: o.submissionId, returnReason: o.returnReason })),
    notReported: below
      .filter((b) => b.notReported.length > 0)
      .map((b) => ({ kind: b.kind, title: b.title, periodLabel: b.periodLabel, dueOn: b.dueOn, expected: b.expected, depots: b.notReported.map((c) => ({ depotId: c.depotId, name: c.name, state: c.state })) })),
    awaiting: below.reduce((n, b) => n + b.awaiting.length, 0),
  };
}

/** The subtree-wide reads that more than one panel uses, each made once. */
function memoReads(deps: Deps, actor: Actor, depotId: number) {
  let expiry: ReturnType<typeof expirySummary> | undefined;
  let counts: ReturnType<typeof countStatus> | undefined;
  return {
    expiry: () => (expiry ??= expirySummary(deps, actor, depotId)),
    counts: () => (counts ??= countStatus(deps, actor, depotId)),
  };
}
type Reads = ReturnType<typeof memoReads>;

/** Ordered and picked per unit: 120 盒 ordered of which 30 picked, 50 板 of which none. */
function orderedAndPicked(lines: string, picks: string): (UnitQuantity & { picked: number })[] {
  const picked = byUnit(picks);
  return byUnit(lines).map((u) => ({ ...u, picked: picked.find((p) => p.unitZh === u.unitZh)?.quantity ?? 0 }));
}

/** Receipts to count or sign, orders to pick, shipments to receive, counts open or due, expired stock to sweep. */
function storekeeperPanel(deps: Deps, actor: Actor, depot: Depot, reads: Reads) {
  const status = reads.counts().items.find((i) => i.id === depot.id)!;
  const expiredHere = expiredStock(deps, actor, depot.id).items.filter((r) => r.depotId === depot.id);
  return {
    receipts: dq.receiptsToHandle(deps.db, depot.id).map(({ status: s, ...r }) => ({ ...r, stage: s === 'open' ? ('count' as const) : ('sign' as const) })),
    ordersToPick: dq.ordersToPickFrom(deps.db, depot.id).map(({ lines, picks, ...o }) => ({ ...o, quantities: orderedAndPicked(lines, picks) })),
    shipmentsToReceive: dq.shipmentsAwaitingReceipt(deps.db, depot.id).map(({ picks, ...o }) => ({ ...o, quantities: byUnit(picks) })),
    counts: {
      open: dq.openCountsAt(deps.db, depot.id).map((c) => ({ id: c.id, number: c.number, status: c.status })),
      lastCountedAt: status.lastCountedAt,
      dueOn: status.dueOn,
      overdue: status.overdue,
    },
    expiredInQualified: { lots: expiredHere.length, quantities: quantitiesByUnit(expiredHere) },
  };
}

/** Climate exposures before the 90/30-day rule, and of each those an order waits for first. */
const urgency = (b: { reason: 'climate' | 'held_long'; orderId: number | null }) => (b.reason === 'climate' ? 0 : 2) + (b.orderId === null ? 1 : 0);

/**
 * Receipts waiting for their goods-in inspection, batches due their pre-issue check (S0:397:
 * held 90 days and not checked for 30, or stood through a climate excursion since their last
 * check), open excursions and missing logs here, and holds raised here.
 */
function inspectorPanel(deps: Deps, actor: Actor, depot: Depot, now: Date) {
  const db = deps.db;
  const products = new Map(listProducts(db).map((p) => [p.id, p]));
  const held = heldBatchesAt(db, depot.path);
  const stock = qualifiedStockOf(db, depot.id, [...products.keys()]).filter((s) => !isExpired(s, now, deps.config) && !held.has(s.batchId));
  const exposed = lastExposuresAt(db, depot.id, stock.map((s) => s.batchId));
  const wanting = dq.ordersToPickFrom(db, depot.id).flatMap((o) => findOrderLines(db, o.id).filter((l) => l.quantity > l.picked).map((l) => ({ orderId: o.id, productId: l.productId })));
  const due = stock
    .flatMap((s) => {
      const climate = climateCheckDue(exposed.get(s.batchId), s.lastInspectedAt);
      if (!climate && !needsPreIssueCheck(s, now, deps.config.preIssueCheck, deps.config.timeZone)) return [];
      const p = products.get(s.productId)!;
      return [{
        batchId: s.batchId,
        lot: s.lot,
        expiresOn: s.expiresOn,
        productCode: p.code,
        productNameZh: p.nameZh,
        productNameEn: p.nameEn,
        quantity: s.quantity,
        unitZh: p.unitZh,
        unitEn: p.unitEn,
        reason: climate ? ('climate' as const) : ('held_long' as const),
        orderId: wanting.find((w) => w.productId === s.productId)?.orderId ?? null,
      }];
    })
    .sort((a, b) => urgency(a) - urgency(b) || a.expiresOn.localeCompare(b.expiresOn));
  return {
    awaitingInspection: dq.receiptsAwaitingInspection(db, depot.id).map(({ lines, ...r }) => ({ ...r, quantities: byUnit(lines) })),
    pending: quantitiesByUnit(dq.zoneQuantities(db, depot.id, 'pending')),
    preIssueChecks: { items: due.slice(0, LIST_LIMIT), total: due.length },
    excursions: climateAlerts(deps, actor)
      .items.filter((e) => e.depotId === depot.id)
      .map((e) => ({ id: e.id, areaId: e.areaId, areaName: e.areaName, kind: e.kind, startAt: e.startAt, endAt: e.endAt })),
    holds: listHolds(deps, actor, depot.id)
      .items.filter((h) => h.depotId === depot.id)
      .map((h) => ({ id: h.id, batchId: h.batchId, lot: h.lot, productCode: h.productCode, productNameZh: h.productNameZh, productNameEn: h.productNameEn, reason: h.reason, raisedAt: h.raisedAt })),
  };
}

/**
 * What waits for this planner or leader: a planner's signatures on counted receipts (S0:356),
 * decisions (nobody decides their own document), the plan deadlines with the days left, and the
 * depots below that have not reported.
 */
function planningPanel(deps: Deps, actor: Actor, depot: Depot, calendar: PlanCalendar, today: string, hasChildren: boolean) {
  const db = deps.db;
  const leader = hasRole(actor, 'leader');
  const plans = PLANNING_TIERS.includes(depot.tier);
  const demand = plans ? demandPlanOverview(deps, actor, depot.id, calendar.demand.year) : null;
  const ownDemand = plans ? findDemandPlanOf(db, depot.id, calendar.demand.year) : undefined;
  const allocation = hasChildren ? allocationOverview(deps, actor, depot.id, calendar.allocation.year) : null;
  const ownAllocation = hasChildren ? findAllocationPlanOf(db, depot.id, calendar.allocation.year) : undefined;
  const half = lastCompletedHalf(today);
  const missingUsage = dq.townshipsWithoutUsage(db, depot.path, half.year, half.half, LIST_LIMIT);
  return {
    receiptsToSign: hasRole(actor, 'planner')
      ? dq.receiptsToSign(db, depot.id, 'planner').map(({ signedBy, lines, ...r }) => ({ ...r, storekeeperSigned: (JSON.parse(signedBy) as string[]).includes('storekeeper'), quantities: byUnit(lines) }))
      : [],
    approvals: {
      transferOrders: leader
        ? listAwaitingApprovalAt(db, depot.id)
            .map((o) => findOrder(db, o.id)!)
            .filter((o) => o.createdBy !== actor.userId)
            .map((o) => ({ id: o.id, number: o.number, fromDepotName: depotOrThrow(deps, o.fromDepotId).name, toDepotName: depotOrThrow(deps, o.toDepotId).name, basis: o.basis, createdAt: o.createdAt }))
        : [],
      writeOffs: listWriteOffs(deps, actor, depot.id)
        .toDecide.filter((r) => r.requestedBy !== actor.userId)
        .map((r) => ({ id: r.id, number: r.number, depotId: r.depotId, depotName: r.depotName, quantities: r.totalsByUnit.map(({ valueFen: _v, ...u }) => u), totalValueFen: r.totalValueFen, requestedAt: r.requestedAt })),
      stockCounts: leader
        ? dq
            .openCountsAt(db, depot.id)
            .filter((c) => c.status === 'submitted' && (c.submittedBy !== actor.userId || deps.config.allowSameSigner))
            .map((c) => ({ id: c.id, number: c.number, submittedAt: c.submittedAt! }))
        : [],
      demandPlans:
        leader && ownDemand && calendar.demand.state === 'open' && ownDemand.status !== 'submitted' && ownDemand.signedBy === null
          ? [{ id: ownDemand.id, year: ownDemand.year, status: ownDemand.status }]
          : [],
      allocationPlans: leader && ownAllocation && ownAllocation.status === 'draft' ? [{ id: ownAllocation.id, number: ownAllocation.number, year: ownAllocation.year }] : [],
    },
    deadlines: {
      demand: demand && { ...calendar.demand, planId: demand.planId, status: demandPlanStatus(ownDemand && { status: ownDemand.status, signed: ownDemand.signedBy !== null }) },
      allocation: allocation && { ...calendar.allocation, planId: allocation.planId, status: allocation.status ?? ('none' as const), late: allocation.late },
    },
    notReporting: {
      demandYear: calendar.demand.state === 'open' ? calendar.demand.year : null,
      demandPlans:
        demand && calendar.demand.state === 'open'
          ? demand.children
              .filter((c) => c.status !== 'submitted')
              .map((c) => ({ depotId: c.depotId, code: c.code, name: c.name, planId: c.planId, status: demandPlanStatus(c.status === null ? undefined : { status: c.status, signed: c.signed }) }))
          : [],
      usageHalf: half,
      usageFigures: { items: missingUsage.items.map((d) => ({ depotId: d.id, code: d.code, name: d.name })), total: missingUsage.total },
    },
  };
}

type Figures = Omit<GlanceFigures, 'demandPlan'> & { depots: number };
const zero = (): Figures => ({ depots: 0, stockValueFen: 0, expiredQuantity: 0, expiredInQualified: 0, nearExpiryQuantity: 0, openExcursions: 0, missingLogs: 0, countsOverdue: 0, openWriteOffs: 0 });
/** The expiry quantities the tree shows, per unit; the sums in Figures only decide the state. */
type ExpiryLines = { expired: UnitLine[]; expiredInQualified: UnitLine[]; nearExpiry: UnitLine[] };
const noLines = (): ExpiryLines => ({ expired: [], expiredInQualified: [], nearExpiry: [] });

function add(into: Figures, f: Figures) {
  for (const k of Object.keys(into) as (keyof Figures)[]) into[k] += f[k];
}

function addLines(into: ExpiryLines, l: ExpiryLines) {
  for (const k of Object.keys(into) as (keyof ExpiryLines)[]) into[k].push(...l[k]);
}

/**
 * The depot itself and each depot directly below it, each child with the figures of its whole
 * subtree summed and one worst state; a child opens by asking for its own dashboard.
 */
function treePanel(deps: Deps, actor: Actor, depot: Depot, children: ReturnType<typeof findChildren>, calendar: PlanCalendar, reads: Reads) {
  const expiry = new Map(reads.expiry().depots.map((d) => [d.id, d]));
  const climate = new Map(climateOverview(deps, actor, depot.id).items.map((d) => [d.id, d]));
  const overdue = new Set(reads.counts().items.filter((i) => i.overdue).map((i) => i.id));
  const own = new Map<number, Figures>();
  const ownLines = new Map<number, ExpiryLines>();
  const bySubtree = new Map<number, Figures>(children.map((c) => [c.id, zero()]));
  const linesBySubtree = new Map<number, ExpiryLines>(children.map((c) => [c.id, noLines()]));
  for (const d of dq.subtreeFigures(deps.db, depot.path)) {
    const e = expiry.get(d.id);
    const c = climate.get(d.id);
    const lines: ExpiryLines = e ? { expired: e.byUnit.expired, expiredInQualified: e.byUnit.expiredInQualified, nearExpiry: e.byUnit.near } : noLines();
    const f: Figures = {
      depots: 1,
      stockValueFen: d.stockValueFen,
      expiredQuantity: e?.expiredQuantity ?? 0,
      expiredInQualified: e?.expiredInQualified ?? 0,
      nearExpiryQuantity: e?.nearQuantity ?? 0,
      openExcursions: c?.openExcursions ?? 0,
      missingLogs: (c?.openGaps ?? 0) + (c?.noLog ? 1 : 0),
      countsOverdue: overdue.has(d.id) ? 1 : 0,
      openWriteOffs: d.openWriteOffs,
    };
    own.set(d.id, f);
    ownLines.set(d.id, lines);
    const childId = Number(d.path.slice(depot.path.length).split('/')[0]);
    const sum = bySubtree.get(childId);
    if (sum) add(sum, f);
    const sumLines = linesBySubtree.get(childId);
    if (sumLines) addLines(sumLines, lines);
  }
  const plans = new Map(plansOfDepots(deps.db, [depot.id, ...children.map((c) => c.id)], calendar.demand.year).map((p) => [p.depotId, { status: p.status, signed: p.signedBy !== null }]));
  const glance = (d: { id: number; tier: DepotTier }, f: Figures, lines: ExpiryLines) => {
    const figures = { ...f, demandPlan: PLANNING_TIERS.includes(d.tier) ? demandPlanStatus(plans.get(d.id)) : null };
    const { expiredQuantity: _e, expiredInQualified: _q, nearExpiryQuantity: _n, ...shown } = figures;
    return {
      ...shown,
      expired: quantitiesByUnit(lines.expired),
      expiredInQualified: quantitiesByUnit(lines.expiredInQualified),
      nearExpiry: quantitiesByUnit(lines.nearExpiry),
      state: depotState(figures, calendar.demand.state),
    };
  };
  return {
    planYear: calendar.demand.year,
    planWindow: calendar.demand.state,
    self: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier, ...glance(depot, own.get(depot.id) ?? { ...zero(), depots: 1 }, ownLines.get(depot.id) ?? noLines()) },
    children: children.map((c) => ({ id: c.id, code: c.code, name: c.name, tier: c.tier, childCount: c.childCount, ...glance(c, bySubtree.get(c.id)!, linesBySubtree.get(c.id)!) })),
  };
}
