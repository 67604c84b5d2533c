import type { DepotTier } from '../../../../server/schemas/constants.ts';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';

/**
 * Who may do what on the users register, as the server checks it (services/people.ts,
 * docs/people.md): writes only at the depot that registered the person, by its dispenser
 * (closing also by its leader); the export with names only by a leader of the depot that keeps
 * the register or of the township above a village. Who sees names the server decides per row
 * (`personal: null` elsewhere); the screens follow what it sends.
 */
export const keepsRegister = (tier: DepotTier | undefined) => tier === 'village' || tier === 'township';

/** Register a person, change their status, record a follow-up. */
export const writesRegister = (depotId: number) => atOwnDepot(depotId) && hasRole('dispenser') && keepsRegister(session.value?.depot.tier);
/** Close a record of someone who stopped or moved away. */
export const closesRecord = (depotId: number) => atOwnDepot(depotId) && (hasRole('dispenser') || hasRole('leader'));
/** The XLSX of form 8.2 with names: a leader of a village or township, for their depot or a village below their township. */
export const exportsRegister = (depotId: number) => hasRole('leader') && keepsRegister(session.value?.depot.tier) && (atOwnDepot(depotId) || session.value?.depot.tier === 'township');
