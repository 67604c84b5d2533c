import { ACTIVE_STATUSES, type FollowUpOutcome, type PersonStatus } from '../../../../server/domain/people-vocabulary.ts';
import type { ProductClass } from '../../../../server/schemas/constants.ts';
import { t } from './i18n.ts';

export const methodName = (method: ProductClass | null) => (method ? t(`productClass.${method}`) : '');
export const statusName = (status: PersonStatus) => t(`personStatus.${status}`);
export const outcomeName = (outcome: FollowUpOutcome) => t(`followUpOutcome.${outcome}`);

/** The badge colour of a status: users green, a stop or move grey. */
export const STATUS_CLASS: Record<PersonStatus, string> = {
  using: 'status-received',
  switched: 'status-approved',
  stopped: 'status-cancelled-soft',
  moved_away: 'status-cancelled-soft',
};

/** The methods a person can be registered for: every product class of the catalogue. */
export { PRODUCT_CLASSES as METHODS } from '../../../../server/schemas/constants.ts';

/** Using a method or switched to one: a user (使用人数), followed up. */
export const isActiveStatus = (status: PersonStatus) => ACTIVE_STATUSES.includes(status);
