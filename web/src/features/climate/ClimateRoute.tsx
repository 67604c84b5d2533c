import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type ClimateRouteOf = Extract<Route, { name: 'climate' | 'climateArea' | 'climateRecord' }>;

/** The climate screens, with their messages (the chart's uPlot is a chunk of its own again). */
const Screens = lazyScreens(() => import('./screens.ts'));

export function ClimateRoute({ route }: { route: ClimateRouteOf }) {
  return (
    <Screens
      render={(s) => {
        switch (route.name) {
          case 'climate':
            return <s.ClimateScreen depotId={route.depotId} />;
          case 'climateArea':
            return <s.AreaScreen areaId={route.areaId} />;
          case 'climateRecord':
            return <s.RecordScreen areaId={route.areaId} month={route.query.get('month')} />;
        }
      }}
    />
  );
}
