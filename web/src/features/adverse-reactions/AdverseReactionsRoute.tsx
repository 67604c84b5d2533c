import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type AdverseRouteOf = Extract<Route, { name: 'adverseReactions' | 'adverseReactionNew' | 'adverseReaction' | 'adverseSignal' }>;

/** The adverse-reaction screens (不良反应: form 11, the county's confirmation, lot signals), with their messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function AdverseReactionsRoute({ route }: { route: AdverseRouteOf }) {
  return (
    <Screens
      render={(s) => {
        switch (route.name) {
          case 'adverseReactions':
            return <s.AdverseReactionsScreen depotId={route.depotId} query={route.query} />;
          case 'adverseReactionNew':
            return <s.ReportFormScreen depotId={route.depotId} />;
          case 'adverseReaction':
            return <s.AdverseReactionScreen reportId={route.reportId} />;
          case 'adverseSignal':
            return <s.SignalScreen signalId={route.signalId} />;
        }
      }}
    />
  );
}
