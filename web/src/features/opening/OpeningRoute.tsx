import { lazyScreens } from '../../components/lazy-screens.tsx';

/** The opening stock screen (期初库存), loaded on first use. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function OpeningRoute({ depotId }: { depotId: number }) {
  return <Screens render={(s) => <s.OpeningScreen depotId={depotId} />} />;
}
