import { lazyScreens } from '../../components/lazy-screens.tsx';

/** The dashboard (概览), with its messages. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function DashboardRoute({ depotId }: { depotId: number }) {
  return <Screens render={(s) => <s.DashboardScreen depotId={depotId} />} />;
}
