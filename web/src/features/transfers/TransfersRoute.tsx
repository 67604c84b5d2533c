import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type TransfersRouteOf = Extract<Route, { name: 'transfers' | 'transfer' }>;

/** The transfer orders and their picking, issue and receipt (调拨). */
const Screens = lazyScreens(() => import('./screens.ts'));

export function TransfersRoute({ route }: { route: TransfersRouteOf }) {
  return <Screens render={(s) => (route.name === 'transfers' ? <s.TransfersScreen depotId={route.depotId} /> : <s.TransferOrderScreen orderId={route.orderId} />)} />;
}
