import { lazyScreens } from '../../components/lazy-screens.tsx';

/** The reversal requests screen (冲销申请), loaded on first use. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function ReversalsRoute({ depotId }: { depotId: number }) {
  return <Screens render={(s) => <s.ReversalsScreen depotId={depotId} />} />;
}
