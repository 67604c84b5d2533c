import { atOwnDepot, hasRole } from '../auth/session.ts';

/** Who keeps a depot's climate log (the server's KEEPERS): at their own depot only. */
export const keepsClimate = (depotId: number) => atOwnDepot(depotId) && (['storekeeper', 'inspector', 'leader', 'admin'] as const).some((role) => hasRole(role));
