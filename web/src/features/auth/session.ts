import { computed, signal } from '@preact/signals';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Me } from '../../api.ts';
import type { DepotTier, Role } from '../../../../server/schemas/constants.ts';
import { adoptUserLocale } from '../../i18n/index.ts';
import { setDepotTimeZone } from '../../components/datetime.ts';
import { navigate } from '../../router.ts';

export const session = signal<Me | null>(null);
/** True until GET /api/auth/me has told whether a session exists. */
export const booting = signal(true);
/** Why the login screen is shown again: a lost session or an unreachable server. */
export const sessionNotice = signal<ApiProblem | null>(null);

export const isAdmin = computed(() => session.value?.user.roles.includes('admin') ?? false);

export const hasRole = (role: Role) => session.value?.user.roles.includes(role) ?? false;
/** A user writes only at its own depot; the screens offer actions there alone. */
export const atOwnDepot = (depotId: number) => session.value?.depot.id === depotId;
/** Township and village depots dispense to people (the server's default `dispensingTiers`). */
export const dispensesAt = (tier: DepotTier) => tier === 'township' || tier === 'village';
/** Region, city and county inspect goods on receipt (the server's default `goodsInInspectionTiers`). */
export const inspectsOnReceipt = (tier: DepotTier) => !dispensesAt(tier);

const endListeners: (() => void)[] = [];
/** Whose session was lost: the same user logging in again returns to the page they were on. */
let lostUserId: number | null = null;

/** Features register here to drop their cached reads when the session ends. */
export function onSessionEnd(listener: () => void) {
  endListeners.push(listener);
}

function adopt(me: Me) {
  api.setCsrfToken(me.csrfToken);
  adoptUserLocale(me.user.locale);
  setDepotTimeZone(me.timeZone);
  sessionNotice.value = null;
  session.value = me;
}

function end(notice: ApiProblem | null) {
  lostUserId = notice ? (session.value?.user.id ?? null) : null;
  api.setCsrfToken(null);
  for (const listener of endListeners) listener();
  sessionNotice.value = notice;
  session.value = null;
}

/** True while a changed password is taken into a new session: the old one ends with the change, and that is no lost session. */
let renewing = false;

api.onSessionLost(() => {
  if (session.value && !renewing) end(new api.ApiProblem('unauthenticated', 401, ''));
});

// A one-time password the app did not know of (reset while the page was open): the change-password screen takes over.
api.onPasswordChangeRequired(() => {
  if (session.value && !session.value.mustChangePassword) session.value = { ...session.value, mustChangePassword: true };
});

export async function boot() {
  try {
    adopt(await api.me());
  } catch (error) {
    const problem = toProblem(error);
    sessionNotice.value = problem.code === 'unauthenticated' ? null : problem;
  } finally {
    booting.value = false;
  }
}

/** Throws the ApiProblem (invalid_credentials, login_throttled, ...) for the form to show. */
export async function logIn(username: string, password: string) {
  const me = await api.login(username, password);
  if (lostUserId !== null && lostUserId !== me.user.id) navigate('#/', { replace: true });
  lostUserId = null;
  adopt(me);
}

/**
 * The user's own new password (PATCH /api/users/{own id}; it clears a one-time password). The
 * server ends every session of the user with it, this one too (S0:448): the app logs in again
 * with the new password, so that the user goes on where they were. Throws the ApiProblem of the
 * change for the form; if only the new login fails, the login screen asks for the new password.
 */
export async function changeOwnPassword(currentPassword: string, password: string) {
  const me = session.value;
  if (!me) return;
  renewing = true;
  try {
    await api.updateUser(me.user.id, { password, currentPassword });
    try {
      adopt(await api.login(me.user.username, password));
    } catch (error) {
      end(toProblem(error));
    }
  } finally {
    renewing = false;
  }
}

export async function logOut() {
  try {
    await api.logout();
  } catch {
    // the session is gone either way
  }
  end(null);
  navigate('#/', { replace: true });
}
