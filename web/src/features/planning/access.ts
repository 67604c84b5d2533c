import { atOwnDepot, hasRole } from '../auth/session.ts';

/** Who acts on a depot's plans (the server's checks): its own planner or leader, at their own depot only. */
export const plannerAt = (depotId: number) => atOwnDepot(depotId) && hasRole('planner');
export const leaderAt = (depotId: number) => atOwnDepot(depotId) && hasRole('leader');
/** Users by method are entered by the township's planner, dispenser or leader. */
export const entersUsersAt = (depotId: number) => atOwnDepot(depotId) && (['planner', 'dispenser', 'leader'] as const).some((r) => hasRole(r));
