import { useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import type { Route } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';

type Screens = typeof import('./screens.ts');
export type PlanningRouteOf = Extract<Route, { name: 'planning' | 'demandPlan' | 'allocationPlan' }>;

let screens: Screens | null = null;
let loading: Promise<Screens> | null = null;

/** The planning screens (需求计划, 分配计划) are a chunk of their own, with their messages and styles. */
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

export function PlanningRoute({ route }: { route: PlanningRouteOf }) {
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
    case 'planning':
      return <loaded.PlanningScreen depotId={route.depotId} year={route.query.get('year')} />;
    case 'demandPlan':
      return <loaded.DemandPlanScreen planId={route.planId} />;
    case 'allocationPlan':
      return <loaded.AllocationPlanScreen planId={route.planId} />;
  }
}
