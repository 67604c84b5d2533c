import { atOwnDepot, hasRole } from '../auth/session.ts';
import type { Role } from '../../../../server/schemas/constants.ts';

/** The server's rules for counts (services/stock-counts.ts): at one's own depot, by role. */
const at = (depotId: number, ...roles: Role[]) => atOwnDepot(depotId) && roles.some(hasRole);

/** Start or cancel a count. */
export const mayStart = (depotId: number) => at(depotId, 'storekeeper', 'leader');
/** Record counted figures. */
export const mayCount = (depotId: number) => at(depotId, 'storekeeper', 'inspector');
/** Sign the count sheet (S0:415). */
export const maySubmit = (depotId: number) => at(depotId, 'storekeeper');
/** Approve the variances or return the count. */
export const mayDecide = (depotId: number) => at(depotId, 'leader');
