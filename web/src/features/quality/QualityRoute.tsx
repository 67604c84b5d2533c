import { useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import type { Route } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';

type Screens = typeof import('./screens.ts');
export type QualityRouteOf = Extract<Route, { name: 'quality' | 'writeOffNew' | 'writeOff' | 'trace' }>;

let screens: Screens | null = null;
let loading: Promise<Screens> | null = null;

/** The non-conforming screens (expiry, holds and trace, write-offs) are a chunk of their own, with their messages and styles. */
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

export function QualityRoute({ route }: { route: QualityRouteOf }) {
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
    case 'quality':
      return <loaded.QualityScreen depotId={route.depotId} />;
    case 'writeOffNew':
      return <loaded.WriteOffNewScreen depotId={route.depotId} />;
    case 'writeOff':
      return <loaded.WriteOffRoute writeOffId={route.writeOffId} form={route.query.get('form')} />;
    case 'trace':
      return <loaded.TraceScreen batchId={route.batchId} depotId={Number(route.query.get('depotId')) || undefined} />;
  }
}
