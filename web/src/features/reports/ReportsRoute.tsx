import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type ReportsRouteOf = Extract<Route, { name: 'reports' }>;

/** The reports screen (报表), with its messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function ReportsRoute({ route }: { route: ReportsRouteOf }) {
  return <Screens render={(s) => <s.ReportsScreen depotId={route.depotId} query={route.query} />} />;
}
