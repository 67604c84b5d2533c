import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type SupervisionRouteOf = Extract<Route, { name: 'supervision' | 'supervisionVisit' }>;

/** The supervision screens (visits, checklist, corrective actions), with their messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function SupervisionRoute({ route }: { route: SupervisionRouteOf }) {
  return <Screens render={(s) => (route.name === 'supervision' ? <s.SupervisionScreen depotId={route.depotId} /> : <s.VisitScreen visitId={route.visitId} />)} />;
}
