/**
 * The users register's own words (花名册, S0:316, 513), kept apart from everything so that both
 * the tables (db/schema/people.ts) and the rules import them without an arrow pointing up.
 */

/**
 * Where a person stands with their method: `using` it, `switched` to another (still a user, of
 * the new method), `stopped` (with a reason), `moved_away` (迁出). Only using and switched count
 * as users (使用人数).
 */
export const PERSON_STATUSES = ['using', 'switched', 'stopped', 'moved_away'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];
export const ACTIVE_STATUSES: readonly PersonStatus[] = ['using', 'switched'];

/** What a follow-up visit (随访, form 8.1) found. */
export const FOLLOW_UP_OUTCOMES = ['continuing', 'side_effects', 'switched', 'stopped'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/** What wrote a line of a person's history. */
export const PERSON_EVENT_SOURCES = ['register', 'status_change', 'follow_up'] as const;
export type PersonEventSource = (typeof PERSON_EVENT_SOURCES)[number];
