import type { Deps } from '../deps.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import * as q from '../../db/queries/facilities.ts';
import { userName } from '../../db/queries/transfers.ts';
import { EMPTY_PROFILE, facilityGaps, itemsOfStandard, type FacilityItem, type FacilityProfile } from '../domain/facility-standard.ts';
import type { IndicatorValue } from '../domain/assessment.ts';
import type { DepotTier } from '../schemas/constants.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';

type Depot = ReturnType<typeof depotOrThrow>;

export interface ProfileInput {
  officeAreaM2: number | null;
  storeAreaM2: number | null;
  zonesMarked: boolean;
  items: FacilityItem[];
  note?: string | null;
}

const asProfile = (row: q.ProfileRow | undefined | null): FacilityProfile =>
  row ? { officeAreaM2: row.officeAreaM2, storeAreaM2: row.storeAreaM2, zonesMarked: row.zonesMarked, items: row.items } : EMPTY_PROFILE;

/** The tier's standard and how the profile measures up to it. */
function checkOf(deps: Deps, tier: DepotTier, row: q.ProfileRow | undefined | null) {
  const standard = deps.config.facilities[tier];
  return { standard, ...facilityGaps(asProfile(row), standard) };
}

function present(deps: Deps, depot: Depot) {
  const row = q.findProfile(deps.db, depot.id);
  const { standard, requirements, met, gaps } = checkOf(deps, depot.tier, row);
  return {
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    filled: row !== undefined,
    profile: { ...asProfile(row), items: [...asProfile(row).items], note: row?.note ?? null },
    updatedAt: row?.updatedAt ?? null,
    updatedByName: row ? userName(deps.db, row.updatedBy) : null,
    standard,
    /** The items the form asks about: those the tier's standard names. */
    askedItems: itemsOfStandard(standard),
    requirements,
    met,
    gaps,
  };
}

/** A depot's facility profile checked against its tier's standard; readable from the depot and above. */
export function getFacilityProfile(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  return present(deps, depot);
}

/** What changed between two profiles, field by field (items as what was added and removed). */
function diff(before: FacilityProfile & { note: string | null }, after: FacilityProfile & { note: string | null }) {
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  for (const field of ['officeAreaM2', 'storeAreaM2', 'zonesMarked', 'note'] as const) {
    if (before[field] !== after[field]) changes.push({ field, from: before[field], to: after[field] });
  }
  const added = after.items.filter((i) => !before.items.includes(i));
  const removed = before.items.filter((i) => !after.items.includes(i));
  if (added.length > 0 || removed.length > 0) changes.push({ field: 'items', from: removed, to: added });
  return changes;
}

/**
 * The depot's leader records its premises (T-3); a village has one post, its dispenser (S0:300),
 * who keeps the village's. Each save keeps who changed which fields from what to what, and is
 * audited. A save that changes nothing writes nothing.
 */
export function saveFacilityProfile(deps: Deps, actor: Actor, depotId: number, input: ProfileInput) {
  const depot = depotOrThrow(deps, depotId);
  assertCanWriteAt(actor, depot, ...(depot.tier === 'village' ? (['leader', 'dispenser'] as const) : (['leader'] as const)));
  const row = q.findProfile(deps.db, depot.id);
  const items = [...new Set(input.items)];
  const next = { officeAreaM2: input.officeAreaM2, storeAreaM2: input.storeAreaM2, zonesMarked: input.zonesMarked, items, note: input.note ?? null };
  const changes = diff({ ...asProfile(row), note: row?.note ?? null }, next);
  if (row && changes.length === 0) return present(deps, depot);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.saveProfile(tx, { depotId: depot.id, ...next, updatedBy: actor.userId, updatedAt: now.toISOString() });
    q.insertProfileChange(tx, { depotId: depot.id, changes, changedBy: actor.userId, changedAt: now.toISOString() });
    const { met, requirements, gaps } = checkOf(deps, depot.tier, { ...next, depotId: depot.id, updatedBy: actor.userId, updatedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: row ? 'update' : 'create', entity: 'facility_profile', entityId: depot.id, detail: { changes, met, requirements, gaps: gaps.length } }, now);
  });
  return present(deps, depot);
}

/** Who changed the profile, what and when; newest first. */
export function facilityProfileHistory(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  return { items: q.profileChangesOf(deps.db, depot.id).map((c) => ({ id: c.id, changes: c.changes, changedBy: c.changedBy, changedByName: userName(deps.db, c.changedBy), changedAt: c.changedAt })) };
}

/**
 * For a dashboard: this depot's gaps, the depots directly below it that fall short of their
 * standard (or have no profile yet), and its equipment changes waiting for a leader.
 */
export function facilityGlance(deps: Deps, depot: Depot) {
  const rows = q.profilesUnder(deps.db, depot.path);
  const own = rows.find((r) => r.depot.id === depot.id);
  const check = checkOf(deps, depot.tier, own?.profile);
  const below = rows
    .filter((r) => r.depot.parentId === depot.id)
    .map((r) => ({ depot: r.depot, filled: r.profile !== null, ...checkOf(deps, r.depot.tier, r.profile) }))
    .filter((r) => r.gaps.length > 0)
    .map((r) => ({ id: r.depot.id, code: r.depot.code, name: r.depot.name, filled: r.filled, gaps: r.gaps.length }));
  const pendingRequests = q.requestsOf(deps.db, depot.id).filter((r) => r.status === 'pending').length;
  return { filled: own?.profile != null, requirements: check.requirements, met: check.met, gaps: check.gaps, below, pendingRequests };
}

/**
 * The assessment's `facility_standard` indicator of every depot of a subtree: the share of its
 * tier's requirements its profile meets (0 without a profile). The profile is read as it stands:
 * it keeps no dated versions, so a round computed later sees later improvements.
 */
export function facilityIndicators(deps: Deps, path: string): Map<number, IndicatorValue> {
  const out = new Map<number, IndicatorValue>();
  for (const r of q.profilesUnder(deps.db, path)) {
    const c = checkOf(deps, r.depot.tier, r.profile);
    out.set(r.depot.id, { value: c.requirements > 0 ? Math.round((c.met / c.requirements) * 10000) / 10000 : null, inputs: { requirements: c.requirements, met: c.met, gaps: c.gaps.length, profile: r.profile ? 1 : 0 } });
  }
  return out;
}
