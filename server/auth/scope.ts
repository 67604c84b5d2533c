import { DomainError } from '../domain/errors.ts';
import type { Role } from '../schemas/constants.ts';

/** Who is acting, as the auth middleware resolved it from the session. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  depotId: number;
  depotPath: string;
  roles: readonly Role[];
  /** Roles held but not yet active: a new user not yet trained (S0:466). `roles` is then empty. */
  inactiveRoles?: readonly Role[];
}

interface Placed {
  id: number;
  path: string;
}

/** A user reads its own depot and every depot below it (S0:444). */
export function canRead(actor: Actor, depot: Placed): boolean {
  return depot.path.startsWith(actor.depotPath);
}

/** A user writes only at its own depot. */
export function canWriteAt(actor: Actor, depot: Placed): boolean {
  return depot.id === actor.depotId;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}

export function assertCanRead(actor: Actor, depot: Placed): void {
  if (!canRead(actor, depot)) throw new DomainError('out_of_scope', 'This depot is outside your jurisdiction', { depotId: depot.id });
}

export function assertCanWriteAt(actor: Actor, depot: Placed, ...roles: Role[]): void {
  if (!canWriteAt(actor, depot)) {
    throw new DomainError('out_of_scope', 'You can write only at your own depot', { depotId: depot.id });
  }
  assertRole(actor, ...roles);
}

export function assertRole(actor: Actor, ...roles: Role[]): void {
  if (roles.length > 0 && !hasRole(actor, ...roles)) {
    if (actor.inactiveRoles !== undefined) throw new DomainError('training_required', 'Your roles become active once you are trained or your leader waives it (S0:466)', { roles });
    throw new DomainError('role_required', `This needs one of the roles: ${roles.join(', ')}`, { roles });
  }
}
