import { useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import type { Route } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';

type Screens = typeof import('./screens.ts');
export type CountsRouteOf = Extract<Route, { name: 'counts' | 'count' }>;

let screens: Screens | null = null;
let loading: Promise<Screens> | null = null;

/** The stock-count screens (盘库) are a chunk of their own, with their messages. */
function loadScreens(): Promise<Screens> {
  loading ??= import('./screens.ts').then(
    (m) => (screens = m),
    (error: unknown) => {
      loading = null;
      throw new ApiProblem('network_error', 0, error instanceof Error ? error.message : String(error));
    },
  );
  return loading;
}

export function CountsRoute({ route }: { route: CountsRouteOf }) {
  const [loaded, setLoaded] = useState(screens);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    loadScreens().then(setLoaded, (e: ApiProblem) => setProblem(e));
  };
  useEffect(() => {
    if (!loaded) load();
  }, []);

  if (!loaded) return problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('label.loading')}</p>;
  return route.name === 'counts' ? <loaded.CountsScreen depotId={route.depotId} /> : <loaded.CountScreen countId={route.countId} sheet={route.query.get('sheet')} />;
}
