import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../api.ts';

/**
 * A screen's read from the server, made when `deps` change: the data once it came, the refusal
 * to show with a retry (`reload`), and `state` for the screen's data-state (ready, error,
 * loading). The previous data stays on screen while a reload runs.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const reload = () => {
    setProblem(null);
    load().then(setData, (e: unknown) => setProblem(toProblem(e)));
  };
  useEffect(reload, deps);
  return { data, problem, reload, state: data ? 'ready' : problem ? 'error' : 'loading' };
}
