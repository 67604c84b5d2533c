import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/inspections.ts';
import { countUnreadFor, notificationParams } from '../../db/queries/notifications.ts';
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../auth/scope.ts';

/**
 * What the product told the roles a user holds at their own depot (a transfer waiting for a
 * leader, a write-off request, a suspected quality change, a failed pre-issue check below, a
 * shipment on its way, a reset password), newest first. A notification goes to a role; each of
 * its people reads it on their own. Each carries what its text names (`params`), so that every
 * language words it and the screen links to its document.
 */
export function listNotifications(deps: Deps, actor: Actor) {
  const rows = q.findNotificationsFor(deps.db, actor.depotId, actor.roles, actor.userId);
  const params = notificationParams(deps.db, rows);
  const items = rows.map((n, i) => ({ ...n, params: params[i]! }));
  return { items, unread: items.filter((n) => n.readAt === null).length };
}

/** The count of the bell, read every minute by every open app: one indexed count, no documents. */
export function countUnreadNotifications(deps: Deps, actor: Actor) {
  return { unread: countUnreadFor(deps.db, actor.depotId, actor.roles, actor.userId) };
}

/** Marks one notification read for the user; again is harmless. Only one addressed to a role the user holds at their depot. */
export function markNotificationRead(deps: Deps, actor: Actor, id: number) {
  const n = q.findNotification(deps.db, id);
  if (!n || n.depotId !== actor.depotId || !actor.roles.includes(n.role as Actor['roles'][number])) throw new DomainError('not_found', `No notification ${id} for you`);
  q.markNotificationRead(deps.db, id, actor.userId, deps.clock.now().toISOString());
  return listNotifications(deps, actor);
}
