import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/climate.ts';
import { findChildren, findDepotPlace } from '../../db/queries/depots.ts';
import { DomainError } from '../domain/errors.ts';
import { downsampleMinMax, durationMinutes, isCalm } from '../domain/climate.ts';
import { zonedTimeToUtc } from '../domain/climate-csv.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { assertCanRead, hasRole, type Actor } from '../auth/scope.ts';
import { limitsOf, readableArea } from './climate.ts';

function presentExcursion(e: q.ExcursionRow, now: number, names?: Map<number, string>) {
  return {
    id: e.id,
    areaId: e.areaId,
    depotId: e.depotId,
    kind: e.kind,
    startAt: e.startAt,
    endAt: e.endAt,
    minutes: durationMinutes(e, now),
    extreme: e.extreme,
    readings: e.readings,
    status: e.status,
    resolution: e.resolution,
    action: e.action,
    acknowledgedBy: e.acknowledgedBy === null ? null : (names?.get(e.acknowledgedBy) ?? null),
    acknowledgedAt: e.acknowledgedAt,
  };
}

/** A depot's storage areas with their limits as kept now, latest reading and open excursions. */
export function listAreas(deps: Deps, actor: Actor, depotId: number) {
  const depot = findDepotPlace(deps.db, depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${depotId}`);
  assertCanRead(actor, depot);
  const open = q.openExcursionsAt(deps.db, [depotId]);
  return {
    items: q.listAreas(deps.db, depotId).map((area) => {
      const limits = limitsOf(deps.db, deps, area);
      return {
        ...area,
        limits,
        latest: q.latestReading(deps.db, area.id) ?? null,
        openExcursions: open.filter((e) => e.areaId === area.id && e.kind !== 'gap').length,
        openGaps: open.filter((e) => e.areaId === area.id && e.kind === 'gap').length,
        sensors: q.listSensors(deps.db, area.id),
      };
    }),
  };
}

export function getArea(deps: Deps, actor: Actor, id: number) {
  const { area, depot } = readableArea(deps, actor, id);
  return { ...area, depot: { id: depot.id, name: depot.name, code: depot.code }, limits: limitsOf(deps.db, deps, area), latest: q.latestReading(deps.db, area.id) ?? null, sensors: q.listSensors(deps.db, area.id) };
}

/**
 * The chart of a range: readings cut into at most `points` spans, each with its minimum and
 * maximum, the limits kept now and the excursions that touch the range.
 */
export function areaSeries(deps: Deps, actor: Actor, id: number, range: { from: number; to: number; points: number }) {
  const { area } = readableArea(deps, actor, id);
  if (range.to <= range.from) throw new DomainError('validation_failed', '`to` must be after `from`', undefined, [{ path: 'to', message: 'must be after from' }]);
  const now = deps.clock.now().getTime();
  const readings = q.readingsBetween(deps.db, area.id, range.from, range.to - 1);
  const buckets = downsampleMinMax(readings, range.from, range.to, range.points);
  return {
    areaId: area.id,
    from: range.from,
    to: range.to,
    readings: readings.length,
    limits: limitsOf(deps.db, deps, area),
    t: buckets.map((b) => b.t),
    minC: buckets.map((b) => b.minC),
    maxC: buckets.map((b) => b.maxC),
    minRh: buckets.map((b) => b.minRh),
    maxRh: buckets.map((b) => b.maxRh),
    excursions: q.listExcursions(deps.db, area.id, range).map((e) => presentExcursion(e, now)),
  };
}

/** One excursion with the batches it exposed and their minutes. */
export function getExcursion(deps: Deps, actor: Actor, id: number) {
  const e = q.findExcursion(deps.db, id);
  if (!e) throw new DomainError('excursion_not_found', `No excursion ${id}`);
  const { area } = readableArea(deps, actor, e.areaId);
  const names = q.userNames(deps.db, e.acknowledgedBy === null ? [] : [e.acknowledgedBy]);
  return { ...presentExcursion(e, deps.clock.now().getTime(), names), areaName: area.name, exposures: q.exposuresOf(deps.db, id) };
}

export function listAreaExcursions(deps: Deps, actor: Actor, id: number, status?: 'open' | 'acknowledged') {
  const { area } = readableArea(deps, actor, id);
  const rows = q.listExcursions(deps.db, area.id).filter((e) => !status || e.status === status);
  const names = q.userNames(deps.db, [...new Set(rows.flatMap((e) => (e.acknowledgedBy === null ? [] : [e.acknowledgedBy])))]);
  const now = deps.clock.now().getTime();
  return { items: rows.map((e) => presentExcursion(e, now, names)) };
}

/**
 * The monthly record (库房温湿度记录表, S0:510) in the shape of the paper form: one row per day
 * with the morning and afternoon readings (the ones nearest 09:00 and 15:00 in the depots' time
 * zone), the day's lowest and highest values, whether any reading was out of range, the
 * corrective actions recorded and who recorded.
 */
export function monthlyRecord(deps: Deps, actor: Actor, id: number, month: string) {
  const { area, depot } = readableArea(deps, actor, id);
  const tz = deps.config.timeZone;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = zonedTimeToUtc(y, m, 1, 0, 0, 0, tz);
  const to = m === 12 ? zonedTimeToUtc(y + 1, 1, 1, 0, 0, 0, tz) : zonedTimeToUtc(y, m + 1, 1, 0, 0, 0, tz);
  const limits = limitsOf(deps.db, deps, area);
  const readings = q.recordedReadingsBetween(deps.db, area.id, from, to - 1);
  const excursions = q.listExcursions(deps.db, area.id, { from, to });
  const names = q.userNames(deps.db, [...new Set(excursions.flatMap((e) => (e.acknowledgedBy === null ? [] : [e.acknowledgedBy])))]);
  const days = new Map<string, typeof readings>();
  for (const r of readings) {
    const day = toIsoDate(new Date(r.takenAt), tz);
    (days.get(day) ?? days.set(day, []).get(day)!).push(r);
  }
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const rows = Array.from({ length: daysInMonth }, (_, i) => {
    const date = `${month}-${String(i + 1).padStart(2, '0')}`;
    const list = days.get(date) ?? [];
    const dayStart = zonedTimeToUtc(y, m, i + 1, 0, 0, 0, tz);
    const nearest = (hour: number, inHalf: (t: number) => boolean) => {
      const target = dayStart + hour * 3_600_000;
      let best: (typeof list)[number] | undefined;
      for (const r of list) if (inHalf(r.takenAt) && (!best || Math.abs(r.takenAt - target) < Math.abs(best.takenAt - target))) best = r;
      return best ?? null;
    };
    const noon = dayStart + 12 * 3_600_000;
    const rhs = list.flatMap((r) => (r.humidityPct === null ? [] : [r.humidityPct]));
    const dayEnd = dayStart + 86_400_000;
    return {
      date,
      am: nearest(9, (t) => t < noon),
      pm: nearest(15, (t) => t >= noon),
      readings: list.length,
      minC: list.length ? Math.min(...list.map((r) => r.temperatureC)) : null,
      maxC: list.length ? Math.max(...list.map((r) => r.temperatureC)) : null,
      minRh: rhs.length ? Math.min(...rhs) : null,
      maxRh: rhs.length ? Math.max(...rhs) : null,
      outOfRange: list.some((r) => !isCalm(r, limits)),
      /** A day already over, after the area was set up, with no reading at all. */
      missing: list.length === 0 && dayEnd <= deps.clock.now().getTime() && dayEnd > Date.parse(area.createdAt),
      actions: [...new Set(excursions.filter((e) => e.action && e.startAt < dayEnd && (e.endAt ?? Number.MAX_SAFE_INTEGER) >= dayStart).map((e) => e.action!))],
      recorders: [...new Set(list.map((r) => r.recordedBy ?? r.sensor ?? ''))].filter(Boolean),
    };
  });
  const now = deps.clock.now().getTime();
  return {
    area: { id: area.id, name: area.name, kind: area.kind },
    depot: { id: depot.id, name: depot.name, code: depot.code },
    month,
    timeZone: tz,
    limits,
    rows,
    excursions: excursions.map((e) => presentExcursion(e, now, names)),
    breaches: readings.filter((r) => !isCalm(r, limits)).length,
    readings: readings.length,
  };
}

/**
 * For an upper level: every depot of the subtree with its areas, open excursions, open missing
 * logs and newest reading; a depot of a tier that keeps a store log (config.climate.logTiers)
 * with no area in use has no log at all.
 */
export function climateOverview(deps: Deps, actor: Actor, depotId: number) {
  const depot = findDepotPlace(deps.db, depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${depotId}`);
  assertCanRead(actor, depot);
  const rows = q.climateOverview(deps.db, depot.path);
  const logTiers: readonly string[] = deps.config.climate.logTiers;
  const items = rows.map(({ path, ...r }) => {
    const noLog = r.areas === 0 && logTiers.includes(r.tier);
    return { ...r, depth: path.split('/').length - depot.path.split('/').length, noLog, attention: r.openExcursions > 0 || r.openGaps > 0 || noLog };
  });
  return {
    depotId,
    depots: items.length,
    withOpenExcursions: items.filter((r) => r.openExcursions > 0).length,
    withMissingLogs: items.filter((r) => r.openGaps > 0 || r.noLog).length,
    items,
  };
}

/**
 * Open excursions and missing logs for the dashboard: those of the user's depot for its
 * storekeeper, inspector and leader, and those of the depots directly below for the depot above.
 */
export function climateAlerts(deps: Deps, actor: Actor) {
  const now = deps.clock.now().getTime();
  const own = hasRole(actor, 'storekeeper', 'inspector', 'leader') ? q.openExcursionsAt(deps.db, [actor.depotId]) : [];
  const children = findChildren(deps.db, actor.depotId);
  const below = q.openExcursionsAt(deps.db, children.map((c) => c.id));
  const areaNames = new Map<number, string>();
  const nameOf = (areaId: number) => areaNames.get(areaId) ?? areaNames.set(areaId, q.findArea(deps.db, areaId)?.name ?? '').get(areaId)!;
  const depotNames = new Map([...children.map((c) => [c.id, c.name] as const)]);
  return {
    items: [...own, ...below].map((e) => ({ ...presentExcursion(e, now), areaName: nameOf(e.areaId), depotName: depotNames.get(e.depotId) ?? null, own: e.depotId === actor.depotId })),
  };
}
