import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type PlanningRouteOf = Extract<Route, { name: 'planning' | 'demandPlan' | 'allocationPlan' }>;

/** The planning screens (需求计划, 分配计划), with their messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function PlanningRoute({ route }: { route: PlanningRouteOf }) {
  return (
    <Screens
      render={(s) => {
        switch (route.name) {
          case 'planning':
            return <s.PlanningScreen depotId={route.depotId} year={route.query.get('year')} />;
          case 'demandPlan':
            return <s.DemandPlanScreen planId={route.planId} />;
          case 'allocationPlan':
            return <s.AllocationPlanScreen planId={route.planId} />;
        }
      }}
    />
  );
}
