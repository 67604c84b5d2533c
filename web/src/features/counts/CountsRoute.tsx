import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type CountsRouteOf = Extract<Route, { name: 'counts' | 'count' }>;

/** The stock-count screens (盘库), with their messages. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function CountsRoute({ route }: { route: CountsRouteOf }) {
  return <Screens render={(s) => (route.name === 'counts' ? <s.CountsScreen depotId={route.depotId} /> : <s.CountScreen countId={route.countId} sheet={route.query.get('sheet')} />)} />;
}
