import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type PeopleRouteOf = Extract<Route, { name: 'people' | 'person' | 'followUps' | 'peopleReports' }>;

/** The users register's screens (花名册, 随访, the people's forms), with their messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function PeopleRoute({ route }: { route: PeopleRouteOf }) {
  return (
    <Screens
      render={(s) => {
        switch (route.name) {
          case 'people':
            return <s.PeopleScreen depotId={route.depotId} query={route.query} />;
          case 'person':
            return <s.PersonScreen personId={route.personId} />;
          case 'followUps':
            return <s.FollowUpsScreen depotId={route.depotId} query={route.query} />;
          case 'peopleReports':
            return <s.PeopleReportsScreen depotId={route.depotId} query={route.query} />;
        }
      }}
    />
  );
}
