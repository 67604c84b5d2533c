import type { DepotTier, Role } from '../../server/schemas/constants.ts';
import type { Me } from './api.ts';
import type { MessageKey } from './i18n/index.ts';
import { paths } from './router.ts';
import { dispensesAt } from './features/auth/session.ts';

/** The screens a depot's tabs lead to, in the order of the tab row. */
export type TabScreen = 'dashboard' | 'stock' | 'receipts' | 'transfers' | 'dispense' | 'people' | 'followUps' | 'labels' | 'climate' | 'quality' | 'counts' | 'planning' | 'reports' | 'users' | 'adverseReactions' | 'supervision' | 'assessment' | 'serviceDesk' | 'archive' | 'facilities' | 'training';

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
  { screen: 'people', label: 'label.people', href: (id) => paths.people(id) },
  { screen: 'followUps', label: 'label.followUps', href: (id) => paths.followUps(id) },
  { screen: 'labels', label: 'label.labels', href: paths.labels },
  { screen: 'climate', label: 'label.climate', href: paths.climate },
  { screen: 'quality', label: 'label.quality', href: paths.quality },
  { screen: 'counts', label: 'label.stockCount', href: paths.counts },
  { screen: 'planning', label: 'label.planning', href: (id) => paths.planning(id) },
  { screen: 'reports', label: 'label.reports', href: (id) => paths.reports(id) },
  { screen: 'adverseReactions', label: 'label.adverseReactions', href: (id) => paths.adverseReactions(id) },
  { screen: 'supervision', label: 'label.supervision', href: paths.supervision },
  { screen: 'assessment', label: 'label.assessment', href: paths.assessment },
  { screen: 'serviceDesk', label: 'label.serviceDesk', href: (id) => paths.serviceDesk(id) },
  { screen: 'training', label: 'label.training', href: (id) => paths.training(id) },
  { screen: 'archive', label: 'label.archive', href: (id) => paths.archive(id) },
  { screen: 'facilities', label: 'label.facilities', href: paths.facilities },
  { screen: 'users', label: 'label.users', href: (id) => paths.users(id) },
];

/**
 * The tabs each role works in (the server's role checks, services/*): a user sees the tabs of all
 * their roles. A dispenser dispenses, receives what the depot above sends (receipts at township and
 * village depots, the incoming shipments under 调拨), keeps the users register and follows people up
 * (花名册, 随访) and, at a township, enters the users by method (计划); leaders and planners above read
 * the register's case numbers and counts. The rest of the tabs would only show what they may not change.
 */
const ROLE_TABS: Record<Role, readonly TabScreen[]> = {
  storekeeper: ['dashboard', 'stock', 'receipts', 'transfers', 'dispense', 'labels', 'climate', 'quality', 'counts', 'reports', 'archive', 'serviceDesk', 'facilities'],
  inspector: ['dashboard', 'stock', 'receipts', 'transfers', 'labels', 'climate', 'quality', 'counts', 'reports', 'adverseReactions', 'supervision', 'archive', 'serviceDesk', 'facilities'],
  planner: ['dashboard', 'stock', 'receipts', 'transfers', 'dispense', 'people', 'labels', 'quality', 'counts', 'planning', 'reports', 'supervision', 'archive', 'serviceDesk', 'facilities', 'training'],
  leader: ['dashboard', 'stock', 'receipts', 'transfers', 'dispense', 'people', 'followUps', 'labels', 'climate', 'quality', 'counts', 'planning', 'reports', 'adverseReactions', 'supervision', 'assessment', 'archive', 'serviceDesk', 'facilities', 'training'],
  finance: ['dashboard', 'stock', 'receipts', 'transfers', 'quality', 'counts', 'reports', 'archive', 'serviceDesk', 'facilities'],
  dispenser: ['stock', 'receipts', 'transfers', 'dispense', 'people', 'followUps', 'planning', 'adverseReactions', 'archive', 'serviceDesk', 'training', 'facilities'],
  admin: ['dashboard', 'stock', 'reports', 'users', 'facilities', 'training'],
  // The county's technical service: what the depot holds, and the serious adverse reactions it confirms.
  clinician: ['dashboard', 'stock', 'reports', 'adverseReactions'],
};

/**
 * Where each role works on adverse reactions (server/services/adverse-reactions.ts): the village and
 * township dispensers file them, the county's clinician confirms and, with the county's leader,
 * sends the serious ones to the region, whose inspector and leader act on lot signals.
 */
const ADVERSE_TIERS: Partial<Record<Role, readonly DepotTier[]>> = {
  dispenser: ['township', 'village'],
  clinician: ['county'],
  leader: ['county', 'region'],
  inspector: ['region'],
};
const worksOnAdverseReactions = (roles: readonly Role[], tier: DepotTier) => roles.some((r) => ADVERSE_TIERS[r]?.includes(tier));

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
 * Example: a village dispenser at their village sees 库存现况, 入库, 调拨, 发放, 花名册 and 随访 (and 不良反应).
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
      // The follow-ups are the work of the depots that keep a register; above them, their counts are in the 随访汇总表.
      case 'followUps':
        return mine.has('followUps') && depot !== undefined && dispensesAt(depot.tier);
      case 'adverseReactions':
        return mine.has('adverseReactions') && depot !== undefined && worksOnAdverseReactions(roles, depot.tier);
      // Leaders above the villages run the yearly assessment of the depots below (S0:488).
      case 'assessment':
        return mine.has('assessment') && (depot === undefined || depot.tier !== 'village');
      // Villages hold no training nor public education of their own (S0:467-471).
      case 'training':
        return mine.has('training') && (depot === undefined || depot.tier !== 'village');
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
