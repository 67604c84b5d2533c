import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type TrainingRouteOf = Extract<Route, { name: 'training' }>;

/** Trainings, public education, the cadence and new staff (S0:462-472), with their messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function TrainingRoute({ route }: { route: TrainingRouteOf }) {
  return <Screens render={(s) => <s.TrainingScreen depotId={route.depotId} query={route.query} />} />;
}
