import type { Role } from '../../../../server/schemas/constants.ts';
import { atOwnDepot, dispensesAt, hasRole, session } from '../auth/session.ts';

/**
 * Who may do what on the adverse-reaction screens, as the server checks it
 * (server/services/adverse-reactions.ts): the village and township dispensers file, the county's
 * clinician confirms, a clinician or leader of that county sends the case report, the region's
 * inspector or leader holds a signalled lot.
 */
const any = (roles: readonly Role[]) => roles.some((r) => hasRole(r));
const atMyDepot = (depotId: number | null) => depotId !== null && session.value?.depot.id === depotId;

/** File form 11 at this depot: its dispenser, at a village or township (S0:436). */
export const filesReports = (depotId: number) => atOwnDepot(depotId) && hasRole('dispenser') && session.value !== null && dispensesAt(session.value.depot.tier);
/** Confirm (or not) a serious reaction: a clinician of the county above the reporting depot (S0:438). */
export const confirms = (report: { countyId: number | null }) => atMyDepot(report.countyId) && hasRole('clinician');
/** Send the case report to the region: a clinician or leader of that county. */
export const submitsCase = (report: { countyId: number | null }) => atMyDepot(report.countyId) && any(['clinician', 'leader']);
/** Hold a signalled lot at every depot: an inspector or leader of the depot told (the region). */
export const holdsSignalLot = (signal: { depotId: number }) => atMyDepot(signal.depotId) && any(['inspector', 'leader']);
/** Lot signals are raised at the region; only its users read them. */
export const readsSignals = () => session.value?.depot.tier === 'region';
