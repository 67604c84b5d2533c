import { hasRole, session } from '../auth/session.ts';

/** Who sets the CYP factors (the server's updateProductFactors): an admin, planner or leader of the region depot. */
export const setsCypFactors = () => session.value?.depot.parentId === null && (['admin', 'planner', 'leader'] as const).some((r) => hasRole(r));
