import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type ServiceDeskRouteOf = Extract<Route, { name: 'serviceDesk' | 'serviceRequest' }>;

/** The service desk's screens (requests, a request, the monthly summary), with their messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function ServiceDeskRoute({ route }: { route: ServiceDeskRouteOf }) {
  return <Screens render={(s) => (route.name === 'serviceDesk' ? <s.ServiceDeskScreen depotId={route.depotId} query={route.query} /> : <s.RequestScreen requestId={route.requestId} />)} />;
}
