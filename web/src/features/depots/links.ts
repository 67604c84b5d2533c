import { paths, route, withQuery, type Route } from '../../router.ts';

export function selectedDepotId(r: Route): number | undefined {
  return r.name === 'stock' || r.name === 'card' || r.name === 'users' || r.name === 'transfers' || r.name === 'dispense' || r.name === 'labels' || r.name === 'climate' ? r.depotId : undefined;
}

/** Where choosing a depot leads: the same screen for that depot, keeping the stock filters. */
export function depotHref(depotId: number): string {
  const r = route.value;
  if (r.name === 'users') return paths.users(depotId);
  if (r.name === 'transfers') return paths.transfers(depotId);
  if (r.name === 'labels') return paths.labels(depotId);
  if (r.name === 'climate' || r.name === 'climateArea' || r.name === 'climateRecord') return paths.climate(depotId);
  if (r.name === 'stock') return paths.stock(depotId, withQuery(r.query, { page: undefined }));
  return paths.stock(depotId);
}
