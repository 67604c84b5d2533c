import { signal } from '@preact/signals';
import { toProblem, type ApiProblem } from '../api.ts';

export interface ResourceState<T> {
  key: string;
  data?: T;
  problem?: ApiProblem;
  loading: boolean;
}

/**
 * One remote read held in a signal. `load(params)` fetches unless the same params are loaded
 * or loading; the previous data stays visible (marked busy) until the new answer arrives, and
 * an answer to an older request never overwrites a newer one.
 */
export function createResource<P, T>(fetcher: (params: P) => Promise<T>) {
  const state = signal<ResourceState<T>>({ key: '', loading: false });
  let sequence = 0;

  async function load(params: P, options: { force?: boolean } = {}) {
    const key = JSON.stringify(params);
    const current = state.value;
    if (!options.force && current.key === key && (current.loading || current.data !== undefined)) return;
    const mine = ++sequence;
    state.value = { key, data: current.data, loading: true };
    try {
      const data = await fetcher(params);
      if (mine === sequence) state.value = { key, data, loading: false };
    } catch (error) {
      if (mine === sequence) state.value = { key, problem: toProblem(error), loading: false };
    }
  }

  function reset() {
    sequence++;
    state.value = { key: '', loading: false };
  }

  return { state, load, reset };
}

export type Resource<P, T> = ReturnType<typeof createResource<P, T>>;
