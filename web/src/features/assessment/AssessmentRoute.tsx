import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type AssessmentRouteOf = Extract<Route, { name: 'assessment' | 'assessmentRound' }>;

/** The assessment screens (rounds, rankings, sheets), with their messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function AssessmentRoute({ route }: { route: AssessmentRouteOf }) {
  return (
    <Screens
      render={(s) =>
        route.name === 'assessment' ? <s.AssessmentScreen depotId={route.depotId} /> : <s.RoundScreen roundId={route.roundId} tier={route.query.get('tier')} depotId={Number(route.query.get('depot')) || null} />
      }
    />
  );
}
