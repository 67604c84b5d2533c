import type { DepotTier, ProductClass, Role } from '../schemas/constants.ts';
import { DomainError } from './errors.ts';
import { ACTIVE_STATUSES, type PersonStatus } from './people-vocabulary.ts';

export * from './people-vocabulary.ts';

/**
 * A pseudonymous case number: the registering depot's code and its own sequence, nothing of the
 * person. Example: the 7th person of 王太村委会 (640121100200) is 640121100200-0007.
 */
export const caseNumberOf = (depotCode: string, seq: number) => `${depotCode}-${String(seq).padStart(4, '0')}`;

/**
 * Where names are (PIPL: keep it where it is used; issue 20 item 4): a person's name, birth and
 * contact are seen at the depot that registered them and at the township directly above a
 * village, by the roles that serve people (`personalDataRoles`: dispenser, leader). Everyone else
 * who may read the depot sees counts and case numbers.
 */
export function seesPersonalData(
  actor: { depotId: number; roles: readonly Role[] },
  registeredAt: { id: number; parentId: number | null; tier: DepotTier; parentTier: DepotTier | null },
  personalDataRoles: readonly Role[],
): boolean {
  if (!actor.roles.some((r) => personalDataRoles.includes(r))) return false;
  if (actor.depotId === registeredAt.id) return true;
  return registeredAt.tier === 'village' && registeredAt.parentTier === 'township' && actor.depotId === registeredAt.parentId;
}

export const isActiveStatus = (status: PersonStatus) => ACTIVE_STATUSES.includes(status);

export interface RegistrationInput {
  name: string;
  birthYearMonth: string;
  method: ProductClass;
  methodSince: string;
  consent: boolean;
  consentOn: string;
}

/**
 * A person is registered only at a depot that keeps a register (villages and townships), with
 * their consent and its date (PIPL art. 29: separate consent for sensitive personal data), and
 * with no date after today. Born in the future or after the method started is a typing error.
 */
export function validateRegistration(tier: DepotTier, input: RegistrationInput, today: string, registerTiers: readonly DepotTier[]): void {
  if (!registerTiers.includes(tier)) throw new DomainError('register_not_here', `A ${tier} depot keeps no users register: people are registered where they are served (village, township)`);
  if (!input.consent) throw new DomainError('consent_required', 'Record the person’s consent and its date before registering them');
  assertNotAfter(today, { consentOn: input.consentOn, methodSince: input.methodSince });
  if (input.birthYearMonth > today.slice(0, 7)) throw new DomainError('date_in_future', 'The birth month is after today', undefined, [{ path: 'birthYearMonth', message: 'after today' }]);
  if (input.birthYearMonth > input.methodSince.slice(0, 7)) throw new DomainError('validation_failed', 'The method cannot start before birth', undefined, [{ path: 'methodSince', message: 'before the birth month' }]);
}

/** Refuses a date after today (422 date_in_future), naming the field. */
export function assertNotAfter(today: string, dates: Record<string, string>): void {
  for (const [path, date] of Object.entries(dates)) {
    if (date > today) throw new DomainError('date_in_future', `${path} ${date} is after today (${today})`, undefined, [{ path, message: 'after today' }]);
  }
}

export interface PersonState {
  status: PersonStatus;
  method: ProductClass | null;
}

export interface PersonEventLike extends PersonState {
  id: number;
  on: string;
}

/**
 * A person's place in the register on a date: their last recorded change on or before it (by
 * date, then by the order recorded); null before their registration took effect.
 */
export function stateOn(events: readonly PersonEventLike[], date: string): PersonState | null {
  let last: PersonEventLike | null = null;
  for (const e of events) {
    if (e.on > date) continue;
    if (!last || e.on > last.on || (e.on === last.on && e.id > last.id)) last = e;
  }
  return last && { status: last.status, method: last.method };
}

/**
 * 使用人数 by method from the register on a date (S0:372): people whose state on that date is
 * using or switched (to the method they use now). Example: A registered on pills 2026-01-10, B on
 * an IUD 2026-03-01 who stopped 2026-06-20, C on pills 2026-07-02: on 2026-06-30 one pill user; on
 * 2026-12-31 two pill users.
 */
export function activeByMethod(histories: readonly (readonly PersonEventLike[])[], date: string): Map<ProductClass, number> {
  const out = new Map<ProductClass, number>();
  for (const events of histories) {
    const s = stateOn(events, date);
    if (s && s.method && isActiveStatus(s.status)) out.set(s.method, (out.get(s.method) ?? 0) + 1);
  }
  return out;
}

export type StatusChange =
  | { status: 'using'; method: ProductClass; on: string }
  | { status: 'switched'; method: ProductClass; on: string }
  | { status: 'stopped'; reason: string; on: string }
  | { status: 'moved_away'; on: string; reason?: string };

/**
 * A change of status or method: recorded in order (never dated before the person's last change,
 * nor after today), on an open record; switching needs another method, using again a person who
 * is not a user now.
 */
export function validateStatusChange(person: { status: PersonStatus; method: ProductClass; closedAt: string | null; lastChangeOn: string }, change: StatusChange, today: string): void {
  if (person.closedAt) throw new DomainError('person_closed', 'The record is closed');
  assertNotAfter(today, { on: change.on });
  if (change.on < person.lastChangeOn) throw new DomainError('date_before_last_change', `The register already has a change on ${person.lastChangeOn}; a change is recorded on that day or later`, { lastChangeOn: person.lastChangeOn });
  if (change.status === 'switched' && change.method === person.method && isActiveStatus(person.status)) throw new DomainError('method_unchanged', `The person already uses ${change.method}`);
  if (change.status === 'using' && isActiveStatus(person.status)) throw new DomainError('method_unchanged', 'The person is already a user; record a switch to change the method');
  if (!isActiveStatus(person.status) && change.status !== 'using') throw new DomainError('person_not_using', `The person’s status is ${person.status}: record that they use a method again first`);
}

/** A record is closed only once the person no longer uses a method (stopped or moved away), so that no user is lost from the counts. */
export function validateClose(person: { status: PersonStatus; closedAt: string | null }): void {
  if (person.closedAt) throw new DomainError('person_closed', 'The record is already closed');
  if (isActiveStatus(person.status)) throw new DomainError('person_still_using', 'Record that the person stopped or moved away before closing the record');
}

/**
 * Whether a dispensing must name a registered person: where the depot keeps a register, for the
 * methods that need one (pills, injections, IUD, implant by default), except the products that
 * stay anonymous (emergency pills). Condoms and other self-service supplies never need one.
 */
export function needsPerson(product: { code: string; productClass: ProductClass }, keepsRegister: boolean, rule: { personRequiredMethods: readonly ProductClass[]; anonymousProducts: readonly string[] }): boolean {
  return keepsRegister && rule.personRequiredMethods.includes(product.productClass) && !rule.anonymousProducts.includes(product.code);
}

/**
 * A dispensing names a person served here: registered at this depot, or at a village of this
 * township; never a closed record.
 */
export function validatePersonForDispensing(person: { depotId: number; parentId: number | null; closedAt: string | null; caseNumber: string }, depotId: number): void {
  if (person.depotId !== depotId && person.parentId !== depotId) throw new DomainError('person_not_here', `${person.caseNumber} is registered elsewhere: dispense to people of this depot (or of its villages)`, { caseNumber: person.caseNumber });
  if (person.closedAt) throw new DomainError('person_closed', `The record of ${person.caseNumber} is closed`, { caseNumber: person.caseNumber });
}
