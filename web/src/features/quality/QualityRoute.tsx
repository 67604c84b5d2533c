import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type QualityRouteOf = Extract<Route, { name: 'quality' | 'writeOffNew' | 'writeOff' | 'trace' | 'productTrace' }>;

/** The non-conforming screens (expiry, holds and trace, write-offs), with their messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function QualityRoute({ route }: { route: QualityRouteOf }) {
  return (
    <Screens
      render={(s) => {
        switch (route.name) {
          case 'quality':
            return <s.QualityScreen depotId={route.depotId} />;
          case 'writeOffNew':
            return <s.WriteOffNewScreen depotId={route.depotId} />;
          case 'writeOff':
            return <s.WriteOffRoute writeOffId={route.writeOffId} form={route.query.get('form')} />;
          case 'trace':
            return <s.TraceScreen batchId={route.batchId} depotId={Number(route.query.get('depotId')) || undefined} />;
          case 'productTrace':
            return <s.ProductTraceScreen productId={route.productId} depotId={Number(route.query.get('depotId')) || undefined} />;
        }
      }}
    />
  );
}
