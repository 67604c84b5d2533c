import { signal } from '@preact/signals';

/**
 * A hash router: `#/home/12`, `#/stock/12?scope=subtree&page=2`, `#/card/12/34`, `#/reversals/12`, `#/opening/12`, `#/users/12`, `#/labels/12`,
 * `#/climate/12`, `#/climate-area/5`, `#/climate-record/5?month=2026-11`, `#/quality/12`, `#/write-off/7?form=approval`,
 * `#/write-off-new/12`, `#/trace/34?depotId=12`, `#/product-trace/5?depotId=12`, `#/planning/12?year=2027`, `#/demand-plan/3`, `#/allocation-plan/4`,
 * `#/reports/12?report=pts&year=2026&period=h1&scope=summary`, `#/people/12`, `#/person/34`, `#/follow-ups/12`, `#/people-reports/12?sheet=register`.
 * `#/adverse-reactions/12?serious=true`, `#/adverse-reaction-new/12`, `#/adverse-reaction/8`, `#/adverse-signal/3`, `#/supervision/12`, `#/supervision-visit/5`.
 * Filters and the page live in the hash so that reload, back and bookmarks keep them.
 */
export type Route =
  | { name: 'home'; query: URLSearchParams }
  | { name: 'dashboard'; depotId: number; query: URLSearchParams }
  | { name: 'stock'; depotId: number; query: URLSearchParams }
  | { name: 'card'; depotId: number; batchId: number; query: URLSearchParams }
  | { name: 'reversals'; depotId: number; query: URLSearchParams }
  | { name: 'opening'; depotId: number; query: URLSearchParams }
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
  | { name: 'quality'; depotId: number; query: URLSearchParams }
  | { name: 'writeOffNew'; depotId: number; query: URLSearchParams }
  | { name: 'writeOff'; writeOffId: number; query: URLSearchParams }
  | { name: 'trace'; batchId: number; query: URLSearchParams }
  | { name: 'productTrace'; productId: number; query: URLSearchParams }
  | { name: 'counts'; depotId: number; query: URLSearchParams }
  | { name: 'count'; countId: number; query: URLSearchParams }
  | { name: 'planning'; depotId: number; query: URLSearchParams }
  | { name: 'demandPlan'; planId: number; query: URLSearchParams }
  | { name: 'allocationPlan'; planId: number; query: URLSearchParams }
  | { name: 'reports'; depotId: number; query: URLSearchParams }
  | { name: 'people'; depotId: number; query: URLSearchParams }
  | { name: 'person'; personId: number; query: URLSearchParams }
  | { name: 'followUps'; depotId: number; query: URLSearchParams }
  | { name: 'peopleReports'; depotId: number; query: URLSearchParams }
  | { name: 'adverseReactions'; depotId: number; query: URLSearchParams }
  | { name: 'adverseReactionNew'; depotId: number; query: URLSearchParams }
  | { name: 'adverseReaction'; reportId: number; query: URLSearchParams }
  | { name: 'adverseSignal'; signalId: number; query: URLSearchParams }
  | { name: 'supervision'; depotId: number; query: URLSearchParams }
  | { name: 'supervisionVisit'; visitId: number; query: URLSearchParams }
  | { name: 'facilities'; depotId: number; query: URLSearchParams }
  | { name: 'equipmentItem'; itemId: number; query: URLSearchParams }
  | { name: 'serviceDesk'; depotId: number; query: URLSearchParams }
  | { name: 'training'; depotId: number; query: URLSearchParams }
  | { name: 'serviceRequest'; requestId: number; query: URLSearchParams }
  | { name: 'assessment'; depotId: number; query: URLSearchParams }
  | { name: 'assessmentRound'; roundId: number; query: URLSearchParams }
  | { name: 'archive'; depotId: number; query: URLSearchParams }
  | { name: 'archiveDocument'; kind: string; documentId: number; query: URLSearchParams }
  | { name: 'notFound'; query: URLSearchParams };

const positiveInt = (text: string | undefined) => (text && /^[1-9]\d{0,15}$/.test(text) ? Number(text) : undefined);

export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const query = new URLSearchParams(search);
  const [name, a, b, ...rest] = path.split('/').filter(Boolean);
  const first = positiveInt(a);
  const second = positiveInt(b);
  if (name === undefined) return { name: 'home', query };
  if (name === 'archive-document' && a && /^[a-z_]{1,40}$/.test(a) && second !== undefined && rest.length === 0) return { name: 'archiveDocument', kind: a, documentId: second, query };
  if (rest.length === 0 && first !== undefined) {
    if (name === 'home' && b === undefined) return { name: 'dashboard', depotId: first, query };
    if (name === 'stock' && b === undefined) return { name, depotId: first, query };
    if (name === 'reversals' && b === undefined) return { name, depotId: first, query };
    if (name === 'opening' && b === undefined) return { name, depotId: first, query };
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
    if (name === 'quality' && b === undefined) return { name, depotId: first, query };
    if (name === 'write-off-new' && b === undefined) return { name: 'writeOffNew', depotId: first, query };
    if (name === 'write-off' && b === undefined) return { name: 'writeOff', writeOffId: first, query };
    if (name === 'trace' && b === undefined) return { name, batchId: first, query };
    if (name === 'product-trace' && b === undefined) return { name: 'productTrace', productId: first, query };
    if (name === 'counts' && b === undefined) return { name, depotId: first, query };
    if (name === 'count' && b === undefined) return { name, countId: first, query };
    if (name === 'planning' && b === undefined) return { name, depotId: first, query };
    if (name === 'demand-plan' && b === undefined) return { name: 'demandPlan', planId: first, query };
    if (name === 'allocation-plan' && b === undefined) return { name: 'allocationPlan', planId: first, query };
    if (name === 'reports' && b === undefined) return { name, depotId: first, query };
    if (name === 'people' && b === undefined) return { name, depotId: first, query };
    if (name === 'person' && b === undefined) return { name, personId: first, query };
    if (name === 'follow-ups' && b === undefined) return { name: 'followUps', depotId: first, query };
    if (name === 'people-reports' && b === undefined) return { name: 'peopleReports', depotId: first, query };
    if (name === 'adverse-reactions' && b === undefined) return { name: 'adverseReactions', depotId: first, query };
    if (name === 'adverse-reaction-new' && b === undefined) return { name: 'adverseReactionNew', depotId: first, query };
    if (name === 'adverse-reaction' && b === undefined) return { name: 'adverseReaction', reportId: first, query };
    if (name === 'adverse-signal' && b === undefined) return { name: 'adverseSignal', signalId: first, query };
    if (name === 'supervision' && b === undefined) return { name, depotId: first, query };
    if (name === 'archive' && b === undefined) return { name, depotId: first, query };
    if (name === 'supervision-visit' && b === undefined) return { name: 'supervisionVisit', visitId: first, query };
    if (name === 'facilities' && b === undefined) return { name, depotId: first, query };
    if (name === 'equipment' && b === undefined) return { name: 'equipmentItem', itemId: first, query };
    if (name === 'service-desk' && b === undefined) return { name: 'serviceDesk', depotId: first, query };
    if (name === 'training' && b === undefined) return { name, depotId: first, query };
    if (name === 'service-request' && b === undefined) return { name: 'serviceRequest', requestId: first, query };
    if (name === 'assessment' && b === undefined) return { name, depotId: first, query };
    if (name === 'assessment-round' && b === undefined) return { name: 'assessmentRound', roundId: first, query };
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
  /** Supervision visits (监督检查) made by a depot and to it and below, and the corrective actions it owes. */
  supervision: (depotId: number) => href(`/supervision/${depotId}`),
  /** The business archive (业务档案): a depot's index `?year=2026&category=vouchers`, one document with its scans. */
  archive: (depotId: number, query?: QueryValues) => href(`/archive/${depotId}`, query),
  archiveDocument: (kind: string, documentId: number) => href(`/archive-document/${kind}/${documentId}`),
  supervisionVisit: (visitId: number) => href(`/supervision-visit/${visitId}`),
  /** A depot's facility profile and equipment register (S0:304-332, 450-461), and one item with its maintenance log. */
  facilities: (depotId: number) => href(`/facilities/${depotId}`),
  equipmentItem: (itemId: number) => href(`/equipment/${itemId}`),
  /** The service desk (服务事项): `?view=mine|depot|summary&month=2026-11`, `?new=1` for the form. */
  serviceDesk: (depotId: number, query?: QueryValues) => href(`/service-desk/${depotId}`, query),
  serviceRequest: (requestId: number) => href(`/service-request/${requestId}`),
  /** Trainings and public education (培训与宣传): `?view=trainings|education|cadence|staff&scope=own|subtree`, `?new=1` for the form. */
  training: (depotId: number, query?: QueryValues) => href(`/training/${depotId}`, query),
  /** The yearly assessment (考核评估): a depot's rounds; a round's ranking `?tier=county`, a depot's sheet `?depot=12`. */
  assessment: (depotId: number) => href(`/assessment/${depotId}`),
  assessmentRound: (roundId: number, query?: QueryValues) => href(`/assessment-round/${roundId}`, query),
  /** The depot's overview (概览): the dashboard of the user's roles and the depots below. */
  dashboard: (depotId: number) => href(`/home/${depotId}`),
  stock: (depotId: number, query?: QueryValues) => href(`/stock/${depotId}`, query),
  card: (depotId: number, batchId: number, query?: QueryValues) => href(`/card/${depotId}/${batchId}`, query),
  /** A depot's reversal requests (冲销申请): the leader decides, the requester follows them. */
  reversals: (depotId: number) => href(`/reversals/${depotId}`),
  /** A depot's opening stock (期初库存): entry, confirmation by a second person, opening windows. */
  opening: (depotId: number) => href(`/opening/${depotId}`),
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
  quality: (depotId: number) => href(`/quality/${depotId}`),
  writeOffNew: (depotId: number) => href(`/write-off-new/${depotId}`),
  writeOff: (writeOffId: number, form?: 'approval' | 'disposal') => href(`/write-off/${writeOffId}`, { form }),
  trace: (batchId: number, depotId?: number) => href(`/trace/${batchId}`, { depotId }),
  productTrace: (productId: number, depotId?: number) => href(`/product-trace/${productId}`, { depotId }),
  counts: (depotId: number) => href(`/counts/${depotId}`),
  /** `sheet`: the printable count sheet (盘点表), `blank` without the book figures. */
  count: (countId: number, sheet?: 'full' | 'blank') => href(`/count/${countId}`, { sheet }),
  planning: (depotId: number, year?: number) => href(`/planning/${depotId}`, { year }),
  demandPlan: (planId: number) => href(`/demand-plan/${planId}`),
  allocationPlan: (planId: number) => href(`/allocation-plan/${planId}`),
  /** A depot's reports: `?report=pts&year=2026&period=year|h1|h2|q1..q4|month&month=3&scope=own|summary`. */
  reports: (depotId: number, query?: QueryValues) => href(`/reports/${depotId}`, query),
  /** The users register (花名册) of a depot and below: `?status=using&method=oral&closed=open&page=2`. */
  people: (depotId: number, query?: QueryValues) => href(`/people/${depotId}`, query),
  person: (personId: number) => href(`/person/${personId}`),
  /** Follow-ups due and overdue (随访): `?within=30`. */
  followUps: (depotId: number, query?: QueryValues) => href(`/follow-ups/${depotId}`, query),
  /** The people's forms: `?sheet=register|users|summary` (发放登记表 8.3, 使用人数, 随访汇总表 12) with its period. */
  peopleReports: (depotId: number, query?: QueryValues) => href(`/people-reports/${depotId}`, query),
  /** A depot's adverse reactions (不良反应): `?status=awaiting_confirmation&serious=true&page=2`. */
  adverseReactions: (depotId: number, query?: QueryValues) => href(`/adverse-reactions/${depotId}`, query),
  adverseReactionNew: (depotId: number) => href(`/adverse-reaction-new/${depotId}`),
  adverseReaction: (reportId: number) => href(`/adverse-reaction/${reportId}`),
  adverseSignal: (signalId: number) => href(`/adverse-signal/${signalId}`),
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
