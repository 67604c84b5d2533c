import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/assessment.ts';
import { subtreeEnd } from '../../db/queries/depots.ts';
import { areasUnder, excursionsUnder, picksByDepot, type DepotRow } from '../../db/queries/risk-reports.ts';
import type { ComputedIndicator, IndicatorValue } from '../domain/assessment.ts';
import { zonedTimeToUtc } from '../domain/climate-csv.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { KIND_RULES, SUBMISSION_KINDS, dueOn, submitsKind } from '../domain/report-submissions.ts';
import { coveredMinutes, round2, share } from '../domain/risk.ts';
import type { DepotTier } from '../schemas/constants.ts';
import { heldDatesUnder } from '../../db/queries/training.ts';
import { trainingHeld } from '../domain/training-cadence.ts';
import { facilityIndicators } from './facilities.ts';

export type Indicators = Record<ComputedIndicator, IndicatorValue>;

/**
 * The computed indicators of every depot of a subtree for a year, read in bulk (a handful of
 * grouped queries for the whole region), each with the figures it came from. The year runs to
 * now at the latest; a report counts only once its due date has passed.
 */
export function indicatorsUnder(deps: Deps, scope: { path: string }, depots: readonly DepotRow[], year: number): Map<number, Indicators> {
  const tz = deps.config.timeZone;
  const now = deps.clock.now().getTime();
  const today = toIsoDate(new Date(now), tz);
  const end = subtreeEnd(scope.path);
  const from = zonedTimeToUtc(year, 1, 1, 0, 0, 0, tz);
  const to = zonedTimeToUtc(year + 1, 1, 1, 0, 0, 0, tz);
  const windowEnd = Math.min(to, now);
  const iso = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };

  const firsts = new Map<string, string>();
  for (const s of q.firstSubmissions(deps.db, scope.path, end, year)) firsts.set(`${s.depotId}:${s.kind}:${s.period}`, s.signedAt);
  const areas = windowEnd > from ? areasUnder(deps.db, scope.path, end, windowEnd).filter((a) => a.active === 1) : [];
  const excursions = windowEnd > from ? excursionsUnder(deps.db, scope.path, end, from, windowEnd) : [];
  const picks = new Map<number, { picks: number; overrides: number }>();
  for (const p of picksByDepot(deps.db, scope.path, end, iso.from, iso.to)) {
    const f = picks.get(p.depotId) ?? { picks: 0, overrides: 0 };
    picks.set(p.depotId, { picks: f.picks + p.picks, overrides: f.overrides + p.overrides });
  }
  const counts = new Map(q.postedCounts(deps.db, scope.path, end, iso.from, iso.to).map((c) => [c.depotId, c]));
  const expired = new Map(q.expiredWriteOffs(deps.db, scope.path, end, iso.from, iso.to).map((e) => [e.depotId, e.quantity]));
  const received = new Map(q.stockIn(deps.db, scope.path, end, `${year}-01`, `${year}-12`).map((e) => [e.depotId, e.quantity]));
  const adverse = new Map(q.adverseFiled(deps.db, scope.path, end, `${year}-01-01`, `${year}-12-31`).map((a) => [a.depotId, a]));
  const logTiers: readonly string[] = deps.config.climate.logTiers;
  const trainingDates = new Map(heldDatesUnder(deps.db, scope.path, end).map((t) => [t.id, t]));
  const trainingUntil = today < `${year}-12-31` ? today : `${year}-12-31`;
  const facilities = facilityIndicators(deps, scope.path);

  const out = new Map<number, Indicators>();
  for (const d of depots) {
    const tier = d.tier as DepotTier;
    let due = 0;
    let onTime = 0;
    let late = 0;
    for (const kind of SUBMISSION_KINDS.filter((k) => submitsKind(k, tier))) {
      for (const period of KIND_RULES[kind].periods) {
        const dueDate = dueOn(kind, year, period, tier, deps.config.reportSubmissions);
        if (dueDate >= today) continue;
        due += 1;
        const signed = firsts.get(`${d.id}:${kind}:${period}`);
        if (signed === undefined) continue;
        if (toIsoDate(new Date(signed), tz) <= dueDate) onTime += 1;
        else late += 1;
      }
    }

    const mine = areas.filter((a) => a.depotId === d.id);
    let monitored = 0;
    let outOfCompliance = 0;
    for (const area of mine) {
      const start = Math.max(from, Date.parse(area.createdAt));
      if (windowEnd <= start) continue;
      monitored += (windowEnd - start) / 60_000;
      outOfCompliance += coveredMinutes(
        excursions.filter((e) => e.areaId === area.id).map((e) => ({ start: e.startAt, end: e.endAt })),
        start,
        windowEnd,
      );
    }
    const keepsLog = logTiers.includes(d.tier);
    const p = picks.get(d.id) ?? { picks: 0, overrides: 0 };
    const c = counts.get(d.id);
    const lost = expired.get(d.id) ?? 0;
    const came = received.get(d.id) ?? 0;
    const a = adverse.get(d.id) ?? { filed: 0, onTime: 0 };
    out.set(d.id, {
      reports_on_time: { value: share(onTime, due), inputs: { due, onTime, late, missing: due - onTime - late } },
      climate_compliance: {
        value: !keepsLog ? null : mine.length === 0 ? 0 : share(monitored - outOfCompliance, monitored),
        inputs: { areas: mine.length, monitoredHours: round2(monitored / 60), outOfLimitsOrUnloggedHours: round2(outOfCompliance / 60) },
      },
      fefo_compliance: { value: p.picks > 0 ? share(p.picks - p.overrides, p.picks) : null, inputs: { picks: p.picks, overrides: p.overrides } },
      yearly_count_done: { value: c ? 1 : 0, inputs: { countsPosted: c?.counts ?? 0, ...(c && { lastPostedOn: toIsoDate(new Date(c.lastAt), tz) }) } },
      expiry_losses: { value: lost + came > 0 ? share(lost, Math.max(came, lost)) : null, inputs: { expiredWrittenOff: lost, received: came } },
      adverse_reaction_reporting: { value: share(a.onTime, a.filed), inputs: { filed: a.filed, onTime: a.onTime } },
      training_held: trainingHeld(deps.config.training, tier, trainingDates.get(d.id) ?? { staff: [], education: [] }, trainingUntil),
      facility_standard: facilities.get(d.id) ?? { value: 0, inputs: { requirements: 0, met: 0, gaps: 0, profile: 0 } },
    });
  }
  return out;
}
