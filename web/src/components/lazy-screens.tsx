import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../api.ts';
import { t } from '../i18n/index.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

/**
 * A feature's screens as a chunk of their own (with their messages and styles), loaded the first
 * time one is shown: the main bundle stays small. A failed load can be retried.
 */
export function lazyScreens<S>(load: () => Promise<S>) {
  let screens: S | null = null;
  let loading: Promise<S> | null = null;
  const get = () =>
    (loading ??= load().then(
      (m) => (screens = m),
      (error: unknown) => {
        loading = null;
        throw new ApiProblem('network_error', 0, error instanceof Error ? error.message : String(error));
      },
    ));

  return function LazyScreens({ render }: { render: (screens: S) => JSX.Element }) {
    const [loaded, setLoaded] = useState(screens);
    const [problem, setProblem] = useState<ApiProblem | null>(null);
    const retry = () => {
      setProblem(null);
      get().then(setLoaded, (e: ApiProblem) => setProblem(e));
    };
    useEffect(() => {
      if (!loaded) retry();
    }, []);
    if (!loaded) return problem ? <ProblemMessage problem={problem} onRetry={retry} /> : <p class="note">{t('label.loading')}</p>;
    return render(loaded);
  };
}
