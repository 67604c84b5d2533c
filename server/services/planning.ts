import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import * as q from '../../db/queries/planning.ts';
import { findChildren } from '../../db/queries/depots.ts';
import { listProducts } from '../../db/queries/catalogue.ts';
import { qualifiedStockOf, reservedAt } from '../../db/queries/transfers.ts';
import { heldBatchesAt } from '../../db/queries/quality.ts';
import { DomainError } from '../domain/errors.ts';
import { firstUsableExpiry, toIsoDate } from '../domain/expiry.ts';
import { zonedTimeToUtc } from '../domain/climate-csv.ts';
import {
  allocationDeadline,
  assertWithinAvailable,
  demandYearState,
  isAllocationLate,
  proposeAllocation,
  proposeDemand,
  usersTrendPct,
  type DemandInputs,
} from '../domain/planning.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import type { DepotTier } from '../schemas/constants.ts';
import { audit } from './audit.ts';
import { userName } from '../../db/queries/transfers.ts';
import { draftOrder } from './transfers.ts';
import { assertIndependent } from './users.ts';
import { depotOrThrow } from './depot-lookup.ts';

/** Tiers that compile a demand plan: townships start it (起报点, S0:348), every level above adds its own. */
const PLANNING_TIERS: readonly DepotTier[] = ['region', 'city', 'county', 'township'];
const YEAR_MS = 365 * 86_400_000;


const today = (deps: Deps) => toIsoDate(deps.clock.now(), deps.config.timeZone);

function assertDemandYearOpen(deps: Deps, year: number) {
  const state = demandYearState(year, today(deps), deps.config.planning.demandOpensMonth);
  if (state === 'not_open') throw new DomainError('plan_year_not_open', `The demand plan for ${year} opens in the fourth quarter of ${year - 1}`);
  if (state === 'closed') throw new DomainError('plan_year_closed', `Demand plans for ${year} are closed`);
}

/** Users by method in a subtree: the newest half-year's figures, and the trend from the half-year before. */
function usersOf(deps: Deps, db: DbOrTx, path: string) {
  const rows = q.usersBySubtree(db, path);
  const periods = [...new Set(rows.map((r) => `${r.year}-${r.half}`))];
  const at = (period: string | undefined) => {
    const m = new Map<string, number>();
    if (period) for (const r of rows) if (`${r.year}-${r.half}` === period) m.set(r.method, r.users);
    return m;
  };
  const latest = at(periods[0]);
  const before = at(periods[1]);
  return { users: (method: string) => latest.get(method) ?? null, trend: (method: string) => usersTrendPct(before.get(method) ?? null, latest.get(method) ?? null) };
}

/**
 * A method's users are shared among its products by last year's use of each (equal shares
 * without any): 1,000 pill users, of whom last year's cycles went 3 : 1 to two pills, are
 * 750 and 250 users; three IUD models never issued are a third each.
 */
function usersOfProduct(users: number | null, product: { id: number }, sameMethod: readonly { id: number }[], flows: Map<number, { issued: number; dispensed: number }>) {
  if (users === null) return null;
  const use = (id: number) => (flows.get(id)?.issued ?? 0) + (flows.get(id)?.dispensed ?? 0);
  const total = sameMethod.reduce((s, o) => s + use(o.id), 0);
  return Math.round(total > 0 ? (users * use(product.id)) / total : users / sameMethod.length);
}

/** The prefilled inputs and the proposal of every catalogue product for a depot's plan (DP-2, S0:346-347). */
function demandLines(deps: Deps, db: DbOrTx, depot: { id: number; path: string; tier: DepotTier }, year: number) {
  const since = new Date(deps.clock.now().getTime() - YEAR_MS).toISOString();
  const flows = q.issuedAndDispensed(db, depot.id, since);
  const stock = q.stockHereAndBelow(db, depot.id, depot.path);
  const { users, trend } = usersOf(deps, db, depot.path);
  const hasPlanningChildren = depot.tier !== 'township';
  const children = findChildren(db, depot.id).map((c) => c.id);
  const requested = new Map<number, number>();
  for (const r of q.submittedQuantities(db, children, year)) requested.set(r.productId, (requested.get(r.productId) ?? 0) + r.quantity);
  const active = listProducts(db).filter((p) => p.active);
  return active.map((p) => {
      const inputs: DemandInputs = {
        lastYearIssued: flows.get(p.id)?.issued ?? 0,
        lastYearDispensed: flows.get(p.id)?.dispensed ?? 0,
        openingStock: stock.get(p.id)?.here ?? 0,
        stockBelow: stock.get(p.id)?.below ?? 0,
        users: usersOfProduct(users(p.productClass), p, active.filter((o) => o.productClass === p.productClass), flows),
        standardAnnualUse: p.annualUsePerUser ?? 0,
        turnoverMonths: deps.config.planning.turnoverMonths,
        trendPct: trend(p.productClass),
        childrenRequested: requested.get(p.id) ?? 0,
        hasPlanningChildren,
      };
      return { productId: p.id, inputs, proposed: proposeDemand(inputs) };
  });
}

/**
 * Opens a depot's demand plan for a year (需求计划, S0:343-348), in the fourth quarter before
 * it: one line per catalogue product, its inputs prefilled from the ledger and the usage
 * figures, and the proposed quantity asked.
 */
export function openDemandPlan(deps: Deps, actor: Actor, input: { depotId: number; year: number }) {
  const depot = depotOrThrow(deps, input.depotId);
  assertCanWriteAt(actor, depot, 'planner');
  if (!PLANNING_TIERS.includes(depot.tier)) throw new DomainError('plan_not_here', 'Villages make no demand plan: their township plans for them');
  assertDemandYearOpen(deps, input.year);
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    if (q.findDemandPlanOf(tx, depot.id, input.year)) throw new DomainError('plan_exists', `${depot.name} already has a demand plan for ${input.year}`);
    const plan = q.insertDemandPlan(tx, { depotId: depot.id, year: input.year, status: 'draft', createdBy: actor.userId, createdAt: now.toISOString() });
    for (const l of demandLines(deps, tx, depot, input.year)) q.upsertDemandLine(tx, { planId: plan.id, productId: l.productId, inputs: l.inputs, proposed: l.proposed, quantity: l.proposed, reason: null });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'create', entity: 'demand_plan', entityId: plan.id, detail: { year: input.year } }, now);
    return plan.id;
  });
  return getDemandPlan(deps, actor, id);
}

function editableDemandPlan(deps: Deps, actor: Actor, id: number, ...roles: ('planner' | 'leader')[]) {
  const plan = q.findDemandPlan(deps.db, id);
  if (!plan) throw new DomainError('plan_not_found', `No demand plan ${id}`);
  const depot = depotOrThrow(deps, plan.depotId);
  assertCanWriteAt(actor, depot, ...roles);
  if (plan.status === 'submitted') throw new DomainError('plan_submitted', `The ${plan.year} plan of ${depot.name} is submitted`);
  assertDemandYearOpen(deps, plan.year);
  return { plan, depot };
}

/**
 * The planner's quantities: a quantity other than the proposal needs a reason. Any change
 * takes the leader's signature off (it signed other figures); the inputs are read again, so a
 * parent sees what its children have submitted since.
 */
export function updateDemandPlan(deps: Deps, actor: Actor, id: number, input: { lines: { productId: number; quantity: number; reason?: string }[] }) {
  const { plan, depot } = editableDemandPlan(deps, actor, id, 'planner');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const fresh = new Map(demandLines(deps, tx, depot, plan.year).map((l) => [l.productId, l]));
    const current = new Map(q.demandLinesOf(tx, id).map((l) => [l.productId, l]));
    const asked = new Map(input.lines.map((l) => [l.productId, l]));
    for (const [productId, f] of fresh) {
      const own = asked.get(productId);
      const before = current.get(productId);
      const quantity = own?.quantity ?? (before && before.reason !== null ? before.quantity : f.proposed);
      const reason = own ? own.reason?.trim() || null : (before?.reason ?? null);
      if (quantity !== f.proposed && !reason) {
        throw new DomainError('validation_failed', 'Say why the quantity differs from the proposal', undefined, [{ path: `lines.${input.lines.findIndex((l) => l.productId === productId)}.reason`, message: `required: ${quantity} is not the proposed ${f.proposed}` }]);
      }
      q.upsertDemandLine(tx, { planId: id, productId, inputs: f.inputs, proposed: f.proposed, quantity, reason: quantity === f.proposed ? null : reason });
    }
    for (const l of input.lines) if (!fresh.has(l.productId)) throw new DomainError('product_not_found', `No active product ${l.productId} in the catalogue`);
    q.updateDemandPlan(tx, id, { signedBy: null, signedAt: null });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'update', entity: 'demand_plan', entityId: id, detail: { lines: input.lines } }, now);
  });
  return getDemandPlan(deps, actor, id);
}

/** The leader signs (and stamps) the plan (DP-4 主管领导签字、盖章). */
export function signDemandPlan(deps: Deps, actor: Actor, id: number) {
  const { depot } = editableDemandPlan(deps, actor, id, 'leader');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateDemandPlan(tx, id, { signedBy: actor.userId, signedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'sign', entity: 'demand_plan', entityId: id }, now);
  });
  return getDemandPlan(deps, actor, id);
}

/** Submits a signed plan to the depot above, recording which depots below had not submitted (DP-R2). */
export function submitDemandPlan(deps: Deps, actor: Actor, id: number) {
  const { plan, depot } = editableDemandPlan(deps, actor, id, 'planner', 'leader');
  if (!plan.signedBy) throw new DomainError('plan_not_signed', 'The leader signs the plan before it is submitted');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const children = PLANNING_TIERS.includes(depot.tier) && depot.tier !== 'township' ? findChildren(tx, depot.id) : [];
    const submitted = new Set(q.plansOfDepots(tx, children.map((c) => c.id), plan.year).filter((p) => p.status === 'submitted').map((p) => p.depotId));
    const missing = children.filter((c) => !submitted.has(c.id)).map((c) => c.id);
    q.updateDemandPlan(tx, id, { status: 'submitted', submittedBy: actor.userId, submittedAt: now.toISOString(), missingChildren: missing });
    if (depot.parentId !== null) {
      audit(tx, { actorId: actor.userId, depotId: depot.parentId, action: 'received', entity: 'demand_plan', entityId: id }, now);
    }
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'submit', entity: 'demand_plan', entityId: id, detail: { missingChildren: missing } }, now);
  });
  return getDemandPlan(deps, actor, id);
}

/** The depot above returns a submitted plan with a comment; it comes back unsigned. */
export function returnDemandPlan(deps: Deps, actor: Actor, id: number, comment: string) {
  const plan = q.findDemandPlan(deps.db, id);
  if (!plan) throw new DomainError('plan_not_found', `No demand plan ${id}`);
  const depot = depotOrThrow(deps, plan.depotId);
  if (depot.parentId === null) throw new DomainError('plan_not_here', 'The region’s plan goes to no depot above');
  assertCanWriteAt(actor, depotOrThrow(deps, depot.parentId), 'planner', 'leader');
  if (plan.status !== 'submitted') throw new DomainError('plan_not_submitted', `The ${plan.year} plan of ${depot.name} is ${plan.status}`);
  assertDemandYearOpen(deps, plan.year);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateDemandPlan(tx, id, { status: 'returned', signedBy: null, signedAt: null, returnedBy: actor.userId, returnedAt: now.toISOString(), returnComment: comment });
    audit(tx, { actorId: actor.userId, depotId: depot.parentId, action: 'return', entity: 'demand_plan', entityId: id, detail: { comment } }, now);
  });
  return getDemandPlan(deps, actor, id);
}

/** A plan with its lines; for a depot with planning depots below, which of them submitted and their quantities by product. */
export function getDemandPlan(deps: Deps, actor: Actor, id: number) {
  const plan = q.findDemandPlan(deps.db, id);
  if (!plan) throw new DomainError('plan_not_found', `No demand plan ${id}`);
  const depot = depotOrThrow(deps, plan.depotId);
  assertCanRead(actor, depot);
  const products = new Map(listProducts(deps.db).map((p) => [p.id, p]));
  const nameOf = (userId: number | null) => (userId === null ? null : (userName(deps.db, userId) ?? null));
  return {
    ...plan,
    signedByName: nameOf(plan.signedBy),
    submittedByName: nameOf(plan.submittedBy),
    returnedByName: nameOf(plan.returnedBy),
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    lines: q.demandLinesOf(deps.db, id).map((l) => {
      const p = products.get(l.productId)!;
      return { ...l, productCode: p.code, productNameZh: p.nameZh, productNameEn: p.nameEn, unitZh: p.unitZh, unitEn: p.unitEn, method: p.productClass };
    }),
    children: childrenOf(deps, depot, plan.year),
  };
}

function childrenOf(deps: Deps, depot: { id: number; tier: DepotTier }, year: number) {
  if (depot.tier === 'township' || !PLANNING_TIERS.includes(depot.tier)) return [];
  const children = findChildren(deps.db, depot.id);
  const plans = new Map(q.plansOfDepots(deps.db, children.map((c) => c.id), year).map((p) => [p.depotId, p]));
  const quantities = q.submittedQuantities(deps.db, children.map((c) => c.id), year);
  return children.map((c) => {
    const plan = plans.get(c.id);
    return {
      depotId: c.id,
      code: c.code,
      name: c.name,
      planId: plan?.id ?? null,
      status: plan?.status ?? null,
      signed: plan ? plan.signedBy !== null : false,
      submittedAt: plan?.submittedAt ?? null,
      quantities: Object.fromEntries(quantities.filter((r) => r.depotId === c.id).map((r) => [r.productId, r.quantity])),
    };
  });
}

/** A depot's plan for a year, if any, and its children's state: what a planner opens first. */
export function demandPlanOverview(deps: Deps, actor: Actor, depotId: number, year: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const plan = q.findDemandPlanOf(deps.db, depotId, year);
  return {
    depotId,
    year,
    state: demandYearState(year, today(deps), deps.config.planning.demandOpensMonth),
    planId: plan?.id ?? null,
    status: plan?.status ?? null,
    children: childrenOf(deps, depot, year),
  };
}

/**
 * The region's consolidation of a year: the submitted quantities of every plan of a subtree
 * summed per product, and how many plans are in. Read in one query over the subtree.
 */
export function consolidateDemand(deps: Deps, actor: Actor, depotId: number, year: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  return { depotId, year, lines: q.consolidatedDemand(deps.db, depot.path, year) };
}

// ---- usage figures ----

/** The half-year's bounds in the depots' calendar, as ISO instants. */
function halfBounds(year: number, half: 1 | 2, timeZone: string) {
  const at = (y: number, m: number) => new Date(zonedTimeToUtc(y, m, 1, 0, 0, 0, timeZone)).toISOString();
  return half === 1 ? { from: at(year, 1), to: at(year, 7) } : { from: at(year, 7), to: at(year + 1, 1) };
}

/**
 * Users by method (使用人数, S0:372) of a township for a half-year, entered by the township. A
 * method left out keeps its figure.
 */
export function recordUsageFigures(deps: Deps, actor: Actor, depotId: number, input: { year: number; half: 1 | 2; figures: { method: string; users: number }[] }) {
  const depot = depotOrThrow(deps, depotId);
  assertCanWriteAt(actor, depot, 'planner', 'dispenser', 'leader');
  if (depot.tier !== 'township') throw new DomainError('plan_not_here', 'Users by method are reported by townships (起报点)');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    for (const f of input.figures) q.upsertUsageFigure(tx, { depotId, year: input.year, half: input.half, method: f.method, users: f.users, source: 'entered', recordedBy: actor.userId, recordedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId, action: 'record', entity: 'usage_figures', entityId: depotId, detail: input }, now);
  });
  return usageFigures(deps, actor, depotId, input.year, input.half);
}

/**
 * A township's figures for a half-year, with the figures derived from its dispensing records
 * (its own and its villages'): per method, dispensed units over half a standard year's use per
 * person. Example: 6,500 pill cycles dispensed in a half-year at 13 a year each: 1,000 users.
 */
export function usageFigures(deps: Deps, actor: Actor, depotId: number, year: number, half: 1 | 2) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const { from, to } = halfBounds(year, half, deps.config.timeZone);
  const dispensed = q.dispensedByMethod(deps.db, depot.path, from, to);
  const derived = new Map<string, number>();
  for (const d of dispensed) if (d.annualUse && d.annualUse > 0) derived.set(d.method, (derived.get(d.method) ?? 0) + d.quantity / (d.annualUse / 2));
  const entered = q.usageFiguresOf(deps.db, depotId, year, half);
  return {
    depotId,
    year,
    half,
    entered: entered.map((f) => ({ method: f.method, users: f.users, recordedAt: f.recordedAt })),
    derived: [...derived].map(([method, users]) => ({ method, users: Math.round(users) })),
  };
}

// ---- allocation plans ----

/**
 * What a depot can allocate of each product: its qualified, unexpired, unheld stock less what
 * open picks reserve, and what the depot above allocated to it for the year and has not
 * dispatched yet.
 */
function availableAt(deps: Deps, db: DbOrTx, depot: { id: number; path: string }, year: number) {
  const products = listProducts(db).map((p) => p.id);
  const firstUsable = firstUsableExpiry(deps.clock.now(), deps.config);
  const held = heldBatchesAt(db, depot.path);
  const reserved = reservedAt(db, depot.id, products);
  const available = new Map<number, number>();
  for (const s of qualifiedStockOf(db, depot.id, products)) {
    if (s.expiresOn < firstUsable || held.has(s.batchId)) continue;
    available.set(s.productId, (available.get(s.productId) ?? 0) + s.quantity - (reserved.get(s.batchId) ?? 0));
  }
  const dispatched = new Map(q.dispatchedUnderPlansTo(db, depot.id, year).map((r) => [r.productId, r.quantity]));
  for (const a of q.allocatedTo(db, depot.id, year)) available.set(a.productId, (available.get(a.productId) ?? 0) + Math.max(0, a.allocated - (dispatched.get(a.productId) ?? 0)));
  return available;
}

/**
 * Opens a depot's allocation plan for a year (分配计划, S0:349-351): per child and product the
 * four inputs (last year's users and use, the child's request, the forecast change) and the
 * proposed split of what is available.
 */
export function openAllocationPlan(deps: Deps, actor: Actor, input: { depotId: number; year: number; note?: string }) {
  const depot = depotOrThrow(deps, input.depotId);
  assertCanWriteAt(actor, depot, 'planner');
  const children = findChildren(deps.db, depot.id);
  if (children.length === 0) throw new DomainError('plan_not_here', `${depot.name} has no depots below to allocate to`);
  const state = demandYearState(input.year, today(deps), deps.config.planning.demandOpensMonth);
  if (state === 'not_open') throw new DomainError('plan_year_not_open', `Allocation for ${input.year} opens with its demand plans`);
  if (today(deps) > `${input.year}-12-31`) throw new DomainError('plan_year_closed', `The year ${input.year} is over`);
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    if (q.findAllocationPlanOf(tx, depot.id, input.year)) throw new DomainError('plan_exists', `${depot.name} already has an allocation plan for ${input.year}`);
    const plan = q.insertAllocationPlan(tx, { number: `FP-${depot.code}-${input.year}`, depotId: depot.id, year: input.year, status: 'draft', note: input.note ?? null, createdBy: actor.userId, createdAt: now.toISOString() });
    const available = availableAt(deps, tx, depot, input.year);
    const requested = q.submittedQuantities(tx, children.map((c) => c.id), input.year);
    const sent = q.sentToChildren(tx, children.map((c) => c.id), new Date(now.getTime() - YEAR_MS).toISOString());
    const products = listProducts(tx).filter((p) => p.active);
    for (const p of products) {
      const claims = children.map((c) => {
        const usage = usersOf(deps, tx, c.path);
        return {
          childId: c.id,
          requested: requested.find((r) => r.depotId === c.id && r.productId === p.id)?.quantity ?? null,
          lastYearUse: sent.find((s) => s.childDepotId === c.id && s.productId === p.id)?.quantity ?? 0,
          lastYearUsers: usage.users(p.productClass) ?? 0,
          forecastChangePct: usage.trend(p.productClass),
        };
      });
      if (!claims.some((c) => (c.requested ?? 0) > 0 || c.lastYearUse > 0) && !(available.get(p.id) ?? 0)) continue;
      const split = proposeAllocation(claims, available.get(p.id) ?? 0);
      for (const c of claims) {
        const proposed = split.get(c.childId) ?? 0;
        q.upsertAllocationLine(tx, { planId: plan.id, childDepotId: c.childId, productId: p.id, requested: c.requested, lastYearUse: c.lastYearUse, lastYearUsers: c.lastYearUsers, forecastChangePct: c.forecastChangePct, proposed, allocated: proposed, reason: null });
      }
    }
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'create', entity: 'allocation_plan', entityId: plan.id, detail: { year: input.year } }, now);
    return plan.id;
  });
  return getAllocationPlan(deps, actor, id);
}

function draftAllocationPlan(deps: Deps, actor: Actor, id: number, role: 'planner' | 'leader') {
  const plan = q.findAllocationPlan(deps.db, id);
  if (!plan) throw new DomainError('plan_not_found', `No allocation plan ${id}`);
  const depot = depotOrThrow(deps, plan.depotId);
  assertCanWriteAt(actor, depot, role);
  if (plan.status === 'issued') throw new DomainError('plan_issued', `Allocation plan ${plan.number} is issued`);
  if (today(deps) > `${plan.year}-12-31`) throw new DomainError('plan_year_closed', `The year ${plan.year} is over`);
  return { plan, depot };
}

/** The planner adjusts the allocations, only to depots directly below and never beyond what is available. */
export function updateAllocationPlan(deps: Deps, actor: Actor, id: number, input: { lines: { childDepotId: number; productId: number; allocated: number; reason?: string }[] }) {
  const { plan, depot } = draftAllocationPlan(deps, actor, id, 'planner');
  const children = new Set(findChildren(deps.db, depot.id).map((c) => c.id));
  const products = new Map(listProducts(deps.db).map((p) => [p.id, p]));
  input.lines.forEach((l, i) => {
    if (!children.has(l.childDepotId)) throw new DomainError('not_a_child_depot', `Depot ${l.childDepotId} is not directly below ${depot.name}`, { childDepotId: l.childDepotId }, [{ path: `lines.${i}.childDepotId`, message: 'not a depot directly below' }]);
    if (!products.has(l.productId)) throw new DomainError('product_not_found', `No product ${l.productId}`);
  });
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const lines = new Map(q.allocationLinesOf(tx, id).map((l) => [`${l.childDepotId}:${l.productId}`, l]));
    for (const l of input.lines) {
      const key = `${l.childDepotId}:${l.productId}`;
      const before = lines.get(key);
      const row = before ?? { planId: id, childDepotId: l.childDepotId, productId: l.productId, requested: null, lastYearUse: 0, lastYearUsers: 0, forecastChangePct: 0, proposed: 0, allocated: 0, reason: null, id: 0 };
      lines.set(key, { ...row, allocated: l.allocated, reason: l.reason?.trim() || null });
    }
    assertWithinAvailable([...lines.values()].map((l) => ({ productId: l.productId, productCode: products.get(l.productId)?.code, allocated: l.allocated })), availableAt(deps, tx, depot, plan.year));
    for (const l of lines.values()) {
      const { id: _, ...row } = l;
      q.upsertAllocationLine(tx, row);
    }
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'update', entity: 'allocation_plan', entityId: id, detail: { lines: input.lines } }, now);
  });
  return getAllocationPlan(deps, actor, id);
}

/**
 * The leader signs the plan, which issues it (下达, S0:351) and generates the planned transfer
 * orders: one per child with what it was allocated, approved as planned (S0:391), for the
 * issuing feature to pick and dispatch.
 */
export function issueAllocationPlan(deps: Deps, actor: Actor, id: number) {
  const { plan, depot } = draftAllocationPlan(deps, actor, id, 'leader');
  // The plan's orders go out without a further approval: its figures and its issue are two people's.
  const editors = new Set([plan.createdBy, ...q.allocationPlanEditors(deps.db, id)]);
  if (editors.has(actor.userId)) throw new DomainError('self_approval', 'The allocation plan is issued by a leader who did not draft or change it');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    for (const editor of editors) assertIndependent(tx, editor, actor.userId);
    const lines = q.allocationLinesOf(tx, id);
    const products = new Map(listProducts(tx).map((p) => [p.id, p]));
    assertWithinAvailable(lines.map((l) => ({ productId: l.productId, productCode: products.get(l.productId)?.code, allocated: l.allocated })), availableAt(deps, tx, depot, plan.year));
    q.updateAllocationPlan(tx, id, { status: 'issued', signedBy: actor.userId, issuedAt: now.toISOString() });
    const byChild = new Map<number, { productId: number; quantity: number }[]>();
    for (const l of lines) if (l.allocated > 0) (byChild.get(l.childDepotId) ?? byChild.set(l.childDepotId, []).get(l.childDepotId)!).push({ productId: l.productId, quantity: l.allocated });
    for (const [childId, orderLines] of byChild) {
      draftOrder(tx, actor.userId, depot, { id: childId }, { basis: 'allocation_plan', planReference: plan.number, allocationPlanId: id, lines: orderLines, lateral: false, approvalDepotId: null }, now);
    }
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'issue', entity: 'allocation_plan', entityId: id, detail: { orders: byChild.size } }, now);
  });
  return getAllocationPlan(deps, actor, id);
}

/** The plan with its lines, what is available, whether it is late, and per child and product allocated vs dispatched vs received. */
export function getAllocationPlan(deps: Deps, actor: Actor, id: number) {
  const plan = q.findAllocationPlan(deps.db, id);
  if (!plan) throw new DomainError('plan_not_found', `No allocation plan ${id}`);
  const depot = depotOrThrow(deps, plan.depotId);
  assertCanRead(actor, depot);
  const products = new Map(listProducts(deps.db).map((p) => [p.id, p]));
  const children = new Map(findChildren(deps.db, depot.id).map((c) => [c.id, c]));
  const progress = q.allocationProgress(deps.db, id);
  const lines = q.allocationLinesOf(deps.db, id).map(({ planId: _, ...l }) => {
    const p = products.get(l.productId)!;
    const done = progress.filter((r) => r.childDepotId === l.childDepotId && r.productId === l.productId);
    return {
      ...l,
      childName: children.get(l.childDepotId)?.name ?? '',
      childCode: children.get(l.childDepotId)?.code ?? '',
      productCode: p.code,
      productNameZh: p.nameZh,
      productNameEn: p.nameEn,
      dispatched: done.reduce((s, r) => s + r.dispatched, 0),
      received: done.reduce((s, r) => s + r.received, 0),
    };
  });
  const issuedOn = plan.issuedAt ? toIsoDate(new Date(plan.issuedAt), deps.config.timeZone) : null;
  return {
    ...plan,
    signedByName: plan.signedBy === null ? null : (userName(deps.db, plan.signedBy) ?? null),
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    deadline: allocationDeadline(plan.year),
    late: isAllocationLate(plan.year, issuedOn, today(deps)),
    available: plan.status === 'draft' ? Object.fromEntries(availableAt(deps, deps.db, depot, plan.year)) : null,
    lines,
    orders: [...new Map(progress.map((r) => [r.orderId, { id: r.orderId, number: r.number, status: r.status, toDepotId: r.childDepotId }])).values()],
  };
}

/** A depot's allocation plan for a year, if any, and what the depot above allocated to it. */
export function allocationOverview(deps: Deps, actor: Actor, depotId: number, year: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const plan = q.findAllocationPlanOf(deps.db, depotId, year);
  const issuedOn = plan?.issuedAt ? toIsoDate(new Date(plan.issuedAt), deps.config.timeZone) : null;
  return {
    depotId,
    year,
    deadline: allocationDeadline(year),
    planId: plan?.id ?? null,
    status: plan?.status ?? null,
    late: isAllocationLate(year, issuedOn, today(deps)),
    allocatedToMe: q.allocatedTo(deps.db, depotId, year),
  };
}

/**
 * What the depot's issued allocation plans leave for one depot below, per plan and product: the
 * lines a planner's order on the plan may follow, with the cap that createTransferOrder enforces
 * (the same count). Example: 500 allocated, the plan's order of 300 still open: 200 remain.
 */
export function allocationRemainingTo(deps: Deps, actor: Actor, depotId: number, toDepotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const products = new Map(listProducts(deps.db).map((p) => [p.id, p]));
  const items = q.issuedAllocationPlansOf(deps.db, depotId).flatMap((plan) =>
    [...q.allocationRemaining(deps.db, plan.id, toDepotId)]
      .filter(([, line]) => line.allocated > 0)
      .map(([productId, line]) => {
        const p = products.get(productId)!;
        return { planId: plan.id, planNumber: plan.number, year: plan.year, productId, productCode: p.code, productNameZh: p.nameZh, productNameEn: p.nameEn, allocated: line.allocated, ordered: line.ordered, remaining: Math.max(0, line.allocated - line.ordered) };
      })
      .sort((a, b) => a.productCode.localeCompare(b.productCode)),
  );
  return { depotId, toDepotId, items };
}
