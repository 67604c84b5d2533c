import { signal } from '@preact/signals';

/**
 * A hash router: `#/stock/12?scope=subtree&page=2`, `#/card/12/34`, `#/users/12`, `#/labels/12`,
 * `#/climate/12`, `#/climate-area/5`, `#/climate-record/5?month=2026-11`.
 * Filters and the page live in the hash so that reload, back and bookmarks keep them.
 */
export type Route =
  | { name: 'home'; query: URLSearchParams }
  | { name: 'stock'; depotId: number; query: URLSearchParams }
  | { name: 'card'; depotId: number; batchId: number; query: URLSearchParams }
  | { name: 'users'; depotId: number; query: URLSearchParams }
  | { name: 'receipts'; depotId: number; query: URLSearchParams }
  | { name: 'receipt'; receiptId: number; query: URLSearchParams }
  | { name: 'transfers'; depotId: number; query: URLSearchParams }
  | { name: 'transfer'; orderId: number; query: URLSearchParams }
  | { name: 'dispense'; depotId: number; query: URLSearchParams }
  | { name: 'labels'; depotId: number; query: URLSearchParams }
  | { name: 'climate'; depotId: number; query: URLSearchParams }
  | { name: 'climateArea'; areaId: number; query: URLSearchParams }
  | { name: 'climateRecord'; areaId: number; query: URLSearchParams }
  | { name: 'notFound'; query: URLSearchParams };

const positiveInt = (text: string | undefined) => (text && /^[1-9]\d{0,15}$/.test(text) ? Number(text) : undefined);

export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const query = new URLSearchParams(search);
  const [name, a, b, ...rest] = path.split('/').filter(Boolean);
  const first = positiveInt(a);
  const second = positiveInt(b);
  if (name === undefined) return { name: 'home', query };
  if (rest.length === 0 && first !== undefined) {
    if (name === 'stock' && b === undefined) return { name, depotId: first, query };
    if (name === 'users' && b === undefined) return { name, depotId: first, query };
    if (name === 'receipts' && b === undefined) return { name, depotId: first, query };
    if (name === 'receipt' && b === undefined) return { name, receiptId: first, query };
    if (name === 'transfers' && b === undefined) return { name, depotId: first, query };
    if (name === 'transfer' && b === undefined) return { name, orderId: first, query };
    if (name === 'dispense' && b === undefined) return { name, depotId: first, query };
    if (name === 'labels' && b === undefined) return { name, depotId: first, query };
    if (name === 'climate' && b === undefined) return { name, depotId: first, query };
    if (name === 'climate-area' && b === undefined) return { name: 'climateArea', areaId: first, query };
    if (name === 'climate-record' && b === undefined) return { name: 'climateRecord', areaId: first, query };
    if (name === 'card' && second !== undefined) return { name, depotId: first, batchId: second, query };
  }
  return { name: 'notFound', query };
}

export const route = signal<Route>(parseHash(location.hash));

window.addEventListener('hashchange', () => {
  route.value = parseHash(location.hash);
});

export type QueryValues = Record<string, string | number | undefined | null>;

export function href(path: string, query: QueryValues = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export const paths = {
  stock: (depotId: number, query?: QueryValues) => href(`/stock/${depotId}`, query),
  card: (depotId: number, batchId: number, query?: QueryValues) => href(`/card/${depotId}/${batchId}`, query),
  users: (depotId: number, query?: QueryValues) => href(`/users/${depotId}`, query),
  receipts: (depotId: number) => href(`/receipts/${depotId}`),
  receipt: (receiptId: number) => href(`/receipt/${receiptId}`),
  transfers: (depotId: number) => href(`/transfers/${depotId}`),
  transfer: (orderId: number) => href(`/transfer/${orderId}`),
  dispense: (depotId: number) => href(`/dispense/${depotId}`),
  labels: (depotId: number) => href(`/labels/${depotId}`),
  climate: (depotId: number) => href(`/climate/${depotId}`),
  climateArea: (areaId: number) => href(`/climate-area/${areaId}`),
  climateRecord: (areaId: number, month?: string) => href(`/climate-record/${areaId}`, { month }),
};

/** Goes to a hash; `replace` leaves no history entry (filters, redirects). */
export function navigate(target: string, options: { replace?: boolean } = {}) {
  if (target === location.hash) return;
  if (options.replace) {
    history.replaceState(history.state, '', target);
    route.value = parseHash(target);
  } else {
    location.hash = target;
  }
}

/** The route's query with some values changed; empty values are dropped. */
export function withQuery(query: URLSearchParams, changes: QueryValues): QueryValues {
  const values: QueryValues = Object.fromEntries(query.entries());
  return { ...values, ...changes };
}
