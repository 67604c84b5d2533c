import { paths, route, withQuery, type Route } from '../../router.ts';

export function selectedDepotId(r: Route): number | undefined {
  switch (r.name) {
    case 'dashboard':
    case 'stock':
    case 'card':
    case 'users':
    case 'transfers':
    case 'dispense':
    case 'labels':
    case 'climate':
    case 'quality':
    case 'writeOffNew':
    case 'counts':
    case 'planning':
    case 'reports':
    case 'people':
    case 'followUps':
    case 'peopleReports':
    case 'adverseReactions':
    case 'adverseReactionNew':
      return r.depotId;
    default:
      return undefined;
  }
}

/** Where choosing a depot leads: the same screen for that depot, keeping the stock filters. */
export function depotHref(depotId: number): string {
  const r = route.value;
  if (r.name === 'dashboard') return paths.dashboard(depotId);
  if (r.name === 'users') return paths.users(depotId);
  if (r.name === 'transfers') return paths.transfers(depotId);
  if (r.name === 'labels') return paths.labels(depotId);
  if (r.name === 'climate' || r.name === 'climateArea' || r.name === 'climateRecord') return paths.climate(depotId);
  if (r.name === 'quality' || r.name === 'writeOffNew' || r.name === 'writeOff' || r.name === 'trace') return paths.quality(depotId);
  if (r.name === 'counts' || r.name === 'count') return paths.counts(depotId);
  if (r.name === 'planning' || r.name === 'demandPlan' || r.name === 'allocationPlan') return paths.planning(depotId, r.name === 'planning' && r.query.get('year') ? Number(r.query.get('year')) : undefined);
  if (r.name === 'reports') return paths.reports(depotId, withQuery(r.query, {}));
  if (r.name === 'people' || r.name === 'person') return paths.people(depotId);
  if (r.name === 'followUps') return paths.followUps(depotId);
  if (r.name === 'peopleReports') return paths.peopleReports(depotId, withQuery(r.query, {}));
  if (r.name === 'adverseReactions' || r.name === 'adverseReactionNew' || r.name === 'adverseReaction' || r.name === 'adverseSignal') return paths.adverseReactions(depotId);
  if (r.name === 'stock') return paths.stock(depotId, withQuery(r.query, { page: undefined }));
  return paths.stock(depotId);
}
