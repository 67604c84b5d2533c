import { t, type MessageKey } from '../i18n/index.ts';
import { route, type Route } from '../router.ts';
import { focusScreen, screenHeading } from './focus.ts';

const SCREEN_NAMES: Record<Route['name'], MessageKey> = {
  home: 'label.overview',
  dashboard: 'label.overview',
  stock: 'label.stockOnHand',
  card: 'label.stockCard',
  reversals: 'screen.reversals',
  opening: 'screen.opening',
  users: 'label.users',
  receipts: 'label.receipts',
  receipt: 'screen.receipt',
  transfers: 'label.transfers',
  transfer: 'label.transferOrder',
  dispense: 'label.dispensing',
  labels: 'label.labels',
  climate: 'label.climate',
  climateArea: 'screen.storageArea',
  climateRecord: 'screen.climateRecord',
  quality: 'label.quality',
  writeOffNew: 'screen.writeOffNew',
  writeOff: 'screen.writeOff',
  trace: 'label.trace',
  productTrace: 'label.productTrace',
  counts: 'label.stockCount',
  count: 'screen.count',
  planning: 'label.planning',
  demandPlan: 'screen.demandPlan',
  allocationPlan: 'screen.allocationPlan',
  reports: 'label.reports',
  people: 'label.people',
  person: 'label.personRecord',
  followUps: 'label.followUps',
  peopleReports: 'label.peopleReports',
  adverseReactions: 'label.adverseReactions',
  adverseReactionNew: 'screen.adverseReactionNew',
  adverseReaction: 'screen.adverseReaction',
  adverseSignal: 'screen.adverseSignal',
  supervision: 'label.supervision',
  supervisionVisit: 'label.supervision',
  serviceDesk: 'label.serviceDesk',
  serviceRequest: 'label.serviceDesk',
  training: 'label.training',
  archive: 'label.archive',
  facilities: 'label.facilities',
  equipmentItem: 'label.facilities',
  archiveDocument: 'label.archive',
  assessment: 'label.assessment',
  assessmentRound: 'label.assessment',
  notFound: 'label.notFound',
};

/** The window's title names the screen, in the UI's language (WCAG 2.4.2): "库存现况 · 计划生育药具管理系统". */
export function screenTitle(screen: Route['name'] | 'login'): string {
  return `${t(screen === 'login' ? 'label.signIn' : SCREEN_NAMES[screen])} · ${t('app.name')}`;
}

/** How long a screen may take to show its heading (a document read from the server) before the focus gives up on it. */
const HEADING_WAIT_MS = 10_000;

/**
 * On every route change the focus goes to the new screen's heading, as a page load would take
 * it to the top (WCAG 2.4.3): otherwise it stays on the link just followed, or falls to the
 * body, and a screen reader says nothing of the new screen. The heading of a document screen
 * appears once the document has arrived, so it is waited for. A screen that has taken the focus
 * itself meanwhile (a scan field) keeps it; a change of the query alone (a filter) moves nothing.
 * Returns the unsubscribe.
 */
export function focusHeadingOnRouteChange(main: () => HTMLElement | null): () => void {
  let shown: string | undefined;
  let stop = () => {};
  const unsubscribe = route.subscribe((current) => {
    // `#/` is sent on to the user's overview at once: that one is the page's first screen.
    if (current.name === 'home') return;
    // A filter or a page of the same screen changes only the query: the focus stays on that control.
    const screen = JSON.stringify({ ...current, query: undefined });
    const first = shown === undefined;
    if (screen === shown) return;
    shown = screen;
    stop();
    // The first screen of a page load: the browser has put the focus at the top, before the skip link.
    if (first) return;
    const before = document.activeElement;
    const root = main();
    if (!root) return;
    // Taken from the link just followed, the body, or a button outside the screen (the drawer's menu button), never from a field in use.
    const mayMove = () => {
      const active = document.activeElement;
      return !active || active === document.body || active === before || !(root.contains(active) || active.matches('input, select, textarea'));
    };
    // The old screen's heading is still there until the new screen renders: look only after that.
    let observer: MutationObserver | undefined;
    const timers = [
      setTimeout(() => {
        const found = () => {
          const heading = screenHeading(root);
          if (!heading) return false;
          if (mayMove()) heading.focus();
          stop();
          return true;
        };
        if (found()) return;
        observer = new MutationObserver(() => void found());
        observer.observe(root, { childList: true, subtree: true });
      }),
      setTimeout(() => {
        stop();
        if (mayMove()) focusScreen(root);
      }, HEADING_WAIT_MS),
    ];
    stop = () => {
      timers.forEach(clearTimeout);
      observer?.disconnect();
    };
  });
  return () => {
    stop();
    unsubscribe();
  };
}
