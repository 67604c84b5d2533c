import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type ReportsRouteOf = Extract<Route, { name: 'reports' }>;

/** The reports screen (报表), with its messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

/** The reports tab: the report sheets, or with `view=submissions` the reports sent up and received (逐级上报). */
export function ReportsRoute({ route }: { route: ReportsRouteOf }) {
  if (route.query.get('view') === 'submissions') return <Screens render={(s) => <s.SubmissionsScreen depotId={route.depotId} query={route.query} />} />;
  return (
    <Screens
      render={(s) => (
        <>
          <s.SubmissionsLink depotId={route.depotId} />
          <s.ReportsScreen depotId={route.depotId} query={route.query} />
        </>
      )}
    />
  );
}
