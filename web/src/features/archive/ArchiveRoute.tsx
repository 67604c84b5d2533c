import type { Route } from '../../router.ts';
import { lazyScreens } from '../../components/lazy-screens.tsx';

export type ArchiveRouteOf = Extract<Route, { name: 'archive' | 'archiveDocument' }>;

/** The archive screens (the index of form 1.1, a document's scans, retention), with their messages and styles. */
const Screens = lazyScreens(() => import('./screens.ts'));

export function ArchiveRoute({ route }: { route: ArchiveRouteOf }) {
  return <Screens render={(s) => (route.name === 'archive' ? <s.ArchiveScreen depotId={route.depotId} query={route.query} /> : <s.DocumentScreen kind={route.kind} documentId={route.documentId} />)} />;
}
