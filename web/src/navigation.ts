import type { DepotTier, Role } from '../../server/schemas/constants.ts';
import type { Me } from './api.ts';
import type { MessageKey } from './i18n/index.ts';
import { paths } from './router.ts';
import { dispensesAt } from './features/auth/session.ts';

/** The screens a depot's tabs lead to, in the order of the tab row. */
export type TabScreen = 'dashboard' | 'stock' | 'receipts' | 'transfers' | 'dispense' | 'labels' | 'climate' | 'quality' | 'counts' | 'planning' | 'reports' | 'users';

export interface Tab {
  screen: TabScreen;
  label: MessageKey;
  href: (depotId: number) => string;
}

export const TABS: readonly Tab[] = [
  { screen: 'dashboard', label: 'label.overview', href: paths.dashboard },
  { screen: 'stock', label: 'label.stockOnHand', href: (id) => paths.stock(id) },
  { screen: 'receipts', label: 'label.receipts', href: paths.receipts },
  { screen: 'transfers', label: 'label.transfers', href: paths.transfers },
  { screen: 'dispense', label: 'label.dispensing', href: paths.dispense },
  { screen: 'labels', label: 'label.labels', href: paths.labels },
  { screen: 'climate', label: 'label.climate', href: paths.climate },
  { screen: 'quality', label: 'label.quality', href: paths.quality },
  { screen: 'counts', label: 'label.stockCount', href: paths.counts },
  { screen: 'planning', label: 'label.planning', href: (id) => paths.planning(id) },
  { screen: 'reports', label: 'label.reports', href: (id) => paths.reports(id) },
  { screen: 'users', label: 'label.users', href: (id) => paths.users(id) },
];

/**
 * The tabs each role works in (the server's role checks, services/*): a user sees the tabs of all
 * their roles. A dispenser dispenses, receives what the depot above sends (receipts at township and
 * village depots, the incoming shipments under 调拨) and, at a township, enters the users by method
 * (计划); the rest of the tabs would only show what they may not change.
 */
const ROLE_TABS: Record<Role, readonly TabScreen[]> = {
  storekeeper: ['dashboard', 'stock', 'receipts', 'transfers', 'dispense', 'labels', 'climate', 'quality', 'counts', 'reports'],
  inspector: ['dashboard', 'stock', 'receipts', 'transfers', 'labels', 'climate', 'quality', 'counts', 'reports'],
  planner: ['dashboard', 'stock', 'receipts', 'transfers', 'dispense', 'labels', 'quality', 'counts', 'planning', 'reports'],
  leader: ['dashboard', 'stock', 'receipts', 'transfers', 'dispense', 'labels', 'climate', 'quality', 'counts', 'planning', 'reports'],
  finance: ['dashboard', 'stock', 'receipts', 'transfers', 'quality', 'counts', 'reports'],
  dispenser: ['stock', 'receipts', 'transfers', 'dispense', 'planning'],
  admin: ['dashboard', 'stock', 'reports', 'users'],
  // The county's technical service: its adverse-reaction screens come with them; until then what the depot holds.
  clinician: ['dashboard', 'stock', 'reports'],
};

/** Villages keep no store log (their supplies are in a dispensing box) and make no demand plan. */
const keepsStoreLog = (tier: DepotTier) => tier !== 'village';
const plansAt = (tier: DepotTier) => tier !== 'village';

/** What the tabs depend on of the depot shown: its tier and whether depots lie below it. */
export interface ShownDepot {
  tier: DepotTier;
  childCount: number;
}

/**
 * The tabs a user sees at a depot: those of their roles, where the depot has that work, and the
 * screen they are on (reached by a link). The overview is also everyone's at a depot with depots
 * below (the tree of their state).
 * Example: a village dispenser at their village sees 库存现况, 入库, 调拨 and 发放.
 */
export function visibleTabs(roles: readonly Role[], depot: ShownDepot | undefined, current?: TabScreen): Tab[] {
  const mine = new Set(roles.flatMap((r) => ROLE_TABS[r] ?? []));
  return TABS.filter((tab) => {
    if (tab.screen === current) return true;
    switch (tab.screen) {
      case 'dashboard':
        return mine.has('dashboard') || (depot?.childCount ?? 0) > 0;
      case 'dispense':
        return mine.has('dispense') && depot !== undefined && dispensesAt(depot.tier);
      case 'climate':
        return mine.has('climate') && (depot === undefined || keepsStoreLog(depot.tier));
      case 'planning':
        return mine.has('planning') && (depot === undefined || plansAt(depot.tier)) && (roles.some((r) => r === 'planner' || r === 'leader') || depot?.tier === 'township');
      default:
        return mine.has(tab.screen);
    }
  });
}

/**
 * Where a user's home (the app's start and its name in the header) leads: a dispenser whose roles
 * give no overview at a depot that dispenses goes straight to 发放; everyone else to the overview.
 */
export function homeOf(me: Pick<Me, 'user' | 'depot'>): string {
  const overview = visibleTabs(me.user.roles, me.depot).some((t) => t.screen === 'dashboard');
  if (!overview && me.user.roles.includes('dispenser') && dispensesAt(me.depot.tier)) return paths.dispense(me.depot.id);
  return paths.dashboard(me.depot.id);
}
