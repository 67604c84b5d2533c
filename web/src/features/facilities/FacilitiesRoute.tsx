import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type FacilitiesRouteOf = Extract<Route, { name: 'facilities' | 'equipmentItem' }>;

/** The facilities screens (profile and gaps, equipment register, maintenance log), with their messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function FacilitiesRoute({ route }: { route: FacilitiesRouteOf }) {
  return <Screens render={(s) => (route.name === 'facilities' ? <s.FacilitiesScreen depotId={route.depotId} /> : <s.EquipmentScreen itemId={route.itemId} />)} />;
}
