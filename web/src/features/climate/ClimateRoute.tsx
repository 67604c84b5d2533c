import { useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import type { Route } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';

type Screens = typeof import('./screens.ts');
export type ClimateRouteOf = Extract<Route, { name: 'climate' | 'climateArea' | 'climateRecord' }>;

let screens: Screens | null = null;
let loading: Promise<Screens> | null = null;

/** The climate screens are a chunk of their own (with their messages; the chart's uPlot is another). */
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

export function ClimateRoute({ route }: { route: ClimateRouteOf }) {
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
  switch (route.name) {
    case 'climate':
      return <loaded.ClimateScreen depotId={route.depotId} />;
    case 'climateArea':
      return <loaded.AreaScreen areaId={route.areaId} />;
    case 'climateRecord':
      return <loaded.RecordScreen areaId={route.areaId} month={route.query.get('month')} />;
  }
}
