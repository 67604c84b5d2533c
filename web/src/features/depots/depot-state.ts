import { signal } from '@preact/signals';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Depot, type DepotDetail } from '../../api.ts';
import { onSessionEnd } from '../auth/session.ts';

/**
 * The depot tree is loaded one level at a time (a province has thousands of depots):
 * `childrenOf` holds the levels fetched so far, `expanded` the open nodes.
 */
export const childrenOf = signal<ReadonlyMap<number, Depot[]>>(new Map());
export const expanded = signal<ReadonlySet<number>>(new Set());
export const loadingChildren = signal<ReadonlySet<number>>(new Set());
export const childProblems = signal<ReadonlyMap<number, ApiProblem>>(new Map());

/** Depot details (with ancestors), for breadcrumbs and for opening the tree down to a depot. */
export const details = signal<ReadonlyMap<number, DepotDetail | ApiProblem>>(new Map());

const childRequests = new Map<number, Promise<void>>();
const detailRequests = new Map<number, Promise<DepotDetail | ApiProblem>>();

function setWith<T>(set: ReadonlySet<T>, value: T, present: boolean): ReadonlySet<T> {
  const next = new Set(set);
  if (present) next.add(value);
  else next.delete(value);
  return next;
}

export async function loadChildren(id: number): Promise<void> {
  if (childrenOf.value.has(id)) return;
  const running = childRequests.get(id);
  if (running) return running;
  loadingChildren.value = setWith(loadingChildren.value, id, true);
  const problems = new Map(childProblems.value);
  problems.delete(id);
  childProblems.value = problems;
  const request = api
    .children(id)
    .then(({ items }) => {
      childrenOf.value = new Map(childrenOf.value).set(id, items);
    })
    .catch((error: unknown) => {
      childProblems.value = new Map(childProblems.value).set(id, toProblem(error));
    })
    .finally(() => {
      childRequests.delete(id);
      loadingChildren.value = setWith(loadingChildren.value, id, false);
    });
  childRequests.set(id, request);
  await request;
}

export async function expand(id: number) {
  expanded.value = setWith(expanded.value, id, true);
  await loadChildren(id);
}

export function collapse(id: number) {
  expanded.value = setWith(expanded.value, id, false);
}

export async function loadDetail(id: number, options: { force?: boolean } = {}): Promise<DepotDetail | ApiProblem> {
  const known = details.value.get(id);
  if (known && !(options.force && known instanceof api.ApiProblem)) return known;
  const running = detailRequests.get(id);
  if (running) return running;
  const request = api
    .depot(id)
    .catch((error: unknown) => toProblem(error))
    .then((result) => {
      details.value = new Map(details.value).set(id, result);
      detailRequests.delete(id);
      return result;
    });
  detailRequests.set(id, request);
  return request;
}

/** Opens the tree from the root down to a depot's parent, so the depot shows selected. */
export async function reveal(rootId: number, id: number) {
  await expand(rootId);
  if (id === rootId) return;
  const detail = await loadDetail(id);
  if (detail instanceof api.ApiProblem) return;
  const rootIndex = detail.ancestors.findIndex((a) => a.id === rootId);
  for (const ancestor of detail.ancestors.slice(rootIndex + 1)) await expand(ancestor.id);
}

onSessionEnd(() => {
  childrenOf.value = new Map();
  expanded.value = new Set();
  loadingChildren.value = new Set();
  childProblems.value = new Map();
  details.value = new Map();
  childRequests.clear();
  detailRequests.clear();
});
