import type { Role } from '../../../../server/schemas/constants.ts';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';

/**
 * Who may do what on the non-conforming screens, as the server checks it (services/expiry.ts,
 * holds.ts, write-offs.ts): always at the user's own depot, except that the depot above decides
 * a write-off.
 */
const any = (roles: readonly Role[]) => roles.some((r) => hasRole(r));
const at = (depotId: number, roles: readonly Role[]) => atOwnDepot(depotId) && any(roles);

export const sweepsExpiry = (depotId: number) => at(depotId, ['storekeeper', 'inspector']);
export const holdsLots = (depotId: number) => at(depotId, ['inspector', 'leader']);
export const requestsWriteOff = (depotId: number) => at(depotId, ['inspector', 'planner', 'storekeeper']);
/** Withdraw a pending request, record the disposal of an approved one. */
export const handlesWriteOff = (depotId: number) => at(depotId, ['inspector', 'planner', 'storekeeper', 'leader']);
export const decidesWriteOff = (approvalDepotId: number) => at(approvalDepotId, ['leader', 'planner']);
export const myUserId = () => session.value?.user.id;
